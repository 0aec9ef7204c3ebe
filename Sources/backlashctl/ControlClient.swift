import BacklashDaemon
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why the control socket could not be used, with the exit code scripts see.
enum ControlClientError: Error, CustomStringConvertible {
    case unreachable(path: String, reason: String)
    case denied(path: String)
    case closed

    var description: String {
        switch self {
        case .unreachable(let path, let reason):
            "cannot reach backlashd at \(path): \(reason). Is it running? (--socket PATH to choose another socket)"
        case .denied(let path):
            "permission denied on \(path); ask to be added to the `backlash` group"
        case .closed: "the daemon closed the connection without answering"
        }
    }

    var exitCode: Int32 {
        switch self {
        case .denied: 4
        default: 3
        }
    }
}

/// A blocking client for the control socket: one JSON request line, one reply line.
final class ControlClient {
    let fd: Int32
    let path: String

    init(path: String, timeout: Double = 30) throws(ControlClientError) {
        self.path = path
        switch UnixSocketConnector.connect(path: path, timeout: timeout) {
        case .success(let fd):
            self.fd = fd
        case .failure(.pathTooLong):
            throw .unreachable(path: path, reason: "the path is longer than a unix socket path may be")
        case .failure(.system(let e)):
            if e == EACCES || e == EPERM { throw .denied(path: path) }
            throw .unreachable(path: path, reason: String(cString: strerror(e)))
        }
    }

    deinit { close(fd) }

    func request(_ line: String) throws(ControlClientError) -> String {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { throw .closed }
            offset += n
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            buffer.append(contentsOf: chunk[..<n])
            if let nl = buffer.firstIndex(of: 0x0A) { return String(decoding: buffer[..<nl], as: UTF8.self) }
        }
        if buffer.isEmpty { throw .closed }
        return String(decoding: buffer, as: UTF8.self)
    }
}

/// A streaming client for the ingest socket: one thread writes lines while the caller reads replies.
final class StreamClient: @unchecked Sendable {
    let fd: Int32
    var buffer: [UInt8] = []
    var start = 0

    init(path: String) throws(ControlClientError) {
        let control = try ControlClient(path: path, timeout: 300)
        fd = dup(control.fd)
    }

    deinit { close(fd) }

    /// Writes every line, then half-closes so the daemon knows the stream ended.
    func sendAll(_ lines: [String]) {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        func flush() {
            var offset = 0
            while offset < chunk.count {
                let n = chunk.withUnsafeBytes { send(fd, $0.baseAddress! + offset, chunk.count - offset, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
            chunk.removeAll(keepingCapacity: true)
        }
        for line in lines {
            chunk.append(contentsOf: line.utf8)
            chunk.append(0x0A)
            if chunk.count >= 1 << 20 { flush() }
        }
        flush()
        shutdown(fd, Int32(SHUT_WR))
    }

    /// The next reply line, or nil at the end of the stream.
    func readLine() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<nl], as: UTF8.self)
                start = nl + 1
                if start > 1 << 16 {
                    buffer.removeSubrange(..<start)
                    start = 0
                }
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
