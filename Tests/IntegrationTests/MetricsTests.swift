import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Prometheus metrics on the loopback listener", .serialized)
struct MetricsTests {
    /// anna's exec hook takes the page; boris's fails every time (3 attempts: at once, after 2 s and 4 s more).
    static func config(port: Int = 0) -> String {
        """
        managers:
          - id: anna
            name: "Анна Петрова"
            approval_limit: 10000
            contacts:
              exec: ["/bin/sh", "-c", "cat > /dev/null"]
          - id: boris
            name: "Борис Смирнов"
            contacts:
              exec: ["/bin/sh", "-c", "cat > /dev/null; exit 3"]
        policies:
          - id: default
            steps:
              - managers: [anna, boris]
                wait: 1h
        paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
        metrics:
          listen: 127.0.0.1:\(port)
        """
    }

    static let promtool = "/usr/bin/promtool"

    /// The port the daemon bound, from `backlashctl status --json` (the config asks for any free port).
    static func metricsPort(_ daemon: RunningDaemon) throws -> Int {
        let status = try ctl(daemon, ["status", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let address = try #require(object?["metrics"] as? String, "status names the metrics address: \(status)")
        #expect(address.hasPrefix("127.0.0.1:"))
        return try #require(Int(address.split(separator: ":").last ?? ""))
    }

    /// GET /metrics, checked by promtool (the Prometheus project's own parser and linter), then parsed.
    static func scrape(port: Int) throws -> PrometheusSamples {
        let response = try HTTPProbe.request("GET", "/metrics", port: port)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        let check = try runProgram(promtool, ["check", "metrics"], stdin: response.body)
        #expect(check.status == 0 && check.stdout.isEmpty && check.stderr.isEmpty,
            "promtool check metrics: \(check.stdout)\(check.stderr)\n\(response.body)")
        return try PrometheusSamples(response.body)
    }

    static func post(_ id: String, text: String = "Спасибо, водитель был вежлив", extra: String = "") -> String {
        #"{"platform":"vk","id":"\#(id)","author":{"id":"a\#(id)","followers":12},"text":"\#(text)","#
            + #""created_at":"2026-11-28T09:00:00Z"\#(extra)}"#
    }

    @Test("the counters equal the actions (posts, pages, acks, quarantine); gauges follow the store after a restart")
    func countersEqualActions() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.promtool),
            "promtool is missing: scripts/install-deps --test installs the prometheus package")
        let dir = try TestPaths.makeTemporaryDirectory("metrics")
        var daemon = try RunningDaemon(directory: dir, config: Self.config())
        var port = try Self.metricsPort(daemon)

        let empty = try Self.scrape(port: port)
        #expect(empty.value("backlash_posts_ingested_total", ["source": "socket", "status": "new"]) == 0)
        #expect(empty.value("backlash_acknowledgements_total") == 0)

        // Over the socket: 5 new, 2 resent unchanged, 1 metrics observation, 3 bad lines, then the taxi post.
        let fresh = (1...5).map { Self.post("p\($0)") }
        let lines = fresh + [fresh[0], fresh[1]]
            + [Self.post("p3", extra: #","metrics":{"likes":4},"observed_at":"2026-11-28T09:05:00Z""#)]
            + ["not json at all", #"{"platform":"vk"}"#,
                Self.post("p9").replacingOccurrences(of: "2026-11-28T09", with: "yesterday")]
        let replies = try IngestSocketTests.sendAll(lines, to: daemon.ingestSocket)
        let statuses = replies.map {
            $0.contains("\"ok\":true") ? $0.components(separatedBy: "\"status\":\"").last! : "error"
        }
        #expect(statuses == Array(repeating: "new\"}", count: 5) + ["duplicate\"}", "duplicate\"}", "updated\"}"]
            + Array(repeating: "error", count: 3), "\(replies)")
        let taxi = WorkflowTests.taxiPosts().split(separator: "\n").map(String.init)[0]
        #expect(try IngestSocketTests.sendAll([taxi], to: daemon.ingestSocket).first?.contains("\"new\"") == true)

        // The inbox: a file with two posts, and a broken one that is quarantined.
        try Fixtures.deliver([Self.post("i1"), Self.post("i2")].joined(separator: "\n") + "\n", name: "good.json",
            inbox: daemon.inbox)
        try Fixtures.deliver(#"{"platform": "vk", "id": "#, name: "bad.json", inbox: daemon.inbox)
        try waitUntil("both inbox files are taken", timeout: 30) {
            Fixtures.files(in: daemon.inbox.appendingPathComponent("cur")).count == 1
                && Fixtures.files(in: daemon.inbox.appendingPathComponent("failed")).contains("bad.json")
        }

        // The taxi post opened incident 1 and paged anna and boris: anna's hook succeeds, boris's fails 3 times.
        let db = daemon.database
        try daemon.settle()
        try #require(
            try Fixtures.sql(db, "SELECT count(*) FROM incidents") == "1", "only the taxi post makes an incident")
        try waitUntil("boris's hook has failed for the last time", timeout: 60, poll: 0.25) {
            try Fixtures.sql(db, """
                SELECT count(*) FROM events WHERE kind = 'page.failed' AND details LIKE '%"retry_at":null%'
                """) == "1"
        }
        try waitUntil("anna's hook took the page", timeout: 30, poll: 0.25) {
            try Fixtures.sql(db, """
                SELECT count(*) FROM events WHERE kind = 'page.sent' AND details LIKE '%"channel":"exec"%'
                """) == "1"
        }
        #expect(try ctl(daemon, ["ack", "1", "--as", "anna"]).status == 0)
        #expect(try ctl(daemon, ["gesture", "propose", "1", "--kind", "coupon", "--value", "500", "--currency", "RUB",
            "--as", "anna"]).status == 0)
        #expect(try ctl(daemon, ["gesture", "approve", "1", "--as", "anna"]).status == 0)

        // The last attempt's event commits a moment after the row the wait above saw; the expectations say the rest.
        var samples = try Self.scrape(port: port)
        try? waitUntil("the last page attempt is counted", timeout: 10) {
            samples = try Self.scrape(port: port)
            return samples.value("backlash_pages_failed_total", ["channel": "exec"]) == 3
        }
        func posts(_ source: String, _ status: String) -> Double? {
            samples.value("backlash_posts_ingested_total", ["source": source, "status": status])
        }
        #expect(posts("socket", "new") == 6)
        #expect(posts("socket", "duplicate") == 2)
        #expect(posts("socket", "updated") == 1)
        #expect(posts("socket", "rejected") == 3)
        #expect(posts("inbox", "new") == 2)
        #expect(posts("inbox", "rejected") == 1)
        #expect(posts("inbox", "duplicate") == 0 && posts("inbox", "updated") == 0)
        #expect(samples.series("backlash_posts_ingested_total").count == 8, "no source other than socket and inbox")
        #expect(try Fixtures.sql(db, "SELECT count(*) FROM posts") == "8")
        #expect(try Fixtures.sql(db, "SELECT count(*) FROM rejects") == "4")

        let batches = try #require(samples.value("backlash_ingest_batch_duration_seconds_count"))
        #expect(batches >= 3 && batches <= 15, "one observation per ingest transaction")
        #expect(samples.value("backlash_ingest_batch_duration_seconds_bucket", ["le": "+Inf"]) == batches)
        #expect((samples.value("backlash_ingest_batch_duration_seconds_sum") ?? 0) > 0)

        #expect(samples.value("backlash_pages_sent_total", ["channel": "journal"]) == 2, "anna and boris were paged")
        #expect(samples.value("backlash_pages_sent_total", ["channel": "exec"]) == 1)
        #expect(samples.value("backlash_pages_failed_total", ["channel": "exec"]) == 3)
        for channel in ["webhook", "email"] {
            #expect(samples.value("backlash_pages_sent_total", ["channel": channel]) == 0)
            #expect(samples.value("backlash_pages_failed_total", ["channel": channel]) == 0)
        }
        #expect(samples.value("backlash_acknowledgements_total") == 1)
        #expect(samples.value("backlash_time_to_acknowledge_seconds_count") == 1)
        let tta = try #require(Double(try Fixtures.sql(db, """
            SELECT (SELECT time FROM events WHERE kind = 'incident.acknowledged')
                - (SELECT min(time) FROM events WHERE kind = 'page.sent' AND incident = '1')
            """)))
        #expect(abs((samples.value("backlash_time_to_acknowledge_seconds_sum") ?? -1) - tta) < 0.001,
            "first page to ack: \(tta) s")
        #expect(samples.value("backlash_inbox_quarantined_files_total") == 1)
        #expect(samples.value("backlash_unjudged_posts") == 0, "everything acknowledged was judged before the scrape")

        let severity = try Fixtures.sql(db, "SELECT severity FROM incidents WHERE id = 1")
        for name in ["info", "low", "medium", "high", "critical"] {
            let expected: Double = name == severity ? 1 : 0
            #expect(samples.value("backlash_incidents_open", ["severity": name]) == expected, "\(name)")
        }
        #expect(samples.value("backlash_gestures", ["state": "approved"]) == 1)
        #expect(samples.value("backlash_gestures", ["state": "proposed"]) == 0)
        try daemon.stop()

        // After a restart the counters start again from zero, but the gauges come from the store.
        daemon = try RunningDaemon(directory: dir, config: Self.config())
        port = try Self.metricsPort(daemon)
        samples = try Self.scrape(port: port)
        #expect(samples.value("backlash_posts_ingested_total", ["source": "socket", "status": "new"]) == 0)
        #expect(samples.value("backlash_incidents_open", ["severity": severity]) == 1)
        #expect(samples.value("backlash_gestures", ["state": "approved"]) == 1)
        try daemon.stop()
    }

    @Test("only GET and HEAD of /metrics are served: 404 for another path, 405 with Allow for another method")
    func httpSurface() throws {
        let dir = try TestPaths.makeTemporaryDirectory("metricshttp")
        let daemon = try RunningDaemon(directory: dir, config: Self.config())
        let port = try Self.metricsPort(daemon)
        #expect(try HTTPProbe.request("GET", "/", port: port).status == 404)
        #expect(try HTTPProbe.request("GET", "/metricsx", port: port).status == 404)
        let post = try HTTPProbe.request("POST", "/metrics", port: port)
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET, HEAD")
        let head = try HTTPProbe.request("HEAD", "/metrics", port: port)
        let get = try HTTPProbe.request("GET", "/metrics?name[]=x", port: port)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(get.status == 200 && get.body.contains("# TYPE backlash_posts_ingested_total counter"))
        #expect(head.headers["content-length"] == String(get.body.utf8.count))
        #expect(try daemon.stop() == 0, "SIGTERM stops the listener with the other services")
    }

    @Test("a port already in use stops the start with a sentence naming the address; no section, no listener")
    func portInUse() throws {
        let holder = try TCPPortHolder()
        let dir = try TestPaths.makeTemporaryDirectory("metricsbusy")
        let daemon = try RunningDaemon(directory: dir, config: Self.config(port: holder.port), waitForSockets: false)
        try waitUntil("backlashd gives up", timeout: 60) { !daemon.process.isRunning }
        #expect(daemon.process.terminationStatus == 3)
        #expect(daemon.log.contains("cannot serve metrics on 127.0.0.1:\(holder.port) (`metrics.listen`)"),
            "\(daemon.log)")
        #expect(!FileManager.default.fileExists(atPath: daemon.ingestSocket), "no socket is left behind")

        let plain = try RunningDaemon(directory: try TestPaths.makeTemporaryDirectory("metricsoff"))
        let status = try ctl(plain, ["status"])
        #expect(status.stdout.contains("metrics") && status.stdout.contains("off"), "\(status.stdout)")
        try plain.stop()
    }

    @Test("--check-config rejects a non-loopback metrics address with FILE:LINE:COLUMN")
    func checkConfig() throws {
        let dir = try TestPaths.makeTemporaryDirectory("metricscfg")
        let file = dir.appendingPathComponent("backlash.yaml")
        try "managers: []\nmetrics:\n  listen: 0.0.0.0:9797\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashd, ["--check-config", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(file.path):3:11: `metrics.listen` 0.0.0.0:9797 is not a loopback address"),
            "\(r.stderr)")
    }
}

/// A listening TCP socket on an ephemeral loopback port, held until the value is released.
final class TCPPortHolder {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TestFailure("cannot hold a loopback port: \(String(cString: strerror(errno)))") }
        port = Int(UInt16(bigEndian: addr.sin_port))
    }

    deinit { close(fd) }
}
