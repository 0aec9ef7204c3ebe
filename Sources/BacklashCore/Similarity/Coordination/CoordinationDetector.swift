/// Tells a coordinated campaign (seed 000, "черный PR": many near-identical texts from new, low-follower accounts in
/// a short window) from an organic flashmob (followers of a real author copying or quoting her post: accounts of
/// mixed ages with real audiences, spread over time, often in their own words).
///
/// The detector looks at the largest group of near-identical texts in the cluster, finds its densest stretch inside
/// `window`, and scores the distinct accounts there. The verdict changes the playbook; it never hides an incident.
public struct CoordinationDetector: Sendable {
    /// One post of a near-duplicate cluster.
    public struct ClusterPost: Sendable, Hashable {
        /// The platform's id of the author.
        public var accountID: String
        /// What is known about the author.
        public var traits: AccountTraits
        /// When the post was written, seconds since the Unix epoch.
        public var time: Double
        /// The signature of its text.
        public var signature: MinHashSignature

        /// Creates a cluster post.
        public init(accountID: String, traits: AccountTraits, time: Double, signature: MinHashSignature) {
            self.accountID = accountID
            self.traits = traits
            self.time = time
            self.signature = signature
        }
    }

    /// Limits the detector works with; the defaults follow seed 000.
    public struct Configuration: Sendable, Hashable {
        /// Distinct accounts that must post near-identical texts inside the window.
        public var minimumAccounts: Int = 5
        /// The window, in seconds, the copies must fit in.
        public var window: Double = 30 * 60
        /// Accounts younger than this many seconds when they posted count as young.
        public var youngAccountAge: Double = 30 * 86_400
        /// Accounts with fewer followers than this count as low-follower.
        public var lowFollowerCount: Int64 = 50
        /// Similarity to one of a group's earliest texts from which a post counts as a copy of it.
        public var nearIdenticalSimilarity: Double = 0.6
        /// Mean account suspicion needed to flag (young or low-follower accounts must dominate).
        public var minimumAccountSuspicion: Double = 0.45
        /// Score needed to flag.
        public var flagScore: Double = 0.5

        /// Creates the default configuration.
        public init() {}
    }

    /// The limits in use.
    public var configuration: Configuration

    /// Creates a detector.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Judges a cluster of near-duplicate posts.
    public func assess(_ posts: [ClusterPost]) -> CoordinationVerdict {
        var evidence = CoordinationEvidence()
        evidence.clusterPosts = posts.count
        let sorted = posts.sorted { ($0.time, $0.accountID) < ($1.time, $1.accountID) }
        let group = largestNearIdenticalGroup(sorted)
        evidence.nearIdenticalPosts = group.members.count
        guard let representative = group.members.first else {
            return CoordinationVerdict(
                flagged: false, score: 0, evidence: ["no texts with words to compare"], measurements: evidence)
        }
        evidence.groupSeconds = (group.members.last?.time ?? representative.time) - representative.time

        var seenAccounts = Set<String>()
        let firstPerAccount = group.members.filter { seenAccounts.insert($0.accountID).inserted }
        let burst = densestBurst(firstPerAccount)
        let burstStart = burst.first?.time ?? representative.time
        let burstAccounts = Set(burst.map(\.accountID))
        let burstPosts = group.members.filter {
            burstAccounts.contains($0.accountID) && $0.time >= burstStart
                && $0.time <= burstStart + configuration.window
        }
        evidence.accounts = burst.count
        evidence.burstPosts = burstPosts.count
        evidence.burstSeconds = (burstPosts.last?.time ?? burstStart) - burstStart
        measureAccounts(burst, into: &evidence)
        evidence.verbatimShare =
            burst.map { verbatimness($0.signature.estimatedJaccard(representative.signature)) }
            .reduce(0, +) / Double(max(1, burst.count))
        evidence.compactness = burstPosts.count < 2 ? 0 : max(0, 1 - evidence.burstSeconds / configuration.window)

        var score = 0.7 * evidence.accountSuspicion + 0.15 * evidence.verbatimShare + 0.15 * evidence.compactness
        let enoughAccounts = evidence.accounts >= configuration.minimumAccounts
        if !enoughAccounts {
            score *= Double(evidence.accounts) / Double(max(1, configuration.minimumAccounts))
        }
        let flagged =
            enoughAccounts && evidence.accountSuspicion >= configuration.minimumAccountSuspicion
            && score >= configuration.flagScore
        return CoordinationVerdict(
            flagged: flagged, score: score, evidence: sentences(evidence, score: score, flagged: flagged),
            measurements: evidence)
    }

    private struct Group {
        var members: [ClusterPost]
    }

    /// Members of a group a new post is compared with: the earliest few, so copies of copies still join.
    private static let comparedMembers = 8

    /// Groups posts greedily in time order: a post joins the group whose earliest members it resembles most, if it
    /// resembles them enough. Returns the largest group (the earliest on ties).
    private func largestNearIdenticalGroup(_ posts: [ClusterPost]) -> Group {
        let maximumGroups = 256
        var groups: [Group] = []
        for post in posts where !post.signature.isEmpty {
            var bestIndex: Int?
            var bestSimilarity = configuration.nearIdenticalSimilarity
            groupsLoop: for index in groups.indices {
                var similarity = 0.0
                for member in groups[index].members.prefix(Self.comparedMembers) {
                    similarity = max(similarity, post.signature.estimatedJaccard(member.signature))
                    if similarity >= 1 { break }
                }
                if similarity >= bestSimilarity && (bestIndex == nil || similarity > bestSimilarity) {
                    bestIndex = index
                    bestSimilarity = similarity
                    // Nothing resembles it more than a verbatim copy, and a later group could only tie: a pasted
                    // text (most of a flashmob) costs one comparison, not one per member and group.
                    if similarity >= 1 { break groupsLoop }
                }
            }
            if let bestIndex {
                groups[bestIndex].members.append(post)
            } else if groups.count < maximumGroups {
                groups.append(Group(members: [post]))
            }
        }
        var largest = Group(members: [])
        for group in groups where group.members.count > largest.members.count {
            largest = group
        }
        return largest
    }

    /// The largest run of time-sorted posts that fits in the window (the earliest such run on ties).
    private func densestBurst(_ posts: [ClusterPost]) -> ArraySlice<ClusterPost> {
        guard !posts.isEmpty else { return [] }
        var best = 0..<1
        var start = 0
        for end in posts.indices {
            while posts[end].time - posts[start].time > configuration.window {
                start += 1
            }
            if end + 1 - start > best.count {
                best = start..<(end + 1)
            }
        }
        return posts[best]
    }

    private func measureAccounts(_ burst: ArraySlice<ClusterPost>, into evidence: inout CoordinationEvidence) {
        var followers: [Int64] = []
        var suspicionTotal = 0.0
        for post in burst {
            let traits = post.traits
            let age = traits.age(at: post.time)
            let young = age.map { $0 < configuration.youngAccountAge } ?? false
            let low = traits.followers.map { $0 < configuration.lowFollowerCount } ?? false
            if age != nil { evidence.accountsWithKnownAge += 1 }
            if young { evidence.youngAccounts += 1 }
            if let count = traits.followers {
                evidence.accountsWithKnownFollowers += 1
                followers.append(count)
            }
            if low { evidence.lowFollowerAccounts += 1 }
            if traits.verified == true { evidence.verifiedAccounts += 1 }
            suspicionTotal += suspicion(
                verified: traits.verified == true, young: young, low: low, ageKnown: age != nil,
                followersKnown: traits.followers != nil)
        }
        evidence.accountSuspicion = burst.isEmpty ? 0 : suspicionTotal / Double(burst.count)
        if !followers.isEmpty {
            followers.sort()
            let middle = followers.count / 2
            evidence.medianFollowers =
                followers.count % 2 == 1
                ? followers[middle] : (followers[middle - 1] + followers[middle]) / 2
        }
    }

    /// How suspicious one account is, 0–1: young and few followers 1, young 0.75, few followers 0.5 (0.4 when the
    /// account is known to be old: many real people have few followers), unknown traits a little, verified none.
    private func suspicion(verified: Bool, young: Bool, low: Bool, ageKnown: Bool, followersKnown: Bool) -> Double {
        if verified { return 0 }
        if young && low { return 1 }
        if young { return 0.75 }
        if low { return ageKnown ? 0.4 : 0.5 }
        switch (ageKnown, followersKnown) {
        case (false, false): return 0.3
        case (true, true): return 0
        default: return 0.1
        }
    }

    /// Maps a similarity to how verbatim a copy is: 0.6 or less → 0, 1 → 1.
    private func verbatimness(_ similarity: Double) -> Double {
        min(1, max(0, (similarity - 0.6) / 0.4))
    }

    private func sentences(_ evidence: CoordinationEvidence, score: Double, flagged: Bool) -> [String] {
        var lines: [String] = []
        let window = Self.duration(configuration.window)
        let texts = Self.count(evidence.burstPosts, "near-identical text")
        lines.append("\(texts) from \(Self.count(evidence.accounts, "account")) \(Self.span(evidence.burstSeconds))")
        if evidence.nearIdenticalPosts > evidence.burstPosts {
            lines.append(
                "\(evidence.nearIdenticalPosts) near-identical texts in all, \(Self.span(evidence.groupSeconds))")
        }
        if evidence.accounts < configuration.minimumAccounts {
            lines.append(
                "only \(Self.count(evidence.accounts, "account")) within \(window); "
                    + "\(configuration.minimumAccounts) are needed to suspect a campaign")
        }
        let days = Int((configuration.youngAccountAge / 86_400).rounded())
        if evidence.accountsWithKnownAge > 0 {
            var line = "\(evidence.youngAccounts) of \(evidence.accounts) accounts younger than \(days) days"
            let unknown = evidence.accounts - evidence.accountsWithKnownAge
            if unknown > 0 { line += " (age unknown for \(unknown))" }
            lines.append(line)
        } else {
            lines.append("account age unknown for all \(evidence.accounts) accounts")
        }
        if evidence.accountsWithKnownFollowers > 0 {
            lines.append(
                "\(evidence.lowFollowerAccounts) of \(evidence.accounts) accounts with fewer than "
                    + "\(configuration.lowFollowerCount) followers")
        }
        if let median = evidence.medianFollowers {
            lines.append("median followers \(median)")
        }
        if evidence.verifiedAccounts > 0 {
            lines.append(Self.count(evidence.verifiedAccounts, "verified account"))
        }
        if evidence.burstPosts > evidence.accounts {
            lines.append("\(evidence.burstPosts - evidence.accounts) repeated posts by the same accounts counted once")
        }
        let scoreText = Self.twoDecimals(score)
        let limitText = Self.twoDecimals(configuration.flagScore)
        lines.append(
            flagged
                ? "looks coordinated (score \(scoreText) ≥ \(limitText)): change the playbook, keep the incident"
                : "does not look coordinated (score \(scoreText), flagged from \(limitText))")
        return lines
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func span(_ seconds: Double) -> String {
        seconds < 60 ? "within a minute" : "in \(duration(seconds))"
    }

    private static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 120 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    private static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
