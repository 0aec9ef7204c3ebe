import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The hostile-input corpus fed through all three doors of one real daemon at once.
///
/// `BACKLASH_HOSTILE_SCALE` multiplies the corpus (1 = the CI size, >= 10,000 cases; scripts/hostile runs a bigger
/// one), `BACKLASH_HOSTILE_SEED` picks another corpus. A failure names the seed, the case and its label.
@Suite("hostile input through the inbox, the ingest socket and the control socket", .serialized)
struct HostileInputTests {
    static var scale: Int { ProcessInfo.processInfo.environment["BACKLASH_HOSTILE_SCALE"].flatMap { Int($0) } ?? 1 }
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["BACKLASH_HOSTILE_SEED"].flatMap { UInt64($0) } ?? 20_261_128
    }

    /// RSS may grow this much over the whole run. The daemon holds at most: one 1 MiB line per ingest connection
    /// (4 here) and the replies it owes them; one inbox batch of files (the corpus has one 8 MiB file, the rest are
    /// under 300 KiB; its parse tree is the largest transient, tens of MiB); a 1 MiB control request; SQLite's page
    /// cache (2 MiB per connection); and the detector's state for the accepted posts (a few KiB each). 192 MiB
    /// is those transients with a 2x margin for malloc keeping freed arenas; a leak per case (10,000+ cases) or
    /// reading any of the 100 MB inputs would pass it.
    static let rssGrowthBoundKiB = 192 * 1024

    static let config = """
        managers:
          - id: anna
            name: "Анна Петрова"
            aliases: ["@apetrova"]
          - id: boris
            name: "Борис Смирнов"
        paths:
          state_directory: var
          inbox: var/inbox
          runtime_directory: var
        """

    @Test("every hostile case gets its precise error, nothing outside the inbox is read, the daemon stays up")
    func corpus() throws {
        let scale = Self.scale
        let seed = Self.seed
        let dir = try TestPaths.makeTemporaryDirectory("hostile")
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("secret.txt")
        let marker = "SECRET-\(seed)-do-not-read-\(UInt64.random(in: 0...UInt64.max))"
        try marker.write(to: secret, atomically: true, encoding: .utf8)
        let daemon = try RunningDaemon(directory: dir, config: Self.config)
        let pid = daemon.process.processIdentifier

        // Warm up and open one incident for the control socket's write commands.
        let taxi = WorkflowTests.taxiPosts().split(separator: "\n").map(String.init)
        _ = try IngestSocketTests.sendAll(taxi, to: daemon.ingestSocket)
        let incidents = try JSONSerialization.jsonObject(with: Data(try daemon.control(#"{"cmd":"incidents"}"#).utf8))
        let incident = try #require(
            ((incidents as? [String: Any])?["result"] as? [[String: Any]])?.first?["id"] as? Int)
        let rssBefore = Self.status(pid, "VmRSS")

        let report = HostileRunReport()
        let group = DispatchGroup()
        for door in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                let start = Date()
                do {
                    switch door {
                    case 0: try Self.ingest(daemon, seed: seed, scale: scale, report: report)
                    case 1: try Self.inbox(daemon, seed: seed, scale: scale, secret: secret.path, report: report)
                    default: try Self.control(daemon, seed: seed, scale: scale, incident: incident, report: report)
                    }
                } catch {
                    report.fail("door \(door) stopped: \(error)")
                }
                report.time(door, Date().timeIntervalSince(start))
            }
        }
        group.wait()

        // Still the same process, still answering, memory bounded.
        #expect(
            daemon.process.isRunning && daemon.process.processIdentifier == pid,
            "backlashd died:\n\(daemon.log.suffix(3000))")
        #expect(daemon.controlAnswers(), "ping answers after the corpus")
        let rssAfter = Self.status(pid, "VmRSS")
        let peak = Self.status(pid, "VmHWM")
        #expect(rssAfter - rssBefore < Self.rssGrowthBoundKiB, "RSS grew from \(rssBefore) to \(rssAfter) KiB")

        // Last, the reads of the whole event log (`since` NaN or -1e308): valid, and their replies grow with what
        // the corpus stored (tens of MB at scale 10). The daemon holds the events, the reply's JSON and its text at
        // once, so its RSS may grow by a few times the reply, not more.
        let wholeLog = try Self.wholeLogReads(daemon, report: report)
        let rssWholeLog = Self.status(pid, "VmRSS")
        #expect(
            rssWholeLog - rssAfter < Self.rssGrowthBoundKiB + 6 * wholeLog.bytes / 1024,
            "RSS grew from \(rssAfter) to \(rssWholeLog) KiB for \(wholeLog.bytes) bytes of whole-log replies")
        #expect(daemon.process.isRunning && daemon.controlAnswers(), "backlashd answers after the whole-log reads")

        // Stored: every accepted post, nothing else but the racing files' posts.
        let stored = Set(
            try Fixtures.sql(daemon.database, "SELECT platform || ':' || post_id FROM posts")
                .split(separator: "\n").map(String.init))
        let expected = report.acceptedKeys
        let missing = expected.subtracting(stored)
        #expect(missing.isEmpty, "accepted posts not stored: \(missing.sorted().prefix(10))")
        let extra = stored.filter { $0.hasPrefix("hostile:") }.subtracting(expected).filter {
            !$0.hasPrefix("hostile:race")
        }
        #expect(extra.isEmpty, "stored though rejected: \(extra.sorted().prefix(10))")

        // Nothing was read through a link: neither the secret nor /etc/shadow is in the database or the inbox.
        var needles = [Array(marker.utf8)]
        if let shadow = try? String(contentsOfFile: "/etc/shadow", encoding: .utf8),
            let first = shadow.split(separator: "\n").first(where: { $0.contains(":$") || $0.hasPrefix("root:") })
        {
            needles.append(Array(first.utf8))
        }
        for failure in report.failures.prefix(40) { Issue.record("seed \(seed): \(failure)") }
        if !report.failures.isEmpty { print("backlashd's log ends:\n" + daemon.log.suffix(4000)) }
        let events = (try? Fixtures.sql(daemon.database, "SELECT count(*) FROM events")) ?? "?"
        // A daemon busy with what it was fed must still stop promptly on SIGTERM.
        let stopStart = Date()
        try daemon.stop(timeout: 60)
        let stopSeconds = Date().timeIntervalSince(stopStart)
        #expect(stopSeconds < 30, "SIGTERM took \(stopSeconds)s")
        for file in ["backlash.sqlite", "backlash.sqlite-wal"] + Self.regularFiles(under: daemon.inbox) {
            let path = file.hasPrefix("/") ? file : daemon.varDirectory.appendingPathComponent(file).path
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for needle in needles {
                #expect(data.range(of: Data(needle)) == nil, "\(path) holds content read through a link")
            }
        }
        let counts = report.counts
        print(
            """
            hostile corpus seed \(seed) scale \(scale): \(counts.ingest) ingest lines in \(report.seconds(0))s, \
            \(counts.inbox) inbox entries in \(report.seconds(1))s, \(counts.control) control requests in \
            \(report.seconds(2))s (\(counts.ingest + counts.inbox + counts.control) cases); RSS \(rssBefore) -> \
            \(rssAfter) KiB, peak \(peak) KiB; \(events) events; whole-log reads: \(wholeLog.bytes) bytes in \
            \(String(format: "%.1f", wholeLog.seconds))s, RSS then \(rssWholeLog) KiB; \(report.failures.count) failures
            """)
        #expect(counts.ingest + counts.inbox + counts.control >= 10_000 * scale)
    }

    // MARK: - the ingest socket

    static func ingest(_ daemon: RunningDaemon, seed: UInt64, scale: Int, report: HostileRunReport) throws {
        var corpus = HostilePostCorpus(seed: seed, tag: "s")
        let connections = 4
        let perConnection = 1600 * scale
        var work: [[HostilePost]] = (0..<connections).map { _ in corpus.make(perConnection) }
        // Socket-only lines: blank ones, arrays, CRLF endings, and lines over the 1 MiB limit.
        var extras: [HostilePost] = []
        for i in 0..<(50 * scale) {
            switch i % 5 {
            case 0: extras.append(HostilePost(label: "blank", key: "", bytes: Array(" \t ".utf8), verdict: .blankLine))
            case 1:
                extras.append(
                    HostilePost(
                        label: "top-level array", key: "", bytes: Array("[{}]".utf8),
                        verdict: .notAnObject(kind: "an array")))
            case 2:
                corpus.counter += 1
                let post = corpus.accepted(RawPost.valid(id: "crlf\(i)", text: "CRLF"), id: "crlf\(i)")
                extras.append(HostilePost(label: "CRLF", key: post.key, bytes: post.bytes + [0x0D], verdict: .accepted))
            case 3:
                extras.append(
                    HostilePost(
                        label: "1 MiB + 1", key: "", bytes: Array(repeating: 0x7B, count: (1 << 20) + 1),
                        verdict: .overLineLimit))
            default: extras.append(HostilePost(label: "empty", key: "", bytes: [], verdict: .blankLine))
            }
        }
        work[0] += extras
        let hundredMB = HostilePost(
            label: "a 100 MB line", key: "", bytes: Array(repeating: UInt8(ascii: "["), count: 100 << 20),
            verdict: .overLineLimit)
        work[1].insert(hundredMB, at: work[1].count / 2)
        for lines in work { report.expect(lines.filter { $0.verdict == .accepted }.map(\.key)) }
        report.count(ingest: work.reduce(0) { $0 + $1.count })

        let group = DispatchGroup()
        for lines in work {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do { try Self.send(lines, to: daemon.ingestSocket, report: report) } catch {
                    report.fail("ingest connection: \(error)")
                }
            }
        }
        group.wait()
    }

    static func send(_ lines: [HostilePost], to socket: String, report: HostileRunReport) throws {
        let client = try UnixLineClient(path: socket, timeout: 120)
        let writer = Thread {
            for line in lines {
                // A line over the limit is streamed in chunks, as a real client's would be.
                var offset = 0
                while offset < line.bytes.count {
                    let end = min(line.bytes.count, offset + (4 << 20))
                    do { try client.send(bytes: Array(line.bytes[offset..<end])) } catch {
                        report.fail("ingest: sending [\(line.label)]: \(error)")
                        client.finishSending()
                        return
                    }
                    offset = end
                }
                do { try client.send(bytes: [0x0A]) } catch {
                    report.fail("ingest: sending a newline: \(error)")
                    client.finishSending()
                    return
                }
            }
            client.finishSending()
        }
        writer.start()
        var number = 0
        while let reply = try client.readLine() {
            number += 1
            guard number <= lines.count else {
                report.fail("ingest: a reply too many: \(reply)")
                break
            }
            let line = lines[number - 1]
            let problem = line.verdict.checkSocketReply(reply, line: number, key: line.key)
            if let problem {
                report.fail("ingest line \(number) [\(line.label)]: \(problem); got \(reply.prefix(300))")
            }
        }
        if number != lines.count { report.fail("ingest: \(number) replies for \(lines.count) lines") }
    }

    // MARK: - the inbox

    static func inbox(_ daemon: RunningDaemon, seed: UInt64, scale: Int, secret: String, report: HostileRunReport)
        throws
    {
        var corpus = HostileInboxCorpus(seed: seed, secretPath: secret)
        var entries =
            corpus.postFiles(2500 * scale) + corpus.ndjsonFiles(100 * scale) + corpus.arrayFiles(60 * scale)
            + corpus.races(120 * scale)
        for _ in 0..<scale { entries += corpus.specials(deviceFiles: getuid() == 0) }
        report.count(inbox: entries.count)
        let new = daemon.inbox.appendingPathComponent("new").path
        let tmp = daemon.inbox.appendingPathComponent("tmp").path
        for entry in entries {
            try HostileInboxPlacer.place(entry, new: new, tmp: tmp)
            switch entry.outcome {
            case .taken(let keys), .quarantined(_, let keys):
                if entry.nameIsUTF8 { report.expect(keys) }
            case .post(let post):
                if post.verdict == .accepted && entry.nameIsUTF8 { report.expect([post.key]) }
            case .raced: break
            }
        }
        try waitUntil("new/ is empty", timeout: 120.0 * Double(scale), poll: 0.5) {
            HostileInboxPlacer.names(in: new).filter { $0.first != UInt8(ascii: ".") }.isEmpty
        }
        let cur = Set(HostileInboxPlacer.names(in: daemon.inbox.appendingPathComponent("cur").path))
        let reports = HostileInboxPlacer.reports(in: daemon.inbox.appendingPathComponent("failed").path)
        for entry in entries {
            let report1 = reports[HostileInboxPlacer.quoted(entry.name)]
            let inCur = cur.contains(entry.name)
            if let problem = Self.judge(entry, inCur: inCur, report: report1) {
                let shown = report1.map { String($0.prefix(300)) } ?? "none"
                report.fail("inbox \(HostileInboxPlacer.quoted(entry.name)): \(problem); report: \(shown)")
            }
        }
    }

    static func judge(_ entry: HostileInboxEntry, inCur: Bool, report: String?) -> String? {
        if case .raced = entry.outcome {
            return inCur && report != nil ? "both taken and quarantined" : nil
        }
        if !entry.nameIsUTF8 {
            return report?.contains("the file name is not valid UTF-8") == true
                ? nil : "wanted a quarantine for its name"
        }
        switch entry.outcome {
        case .taken:
            return inCur && report == nil ? nil : "wanted it taken into cur/"
        case .quarantined(let texts, _):
            guard let report, !inCur else { return "wanted it quarantined" }
            let absent = texts.filter { !report.contains($0) }
            return absent.isEmpty ? nil : "the report lacks \(absent)"
        case .post(let post):
            if post.verdict == .accepted { return inCur && report == nil ? nil : "wanted the post taken" }
            guard let report, !inCur else { return "wanted it quarantined (\(post.label))" }
            return post.verdict.checkInboxReport(report).map { "[\(post.label)] \($0)" }
        case .raced:
            return nil
        }
    }

    // MARK: - the control socket

    static func control(_ daemon: RunningDaemon, seed: UInt64, scale: Int, incident: Int, report: HostileRunReport)
        throws
    {
        var corpus = HostileControlCorpus(seed: seed, incident: incident, manager: "anna", asRoot: getuid() == 0)
        var cases = corpus.make(1500 * scale)
        cases.append(
            HostileControlCase(
                label: "a request over 1 MiB", bytes: Array(repeating: 0x20, count: (1 << 20) + 10),
                ok: false, error: "bytes, over the 1048576-byte limit"))
        report.count(control: cases.count)
        let client = try UnixLineClient(path: daemon.controlSocket, timeout: 120)
        let replies = LongLineReader(fd: client.fd)
        var slowest: [(seconds: Double, label: String)] = []
        for (i, c) in cases.enumerated() {
            let start = Date()
            defer {
                slowest.append((Date().timeIntervalSince(start), c.label))
                slowest = Array(slowest.sorted { $0.seconds > $1.seconds }.prefix(5))
            }
            try client.send(bytes: c.bytes + [0x0A])
            guard let reply = try replies.next() else {
                report.fail("control request \(i + 1) [\(c.label)]: the connection closed")
                return
            }
            let object = (try? JSONSerialization.jsonObject(with: Data(reply.utf8))) as? [String: Any]
            let ok = object?["ok"] as? Bool
            let error = object?["error"] as? String ?? ""
            if ok != c.ok || (!c.ok && !error.contains(c.error)) {
                report.fail(
                    "control request \(i + 1) [\(c.label)]: wanted ok=\(c.ok) \(c.error); got \(reply.prefix(300))")
            }
        }
        print(
            "slowest control requests: "
                + slowest.map { String(format: "%.2fs %@", $0.seconds, $0.label) }.joined(separator: ", "))
    }

    /// Sends the whole-log reads and returns the bytes of their replies and the time they took.
    static func wholeLogReads(_ daemon: RunningDaemon, report: HostileRunReport) throws -> (bytes: Int, seconds: Double)
    {
        report.count(control: HostileControlCorpus.wholeLogReads.count)
        let client = try UnixLineClient(path: daemon.controlSocket, timeout: 300)
        let replies = LongLineReader(fd: client.fd)
        let start = Date()
        var bytes = 0
        for c in HostileControlCorpus.wholeLogReads {
            try client.send(bytes: c.bytes + [0x0A])
            guard let reply = try replies.next() else { throw TestFailure("no reply to \(c.label)") }
            bytes += reply.utf8.count
            if !reply.hasPrefix(#"{"ok":true,"result":["#) { report.fail("\(c.label): \(reply.prefix(300))") }
        }
        return (bytes, Date().timeIntervalSince(start))
    }

    // MARK: - helpers

    /// A `/proc/PID/status` figure in KiB (VmRSS, VmHWM).
    static func status(_ pid: Int32, _ field: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    /// Paths of the regular files under an inbox that the daemon wrote or moved (links are not followed, and a file
    /// with several hard links is the attacker's own inode, not something the daemon copied).
    static func regularFiles(under dir: URL) -> [String] {
        var out: [String] = []
        for sub in ["cur", "failed", "new", "tmp"] {
            let path = dir.appendingPathComponent(sub).path
            for name in HostileInboxPlacer.names(in: path) {
                var full = Array(path.utf8) + [UInt8(ascii: "/")] + name
                full.append(0)
                var st = stat()
                let isRegular = full.withUnsafeBufferPointer { p in
                    p.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &st) == 0 }
                        && (st.st_mode & S_IFMT) == S_IFREG
                        && st.st_nlink == 1
                }
                if isRegular, let s = String(validating: full.dropLast(), as: UTF8.self) { out.append(s) }
            }
        }
        return out
    }
}

/// What the three doors found, collected from their threads.
final class HostileRunReport: @unchecked Sendable {
    private let lock = NSLock()
    private var failureList: [String] = []
    private var accepted = Set<String>()
    private var times = [Double](repeating: 0, count: 3)
    private var tally = (ingest: 0, inbox: 0, control: 0)

    func fail(_ message: String) { lock.withLock { failureList.append(message) } }
    func expect(_ keys: [String]) { lock.withLock { accepted.formUnion(keys) } }
    func time(_ door: Int, _ seconds: Double) { lock.withLock { times[door] = seconds } }
    func count(ingest: Int = 0, inbox: Int = 0, control: Int = 0) {
        lock.withLock {
            tally.ingest += ingest
            tally.inbox += inbox
            tally.control += control
        }
    }

    var failures: [String] { lock.withLock { failureList } }
    var acceptedKeys: Set<String> { lock.withLock { accepted } }
    var counts: (ingest: Int, inbox: Int, control: Int) { lock.withLock { tally } }
    func seconds(_ door: Int) -> String { lock.withLock { String(format: "%.1f", times[door]) } }
}

/// Reads lines of any length from a socket in linear time (a whole-log reply runs to tens of MB; scanning the
/// buffer from its start after every read, as a simple reader does, would make it quadratic).
final class LongLineReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var scanned = 0

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next line without its newline; nil at the end of the stream.
    func next() throws -> String? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                scanned = 0
                return line
            }
            scanned = buffer.count
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TestFailure("recv: \(String(cString: strerror(errno)))")
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
