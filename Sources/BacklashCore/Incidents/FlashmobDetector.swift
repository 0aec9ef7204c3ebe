/// Groups posts into incidents and scores them, incrementally and on the posts' own clock.
///
/// A group is one grievance: cascades (a root post and its reposts, quotes and replies, linked through
/// `repost_of`/`quote_of`/`reply_to` even when a child arrives before its parent) joined by near-duplicate
/// texts (flashmob copy-paste). A group becomes an incident when its severity reaches `openAt`; every change
/// after that is an event with its reasons. Pure: no I/O and no clock of its own — `now` comes with each batch.
public struct FlashmobDetector: Sendable {
    public var settings: DetectionSettings
    let people: [NamedPerson]
    let matcher: NameMentionMatcher
    let tone = ToneAnalyzer()
    let influence: InfluenceScorer
    let portraits = PortraitClassifier()
    let coordination = CoordinationDetector()

    var parentOf: [PostTag: PostTag] = [:]
    var groupOfRoot: [PostTag: Int] = [:]
    var textVerdicts = TextVerdictCache()
    /// Roots of quiet groups forgotten to keep memory bounded, oldest first (see `forgetQuietGroups`).
    var dormant: [PostTag: DormantRoot] = [:]
    var dormantOrder = FIFOQueue<PostTag>()
    /// Groups that are not incidents are forgotten, quietest first, beyond this many (a steady stream of distinct
    /// complaints would otherwise hold every one for the whole group window).
    static let maximumQuietGroups = 20_000
    static let maximumDormantRoots = 50_000
    static let dormantRootsPerGroup = 64
    var groups: [Int: DetectionGroup] = [:]
    // 64 newest posts a bucket: copies of a storm are recent, and a template-like chatter fills buckets fast.
    var nearDuplicates = NearDuplicateIndex(bucketCapacity: 64)
    var groupOfText: [String: Int] = [:]
    /// Exact copies (same normalised text) go straight to their group: a flashmob of pasted text costs O(1) a post.
    var groupOfExactText: [UInt64: (group: Int, time: Double)] = [:]
    let normalizer = TextNormalizer()
    var complaintsByAuthor: [String: Int] = [:]
    var nextGroupID = 1
    /// Groups in the order they were last touched, oldest first: who is forgotten first. Chatter (groups without a
    /// complaint) goes before grievances, so under a deluge a complaint's group stays findable by its copies for
    /// several times longer than the chatter around it.
    var chatterQueue = TouchQueue()
    var grievanceQueue = TouchQueue()
    var touchClock = 0
    var lastEviction = -Double.infinity
    /// The next incident id to hand out (continues after the store's largest on restart).
    public var nextIncidentID: Int

    /// Creates a detector; `people` are the managers the crowd may name.
    public init(settings: DetectionSettings = .init(), people: [NamedPerson] = [], nextIncidentID: Int = 1) {
        self.settings = settings
        self.people = people
        var targets = people.map { MentionTarget(id: $0.id, names: $0.names, handles: $0.handles) }
        for topic in settings.topics {
            targets.append(MentionTarget(id: "topic:" + topic, names: [topic], handles: []))
        }
        matcher = NameMentionMatcher(targets: targets)
        influence = InfluenceScorer(vipHandles: settings.vipHandles)
        self.nextIncidentID = nextIncidentID
    }

    /// What one batch changed.
    public struct Outcome: Sendable {
        /// Events in order (incident.opened, incident.updated, manager.named, incident.coordinated, incident.merged).
        public var events: [Event] = []
        /// The incident each post of the batch now belongs to (only posts of opened incidents).
        public var assignments: [(post: PostKey, incident: Int)] = []
        /// The latest assessment of every incident the batch touched.
        public var incidents: [Int: IncidentAssessment] = [:]

        /// An outcome that decided nothing.
        public init() {}
    }

    /// Number of groups held in memory (bounded by `groupWindow`).
    public var groupCount: Int { groups.count }

    /// Feeds new or updated posts (in arrival order) and returns the events they cause.
    public mutating func ingest(_ posts: [Post], now: Double) -> Outcome {
        var touched: Set<Int> = []
        var newMembers: [Int: [PostKey]] = [:]
        for post in posts {
            guard let g = place(post, now: now) else { continue }
            touched.insert(g)
            newMembers[g, default: []].append(post.key)
        }
        var outcome = Outcome()
        // Merges can retire a touched group; assess the survivors only.
        for g in touched.sorted() {
            guard let id = resolve(g), groups[id] != nil else { continue }
            touch(id)
            assess(group: id, now: now, into: &outcome)
        }
        for (g, keys) in newMembers {
            guard let id = resolve(g), let incident = groups[id]?.incidentID else { continue }
            for k in keys { outcome.assignments.append((k, incident)) }
        }
        evict(now: now)
        if groups.count > Self.maximumQuietGroups { forgetQuietGroups(now: now) }
        return outcome
    }

    /// Forgets the least recently touched groups that are not incidents while there are more than the limit,
    /// keeping each one's root as a `DormantRoot` so a late reshare starts it again. At ordinary rates the forgotten
    /// ones have been quiet for longer than the copy window; under a deluge of distinct posts copies join only
    /// recent groups, the price of bounded memory. A few groups at a time, from the front of the touch queue: no
    /// batch pays for a sweep over every group (such sweeps were the daemon's longest pauses).
    mutating func forgetQuietGroups(now: Double) {
        var budget = 4096
        while groups.count > Self.maximumQuietGroups, budget > 0 {
            budget -= 1
            // Chatter first, while it holds more than a quarter of the groups; then the oldest grievance.
            let chatterFirst = chatterQueue.pending > Self.maximumQuietGroups / 4 || grievanceQueue.pending == 0
            guard let entry = chatterFirst
                ? chatterQueue.popFirst() ?? grievanceQueue.popFirst()
                : grievanceQueue.popFirst() ?? chatterQueue.popFirst()
            else { break }
            guard let index = groups.index(forKey: entry.id), groups.values[index].lastTouch == entry.touch else {
                continue  // touched again since (a later entry stands for it) or gone
            }
            if groups.values[index].incidentID != nil || groups.values[index].mergedInto != nil {
                touch(entry.id)  // incidents and forwardings are not forgotten here: to the back of the queue
                continue
            }
            discard(entry.id, keepDormant: true)
        }
        compactTouchQueues()
    }

    /// Marks a group as just touched: it goes to the back of its quiet-first queue.
    mutating func touch(_ id: Int) {
        touchClock += 1
        guard let index = groups.index(forKey: id) else { return }
        groups.values[index].lastTouch = touchClock
        if groups.values[index].isGrievance {
            grievanceQueue.push((id, touchClock))
        } else {
            chatterQueue.push((id, touchClock))
        }
    }

    mutating func compactTouchQueues() {
        let limit = 2 * groups.count + 4096
        let groups = self.groups
        let isCurrent = { (entry: (id: Int, touch: Int)) in
            groups.index(forKey: entry.id).map { groups.values[$0].lastTouch == entry.touch } ?? false
        }
        chatterQueue.removeStale(beyond: limit, isCurrent: isCurrent)
        grievanceQueue.removeStale(beyond: limit, isCurrent: isCurrent)
    }

    /// Removes one group and everything that points at it: its roots' lookups (kept as dormant roots when asked),
    /// its posts' parent links, its texts in the near-duplicate index.
    mutating func discard(_ id: Int, keepDormant: Bool) {
        guard let group = groups.removeValue(forKey: id) else { return }
        // A group of chatter can hold thousands of roots: a sample of them is enough to revive it.
        var dormantBudget = Self.dormantRootsPerGroup
        for root in group.cascades.keys {
            if keepDormant && (root == group.mainCascade || dormantBudget > 0) {
                dormantBudget -= 1
                let followers = group.cascades[root]?.rootFollowers ?? 0
                if dormant.updateValue(DormantRoot(group, followers: followers), forKey: root) == nil {
                    dormantOrder.push(root)
                }
            }
            if groupOfRoot[root].flatMap(resolve) == nil { groupOfRoot[root] = nil }
        }
        for root in group.folded.keys {
            if keepDormant, dormantBudget > 0, dormant.updateValue(DormantRoot(group, followers: 0), forKey: root) == nil {
                dormantBudget -= 1
                dormantOrder.push(root)
            }
            if groupOfRoot[root].flatMap(resolve) == nil { groupOfRoot[root] = nil }
        }
        for key in group.allPostKeys {
            let tag = PostTag(key)
            if groupOfRoot[tag].flatMap(resolve) == nil { groupOfRoot[tag] = nil }
            parentOf[tag] = nil
        }
        for textID in group.textIDs where groupOfText[textID].flatMap(resolve) == nil {
            groupOfText[textID] = nil
            nearDuplicates.remove(id: textID)
        }
        for exact in group.exactTexts {
            if let entry = groupOfExactText[exact], resolve(entry.group) == nil { groupOfExactText[exact] = nil }
        }
        // The oldest dormant roots go one by one past the limit (a bulk drop was a pause of its own).
        while dormant.count > Self.maximumDormantRoots, let oldest = dormantOrder.popFirst() {
            dormant[oldest] = nil
        }
    }

    /// Takes an open incident back under watch after a restart: places its stored posts (oldest first) and marks the
    /// group they form as that incident, already announced, so the storm's next posts update it instead of opening
    /// a new incident and paging again.
    public mutating func restore(incident: Int, posts: [Post], now: Double) {
        var touched: [Int] = []
        for post in posts {
            if let g = place(post, now: now), let id = resolve(g), !touched.contains(id) { touched.append(id) }
        }
        var survivors: [Int] = []
        for g in touched { if let id = resolve(g), !survivors.contains(id) { survivors.append(id) } }
        guard var main = survivors.first else { return }
        for other in survivors.dropFirst() { main = merge(other, into: main) }
        guard var group = groups.removeValue(forKey: main) else { return }
        group.incidentID = incident
        group.mergedIncidents = []
        let assessment = group.assessment(now: now, settings: settings, coordination: coordination, portraits: portraits)
        group.lastEmitted = assessment
        group.announcedNames = Set(group.named.keys)
        group.announcedCoordination = assessment.coordinated
        groups[main] = group
        touch(main)
    }

    /// Forgets an incident once it is closed (its posts start a new incident if the storm flares again later).
    public mutating func close(incident: Int) {
        for (id, group) in groups where group.incidentID == incident {
            groups[id]?.closed = true
            groups[id]?.postsAtClose = group.postCount
        }
    }

    /// Takes a reopened incident back under watch.
    public mutating func reopen(incident: Int) {
        for (id, group) in groups where group.incidentID == incident {
            groups[id]?.closed = false
        }
    }

    // MARK: placing posts

    /// Follows a merged group's forwarding to the surviving one.
    /// Reads one field through the dictionary's index: `groups[id]` would copy the whole group (some thirty
    /// counted references retained and released), and this runs several times a post.
    func resolve(_ id: Int) -> Int? {
        var current = id
        var hops = 0
        while let index = groups.index(forKey: current) {
            guard let into = groups.values[index].mergedInto, hops < 64 else { return current }
            current = into
            hops += 1
        }
        return nil
    }

    mutating func root(of key: PostTag) -> PostTag {
        var current = key
        var path: [PostTag] = []
        while let parent = parentOf[current], path.count < 10_000 {
            path.append(current)
            current = parent
        }
        for k in path { parentOf[k] = current }
        return current
    }

    mutating func place(_ post: Post, now: Double) -> Int? {
        let key = PostTag(post.key)
        let (analysis, mentions) = textVerdicts.verdict(for: post.text) { [tone, matcher] text in
            (tone.analyze(text), matcher.matches(in: text))
        }
        let author = influence.score(AuthorProfile(
            handle: post.author.handle, followers: Int(post.author.followers ?? 0),
            following: Int(post.author.following ?? 0), verified: post.author.verified ?? false,
            accountCreatedAt: post.author.createdAt, now: post.createdAt,
            priorComplaints: complaintsByAuthor[post.author.id, default: 0]))
        if analysis.valence < 0 { complaintsByAuthor[post.author.id, default: 0] += 1 }

        if let parentKey = post.parentKey, case let parent = PostTag(parentKey), parent != key {
            let parentRoot = root(of: parent)
            if parentRoot != key { parentOf[key] = parent }
        }
        let cascadeRoot = root(of: key)
        let isReshare = post.repostOf != nil || post.quoteOf != nil
        var groupID: Int
        if let known = groupOfRoot[cascadeRoot].flatMap(resolve) {
            groupID = known
            // A post already a placeholder root (its children came first) now brings its own details.
            if cascadeRoot == key { groups[groupID]?.fillRoot(post, tag: key, tone: analysis, influence: author) }
            // A late parent may link two groups: the post's own earlier group joins its parent's.
            if let own = groupOfRoot[key].flatMap(resolve), own != groupID {
                groupID = merge(own, into: groupID)
            }
        } else if cascadeRoot != key, let sleeper = dormant.removeValue(forKey: cascadeRoot) {
            // A reshare of a post forgotten while quiet: its group starts again from what was kept of the root.
            groupID = nextGroupID
            nextGroupID += 1
            let root = sleeper.post
            var revived = DetectionGroup(id: groupID, first: root, tone: sleeper.tone, influence: sleeper.influence,
                signature: MinHashSignature(text: root.text))
            revived.add(root, tag: cascadeRoot, cascadeRoot: cascadeRoot, isReshare: false, tone: sleeper.tone,
                influence: sleeper.influence)
            groups[groupID] = revived
            groupOfRoot[cascadeRoot] = groupID
        } else {
            let exact = StableHash.fnv1a64(normalizer.normalize(post.text))
            let signature = MinHashSignature(text: post.text)
            var match: Int?
            if let known = groupOfExactText[exact], let g = resolve(known.group), acceptsCopy(g, at: post.createdAt) {
                match = g
            } else if !isReshare || !post.text.hasAtMost(20) {
                let found = nearDuplicates.nearDuplicates(of: signature, threshold: settings.nearDuplicateThreshold)
                for m in found {
                    if let g = groupOfText[m.id].flatMap(resolve), acceptsCopy(g, at: post.createdAt) {
                        match = g
                        break
                    }
                }
            }
            if match == nil {
                // The crowd naming the same manager during a storm is the same storm (DOMAIN: same topic, same time).
                let named = Set(mentions.map(\.targetID).filter { !$0.hasPrefix("topic:") })
                if !named.isEmpty {
                    match = groups.values
                        .filter { g in g.incidentID != nil && !g.closed && g.mergedInto == nil
                            && post.createdAt - g.lastPostAt < settings.groupWindow / 4
                            && !named.isDisjoint(with: g.named.keys) }
                        .max { $0.lastPostAt < $1.lastPostAt }?.id
                }
            }
            if let match {
                groupID = match
                if (groups[groupID]?.copies.count ?? 0) >= DetectionGroup.maximumCopies {
                    groups[groupID]?.copies.removeFirst(DetectionGroup.maximumCopies / 4)
                }
                groups[groupID]?.copies.append(CoordinationDetector.ClusterPost(
                    accountID: post.author.id,
                    traits: AccountTraits(
                        followers: post.author.followers, following: post.author.following,
                        accountCreatedAt: post.author.createdAt, verified: post.author.verified),
                    time: post.createdAt, signature: signature))
            } else {
                groupID = nextGroupID
                nextGroupID += 1
                groups[groupID] = DetectionGroup(id: groupID, first: post, tone: analysis, influence: author,
                    signature: signature)
            }
            groupOfRoot[cascadeRoot] = groupID
            if cascadeRoot != key, groups[groupID]?.hasCascade(cascadeRoot) == false {
                // The parent has not arrived yet: a placeholder root, filled in when it does.
                var placeholder = CascadeInfo(rootTime: post.createdAt, rootFollowers: 0)
                placeholder.placeholder = true
                groups[groupID]?.cascades[cascadeRoot] = placeholder
            }
            if groupOfExactText[exact].map({ resolve($0.group) == groupID }) != true {
                // One representative per exact text is enough for the near-duplicate index.
                let textID = post.key.description
                nearDuplicates.insert(id: textID, signature: signature, time: post.createdAt)
                groupOfText[textID] = groupID
                groups[groupID]?.textIDs.append(textID)
                groups[groupID]?.exactTexts.append(exact)
            }
            groupOfExactText[exact] = (groupID, post.createdAt)
        }
        // Only roots need an entry: a child's group is found through its root (and children are most posts).
        if cascadeRoot == key || groupOfRoot[key] != nil { groupOfRoot[key] = groupID }
        // Take the group out of the dictionary while changing it: a copy would duplicate its cascades on write.
        // Put back with `consume`, not from a `defer`: a deferred store copied the group (some thirty counted
        // references) and destroyed the original, every post.
        guard var group = groups.removeValue(forKey: groupID) else { return nil }
        group.add(post, tag: key, cascadeRoot: cascadeRoot, isReshare: isReshare, tone: analysis, influence: author)
        for root in group.dropFoldedCascades() where groupOfRoot[root] == groupID || groupOfRoot[root] == nil {
            groupOfRoot[root] = nil
        }
        for mention in mentions {
            if mention.targetID.hasPrefix("topic:") {
                group.topics.insert(String(mention.targetID.dropFirst(6)))
            } else {
                group.named[mention.targetID, default: []].append(post.key.description)
                group.namedForms[mention.targetID, default: []].insert(mention.matchedText)
            }
        }
        groups[groupID] = consume group
        return groupID
    }

    /// Whether a copy posted at `time` joins group `g`: the group is open and had a post within the copy window.
    func acceptsCopy(_ g: Int, at time: Double) -> Bool {
        guard let index = groups.index(forKey: g), !groups.values[index].closed else { return false }
        return time - groups.values[index].lastPostAt <= settings.copyWindow
    }

    /// Folds group `a` into `b` (keeping the one already an incident, else the older); returns the survivor.
    mutating func merge(_ a: Int, into b: Int) -> Int {
        guard a != b, var ga = groups[a], var gb = groups[b] else { return b }
        var (keep, drop) = (gb, ga)
        if ga.incidentID != nil && gb.incidentID == nil || (ga.incidentID == nil) == (gb.incidentID == nil) && a < b {
            (keep, drop) = (ga, gb)
        }
        keep.absorb(drop)
        if let dropped = drop.incidentID, keep.incidentID != nil {
            keep.mergedIncidents.append(dropped)
        } else if keep.incidentID == nil {
            keep.incidentID = drop.incidentID
        }
        groups[keep.id] = keep
        ga = keep
        gb = drop
        groups[gb.id] = DetectionGroup.forwarding(gb.id, to: keep.id, lastPostAt: keep.lastPostAt)
        return ga.id
    }

    // MARK: assessing

    mutating func assess(group id: Int, now: Double, into outcome: inout Outcome) {
        guard var group = groups.removeValue(forKey: id) else { return }
        defer { groups[id] = group }
        var events: [Event] = []
        var measured: DetectionGroup.Measure?
        if group.closed {
            // A closed incident that flares again (many new posts and a paging severity) is reopened.
            let grown = group.postCount - group.postsAtClose
            guard let incident = group.incidentID, grown >= max(5, group.postsAtClose / 2) else {
                return
            }
            let m = group.measure(now: now, settings: settings)
            guard Severity(score: m.score) >= settings.pageAt else {
                return
            }
            measured = m
            group.closed = false
            events.append(Event(time: now, kind: .incidentReopened, incident: String(incident),
                message: "incident #\(incident) flares again (\(grown) new posts, \(Severity(score: m.score).name)) and is reopened",
                details: JSONObject(pairs: ["reason": .string("\(grown) new posts since it was closed"),
                    "severity": .string(Severity(score: m.score).name)])))
            outcome.events += events
            events = []
        }
        if group.incidentID == nil {
            // Praise and chatter never open an incident: their forecasts wait until a complaint joins them.
            guard group.isGrievance else {
                group.foldQuietCascades()
                return
            }
            // Most groups stay below the bar: the score alone decides, without reasons, coordination or portrait.
            let m = group.measure(now: now, settings: settings)
            guard Severity(score: m.score) >= settings.openAt else {
                return
            }
            measured = m
        }
        let a = group.assessment(measured ?? group.measure(now: now, settings: settings), settings: settings,
            coordination: coordination, portraits: portraits)
        if group.incidentID == nil {
            let incident = nextIncidentID
            nextIncidentID += 1
            group.incidentID = incident
            group.lastEmitted = a
            events.append(opened(incident, group, a, now: now))
            for key in group.allPostKeys { outcome.assignments.append((key, incident)) }
        } else if let last = group.lastEmitted, let incident = group.incidentID {
            for merged in group.mergedIncidents {
                events.append(Event(time: now, kind: .incidentMerged, incident: String(incident),
                    message: "incident #\(merged) is the same grievance and was merged into #\(incident)",
                    details: JSONObject(pairs: ["merged": .string(String(merged)), "reason": "their cascades connected"])))
            }
            group.mergedIncidents = []
            if a.severity != last.severity || Self.changedEnough(last, a) {
                events.append(updated(incident, a, previous: last, now: now))
                group.lastEmitted = a
            }
        }
        if let incident = group.incidentID {
            for (manager, keys) in group.named.sorted(by: { $0.key < $1.key }) where !group.announcedNames.contains(manager) {
                group.announcedNames.insert(manager)
                let forms = group.namedForms[manager, default: []].sorted()
                events.append(Event(time: now, kind: .managerNamed, incident: String(incident),
                    message: "the crowd names \(people.first { $0.id == manager }?.names.first ?? manager) "
                        + "(\(forms.joined(separator: ", "))) in \(keys.count) post\(keys.count == 1 ? "" : "s")",
                    details: JSONObject(pairs: [
                        "manager": .string(manager), "posts": .array(keys.prefix(20).map { .string($0) }),
                        "forms": .array(forms.map { .string($0) }),
                    ])))
            }
            if a.coordinated && !group.announcedCoordination {
                group.announcedCoordination = true
                events.append(Event(time: now, kind: .incidentCoordinated, incident: String(incident),
                    message: "possible coordinated campaign: " + a.coordinationEvidence.joined(separator: "; "),
                    details: JSONObject(pairs: [
                        "score": JSONValue(a.score), "evidence": .array(a.coordinationEvidence.map { .string($0) }),
                        "coordinated": true,
                    ])))
            }
            outcome.incidents[incident] = a
        }
        outcome.events += events
    }

    static func changedEnough(_ a: IncidentAssessment, _ b: IncidentAssessment) -> Bool {
        if b.posts >= max(a.posts * 2, a.posts + 5) { return true }
        if b.reach > a.reach * 1.5 + 1000 || b.reach < a.reach / 1.5 - 1000 { return true }
        if b.namedManagers != a.namedManagers || b.coordinated != a.coordinated || b.portrait != a.portrait {
            return true
        }
        return false
    }

    func assessmentDetails(_ a: IncidentAssessment) -> [(String, JSONValue)] {
        [
            ("severity", .string(a.severity.name)), ("score", JSONValue((a.score * 1000).rounded() / 1000)),
            ("reasons", .array(a.reasons.map { .string($0) })), ("posts", JSONValue(a.posts)),
            ("reshares", JSONValue(a.reshares)), ("audience", JSONValue(a.audience.rounded())),
            ("forecast", .object(a.forecastObject)), ("reach_forecast", JSONValue(a.reach.rounded())),
            ("portrait", .string(a.portrait.rawValue)), ("coordinated", .bool(a.coordinated)),
            ("named_managers", .array(a.namedManagers.map { .string($0) })),
            ("playbook", .object(JSONObject(pairs: [
                "headline": .string(a.playbook.headline), "response_mode": .string(a.playbook.responseMode.rawValue),
                "steps": .array(a.playbook.steps.map { .string($0) }),
            ]))),
        ]
    }

    func opened(_ incident: Int, _ group: DetectionGroup, _ a: IncidentAssessment, now: Double) -> Event {
        var details = JSONObject(pairs: [
            "root": .string(group.rootKey.description), "post": .string(group.rootKey.description),
            "platform": .string(group.rootKey.platform), "first_post_at": .string(RFC3339.format(group.firstPostAt)),
        ])
        for (k, v) in assessmentDetails(a) { details[k] = v }
        let about = group.rootText.count > 80 ? String(group.rootText.prefix(77)) + "…" : group.rootText
        return Event(time: now, kind: .incidentOpened, incident: String(incident),
            message: "incident #\(incident) opened (\(a.severity.name)): \(about) — " + a.reasons.prefix(3).joined(separator: "; "),
            details: details)
    }

    func updated(_ incident: Int, _ a: IncidentAssessment, previous: IncidentAssessment, now: Double) -> Event {
        var details = JSONObject(pairs: ["previous_severity": .string(previous.severity.name)])
        for (k, v) in assessmentDetails(a) { details[k] = v }
        let change = a.severity == previous.severity
            ? "still \(a.severity.name)" : "\(previous.severity.name) → \(a.severity.name)"
        return Event(time: now, kind: .incidentUpdated, incident: String(incident),
            message: "incident #\(incident) \(change): \(a.posts) posts, reach forecast \(DetectionGroup.compact(a.reach)) — "
                + a.reasons.prefix(2).joined(separator: "; "),
            details: details)
    }

    mutating func evict(now: Double) {
        // A sweep over every group is not needed per batch: once a minute of the posts' clock is enough.
        guard now - lastEviction >= 60 else { return }
        lastEviction = now
        let cutoff = now - settings.groupWindow
        var dropped: [Int] = []
        for (id, g) in groups where g.lastPostAt < cutoff && (g.incidentID == nil || g.closed || g.mergedInto != nil) {
            dropped.append(id)
        }
        guard !dropped.isEmpty else { return }
        for id in dropped.sorted() { discard(id, keepDormant: false) }
        groupOfExactText = groupOfExactText.filter { $0.value.time >= cutoff }
        if parentOf.count > Self.maximumParentLinks {
            // Links of posts beyond a group's kept keys are not dropped with it: a rare full sweep catches them.
            parentOf = parentOf.filter { entry in
                var current = entry.value
                var hops = 0
                while let parent = parentOf[current], hops < 10_000 {
                    current = parent
                    hops += 1
                }
                return groupOfRoot[current] != nil || groupOfRoot[entry.key] != nil
            }
        }
        _ = nearDuplicates.evict(olderThan: cutoff)
        compactTouchQueues()
    }

    static let maximumParentLinks = 2_000_000
}
