import Testing

@testable import BacklashCore

@Suite struct InfluenceScorerTests {
    let scorer = InfluenceScorer(vipHandles: ["@apetrova": "high position"])
    static let now = 1_750_000_000.0
    static let day = 86_400.0

    static func profile(
        followers: Int = 500, verified: Bool = false, ageDays: Double? = 900, handle: String? = nil
    ) -> AuthorProfile {
        AuthorProfile(
            handle: handle, followers: followers, following: 300, verified: verified,
            accountCreatedAt: ageDays.map { now - $0 * day }, now: now)
    }

    @Test("a verified account with 120k followers is an opinion leader, and the reasons say why")
    func verifiedBigAccountScoresHigh() {
        let score = scorer.score(Self.profile(followers: 120_000, verified: true))
        #expect(score.value >= InfluenceScore.opinionLeaderThreshold)
        #expect(score.isOpinionLeader)
        #expect(score.reasons.contains("120k followers"))
        #expect(score.reasons.contains("verified"))
    }

    @Test("a 6-day-old account with 3 followers scores low and says how new it is")
    func newTinyAccountScoresLow() {
        let score = scorer.score(
            AuthorProfile(
                followers: 3, following: 250, accountCreatedAt: Self.now - 6 * Self.day, now: Self.now))
        #expect(score.value < 0.1)
        #expect(score.isLowReach)
        #expect(score.reasons.contains("account 6 days old"))
        #expect(score.reasons.contains("3 followers"))
        #expect(score.reasons.contains("follows 250, followed by 3"))
    }

    @Test("more followers never means less influence, and saturates near a million", arguments: [true, false])
    func followersAreMonotonic(verified: Bool) {
        var previous = -1.0
        for followers in [0, 1, 10, 100, 999, 1_000, 5_000, 50_000, 500_000, 1_000_000, 10_000_000] {
            let value = scorer.score(Self.profile(followers: followers, verified: verified)).value
            #expect(value >= previous, "\(followers) followers")
            previous = value
        }
        let million = scorer.score(Self.profile(followers: 1_000_000)).value
        let tenMillion = scorer.score(Self.profile(followers: 10_000_000)).value
        #expect(tenMillion - million < 0.01)
    }

    @Test("verification raises influence", arguments: [10, 1_000, 100_000])
    func verifiedIsHigher(followers: Int) {
        let plain = scorer.score(Self.profile(followers: followers)).value
        let verified = scorer.score(Self.profile(followers: followers, verified: true)).value
        #expect(verified > plain)
    }

    @Test("engagement is shrunk toward the prior: one viral post counts less than a steady record")
    func engagementShrinksTowardPrior() {
        func score(interactions: Int, posts: Int) -> Double {
            scorer.score(
                AuthorProfile(followers: 2_000, now: Self.now, likes: interactions, postsObserved: posts)
            ).value
        }
        let onePost = score(interactions: 500, posts: 1)
        let manyPosts = score(interactions: 50_000, posts: 100)
        let nothingObserved = score(interactions: 0, posts: 0)
        #expect(onePost > nothingObserved)
        #expect(manyPosts > onePost)
    }

    @Test("a VIP handle or note makes an opinion leader whatever the follower count")
    func vipMakesOpinionLeader() {
        let byHandle = scorer.score(Self.profile(followers: 40, handle: "APetrova"))
        #expect(byHandle.isOpinionLeader)
        #expect(byHandle.reasons.contains("VIP: high position"))
        var journalist = Self.profile(followers: 40)
        journalist.vipNote = "journalist"
        let byNote = scorer.score(journalist)
        #expect(byNote.value >= InfluenceScore.opinionLeaderThreshold)
        #expect(byNote.vipNote == "journalist")
    }

    @Test("history with the company is listed and adds a little")
    func historyCounts() {
        var profile = Self.profile(followers: 300)
        let before = scorer.score(profile).value
        profile.priorComplaints = 3
        profile.priorIncidents = 1
        let after = scorer.score(profile)
        #expect(after.value > before)
        #expect(after.reasons.contains("3 earlier complaints"))
        #expect(after.reasons.contains("1 earlier incident"))
    }

    @Test("follower counts read like a person would say them")
    func followerWording() {
        #expect(InfluenceScorer.describeFollowers(1) == "1 follower")
        #expect(InfluenceScorer.describeFollowers(9_999) == "9999 followers")
        #expect(InfluenceScorer.describeFollowers(12_500) == "12.5k followers")
        #expect(InfluenceScorer.describeFollowers(120_400) == "120k followers")
        #expect(InfluenceScorer.describeFollowers(1_500_000) == "1.5M followers")
    }
}
