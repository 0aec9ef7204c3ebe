/// One notification attempt to a manager: sent, failed or retried.
public struct ReviewPage: Sendable, Equatable {
    /// What happened to the notification.
    public enum Outcome: String, Sendable, Equatable {
        /// The notification went out (`page.sent`).
        case sent
        /// The notification could not be delivered (`page.failed`).
        case failed
        /// A failed notification is being tried again (`page.retried`).
        case retried
    }

    /// When, seconds since the epoch.
    public var time: Double
    /// The manager paged.
    public var manager: String
    /// The channel (`journal`, `exec`, `webhook`, `email`), when known.
    public var channel: String?
    /// What happened.
    public var outcome: Outcome
    /// The delivery attempt, 1-based, when known.
    public var attempt: Int?
    /// The escalation step, 1-based, when known.
    public var step: Int?
    /// Why the page was sent (`policy`, `named`, `reminder`), when known.
    public var reason: String?
    /// The delivery error of a failed page.
    public var error: String?
    /// When a failed page is retried; nil when given up or not failed.
    public var retryAt: Double?

    /// Creates a page record.
    public init(
        time: Double, manager: String, channel: String? = nil, outcome: Outcome, attempt: Int? = nil,
        step: Int? = nil, reason: String? = nil, error: String? = nil, retryAt: Double? = nil
    ) {
        self.time = time
        self.manager = manager
        self.channel = channel
        self.outcome = outcome
        self.attempt = attempt
        self.step = step
        self.reason = reason
        self.error = error
        self.retryAt = retryAt
    }

    /// Whether this failure is final (no retry scheduled).
    public var isGivenUp: Bool { outcome == .failed && retryAt == nil }
}
