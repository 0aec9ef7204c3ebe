import Foundation

/// One cascade inside a group: its root's time and audience and the forecast tracker of its reshares.
struct CascadeInfo: Sendable {
    var rootTime: Double
    var rootFollowers: Double
    var tracker: CascadeTracker
    /// Reshares kept to rebuild the tracker when a late root changes the cascade's start (capped).
    var shares: [CascadeShare] = []
    var replies = 0
    var countedReshares = 0
    /// Created by a child that arrived before its root; the root's own details fill it in.
    var placeholder = false
    /// This cascade's last computed contribution to the group's reach (so quiet cascades cost nothing).
    var contribution = Contribution()

    struct Contribution: Sendable {
        var reach = 0.0
        var low = 0.0
        var high = 0.0
        var unbounded = false
    }

    init(rootTime: Double, rootFollowers: Double) {
        self.rootTime = rootTime
        self.rootFollowers = rootFollowers
        tracker = CascadeTracker(rootFollowers: rootFollowers)
    }

    mutating func rebuild() {
        tracker = CascadeTracker(rootFollowers: rootFollowers)
        for s in shares.sorted(by: { $0.secondsSinceRoot < $1.secondsSinceRoot }) {
            tracker.addShare(at: max(0, s.secondsSinceRoot), followers: s.followers)
        }
    }
}

/// A grievance being watched: its cascades, copies, who it names, and whether it is already an incident.
struct DetectionGroup: Sendable {
    let id: Int
    var incidentID: Int?
    var mergedInto: Int?
    var mergedIncidents: [Int] = []
    var closed = false
    var postsAtClose = 0
    var rootKey: PostKey
    var rootText: String
    var rootTone: ToneAnalysis
    var rootInfluence: InfluenceScore
    var rootAuthorComplaints: Int
    var rootAuthorID: String
    var firstPostAt: Double
    var lastPostAt: Double
    var cascades: [PostTag: CascadeInfo] = [:]
    /// Small, quiet cascades folded out of `cascades` once a group holds more than `maximumTrackedCascades` (a
    /// flashmob of 200,000 pasted copies): their last contribution stays in the sums, their new posts add only what
    /// was seen, and their forecast trackers are freed.
    var folded: [PostTag: CascadeInfo.Contribution] = [:]
    var postCount = 0
    var reshareCount = 0
    var audience = 0.0
    var postTimes: [Double] = []
    var allPostKeys: [PostKey] = []
    var negativeSum = 0.0
    /// Posts with words of their own (not plain reposts): the ones whose tone counts.
    var authoredPosts = 0
    var complaintPosts = 0
    var maxInfluence: InfluenceScore
    var platforms: Set<String> = []
    var channels: Set<String> = []
    var topics: Set<String> = []
    var named: [String: [String]] = [:]
    var namedForms: [String: Set<String>] = [:]
    var announcedNames: Set<String> = []
    var announcedCoordination = false
    /// Ids this group put in the near-duplicate index and the exact texts it owns: dropped with it when forgotten.
    var textIDs: [String] = []
    var exactTexts: [UInt64] = []
    /// When the detector last touched the group (its place in the quiet-first queue).
    var lastTouch = 0
    var copies: [CoordinationDetector.ClusterPost] = [] {
        didSet { copiesVersion &+= 1 }
    }
    /// Counts changes to `copies` (one a copy appended), so the coordination verdict is taken again as they change.
    var copiesVersion = 0
    var coordinationVerdict: (copies: Int, verdict: CoordinationVerdict?)?
    var portraitOfRoot: (root: PostKey, portrait: PortraitAssessment)?
    var lastEmitted: IncidentAssessment?
    /// Cascades changed since the last assessment; only these (and the main one) are re-forecast.
    var dirty: Set<PostTag> = []
    var mainCascade: PostTag?
    var reachSum = 0.0
    var lowSum = 0.0
    var highSum = 0.0
    var unboundedCascades = 0
    static let maximumCopies = 400
    static let maximumTrackedCascades = 4096
    static let maximumFoldedCascades = 16_384

    init(id: Int, first: Post, tone: ToneAnalysis, influence: InfluenceScore, signature: MinHashSignature) {
        self.id = id
        rootKey = first.key
        rootText = first.text
        rootTone = tone
        rootInfluence = influence
        rootAuthorComplaints = 0
        rootAuthorID = first.author.id
        firstPostAt = first.createdAt
        lastPostAt = first.createdAt
        maxInfluence = influence
        copies = [CoordinationDetector.ClusterPost(
            accountID: first.author.id,
            traits: AccountTraits(
                followers: first.author.followers, following: first.author.following,
                accountCreatedAt: first.author.createdAt, verified: first.author.verified),
            time: first.createdAt, signature: signature)]
    }

    /// A group that only forwards to the one it was merged into.
    static func forwarding(_ id: Int, to target: Int, lastPostAt: Double) -> DetectionGroup {
        var g = DetectionGroup(
            id: id,
            first: Post(platform: "-", id: "-", author: Author(id: "-"), text: "", createdAt: lastPostAt),
            tone: ToneAnalyzer().analyze(""), influence: InfluenceScorer().score(AuthorProfile(now: lastPostAt)),
            signature: MinHashSignature(text: ""))
        g.mergedInto = target
        g.copies = []
        return g
    }

    /// Whether the group is a complaint at all (praise and neutral chatter never open incidents).
    var isGrievance: Bool { complaintPosts > 0 }

    mutating func fillRoot(_ post: Post, tag: PostTag, tone: ToneAnalysis, influence: InfluenceScore) {
        guard var c = cascades.removeValue(forKey: tag) else { return }
        c.placeholder = false
        c.rootTime = post.createdAt
        c.rootFollowers = Double(post.author.followers ?? 0)
        for i in c.shares.indices { c.shares[i].secondsSinceRoot = max(0, c.shares[i].secondsSinceRoot) }
        c.rebuild()
        cascades[tag] = c
        dirty.insert(tag)
        if post.createdAt <= firstPostAt {
            rootKey = post.key
            rootText = post.text
            rootTone = tone
            rootInfluence = influence
            rootAuthorID = post.author.id
            firstPostAt = post.createdAt
        }
    }

    mutating func add(
        _ post: Post, tag: PostTag, cascadeRoot: PostTag, isReshare: Bool, tone: ToneAnalysis, influence: InfluenceScore
    ) {
        postCount += 1
        allPostKeys.append(post.key)
        if allPostKeys.count > 5000 { allPostKeys.removeFirst(1000) }
        postTimes.append(post.createdAt)
        if postTimes.count > 4096 { postTimes.removeFirst(1024) }
        firstPostAt = min(firstPostAt, post.createdAt)
        lastPostAt = max(lastPostAt, post.createdAt)
        platforms.insert(post.platform)
        if let ch = post.channel { channels.insert(ch.rawValue) }
        let followers = Double(post.author.followers ?? 0)
        audience += followers
        if influence.value > maxInfluence.value { maxInfluence = influence }
        // A bare repost ("RT", a few words) carries the tone of what it reposts, not its own: judged by its words,
        // "RT" reads as a terse problem report and made reposts of a thank-you post a complaint.
        let bareRepost = post.repostOf != nil && post.text.hasAtMost(29)
        let negative = !bareRepost && (tone.valence < -0.05 || (tone.requestType == .problem && tone.valence <= 0))
        if negative || isReshare && complaintPosts > 0 { complaintPosts += 1 }
        if !bareRepost {
            authoredPosts += 1
            // A complaint is negative even when its words are neutral ("списали деньги до поездки"): its emotion counts.
            let complaint = tone.valence < 0 || (tone.requestType == .problem && tone.valence <= 0.05)
            negativeSum += max(0, -tone.valence) + (complaint ? 0.15 + tone.emotionality * 0.5 : 0)
        }

        if var contribution = folded[cascadeRoot] {
            // A folded cascade keeps no tracker: what this post exposes is added as seen, not forecast.
            if isReshare && cascadeRoot != tag { reshareCount += 1 }
            contribution.reach += followers
            contribution.low += followers
            if !contribution.unbounded { contribution.high += followers }
            reachSum += followers
            lowSum += followers
            if !contribution.unbounded { highSum += followers }
            folded[cascadeRoot] = contribution
            return
        }
        // Taken out while changed, so appending a share does not copy the cascade's share list.
        var cascade = cascades.removeValue(forKey: cascadeRoot)
            ?? CascadeInfo(rootTime: post.createdAt, rootFollowers: followers)
        if cascadeRoot == tag {
            if cascade.placeholder {
                cascade.placeholder = false
                cascade.rootTime = post.createdAt
                cascade.rootFollowers = followers
                cascade.rebuild()
            }
        } else if isReshare {
            reshareCount += 1
            let share = CascadeShare(secondsSinceRoot: post.createdAt - cascade.rootTime, followers: followers)
            if cascade.shares.count < 20_000 { cascade.shares.append(share) }
            if share.secondsSinceRoot >= cascade.tracker.now {
                cascade.tracker.addShare(at: max(0, share.secondsSinceRoot), followers: followers)
            } else {
                cascade.rebuild()
            }
        } else {
            cascade.replies += 1
        }
        if let reposts = post.metrics?.reposts, cascadeRoot == tag, Int(reposts) > cascade.tracker.reshares {
            cascade.tracker.observeCounts(
                at: max(0, post.observationTime - cascade.rootTime), reshares: Int(reposts))
        }
        cascades[cascadeRoot] = cascade
        dirty.insert(cascadeRoot)
        if let main = mainCascade, let m = cascades[main] {
            if cascade.tracker.reshares > m.tracker.reshares { mainCascade = cascadeRoot }
        } else {
            mainCascade = cascadeRoot
        }
    }

    mutating func absorb(_ other: DetectionGroup) {
        for (k, c) in other.cascades where cascades[k] == nil {
            cascades[k] = c
            dirty.insert(k)
            reachSum += c.contribution.reach
            lowSum += c.contribution.low
            highSum += c.contribution.high
            if c.contribution.unbounded { unboundedCascades += 1 }
            if let main = mainCascade, let m = cascades[main], c.tracker.reshares > m.tracker.reshares {
                mainCascade = k
            }
        }
        for (k, c) in other.folded where cascades[k] == nil && folded[k] == nil {
            folded[k] = c
            reachSum += c.reach
            lowSum += c.low
            highSum += c.high
            if c.unbounded { unboundedCascades += 1 }
        }
        postCount += other.postCount
        reshareCount += other.reshareCount
        audience += other.audience
        postTimes = (postTimes + other.postTimes).sorted().suffix(4096)
        allPostKeys += other.allPostKeys
        negativeSum += other.negativeSum
        authoredPosts += other.authoredPosts
        complaintPosts += other.complaintPosts
        if other.maxInfluence.value > maxInfluence.value { maxInfluence = other.maxInfluence }
        if other.firstPostAt < firstPostAt {
            firstPostAt = other.firstPostAt
            rootKey = other.rootKey
            rootText = other.rootText
            rootTone = other.rootTone
            rootInfluence = other.rootInfluence
        }
        lastPostAt = max(lastPostAt, other.lastPostAt)
        platforms.formUnion(other.platforms)
        channels.formUnion(other.channels)
        topics.formUnion(other.topics)
        for (m, keys) in other.named { named[m, default: []] += keys }
        for (m, forms) in other.namedForms { namedForms[m, default: []].formUnion(forms) }
        textIDs += other.textIDs
        exactTexts += other.exactTexts
        copies += other.copies
        if copies.count > Self.maximumCopies { copies.removeFirst(copies.count - Self.maximumCopies) }
        coordinationVerdict = nil  // a merge brings other copies at once: judged again at the next assessment
    }

    /// What the score is made of at one moment (forecast, velocity, negativity): cheap enough to take for every
    /// touched group each batch, before deciding whether the group needs its full assessment.
    struct Measure {
        var clock: Double
        var main: ViralityForecast?
        var reach: Double
        var reachLow: Double
        var reachHigh: Double?
        var probability: Double
        var recent: Int
        var earlier: Int
        var score: Double
    }

    /// Scores the group now: forecast, influence, velocity, negativity, the crowd naming someone.
    mutating func measure(now: Double, settings: DetectionSettings) -> Measure {
        let clock = max(now, lastPostAt)
        var main: ViralityForecast?
        var refresh = dirty
        if let m = mainCascade { refresh.insert(m) }
        dirty = []
        for key in refresh {
            guard var c = cascades.removeValue(forKey: key) else { continue }
            let f = c.tracker.forecast(at: max(0, clock - c.rootTime))
            let perReshare = max(c.tracker.meanFollowersEstimate, 1)
            let seen = c.rootFollowers + c.tracker.audience
            // An explosive cascade has no finite forecast: count what is certain and leave the top open.
            let forecastReach = f.reachForecast.isFinite ? f.reachForecast : seen
            let lowReach = f.low.isFinite ? c.rootFollowers + f.low * perReshare : seen
            var next = CascadeInfo.Contribution()
            next.reach = max(forecastReach, seen)
            next.low = max(seen, lowReach)
            next.unbounded = f.explosive || !f.reachForecast.isFinite || !f.high.isFinite
            next.high = next.unbounded ? 0 : c.rootFollowers + f.high * perReshare
            reachSum += next.reach - c.contribution.reach
            lowSum += next.low - c.contribution.low
            highSum += next.high - c.contribution.high
            unboundedCascades += (next.unbounded ? 1 : 0) - (c.contribution.unbounded ? 1 : 0)
            c.contribution = next
            cascades[key] = c
            if key == mainCascade { main = f }
        }
        foldQuietCascades()
        var reach = reachSum
        var reachLow = lowSum
        var reachHigh: Double? = unboundedCascades > 0 ? nil : highSum
        reach = max(reach.isFinite ? reach : audience, audience)
        reachLow = min(reachLow.isFinite ? reachLow : audience, reach)
        if let h = reachHigh { reachHigh = max(h, reach) }
        let perReshare = max(audience / Double(max(postCount, 1)), 1)
        let probability: Double
        if audience >= settings.reachThreshold {
            probability = 1
        } else if let main {
            probability = main.probabilityFinalAbove(max(0, (settings.reachThreshold - audience) / perReshare))
        } else {
            probability = 0
        }
        var recent = 0
        var earlier = 0
        for t in postTimes where t > clock - 2 * settings.velocityWindow {
            if t > clock - settings.velocityWindow { recent += 1 } else { earlier += 1 }
        }
        let negativity = min(1, negativeSum / Double(max(authoredPosts, 1)))

        func clamp(_ x: Double) -> Double { min(1, max(0, x)) }
        let k = max(settings.reachThreshold, 2000)
        let sReach = clamp(log10(max(reach, 1) / 1000) / (log10(k / 1000) + 1))
        let sInfluence = maxInfluence.value
        let sVelocity = clamp(log2(max(Double(recent), 1) / 2) / 4)
        let sNamed = named.isEmpty ? 0.0 : 1.0
        var keep = 1.0
        for (w, s) in [(0.5, sReach), (0.45, sInfluence), (0.4, sVelocity), (0.5, probability), (0.25, sNamed)] {
            keep *= 1 - w * s
        }
        let gate = 0.35 + 0.65 * clamp(negativity * 1.5 + (complaintPosts > 0 ? 0.2 : 0))
        return Measure(
            clock: clock, main: main, reach: reach, reachLow: reachLow, reachHigh: reachHigh,
            probability: probability, recent: recent, earlier: earlier, score: (1 - keep) * gate)
    }

    /// Scores the group now and explains the score (reasons, coordination, portrait, playbook).
    mutating func assessment(
        now: Double, settings: DetectionSettings, coordination: CoordinationDetector, portraits: PortraitClassifier
    ) -> IncidentAssessment {
        assessment(measure(now: now, settings: settings), settings: settings, coordination: coordination,
            portraits: portraits)
    }

    /// The full assessment from a measure taken just before.
    mutating func assessment(
        _ m: Measure, settings: DetectionSettings, coordination: CoordinationDetector, portraits: PortraitClassifier
    ) -> IncidentAssessment {
        let main = m.main
        var reasons: [String] = []
        if maxInfluence.value >= 0.3 {
            reasons.append("author " + maxInfluence.reasons.prefix(2).joined(separator: ", ")
                + String(format: " (influence %.2f)", maxInfluence.value))
        }
        if m.probability >= 0.05 {
            reasons.append(String(format: "P(reach>%@)=%.2f", Self.compact(settings.reachThreshold), m.probability))
        }
        reasons.append("reach forecast \(Self.compact(m.reach)) (audience so far \(Self.compact(audience)))")
        if m.recent >= 3 {
            reasons.append(m.earlier > 0 && m.recent >= 2 * m.earlier
                ? "\(m.recent) posts in \(Int(settings.velocityWindow / 60)) min, up from \(m.earlier)"
                : "\(m.recent) posts in the last \(Int(settings.velocityWindow / 60)) min")
        }
        if reshareCount > 0 { reasons.append("\(reshareCount) reposts/quotes") }
        if let main, main.explosive { reasons.append("the main cascade is growing explosively (p·n* ≥ 1)") }
        if !named.isEmpty {
            reasons.append("the crowd names " + named.keys.sorted().joined(separator: ", "))
        }
        if rootTone.reaction == .spontaneous {
            reasons.append("spontaneous, emotional: " + rootTone.markers.prefix(3).joined(separator: ", "))
        } else if rootTone.valence < 0 {
            reasons.append("weighed complaint: " + rootTone.markers.prefix(2).joined(separator: ", "))
        }
        // The verdict depends on the copies alone: taken again when an eighth of them are new since it was taken
        // (every change while they are few). A storm's copies change every batch, and judging the whole window of
        // up to `maximumCopies` each time was a third of the detector's work on a flashmob.
        if let last = coordinationVerdict?.copies, copiesVersion &- last < max(1, copies.count / 8) {
            // still current enough
        } else {
            coordinationVerdict = (copiesVersion, copies.count >= 3 ? coordination.assess(copies) : nil)
        }
        let verdict = coordinationVerdict?.verdict
        let coordinated = verdict?.flagged ?? false
        if coordinated { reasons.append("possible coordinated campaign") }

        // The portrait is the root's: classified again only when the root changed.
        if portraitOfRoot?.root != rootKey {
            portraitOfRoot = (rootKey, portraits.classify(
                tone: rootTone, influence: rootInfluence, text: rootText, priorComplaints: rootAuthorComplaints))
        }
        let portrait = portraitOfRoot!.portrait
        let playbook = Playbook.recommend(
            portrait: portrait.portrait, tone: rootTone, influence: rootInfluence, coordinated: coordinated)
        return IncidentAssessment(
            severity: Severity(score: m.score), score: m.score, reasons: reasons, posts: postCount,
            reshares: reshareCount, audience: audience, reach: m.reach, reachLow: m.reachLow, reachHigh: m.reachHigh,
            finalReshares: main?.prediction, explosive: main?.explosive ?? false, p: main?.p ?? 0,
            probabilityOverThreshold: m.probability, portrait: portrait.portrait, playbook: playbook,
            coordinated: coordinated, coordinationEvidence: verdict?.evidence ?? [],
            namedManagers: named.keys.sorted(), platforms: platforms.sorted(), channels: channels.sorted(),
            topics: topics.sorted())
    }

    /// Whether the group knows this cascade root (tracked or folded).
    func hasCascade(_ root: PostTag) -> Bool { cascades[root] != nil || folded[root] != nil }

    /// Folds the smallest, least recently active cascades once there are too many to track one by one; the main
    /// cascade and roots still waiting for their post stay tracked.
    mutating func foldQuietCascades() {
        guard cascades.count > Self.maximumTrackedCascades else { return }
        let excess = cascades.count - Self.maximumTrackedCascades * 3 / 4
        let main = mainCascade
        // Roots still waiting for their post are folded too: reposts of posts the detector never saw (or forgot)
        // pile up as such roots in one group of chatter, and left tracked they made every assessment of it sweep
        // an ever longer table (the soak's CPU per post climbed with them).
        let candidates = cascades
            .filter { $0.key != main }
            .map { (key: $0.key, reshares: $0.value.tracker.reshares, last: $0.value.rootTime + $0.value.tracker.now) }
            .sorted { ($0.reshares, $0.last) < ($1.reshares, $1.last) }
        for candidate in candidates.prefix(excess) {
            guard let c = cascades.removeValue(forKey: candidate.key) else { continue }
            folded[candidate.key] = c.contribution
            dirty.remove(candidate.key)
        }
    }

    /// Forgets half of the folded cascades once there are more than `maximumFoldedCascades` (their contributions
    /// stay in the sums; a later post of one starts it again as a tracked cascade). Returns the roots dropped.
    mutating func dropFoldedCascades() -> [PostTag] {
        guard folded.count > Self.maximumFoldedCascades else { return [] }
        let dropped = Array(folded.keys.prefix(folded.count / 2))
        for key in dropped { folded[key] = nil }
        return dropped
    }

    static func compact(_ x: Double) -> String {
        guard x.isFinite else { return "unbounded" }
        if x >= 1e6 { return String(format: "%.1fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.0fk", x / 1e3) }
        return String(Int(x))
    }
}
