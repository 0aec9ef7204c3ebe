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
}
