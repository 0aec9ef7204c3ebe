#if canImport(Glibc)
import Glibc
#endif

/// Wall-clock time as other processes see it (CLOCK_REALTIME), so a timestamp taken here compares with one taken by
/// a notifier process (bash's `$EPOCHREALTIME`) or a receiver thread.
enum WallClock {
    /// Seconds since the Unix epoch, to the microsecond or better.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Sleeps until the wall clock reaches `time` (returns at once when it has passed).
    static func sleep(until time: Double) {
        let wait = time - now()
        if wait > 0 { usleep(useconds_t(min(wait, 3600) * 1e6)) }
    }
}
