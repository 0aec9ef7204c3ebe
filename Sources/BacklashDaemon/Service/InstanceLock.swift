import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` beside the database, so two daemons never write one state directory.
final class InstanceLock: Sendable {
    let fd: Int32

    init(path: String) throws(DaemonError) {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .startup("cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .startup("another backlashd already uses this state (\(path) is locked); stop it first")
        }
        self.fd = fd
    }

    deinit { close(fd) }
}

/// Why the daemon could not start or run; each says what to do.
public enum DaemonError: Error, CustomStringConvertible {
    case startup(String)

    /// The sentence for the operator.
    public var description: String {
        switch self {
        case .startup(let m): m
        }
    }
}
