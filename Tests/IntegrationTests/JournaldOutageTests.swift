import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Whether this process may mount file systems and enter mount namespaces (CI runs the tests as root).
let runningAsRoot = geteuid() == 0

@Suite("journald stopped mid-run", .serialized)
struct JournaldOutageTests {
    static let journald = ["/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/lib/systemd/systemd-journald"

    /// Runs a program inside the daemon's mount namespace (where its private journald lives).
    static func inNamespace(of pid: Int32, _ arguments: [String]) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        try runProgram("/usr/bin/nsenter", ["-t", String(pid), "-m", "--"] + arguments)
    }

    static func journalMessages(_ pid: Int32, _ match: String) throws -> [String] {
        let r = try inNamespace(of: pid, ["journalctl", "-o", "json", "--no-pager", match])
        return r.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["MESSAGE"] as? String
        }
    }

    static func journalCounters(_ daemon: RunningDaemon) throws -> [String: Any] {
        let reply = try daemon.control(#"{"cmd":"status"}"#)
        let object = try JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any]
        return (object?["result"] as? [String: Any])?["journal"] as? [String: Any] ?? [:]
    }

    static func note(_ daemon: RunningDaemon, _ text: String) throws {
        let reply = try daemon.control(#"{"cmd":"note","args":{"id":1,"text":"\#(text)"},"as":"anna"}"#)
        #expect(reply.hasPrefix(#"{"ok":true"#), "\(reply)")
    }

    @Test("the daemon keeps ingesting without journald, counts the entries it lost, and writes again once it is back",
        .enabled(if: runningAsRoot, "needs root to give the daemon a journald of its own (mount namespace)"))
    func journaldStopsAndReturns() throws {
        let dir = try TestPaths.makeTemporaryDirectory("jdown")
        let pidFile = dir.appendingPathComponent("journald.pid").path
        let wrapper = TestPaths.packageRoot
            .appendingPathComponent("Tests/IntegrationTests/Fixtures/private-journald.sh")
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
            paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
            """, environment: ["WATCHDOG_USEC": "1000000"], wrapper: [wrapper.path, Self.journald, pidFile])
        let pid = daemon.process.processIdentifier
        _ = try IngestSocketTests.sendAll([WorkflowTests.taxiPosts().split(separator: "\n").map(String.init)[0]],
            to: daemon.ingestSocket)
        try waitUntil("the incident reaches the private journald", timeout: 20, poll: 0.2) {
            try !Self.journalMessages(pid, "BACKLASH_EVENT=incident.opened").isEmpty
        }
        #expect(try Self.journalCounters(daemon)["lost"] as? Int == 0)

        // journald goes away.
        let journaldPID = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(journaldPID, SIGTERM)
        try waitUntil("journald is gone", timeout: 10) {
            let stat = (try? String(contentsOfFile: "/proc/\(journaldPID)/stat", encoding: .utf8)) ?? ""
            return stat.isEmpty || stat.contains(") Z ")
        }
        let posts = (0..<300).map { Fixtures.post("nojournal-\($0)") }
        let replies = try IngestSocketTests.sendAll(posts, to: daemon.ingestSocket)
        #expect(replies.count == 300 && replies.allSatisfy { $0.hasPrefix(#"{"ok":true"#) }, "ingest goes on")
        for i in 1...5 { try Self.note(daemon, "while journald is away \(i)") }
        let away = try Self.journalCounters(daemon)
        #expect((away["lost"] as? Int ?? 0) >= 5, "\(away)")
        #expect(away["losing"] as? Bool == true)
        #expect(try Fixtures.sql(daemon.database,
            "SELECT count(*) FROM events WHERE kind = 'incident.note' AND message LIKE '%journald is away%'") == "5",
            "the event log keeps what the journal lost")
        try waitUntil("the daemon says the journal is losing entries", timeout: 20) {
            daemon.log.contains("journald does not take our entries")
        }

        // journald comes back (nsenter enters the mount namespace and execs journald: same process).
        let restarted = Process()
        restarted.executableURL = URL(fileURLWithPath: "/usr/bin/nsenter")
        restarted.arguments = ["-t", String(pid), "-m", "--", Self.journald]
        restarted.standardInput = FileHandle.nullDevice
        restarted.standardOutput = FileHandle.nullDevice
        restarted.standardError = FileHandle.nullDevice
        try restarted.run()
        defer {
            restarted.terminate()
            restarted.waitUntilExit()
        }
        try waitUntil("journald listens again", timeout: 10) {
            try Self.inNamespace(of: pid, ["test", "-S", "/run/systemd/journal/socket"]).status == 0
                && (try Self.inNamespace(of: pid, ["journalctl", "--no-pager", "-n", "0"]).status) == 0
        }
        let lostWhileAway = try Self.journalCounters(daemon)["lost"] as? Int ?? -1
        try waitUntil("a new entry gets through", timeout: 20, poll: 0.3) {
            try Self.note(daemon, "journald is back")
            return try Self.journalMessages(pid, "BACKLASH_EVENT=incident.note")
                .contains { $0.contains("journald is back") }
        }
        let back = try Self.journalCounters(daemon)
        #expect(back["losing"] as? Bool == false, "\(back)")
        #expect((back["lost"] as? Int ?? 0) <= lostWhileAway + 1, "losses stop once journald is back: \(back)")
        try waitUntil("the daemon says the journal takes entries again", timeout: 20) {
            daemon.log.contains("journald takes our entries again")
        }
        #expect(try daemon.stop() == 0)
    }
}
