import Foundation
import Testing

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
