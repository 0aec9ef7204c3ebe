/// Where "now" comes from: the system clock in the daemon, the posts' own clock in `replay` and tests.
public protocol TimeSource: Sendable {
    /// Seconds since the Unix epoch.
    func now() -> Double
}
