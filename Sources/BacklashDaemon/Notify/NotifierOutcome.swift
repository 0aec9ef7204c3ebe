/// What happened when a notifier tried to deliver one page.
public enum NotifierOutcome: Sendable, Equatable {
    /// The channel accepted the page (exit status 0, an HTTP 2xx, sendmail took the message).
    case delivered
    /// The page did not get through; the text says why in words a person reads.
    case failed(String)

    /// Whether the page got through.
    public var isDelivered: Bool {
        if case .delivered = self { return true }
        return false
    }

    /// The reason of a failure, or nil when delivered.
    public var failureReason: String? {
        if case .failed(let reason) = self { return reason }
        return nil
    }
}
