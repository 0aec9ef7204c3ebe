import Foundation

/// Scores how far an author's voice carries: followers, engagement, verification, role and history.
public struct InfluenceScorer: Sendable {
    /// Known important people by handle (without "@", lowercased) with their role ("journalist").
    public var vipHandles: [String: String]
    /// Followers at which the follower part of the score saturates.
    public var followerSaturation: Double = 1_000_000
    /// Interactions per post assumed before any post is observed.
    public var engagementPrior: Double = 2
    /// How many posts' worth of weight the prior has: few observed posts stay close to it.
    public var engagementPseudoPosts: Double = 5
    /// Interactions per post at which the engagement part saturates.
    public var engagementSaturation: Double = 1_000
    /// Accounts younger than this many days count as new and weigh less.
    public var newAccountDays: Double = 30

    /// Creates a scorer; `vipHandles` maps handles ("@apetrova" or "apetrova") to a role.
    public init(vipHandles: [String: String] = [:]) {
        var normalized: [String: String] = [:]
        for (handle, note) in vipHandles { normalized[Self.normalize(handle)] = note }
        self.vipHandles = normalized
    }

    /// Scores one author.
    public func score(_ profile: AuthorProfile) -> InfluenceScore {
        var reasons: [String] = []
        let followers = max(0, profile.followers)
        let reach = min(1, log10(1 + Double(followers)) / log10(1 + followerSaturation))
        reasons.append(Self.describeFollowers(followers))

        let interactions = Double(max(0, profile.likes) + 2 * max(0, profile.reposts) + max(0, profile.replies))
        let posts = Double(max(0, profile.postsObserved))
        let perPost = (interactions + engagementPrior * engagementPseudoPosts) / (posts + engagementPseudoPosts)
        let engagement = min(1, log10(1 + perPost) / log10(1 + engagementSaturation))
        if profile.postsObserved > 0 {
            let plural = profile.postsObserved == 1 ? "post" : "posts"
            reasons.append("≈\(Int(perPost.rounded())) interactions per post over \(profile.postsObserved) \(plural)")
        }

        var value = 0.6 * reach + 0.25 * engagement
        if profile.verified {
            value += 0.15
            reasons.append("verified")
        }
        if profile.priorIncidents > 0 {
            value += min(0.1, 0.05 * Double(profile.priorIncidents))
            reasons.append(Self.count(profile.priorIncidents, "earlier incident"))
        }
        if profile.priorComplaints > 0 {
            value += min(0.06, 0.02 * Double(profile.priorComplaints))
            reasons.append(Self.count(profile.priorComplaints, "earlier complaint"))
        }
        let age = profile.accountAgeDays
        if let age, age < newAccountDays {
            value *= 0.4 + 0.6 * age / newAccountDays
            reasons.append("account \(Self.count(Int(age.rounded(.down)), "day")) old")
        }
        if followers < 1_000 && profile.following >= 10 * max(followers, 1) {
            value *= 0.8
            reasons.append("follows \(profile.following), followed by \(followers)")
        }
        let vip = profile.vipNote ?? profile.handle.flatMap { vipHandles[Self.normalize($0)] }
        if let vip {
            value = max(value, Self.vipFloor) + 0.15
            reasons.append("VIP: \(vip)")
        }
        return InfluenceScore(
            value: min(1, max(0, value)), reasons: reasons, followers: followers, verified: profile.verified,
            accountAgeDays: age, vipNote: vip)
    }

    /// The least score of an author with a VIP role, before the VIP bonus.
    static let vipFloor = 0.6

    static func normalize(_ handle: String) -> String {
        var handle = Substring(handle)
        while handle.first == "@" { handle = handle.dropFirst() }
        return handle.lowercased()
    }

    /// "3 followers", "120k followers", "1.5M followers".
    static func describeFollowers(_ followers: Int) -> String {
        switch followers {
        case 1: return "1 follower"
        case ..<10_000: return "\(followers) followers"
        case ..<1_000_000:
            let thousands = Double(followers) / 1_000
            return followers < 100_000 ? "\(Self.oneDecimal(thousands))k followers" : "\(Int(thousands))k followers"
        default: return "\(Self.oneDecimal(Double(followers) / 1_000_000))M followers"
        }
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded(.down))
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }
}
