import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("the ingest socket answers every line after commit", .serialized)
struct IngestSocketTests {
    /// Sends `lines` on one connection and returns every reply line.
    static func sendAll(_ lines: [String], to path: String) throws -> [String] {
        let client = try UnixLineClient(path: path, timeout: 60)
        let writer = Thread {
            try? client.send(lines.joined(separator: "\n") + "\n")
            client.finishSending()
        }
        writer.start()
        var replies: [String] = []
        while let line = try client.readLine() { replies.append(line) }
        return replies
    }

    @Test("10,000 posts from 8 concurrent clients: 10,000 ok replies in order, 10,000 rows; a resend is all duplicates")
    func concurrentClients() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ingest8")
        let daemon = try RunningDaemon(directory: dir)
        let perClient = 1250
        let batches: [[String]] = (0..<8).map { c in (0..<perClient).map { i in Fixtures.post("c\(c)-\(i)") } }
        for round in ["new", "duplicate"] {
            let results = UnsafeSendableBox<[[String]]>(Array(repeating: [], count: 8))
            DispatchQueue.concurrentPerform(iterations: 8) { c in
                let replies = (try? Self.sendAll(batches[c], to: daemon.ingestSocket)) ?? []
                results.withLock { $0[c] = replies }
            }
            for c in 0..<8 {
                let replies = results.withLock { $0[c] }
                #expect(replies.count == perClient, "client \(c) got \(replies.count) replies in round \(round)")
                let expected = (0..<perClient).map { #"{"ok":true,"post":"twitter:c\#(c)-\#($0)","status":"\#(round)"}"# }
                #expect(replies == expected, "client \(c): replies must be in line order, all \(round)")
            }
            #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "10000")
        }
        try daemon.stop()
    }

    @Test("malformed lines each get a precise error and the connection goes on")
    func malformedLines() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ingestbad")
        let daemon = try RunningDaemon(directory: dir)
        let client = try UnixLineClient(path: daemon.ingestSocket, timeout: 30)
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let cases: [(bytes: [UInt8], expect: String)] = [
            (Array("{\"platform\":".utf8), "invalid JSON"),
            (Array(#"{"platform":"x","id":1.5,"author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#.utf8),
             "`id`: expected a string or an integer id"),
            (Array(#"{"platform":"x","id":"1","author":{"id":"a"},"text":42,"created_at":"2026-11-28T09:00:00Z"}"#.utf8),
             "`text`: expected a string, got a number"),
            (Array(#"{"platform":"x","id":"1","author":{},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#.utf8),
             "`author.id`: missing"),
            (Array(#"{"platform":"x","id":"1","author":{"id":"a","followers":"many"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#.utf8),
             "`author.followers`: expected a non-negative integer"),
            ([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D], "not valid UTF-8 at byte 2"),
            (Array("{\"platform\":\"x\u{0}\"}".utf8), "raw control character a NUL byte"),
            (Array(#"{"platform":"x","id":"1","author":{"id":"a"},"text":"a\u0000b","created_at":"2026-11-28T09:00:00Z"}"#.utf8),
             "`text`: contains a NUL character"),
            (Array(deep.utf8), "nesting is deeper than"),
            (Array(repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024), "over the 1048576-byte limit"),
        ]
        var payload: [UInt8] = []
        for c in cases { payload += c.bytes + [0x0A] }
        payload += Array((Fixtures.post("still-alive") + "\n").utf8)
        try client.send(bytes: payload)
        for (i, c) in cases.enumerated() {
            let reply = try #require(try client.readLine())
            #expect(reply.hasPrefix("{\"ok\":false,\"line\":\(i + 1),"), "line \(i + 1): \(reply)")
            #expect(reply.contains(c.expect), "line \(i + 1) should say \(c.expect): \(reply)")
        }
        #expect(try client.readLine() == #"{"ok":true,"post":"twitter:still-alive","status":"new"}"#)
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM rejects WHERE source = 'socket'") == "\(cases.count)")
        try daemon.stop()
    }

    @Test("a metrics observation of a known post is `updated` and kept as a time series")
    func metricsObservation() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ingestobs")
        let daemon = try RunningDaemon(directory: dir)
        let base = #"{"platform":"vk","id":"42","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z""#
        let lines = [
            base + "}",
            base + #","metrics":{"reposts":10},"observed_at":"2026-11-28T09:05:00Z"}"#,
            base + #","metrics":{"reposts":10},"observed_at":"2026-11-28T09:05:00Z"}"#,
            base + #","metrics":{"reposts":25},"observed_at":"2026-11-28T09:10:00Z"}"#,
        ]
        let replies = try Self.sendAll(lines, to: daemon.ingestSocket)
        #expect(replies.map { $0.components(separatedBy: "\"status\":\"").last ?? "" }
            == ["new\"}", "updated\"}", "duplicate\"}", "updated\"}"])
        #expect(try Fixtures.sql(daemon.database, "SELECT group_concat(reposts) FROM post_metrics") == "10,25")
        try daemon.stop()
    }
}

/// A lock-protected box for collecting results from concurrent test threads.
final class UnsafeSendableBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

@Suite("the ingest socket under misbehaving clients", .serialized)
struct IngestBackpressureTests {
    /// Resident set size of a process in KiB, from /proc.
    static func rssKiB(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    @Test("a slow reader that has finished sending still receives every reply before the daemon closes")
    func slowReaderGetsEveryReply() throws {
        let dir = try TestPaths.makeTemporaryDirectory("slowreader")
        let daemon = try RunningDaemon(directory: dir)
        let client = try UnixLineClient(path: daemon.ingestSocket, timeout: 60)
        client.readChunkSize = 1024
        client.readPause = 5000
        let count = 20_000
        let writer = Thread {
            try? client.send((0..<count).map { Fixtures.post("slow-\($0)") }.joined(separator: "\n") + "\n")
            client.finishSending()
        }
        writer.start()
        var replies = 0
        while let line = try client.readLine() {
            #expect(line.hasPrefix(#"{"ok":true"#), "reply \(replies): \(line)")
            replies += 1
        }
        #expect(replies == count, "the daemon closed after \(replies) of \(count) replies")
        try daemon.stop()
    }

    @Test("a client that stops reading its replies stalls neither other clients nor the daemon's memory")
    func stalledReader() throws {
        let dir = try TestPaths.makeTemporaryDirectory("stall")
        let daemon = try RunningDaemon(directory: dir)
        let pid = daemon.process.processIdentifier
        let stalled = try UnixLineClient(path: daemon.ingestSocket, timeout: 2)
        // Pour posts in without ever reading a reply, until the socket pushes back.
        let line = Array((Fixtures.post("stall", text: String(repeating: "ж", count: 150)) + "\n").utf8)
        var chunk: [UInt8] = []
        for _ in 0..<2000 { chunk += line }
        let baseline = Self.rssKiB(pid)
        var sent = 0
        while sent < 400 * 1024 * 1024 {
            do { try stalled.send(bytes: chunk) } catch { break }  // send timeout = the daemon stopped reading
            sent += chunk.count
        }
        #expect(sent < 400 * 1024 * 1024, "the daemon must stop reading a client that does not read its replies")
        // Meanwhile another client is served normally.
        let other = try UnixLineClient(path: daemon.ingestSocket, timeout: 10)
        #expect(try other.request(Fixtures.post("other-1")) == #"{"ok":true,"post":"twitter:other-1","status":"new"}"#)
        let grown = Self.rssKiB(pid) - baseline
        #expect(grown < 100 * 1024, "RSS grew by \(grown) KiB while a client stalled (sent \(sent) bytes)")
        try daemon.stop()
    }

    @Test("kill -9 during a multi-client send, restart, resend what was not acknowledged: each acked post once")
    func crashDuringSend() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ingestcrash")
        var daemon = try RunningDaemon(directory: dir)
        let clients = 8, perClient = 3000
        let acked = UnsafeSendableBox<[Set<String>]>(Array(repeating: [], count: clients))
        let socketPath = daemon.ingestSocket
        let victim = daemon.process.processIdentifier
        let killer = Thread {
            Thread.sleep(forTimeInterval: 0.8)
            kill(victim, SIGKILL)
        }
        killer.start()
        DispatchQueue.concurrentPerform(iterations: clients) { c in
            guard let client = try? UnixLineClient(path: socketPath, timeout: 30) else { return }
            let lines = (0..<perClient).map { Fixtures.post("k\(c)-\($0)") }
            let writer = Thread {
                try? client.send(lines.joined(separator: "\n") + "\n")
                client.finishSending()
            }
            writer.start()
            while let reply = try? client.readLine() {
                if let range = reply.range(of: #""post":"twitter:"#), reply.hasPrefix("{\"ok\":true") {
                    let id = reply[range.upperBound...].prefix { $0 != "\"" }
                    acked.withLock { _ = $0[c].insert(String(id)) }
                }
            }
        }
        try waitUntil("the daemon is dead", timeout: 10) { !daemon.process.isRunning }
        let ackedBeforeCrash = acked.withLock { $0.reduce(0) { $0 + $1.count } }
        #expect(ackedBeforeCrash < clients * perClient, "the crash should land mid-send")
        // Every acknowledged post is durable.
        for c in 0..<clients {
            for id in acked.withLock({ $0[c] }).prefix(50) {
                #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts WHERE post_id = '\(id)'") == "1")
            }
        }
        daemon = try RunningDaemon(directory: dir)
        let storedAfterCrash = Int(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts")) ?? -1
        #expect(storedAfterCrash >= ackedBeforeCrash, "every acknowledged post survived the crash")
        for c in 0..<clients {
            let done = acked.withLock { $0[c] }
            let missing = (0..<perClient).map { "k\(c)-\($0)" }.filter { !done.contains($0) }
            _ = try IngestSocketTests.sendAll(missing.map { Fixtures.post($0) }, to: daemon.ingestSocket)
        }
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "\(clients * perClient)")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM (SELECT post_id FROM posts GROUP BY post_id HAVING count(*) > 1)") == "0")
        #expect(try Fixtures.sql(daemon.database, "PRAGMA integrity_check") == "ok")
        try daemon.stop()
    }
}
