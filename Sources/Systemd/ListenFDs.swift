import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Sockets passed by the service manager (socket activation), each with its `FileDescriptorName=`.
public struct ListenFDs: Sendable {
    /// One passed descriptor.
    public struct Socket: Sendable, Equatable {
        public var fd: Int32
        /// The name from `FileDescriptorName=` / `--fdname`, or "unknown".
        public var name: String
    }

    /// The passed sockets, in order starting at fd 3.
    public let sockets: [Socket]

    /// Takes the passed sockets (`sd_listen_fds_with_names`) and unsets `LISTEN_*` so children do not inherit them.
    public static func take() -> ListenFDs {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let n = sd_listen_fds_with_names(1, &names)
        guard n > 0 else { return ListenFDs(sockets: []) }
        var sockets: [Socket] = []
        for i in 0..<Int(n) {
            var name = "unknown"
            if let names, let p = names[i] {
                name = String(cString: p)
                free(p)
            }
            let fd = SD_LISTEN_FDS_START + Int32(i)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            sockets.append(Socket(fd: fd, name: name))
        }
        free(names)
        return ListenFDs(sockets: sockets)
    }

    /// The socket with a given name; when there is exactly one unnamed socket, `fallback` names get it.
    public func socket(named name: String, unnamedFallback: Bool = false) -> Int32? {
        if let s = sockets.first(where: { $0.name == name }) { return s.fd }
        if unnamedFallback, sockets.count == 1, sockets[0].name == "unknown" || sockets[0].name.isEmpty {
            return sockets[0].fd
        }
        return nil
    }
}
