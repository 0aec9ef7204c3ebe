/// The conditions a route sets; an incident matches when it meets all of them (an unset condition always holds).
///
/// Names compare without regard to letter case. A set condition holds when the incident has at least one of its
/// values (`platforms: [vk, telegram]` matches an incident seen on VK only).
public struct RouteMatch: Sendable, Hashable {
    /// The least severity that matches (`high` matches high and critical).
    public var minimumSeverity: RouteSeverity?
    /// Any of these platforms.
    public var platforms: Set<String>
    /// Any of these channels.
    public var channels: Set<String>
    /// Any of these topics.
    public var topics: Set<String>
    /// Any of these portraits.
    public var portraits: Set<String>
    /// Coordinated (true) or not (false); nil for either.
    public var coordinated: Bool?

    /// Conditions that hold for every incident unless set.
    public init(
        minimumSeverity: RouteSeverity? = nil, platforms: Set<String> = [], channels: Set<String> = [],
        topics: Set<String> = [], portraits: Set<String> = [], coordinated: Bool? = nil
    ) {
        self.minimumSeverity = minimumSeverity
        self.platforms = Set(platforms.map { $0.lowercased() })
        self.channels = Set(channels.map { $0.lowercased() })
        self.topics = Set(topics.map { $0.lowercased() })
        self.portraits = Set(portraits.map { $0.lowercased() })
        self.coordinated = coordinated
    }

    /// Whether no condition is set, so every incident matches.
    public var matchesEverything: Bool {
        minimumSeverity == nil && platforms.isEmpty && channels.isEmpty && topics.isEmpty && portraits.isEmpty
            && coordinated == nil
    }

    /// Whether an incident meets every condition.
    public func matches(_ traits: IncidentTraits) -> Bool {
        if let minimumSeverity {
            guard let severity = RouteSeverity(name: traits.severity), severity >= minimumSeverity else { return false }
        }
        if let coordinated, coordinated != traits.coordinated { return false }
        if !portraits.isEmpty {
            guard let portrait = traits.portrait, portraits.contains(portrait.lowercased()) else { return false }
        }
        return Self.overlaps(platforms, traits.platforms) && Self.overlaps(channels, traits.channels)
            && Self.overlaps(topics, traits.topics)
    }

    /// True when `wanted` is empty or shares a value with `present` (compared in lower case).
    static func overlaps(_ wanted: Set<String>, _ present: Set<String>) -> Bool {
        wanted.isEmpty || present.contains { wanted.contains($0.lowercased()) }
    }
}
