import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 receiver on 127.0.0.1 for webhook notifications (Backlash's webhook notifier,
/// Alertmanager's webhook_configs): it stamps each request with the wall-clock time its first bytes arrived,
/// keeps the body, and answers 200 at once. One thread per connection; keep-alive honoured.
final class WebhookReceiver: Sendable {
    /// One request as it arrived.
    struct Arrival: Sendable {
        /// Wall-clock seconds when its first bytes were read.
        var time: Double
        /// The body (JSON for both peers).
        var body: [UInt8]
    }

    let port: UInt16
    private let listener: Int32
    private let arrivals = Mutex<[Arrival]>([])

    /// Listens on 127.0.0.1:`port` and starts accepting.
    init(port: UInt16) throws(BenchError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = SocketConnection.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw BenchError(
                "the webhook receiver cannot listen on 127.0.0.1:\(port) (errno \(errno)); is the port taken?")
        }
        self.port = port
        listener = fd
        let accepting = Thread { [self] in acceptLoop() }
        accepting.start()
    }

    /// Every request so far.
    var received: [Arrival] { arrivals.withLock { $0 } }

    /// Forgets the requests so far.
    func reset() { arrivals.withLock { $0.removeAll() } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let serving = Thread { [self] in serve(client) }
            serving.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer { close(fd) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var requestStart: Double?
        let ok = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            if pending.isEmpty && requestStart == nil { requestStart = WallClock.now() }
            pending.append(contentsOf: buffer[0..<n])
            while let request = HTTPMessage.parse(pending) {
                arrivals.withLock { $0.append(Arrival(time: requestStart ?? WallClock.now(), body: request.body)) }
                pending.removeFirst(request.length)
                requestStart = pending.isEmpty ? nil : WallClock.now()
                _ = ok.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
        }
    }
}

/// Just enough HTTP/1.1 message parsing for the benchmarks: a head, then a Content-Length or chunked body.
struct HTTPMessage {
    /// The status code of a response (0 for a request).
    var status: Int
    var body: [UInt8]
    /// Bytes the whole message took.
    var length: Int

    /// Parses one complete message at the start of `bytes`, or nil when it has not all arrived.
    static func parse(_ bytes: [UInt8]) -> HTTPMessage? {
        guard let headEnd = find([13, 10, 13, 10], in: bytes, from: 0) else { return nil }
        let head = String(decoding: bytes[0..<headEnd], as: UTF8.self).lowercased()
        let lines = head.split(separator: "\r\n")
        var status = 0
        if let first = lines.first, first.hasPrefix("http/") {
            status = Int(first.split(separator: " ").dropFirst().first ?? "") ?? 0
        }
        var contentLength = 0
        var chunked = false
        for line in lines.dropFirst() {
            if line.hasPrefix("content-length:") {
                contentLength = Int(line.dropFirst(15).trimmingCharacters(in: .whitespaces)) ?? 0
            } else if line.hasPrefix("transfer-encoding:") && line.contains("chunked") {
                chunked = true
            }
        }
        let bodyStart = headEnd + 4
        if !chunked {
            guard bytes.count >= bodyStart + contentLength else { return nil }
            return HTTPMessage(status: status, body: Array(bytes[bodyStart..<bodyStart + contentLength]),
                length: bodyStart + contentLength)
        }
        var body: [UInt8] = []
        var at = bodyStart
        while true {
            guard let lineEnd = find([13, 10], in: bytes, from: at) else { return nil }
            let sizeText = String(decoding: bytes[at..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            let dataStart = lineEnd + 2
            guard bytes.count >= dataStart + size + 2 else { return nil }
            if size == 0 {
                // No trailers are sent by either peer: the terminating CRLF follows at once.
                return HTTPMessage(status: status, body: body, length: dataStart + 2)
            }
            body += bytes[dataStart..<dataStart + size]
            at = dataStart + size + 2
        }
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0] && Array(bytes[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}
