/// One line of an incident's timeline: one event as people read it.
public struct ReviewTimelineEntry: Sendable, Equatable {
    /// Position in the log, when the event was stored.
    public var sequence: Int64?
    /// When it happened, seconds since the epoch.
    public var time: Double
    /// Who caused it: a manager id, `uid:N`, or `backlashd`.
    public var actor: String
    /// The event kind (`page.sent`).
    public var kind: EventKind
    /// The event's sentence.
    public var message: String
    /// The channel the event went through (`webhook`, `public`, `dm`…), if it names one.
    public var channel: String?

    /// Creates an entry.
    public init(
        sequence: Int64? = nil, time: Double, actor: String, kind: EventKind, message: String, channel: String? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.kind = kind
        self.message = message
        self.channel = channel
    }
}
