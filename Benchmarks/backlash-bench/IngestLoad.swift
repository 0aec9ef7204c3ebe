import ArgumentParser
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The load side of the ingest benchmark: N clients stream pre-generated NDJSON to the ingest socket and count
/// the durable acknowledgements. Benchmarks/ingest.sh runs it beside socat and the sqlite3 CLI.
struct IngestLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-load",
        abstract: "Send an NDJSON file to the ingest socket over N connections and time the acknowledgements.")

    @Option(help: "The ingest socket.") var socket: String
    @Option(help: "NDJSON file of posts (split across the clients line by line).") var file: String
    @Option(help: "Concurrent clients.") var clients = 8

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let bytes = [UInt8](data)
        var lineStarts: [Int] = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 < bytes.count { lineStarts.append(i + 1) }
        let total = lineStarts.count
        // Each client gets a contiguous share of the lines.
        var splitShares: [[UInt8]] = []
        for c in 0..<clients {
            let from = total * c / clients, to = total * (c + 1) / clients
            let start = lineStarts[from]
            let end = to < total ? lineStarts[to] : bytes.count
            splitShares.append(Array(bytes[start..<end]))
        }
        let shares = splitShares
        let expected = (0..<clients).map { c in total * (c + 1) / clients - total * c / clients }
        let okCounts = Mutex([Int](repeating: 0, count: clients))
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: clients) { c in
            let fd = Self.connect(socket)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let share = shares[c]
            let writer = Thread {
                var offset = 0
                while offset < share.count {
                    let n = share.withUnsafeBytes { send(fd, $0.baseAddress! + offset, min(1 << 20, share.count - offset), Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { if errno == EINTR { continue }; break }
                    offset += n
                }
                shutdown(fd, Int32(SHUT_WR))
            }
            writer.start()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var lines = 0, ok = 0
            var head: [UInt8] = []  // the first bytes of the current reply line, across reads
            while lines < expected[c] {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                for i in 0..<n {
                    let b = buffer[i]
                    if b == 0x0A {
                        if head.starts(with: Array(#"{"ok":true"#.utf8)) { ok += 1 }
                        head.removeAll(keepingCapacity: true)
                        lines += 1
                    } else if head.count < 10 {
                        head.append(b)
                    }
                }
            }
            okCounts.withLock { $0[c] = ok }
        }
        let seconds = Date().timeIntervalSince(start)
        let ok = okCounts.withLock { $0.reduce(0, +) }
        print(String(format: "backlashd: %d posts acknowledged (%d ok) over %d clients in %.2f s = %.0f posts/s",
            total, ok, clients, seconds, Double(total) / seconds))
    }

    static func connect(_ path: String) -> Int32 {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return rc == 0 ? fd : -1
    }
}
