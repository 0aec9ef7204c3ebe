#if canImport(Glibc)
import Glibc
#endif

/// Connects a blocking unix stream socket to a path (the client side of the ingest and control sockets).
public enum UnixSocketConnector {
    /// Why a connection could not be made.
    public enum Failure: Error, Sendable, Equatable {
        /// The path does not fit in `sockaddr_un`.
        case pathTooLong
        /// `socket()` or `connect()` failed with this errno.
        case system(Int32)
    }

    /// A connected descriptor (close-on-exec; `SO_RCVTIMEO` set when `timeout` is given), or the failure.
    public static func connect(path: String, timeout: Double? = nil) -> Result<Int32, Failure> {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return .failure(.pathTooLong) }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return .failure(.system(errno)) }
        if let timeout {
            var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else {
            let e = errno
            close(fd)
            return .failure(.system(e))
        }
        return .success(fd)
    }
}
