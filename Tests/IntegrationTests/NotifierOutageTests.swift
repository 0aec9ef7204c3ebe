import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("pages while the receivers are down or slow", .serialized)
struct NotifierOutageTests {
    /// A TCP port nobody listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Starts a helper server that prints its port; the port is read back through a file, not a pipe.
    static func startServer(_ script: String, _ args: [String], in dir: URL) throws -> (Process, Int) {
        let portFile = dir.appendingPathComponent("\(script).port")
        _ = FileManager.default.createFile(atPath: portFile.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [NotificationTests.support.appendingPathComponent(script).path] + args
        p.standardOutput = try FileHandle(forWritingTo: portFile)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        var port = 0
        try waitUntil("\(script) listens", timeout: 20) {
            let text = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
            port = text.hasSuffix("\n") ? Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 : 0
            return port > 0
        }
        return (p, port)
    }

    static func events(_ daemon: RunningDaemon, _ kind: String) throws -> [[String: Any]] {
        let rows = try Fixtures.sql(daemon.database,
            "SELECT json_object('time', time, 'details', json(details)) FROM events WHERE kind = '\(kind)' ORDER BY id")
        return rows.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    static func detail(_ event: [String: Any], _ key: String) -> Any? { (event["details"] as? [String: Any])?[key] }

    @Test("receivers down or hanging: every failed attempt and retry is an event, the next step pages on time")
    func receiversDownOrSlow() throws {
        let dir = try TestPaths.makeTemporaryDirectory("notifydown")
        let hooks = dir.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        let (hanging, hangPort) = try Self.startServer("webhook_receiver.py", [hooks.path, "--hang"], in: dir)
        defer { kill(hanging.processIdentifier, SIGKILL) }
        let deadWebhook = try Self.closedPort(), deadSMTP = try Self.closedPort()
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
                contacts:
                  webhook: "http://127.0.0.1:\(deadWebhook)/hook"
                  email: anna@example.org
              - id: boris
                name: "Борис Смирнов"
                contacts:
                  webhook: "http://127.0.0.1:\(hangPort)/hook"
            notifiers:
              sendmail: ["/usr/bin/msmtp", "--host=127.0.0.1", "--port=\(deadSMTP)", "--from=b@example.org", "-t"]
              timeout: 2s
            policies:
              - id: default
                steps:
                  - managers: [anna]
                    wait: 4s
                  - managers: [boris]
                    wait: 1h
            paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
            """)
        _ = try IngestSocketTests.sendAll([WorkflowTests.taxiPosts().split(separator: "\n").map(String.init)[0]],
            to: daemon.ingestSocket)
        func failures(_ manager: String, _ channel: String) throws -> [[String: Any]] {
            try Self.events(daemon, "page.failed").filter {
                Self.detail($0, "manager") as? String == manager && Self.detail($0, "channel") as? String == channel
            }
        }
        try waitUntil("anna's webhook and e-mail give up after three attempts each", timeout: 40, poll: 0.25) {
            try failures("anna", "webhook").count == 3 && failures("anna", "email").count == 3
        }
        for channel in ["webhook", "email"] {
            let attempts = try failures("anna", channel)
            #expect(attempts.map { Self.detail($0, "attempt") as? Int } == [1, 2, 3], "\(channel): \(attempts)")
            #expect(attempts.dropLast().allSatisfy { Self.detail($0, "retry_at") is String }, "retries are announced")
            #expect(attempts.last.map { Self.detail($0, "retry_at") is NSNull } == true, "the last one gives up")
        }
        #expect((Self.detail(try failures("anna", "webhook")[0], "error") as? String ?? "").contains("cannot connect"))
        try waitUntil("boris's hanging webhook fails by its timeout", timeout: 30, poll: 0.25) {
            try !failures("boris", "webhook").isEmpty
        }
        let hung = Self.detail(try failures("boris", "webhook")[0], "error") as? String ?? ""
        #expect(hung.contains("no answer within 2 s"), "\(hung)")
        let steps = try Self.events(daemon, "incident.escalated")
        try #require(steps.count == 2, "step 1 (anna), then step 2 (boris): \(steps)")
        let gap = (steps[1]["time"] as? Double ?? 0) - (steps[0]["time"] as? Double ?? 0)
        #expect(gap >= 4 && gap < 8, "the next step comes after its 4 s wait whatever the channels do (\(gap) s)")
        let journalPages = try Self.events(daemon, "page.sent")
            .filter { Self.detail($0, "channel") as? String == "journal" }
        #expect(journalPages.compactMap { Self.detail($0, "manager") as? String } == ["anna", "boris"])
        #expect(try Self.events(daemon, "page.retried").isEmpty, "nothing got through, so nothing counts as retried")
        #expect(try daemon.stop() == 0)
    }
}
