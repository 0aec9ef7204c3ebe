/// What routing knows about an incident when it picks an escalation policy.
public struct IncidentTraits: Sendable, Hashable {
    /// `info`, `low`, `medium`, `high` or `critical`; any other text meets no minimum severity.
    public var severity: String
    /// Platforms its posts came from (`vk`, `telegram`, `x`…).
    public var platforms: Set<String>
    /// Channels its posts came through (`post`, `comment`, `review`, `dm`, `email`, `chat`).
    public var channels: Set<String>
    /// Topics the incident is about.
    public var topics: Set<String>
    /// The leading author's portrait (`high-roller`, `troll`…), when assessed.
    public var portrait: String?
    /// Whether the incident is flagged as a coordinated campaign.
    public var coordinated: Bool

    /// The traits of one incident.
    public init(
        severity: String, platforms: Set<String> = [], channels: Set<String> = [], topics: Set<String> = [],
        portrait: String? = nil, coordinated: Bool = false
    ) {
        self.severity = severity
        self.platforms = platforms
        self.channels = channels
        self.topics = topics
        self.portrait = portrait
        self.coordinated = coordinated
    }
}
