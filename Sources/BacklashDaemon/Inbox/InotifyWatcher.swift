import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Watches one directory with inotify (IN_MOVED_TO, IN_CLOSE_WRITE) and reports "something arrived", coalesced.
final class InotifyWatcher: Sendable {
    let fd: Int32
    let directory: String

    /// Starts watching; throws when inotify is unavailable (the inbox then relies on periodic rescans).
    init(directory: String) throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw InboxError.inotify(String(cString: strerror(errno))) }
        let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_Q_OVERFLOW)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw InboxError.inotify(message)
        }
        self.fd = fd
        self.directory = directory
    }

    deinit { close(fd) }

    /// Waits up to `timeout` seconds for activity; drains the queue and returns whether anything arrived.
    /// Runs on a blocking thread (not the cooperative pool).
    func wait(timeout: Double) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let rc = poll(&pfd, 1, Int32(timeout * 1000))
        guard rc > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var any = false
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            any = true
        }
        return any
    }
}

/// Inbox set-up failures.
enum InboxError: Error, CustomStringConvertible {
    case inotify(String)

    var description: String {
        switch self {
        case .inotify(let m): "inotify is unavailable (\(m)); the inbox falls back to periodic rescans"
        }
    }
}
