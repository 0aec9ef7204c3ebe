import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// The service-manager notification protocol (`sd_notify`): READY, STATUS, WATCHDOG, RELOADING, STOPPING.
public struct Notify: Sendable {
    /// Whether `NOTIFY_SOCKET` is set, i.e. a service manager listens.
    public let isEnabled: Bool

    /// Reads `NOTIFY_SOCKET` from the environment.
    public init() {
        isEnabled = getenv("NOTIFY_SOCKET") != nil
    }

    /// Sends raw `KEY=value` lines; returns false when nothing listens or sending failed.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard isEnabled else { return false }
        return sd_notify(0, state) > 0
    }

    /// `READY=1` with a status line.
    public func ready(status: String? = nil) {
        send("READY=1" + (status.map { "\nSTATUS=" + $0 } ?? ""))
    }

    /// `STATUS=...` (shown by `systemctl status`).
    public func status(_ text: String) {
        send("STATUS=" + text.replacingNewlines())
    }

    /// `WATCHDOG=1`.
    public func watchdog() {
        send("WATCHDOG=1")
    }

    /// `RELOADING=1` with the monotonic timestamp systemd 253+ expects.
    public func reloading() {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        let usec = UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    /// `STOPPING=1`.
    public func stopping(status: String? = nil) {
        send("STOPPING=1" + (status.map { "\nSTATUS=" + $0 } ?? ""))
    }

    /// Asks for more start-up time (while a large inbox backlog is taken in).
    public func extendTimeout(seconds: Double) {
        send("EXTEND_TIMEOUT_USEC=\(UInt64(seconds * 1_000_000))")
    }

    /// The watchdog interval systemd expects pings within (`WATCHDOG_USEC` for this pid), or nil when off.
    public static func watchdogInterval() -> Double? {
        var usec: UInt64 = 0
        let rc = sd_watchdog_enabled(0, &usec)
        guard rc > 0, usec > 0 else { return nil }
        return Double(usec) / 1_000_000
    }
}

extension String {
    func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
