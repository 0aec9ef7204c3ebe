/// The knobs of detection and scoring; every one has a default that works without configuration.
public struct DetectionSettings: Sendable, Equatable {
    /// A group of posts becomes an incident at this severity…
    public var openAt: Severity = .low
    /// …and the escalation starts at this one.
    public var pageAt: Severity = .medium
    /// Audience size the "P(reach > K)" reason is about.
    public var reachThreshold: Double = 100_000
    /// Posts closer than this in similarity (MinHash Jaccard estimate) are copies of one text.
    public var nearDuplicateThreshold: Double = 0.6
    /// How long a quiet, unopened group is remembered.
    public var groupWindow: Double = 48 * 3600
    /// A copy (same or near-same text, no reshare link) joins a group only if the group had a post this recently:
    /// copy-paste flashmobs come in bursts, while the same everyday complaint from unrelated customers trickles in
    /// all day and must not add up into one growing "storm".
    public var copyWindow: Double = 1800
    /// The window for "posts in the last N minutes".
    public var velocityWindow: Double = 600
    /// Handles of known opinion leaders with a note (`"@olga": "journalist"`).
    public var vipHandles: [String: String] = [:]
    /// Brand and topic terms grouped on (`"рубль"`, `"предавторизац"`), matched like names.
    public var topics: [String] = []

    /// The defaults.
    public init() {}
}

/// A manager as detection sees them: who the crowd may name.
public struct NamedPerson: Sendable, Equatable {
    public var id: String
    public var names: [String]
    public var handles: [String]

    /// Creates a person; aliases starting with '@' are handles, the rest names.
    public init(id: String, name: String, aliases: [String]) {
        self.id = id
        names = [name] + aliases.filter { !$0.hasPrefix("@") }
        handles = aliases.filter { $0.hasPrefix("@") }
    }
}
