import BacklashCore
import Foundation

/// The real wall clock.
public struct SystemTime: TimeSource {
    /// Creates the clock.
    public init() {}
    /// Seconds since the epoch.
    public func now() -> Double { Date().timeIntervalSince1970 }
}
