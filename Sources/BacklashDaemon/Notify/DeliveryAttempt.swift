import BacklashCore

/// The result of one try to deliver a page on one channel, as reported to the engine.
///
/// The engine records `page.sent` for a delivered attempt and `page.failed` otherwise; an attempt numbered 2 or more
/// is a retry (`page.retried`). `retryAt` is when the next try is due, or nil when this was the last one.
public struct DeliveryAttempt: Sendable, Equatable {
    /// Incident id.
    public var incident: Int64
    /// Manager id.
    public var manager: String
    /// Channel tried.
    public var channel: NotificationChannel
    /// Escalation step of the page.
    public var step: Int
    /// Why the page was sent.
    public var reason: PageNotification.Reason
    /// Attempt number, 1-based.
    public var attempt: Int
    /// What happened.
    public var outcome: NotifierOutcome
    /// When the attempt finished, seconds since the Unix epoch.
    public var time: Double
    /// When the next attempt is due, or nil when there will be none.
    public var retryAt: Double?

    /// Creates an attempt record.
    public init(
        incident: Int64, manager: String, channel: NotificationChannel, step: Int, reason: PageNotification.Reason,
        attempt: Int, outcome: NotifierOutcome, time: Double, retryAt: Double?
    ) {
        self.incident = incident
        self.manager = manager
        self.channel = channel
        self.step = step
        self.reason = reason
        self.attempt = attempt
        self.outcome = outcome
        self.time = time
        self.retryAt = retryAt
    }

    /// `page.sent` when delivered, else `page.failed`.
    public var eventKind: String { outcome.isDelivered ? "page.sent" : "page.failed" }

    /// The event details as `docs/events.md` lists them for `eventKind`.
    public func eventDetails() -> JSONObject {
        switch outcome {
        case .delivered:
            JSONObject(pairs: [
                "manager": .string(manager), "channel": .string(channel.rawValue), "step": JSONValue(step),
                "attempt": JSONValue(attempt), "reason": .string(reason.rawValue),
            ])
        case .failed(let error):
            JSONObject(pairs: [
                "manager": .string(manager), "channel": .string(channel.rawValue), "attempt": JSONValue(attempt),
                "error": .string(error), "retry_at": retryAt.map { .string(RFC3339.format($0)) } ?? .null,
            ])
        }
    }
}
