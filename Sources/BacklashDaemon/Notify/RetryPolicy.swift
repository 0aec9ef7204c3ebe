/// How often and how soon a failed page is tried again: exponential backoff with a cap.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included (1: never retry).
    public var maxAttempts: Int
    /// Wait after the first failure, in seconds.
    public var initialDelay: Double
    /// Each further wait is the previous one times this.
    public var multiplier: Double
    /// No wait is longer than this, in seconds.
    public var maxDelay: Double

    /// Creates a policy; the default is 3 attempts, waiting 2 s and then 4 s.
    public init(maxAttempts: Int = 3, initialDelay: Double = 2, multiplier: Double = 2, maxDelay: Double = 300) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = max(0, initialDelay)
        self.multiplier = max(1, multiplier)
        self.maxDelay = max(0, maxDelay)
    }

    /// The wait after failed attempt `attempt` (1-based) before the next one, or nil when it was the last.
    public func delay(afterAttempt attempt: Int) -> Double? {
        guard attempt >= 1, attempt < maxAttempts else { return nil }
        var delay = initialDelay
        for _ in 1..<attempt {
            delay *= multiplier
            if delay >= maxDelay { break }
        }
        return min(delay, maxDelay)
    }
}
