import Testing

@testable import BacklashCore

@Suite struct CoordinationDetectorTests {
    static let start = 1_700_000_000.0
    static let day = 86_400.0
    let detector = CoordinationDetector()

    private func post(
        _ account: String, minute: Double, followers: Int64?, ageDays: Double?, verified: Bool? = nil,
        text: String = FlashmobTexts.russianOriginal
    ) -> CoordinationDetector.ClusterPost {
        let time = Self.start + minute * 60
        return CoordinationDetector.ClusterPost(
            accountID: account,
            traits: AccountTraits(
                followers: followers, accountCreatedAt: ageDays.map { time - $0 * Self.day }, verified: verified),
            time: time, signature: MinHashSignature(text: text))
    }

    /// Seven fresh accounts with a handful of followers post the same text within twelve minutes.
    private var blackPRCampaign: [CoordinationDetector.ClusterPost] {
        let followers: [Int64] = [0, 2, 4, 4, 7, 12, 3]
        let ages: [Double] = [3, 5, 2, 10, 7, 1, 45]
        let minutes: [Double] = [0, 1, 3, 4, 7, 9, 12]
        return (0..<7).map { number in
            post(
                "bot\(number)", minute: minutes[number], followers: followers[number], ageDays: ages[number],
                text: number.isMultiple(of: 2) ? FlashmobTexts.russianOriginal : FlashmobTexts.russianWithEmoji)
        }
    }

    /// The taxi story: an influencer's followers (real, aged accounts) copy or quote her post over an hour.
    private var taxiOrganicFlashmob: [CoordinationDetector.ClusterPost] {
        var posts = [post("influencer", minute: 0, followers: 48_000, ageDays: 2_900, verified: true)]
        let followers: [Int64] = [
            320, 1_200, 85, 40, 2_300, 610, 150, 12, 980, 4_100, 230, 75, 510, 33, 1_700, 260,
            90, 3_300, 140,
        ]
        for number in 0..<19 {
            let minute = Double(number + 1) * 3.2
            let ageDays = number == 4 || number == 11 ? 12.0 : 200 + Double(number) * 150
            let text =
                number.isMultiple(of: 2)
                ? FlashmobTexts.russianWithHandleOlga
                : "Подписываюсь под каждым словом, со мной было то же самое в прошлом месяце, верните людям деньги! "
                    + FlashmobTexts.russianOriginal
            posts.append(
                post(
                    "follower\(number)", minute: minute, followers: followers[number], ageDays: ageDays,
                    text: text))
        }
        return posts
    }

    @Test("a black-PR campaign of fresh low-follower accounts is flagged, with evidence a lead can read")
    func campaignFlagged() {
        let verdict = detector.assess(blackPRCampaign)
        #expect(verdict.flagged)
        #expect(verdict.score >= 0.8)
        #expect(verdict.evidence.contains("7 near-identical texts from 7 accounts in 12 min"))
        #expect(verdict.evidence.contains("6 of 7 accounts younger than 30 days"))
        #expect(verdict.evidence.contains("7 of 7 accounts with fewer than 50 followers"))
        #expect(verdict.evidence.contains("median followers 4"))
        #expect(verdict.measurements.medianFollowers == 4)
    }

    @Test("the verdict does not depend on the order posts arrive in")
    func orderIndependent() {
        let forward = detector.assess(blackPRCampaign)
        let backward = detector.assess(blackPRCampaign.reversed())
        #expect(forward == backward)
    }

    @Test("the taxi flashmob of real followers copying a real post over an hour is not flagged")
    func organicFlashmobNotFlagged() {
        let verdict = detector.assess(taxiOrganicFlashmob)
        #expect(!verdict.flagged)
        #expect(verdict.score < 0.5)
        #expect(verdict.measurements.accounts >= 5, "enough accounts: the accounts' traits decide, not the count")
        #expect(verdict.measurements.accountSuspicion < 0.3)
        #expect(verdict.evidence.last?.hasPrefix("does not look coordinated") == true)
    }

    @Test("four suspicious accounts are not enough, five are (default minimum 5)")
    func minimumAccounts() {
        let four = (0..<4).map { post("bot\($0)", minute: Double($0), followers: 1, ageDays: 2) }
        let verdict = detector.assess(four)
        #expect(!verdict.flagged)
        #expect(verdict.evidence.contains("only 4 accounts within 30 min; 5 are needed to suspect a campaign"))
        let five = four + [post("bot4", minute: 4, followers: 1, ageDays: 2)]
        #expect(detector.assess(five).flagged)
    }

    @Test("one account posting the same text seven times is one account, not a campaign")
    func repeatedAccount() {
        let posts = (0..<7).map { post("spammer", minute: Double($0), followers: 1, ageDays: 2) }
        let verdict = detector.assess(posts)
        #expect(!verdict.flagged)
        #expect(verdict.measurements.accounts == 1)
        #expect(verdict.evidence.contains("6 repeated posts by the same accounts counted once"))
    }

    @Test("an account 29 days old counts as young, one 31 days old does not")
    func ageBoundary() {
        let young = (0..<6).map { post("a\($0)", minute: Double($0), followers: 500, ageDays: 29) }
        let aged = (0..<6).map { post("a\($0)", minute: Double($0), followers: 500, ageDays: 31) }
        let youngVerdict = detector.assess(young)
        let agedVerdict = detector.assess(aged)
        #expect(youngVerdict.measurements.youngAccounts == 6)
        #expect(youngVerdict.flagged)
        #expect(agedVerdict.measurements.youngAccounts == 0)
        #expect(!agedVerdict.flagged)
    }

    @Test("49 followers is low, 50 is not")
    func followerBoundary() {
        let low = (0..<6).map { post("a\($0)", minute: Double($0), followers: 49, ageDays: nil) }
        let enough = (0..<6).map { post("a\($0)", minute: Double($0), followers: 50, ageDays: nil) }
        #expect(detector.assess(low).measurements.lowFollowerAccounts == 6)
        #expect(detector.assess(enough).measurements.lowFollowerAccounts == 0)
    }

    @Test("five copies spread over 31 minutes do not fit the 30-minute window, over 29 minutes they do")
    func windowBoundary() {
        let spread = [0.0, 8, 16, 24, 31].enumerated().map { post("b\($0.0)", minute: $0.1, followers: 2, ageDays: 3) }
        let tight = [0.0, 8, 16, 24, 29].enumerated().map { post("b\($0.0)", minute: $0.1, followers: 2, ageDays: 3) }
        #expect(!detector.assess(spread).flagged)
        #expect(detector.assess(spread).measurements.accounts == 4)
        #expect(detector.assess(tight).flagged)
    }

    @Test("verified accounts posting the same statement are not a campaign")
    func verifiedAccounts() {
        let posts = (0..<8).map { post("press\($0)", minute: Double($0), followers: 20, ageDays: 5, verified: true) }
        let verdict = detector.assess(posts)
        #expect(!verdict.flagged)
        #expect(verdict.evidence.contains("8 verified accounts"))
    }

    @Test("without account age or followers the detector does not accuse anyone")
    func unknownTraits() {
        let posts = (0..<10).map { post("anon\($0)", minute: Double($0) / 2, followers: nil, ageDays: nil) }
        let verdict = detector.assess(posts)
        #expect(!verdict.flagged)
        #expect(verdict.evidence.contains("account age unknown for all 10 accounts"))
    }

    @Test("different texts in one cluster are not counted as near-identical copies")
    func differentTexts() {
        let texts = [
            FlashmobTexts.russianOriginal, FlashmobTexts.russianUnrelatedLate,
            FlashmobTexts.russianUnrelatedCoupon, FlashmobTexts.englishOriginal, FlashmobTexts.englishUnrelated,
        ]
        let posts = texts.enumerated().map {
            post(
                "u\($0.0)", minute: Double($0.0), followers: 1, ageDays: 1,
                text: $0.1)
        }
        let verdict = detector.assess(posts)
        #expect(verdict.measurements.nearIdenticalPosts == 1)
        #expect(!verdict.flagged)
    }

    @Test("an empty cluster is not flagged")
    func emptyCluster() {
        #expect(!detector.assess([]).flagged)
    }

    @Test("the minimum number of accounts is configurable")
    func configurableMinimum() {
        var configuration = CoordinationDetector.Configuration()
        configuration.minimumAccounts = 8
        #expect(!CoordinationDetector(configuration: configuration).assess(blackPRCampaign).flagged)
    }

    @Test("on 200 generated clusters, precision and recall are both at least 0.9")
    func precisionAndRecall() {
        var generator = CoordinationClusterGenerator(seed: 20_240_601)
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        for number in 0..<200 {
            let start = Self.start + Double(number) * 86_400
            let cluster =
                number.isMultiple(of: 2)
                ? generator.campaign(start: start, id: number) : generator.organic(start: start, id: number)
            let flagged = detector.assess(cluster.posts).flagged
            switch (cluster.coordinated, flagged) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): break
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(
            "coordination on 200 synthetic clusters: precision \(precision), recall \(recall) "
                + "(tp \(truePositives), fp \(falsePositives), fn \(falseNegatives))")
        #expect(precision >= 0.9)
        #expect(recall >= 0.9)
    }
}
