/// One member covering a schedule for a span of time instead of whoever the rotation says.
public struct ScheduleOverride: Sendable, Hashable {
    /// The manager id on call during the override.
    public var member: String
    /// When the override begins (seconds since the Unix epoch, inclusive).
    public var start: Double
    /// When it ends (exclusive): at this instant the rotation or an earlier override is back in force.
    public var end: Double

    /// `member` is on call from `start` (inclusive) until `end` (exclusive).
    public init(member: String, start: Double, end: Double) {
        self.member = member
        self.start = start
        self.end = end
    }

    /// Whether the override is in force at an instant.
    public func covers(_ instant: Double) -> Bool { start <= instant && instant < end }
}
