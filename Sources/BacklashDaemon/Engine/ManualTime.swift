import BacklashCore
import Synchronization

/// A clock that only moves when told to: `replay`, `eval` and tests run the real engine on the posts' own time.
public final class ManualTime: TimeSource {
    private let value: Mutex<Double>

    /// Starts at `start` (seconds since the epoch).
    public init(_ start: Double = 0) {
        value = Mutex(start)
    }

    /// The current time.
    public func now() -> Double { value.withLock { $0 } }

    /// Moves the clock forward to `time` (never backward).
    public func advance(to time: Double) {
        value.withLock { $0 = max($0, time) }
    }
}

/// Keeps every published event in memory, in order (for `replay` and tests; nothing goes to the journal).
public final class RecordingSink: EventSink {
    private let store = Mutex<[Event]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Appends the events.
    public func emit(_ events: [Event]) {
        store.withLock { $0 += events }
    }

    /// Everything recorded so far.
    public var events: [Event] { store.withLock { $0 } }
}

extension Engine {
    /// The earliest pending timer (escalation step, snooze end, reply clock, promise, gesture deadline), if any.
    public func nextTimerDeadline() async throws -> Double? {
        let d = try await nextDeadline()
        return d.isFinite ? d : nil
    }
}
