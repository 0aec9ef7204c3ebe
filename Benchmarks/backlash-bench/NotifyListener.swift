import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The service manager's side of sd_notify: a unix datagram socket to pass as NOTIFY_SOCKET; it stamps each
/// message (`READY=1`, `STATUS=…`) with the wall-clock time it arrived.
final class NotifyListener: Sendable {
    /// The socket's path.
    let path: String
    private let fd: Int32
    private let messages = Mutex<[(time: Double, text: String)]>([])

    /// Binds a fresh socket at `path` and starts reading.
    init(path: String) throws(BenchError) {
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard rc == 0 else { throw BenchError("cannot bind the notify socket \(path): errno \(errno)") }
        self.path = path
        self.fd = fd
        let reading = Thread { [self] in readLoop() }
        reading.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return }
            let now = WallClock.now()
            let text = String(decoding: buffer[0..<n], as: UTF8.self)
            messages.withLock { $0.append((now, text)) }
        }
    }

    /// When the first message containing `line` (e.g. `READY=1`) arrived after `since`, if it has.
    func arrival(of line: String, since: Double) -> Double? {
        messages.withLock { all in
            all.first { $0.time >= since && $0.text.split(separator: "\n").contains { $0 == line } }?.time
        }
    }

    /// The messages received so far.
    var received: [String] { messages.withLock { $0.map(\.text) } }
}
