import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("backlashd pages managers on real channels", .serialized)
struct NotificationTests {
    static let support = TestPaths.packageRoot.appendingPathComponent("Tests/BacklashDaemonTests/Notify/Support")

    /// Starts a helper server script that prints its port, returns (process, port).
    static func startServer(_ script: String, _ args: [String]) throws -> (Process, Int) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [support.appendingPathComponent(script).path] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        try #require(port > 0, "\(script) did not start")
        return (p, port)
    }

    @Test("one page reaches the exec hook, a webhook that fails twice, and e-mail through msmtp to a real SMTP server")
    func channels() throws {
        let dir = try TestPaths.makeTemporaryDirectory("notify")
        let hooks = dir.appendingPathComponent("hooks")
        let mails = dir.appendingPathComponent("mail")
        for d in [hooks, mails] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let (web, webPort) = try Self.startServer("webhook_receiver.py", [hooks.path, "--fail-first", "2"])
        let (smtp, smtpPort) = try Self.startServer("smtp_sink.py", [mails.path])
        defer {
            kill(web.processIdentifier, SIGKILL)
            kill(smtp.processIdentifier, SIGKILL)
        }
        let record = Self.support.appendingPathComponent("record_page.sh").path
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
                contacts:
                  exec: ["/bin/sh", "\(record)", "\(hooks.path)"]
                  webhook: "http://127.0.0.1:\(webPort)/hook"
                  email: anna@example.org
            notifiers:
              sendmail: ["/usr/bin/msmtp", "--host=127.0.0.1", "--port=\(smtpPort)", "--from=backlash@example.org", "-t"]
              email_from: backlash@example.org
              timeout: 10s
            paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
            """)
        _ = try IngestSocketTests.sendAll([WorkflowTests.taxiPosts().split(separator: "\n").map(String.init)[0]],
            to: daemon.ingestSocket)
        // The hook writes stdin.json, then env: once env exists, the page is complete.
        try waitUntil("the exec hook ran", timeout: 20) {
            FileManager.default.fileExists(atPath: hooks.appendingPathComponent("env").path)
        }
        let page = try JSONSerialization.jsonObject(with: Data(contentsOf: hooks.appendingPathComponent("stdin.json"))) as? [String: Any]
        #expect(page?["incident"] as? String == "1")
        let env = try String(contentsOf: hooks.appendingPathComponent("env"), encoding: .utf8)
        #expect(env.contains("BACKLASH_INCIDENT=1"))
        #expect(env.contains("BACKLASH_MANAGER=anna"))
        try waitUntil("the e-mail arrived", timeout: 20) {
            FileManager.default.fileExists(atPath: mails.appendingPathComponent("1.eml").path)
        }
        let mail = try String(contentsOf: mails.appendingPathComponent("1.eml"), encoding: .utf8)
        #expect(mail.contains("To: "))
        #expect(mail.contains("anna@example.org"))
        #expect(mail.contains("X-Backlash-Incident: 1"))
        // The webhook fails twice (500) and succeeds on the third attempt, after 2 s and 4 s of backoff.
        try waitUntil("the webhook is delivered on a retry", timeout: 30, poll: 0.25) {
            try Fixtures.sql(daemon.database,
                "SELECT count(*) FROM events WHERE kind = 'page.sent' AND details LIKE '%\"channel\":\"webhook\"%'") == "1"
        }
        #expect(try Fixtures.sql(daemon.database,
            "SELECT count(*) FROM events WHERE kind = 'page.failed' AND details LIKE '%webhook%'") == "2")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'page.retried'") == "1")
        #expect(try Fixtures.sql(daemon.database,
            "SELECT count(*) FROM events WHERE kind = 'page.sent' AND details LIKE '%\"channel\":\"email\"%'") == "1")
        try daemon.stop()
    }

    @Test("a manager over the rate limit gets held pages later, together in one message, none dropped")
    func rateLimitHoldsAndFolds() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ratelimit")
        let hooks = dir.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
                contacts:
                  exec: ["/bin/sh", "-c", "cat > \\"$0/page-$$.json.tmp\\" && mv \\"$0/page-$$.json.tmp\\" \\"$0/page-$$.json\\"", "\(hooks.path)"]
            notifiers:
              rate_limit: [{messages: 1, per: 4s}]
            paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
            """)
        let texts = [
            "Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно???",
            "Курьер опоздал на три часа и нахамил, еда приехала ледяной!!! Позор, верните деньги!!!",
            "Why did your bank freeze my card with no explanation?!! Support has ignored me for a WEEK!!!",
        ]
        let posts = texts.enumerated().map { i, text in
            #"{"platform":"twitter","id":"angry\#(i)","author":{"id":"big\#(i)","handle":"@big\#(i)","followers":150000},"text":"\#(text)","created_at":"2026-11-28T08:00:0\#(i)Z"}"#
        }
        let replies = try IngestSocketTests.sendAll(posts, to: daemon.ingestSocket)
        #expect(replies.count == 3)
        func pages() -> [[String: Any]] {
            Fixtures.files(in: hooks).filter { $0.hasSuffix(".json") }.compactMap { name in
                (try? Data(contentsOf: hooks.appendingPathComponent(name)))
                    .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            }
        }
        try waitUntil("three incidents page anna", timeout: 20) {
            try Fixtures.sql(daemon.database,
                "SELECT count(DISTINCT incident) FROM events WHERE kind IN ('page.sent', 'page.held')") == "3"
        }
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'page.held'") == "2")
        // The first page goes out at once; the other two wait for the 4 s window and arrive as ONE message.
        try waitUntil("the held pages are released together", timeout: 30, poll: 0.25) { pages().count == 2 }
        Thread.sleep(forTimeInterval: 1)
        let all = pages()
        #expect(all.count == 2, "exactly two messages: the first page and one combined page")
        let combined = all.first { ($0["held"] as? [Any])?.isEmpty == false }
        let held = (combined?["held"] as? [[String: Any]]) ?? []
        #expect(held.count == 2, "the combined page lists both held incidents: \(held)")
        let incidents = Set(all.compactMap { $0["incident"] as? String } + held.compactMap { $0["incident"] as? String })
        #expect(incidents == ["1", "2", "3"], "no incident's page is dropped")
        try daemon.stop()
    }
}
