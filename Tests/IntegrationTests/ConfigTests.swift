import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("configuration: --check-config and reload on SIGHUP", .serialized)
struct ConfigTests {
    static let valid = """
        # managers only: the rest is embedded defaults
        managers:
          - id: anna
            name: "Анна Петрова"
            aliases: ["@apetrova", "Anna Petrova"]
            unix_user: anna
        paths:
          state_directory: var
          inbox: var/inbox
          runtime_directory: var
        """

    @Test("--check-config accepts a valid file and exits 0")
    func validFile() throws {
        let dir = try TestPaths.makeTemporaryDirectory("cfgok")
        let file = dir.appendingPathComponent("ok.yaml")
        try Self.valid.write(to: file, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashd, ["--check-config", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("valid"))
    }

    @Test("--check-config names the file, line and column of every error and exits 1")
    func brokenFile() throws {
        let dir = try TestPaths.makeTemporaryDirectory("cfgbad")
        let file = dir.appendingPathComponent("bad.yaml")
        try """
            managers:
              - id: anna
                name: Anna
                timezone: Mars/Olympus
              - id: Bob Smith
                nmae: Bob
            ingest:
              max_connections: lots
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashd, ["--check-config", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(file.path):4:"), "timezone on line 4:\n\(r.stderr)")
        #expect(r.stderr.contains("Mars/Olympus"))
        #expect(r.stderr.contains("\(file.path):5:"), "bad id on line 5")
        #expect(r.stderr.contains("\(file.path):6:"), "unknown key on line 6")
        #expect(r.stderr.contains("did you mean `name`"))
        #expect(r.stderr.contains("\(file.path):8:"), "not a number on line 8")
    }

    @Test("--check-config reports a YAML syntax error with its line")
    func syntaxError() throws {
        let dir = try TestPaths.makeTemporaryDirectory("cfgsyn")
        let file = dir.appendingPathComponent("syntax.yaml")
        try "managers:\n  - id: anna\n    name: [unclosed\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashd, ["--check-config", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(file.path):"))
        #expect(r.stderr.contains("YAML syntax"))
    }

    @Test("SIGHUP applies a valid new file and keeps the old one, with a logged reason, when the new one is broken")
    func reload() throws {
        let dir = try TestPaths.makeTemporaryDirectory("reload")
        let listener = try NotifyListener(directory: dir)
        let daemon = try RunningDaemon(directory: dir, config: Self.valid, environment: ["NOTIFY_SOCKET": listener.path])
        _ = try listener.waitFor("READY=1", timeout: 60)
        #expect(try daemon.control(#"{"cmd":"status"}"#).contains("\"managers\":1"))
        let file = try #require(daemon.configPath)

        try Self.valid.replacingOccurrences(
            of: "paths:", with: "  - id: boris\n    name: Борис\npaths:"
        ).write(to: file, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        _ = try listener.waitFor("RELOADING=1", timeout: 10)
        _ = try listener.waitFor("READY=1", timeout: 10)
        #expect(try daemon.control(#"{"cmd":"status"}"#).contains("\"managers\":2"))

        try "managers:\n  - id: anna\n    name: [broken\n".write(to: file, atomically: true, encoding: .utf8)
        kill(daemon.process.processIdentifier, SIGHUP)
        _ = try listener.waitFor("READY=1", timeout: 10)
        #expect(try daemon.control(#"{"cmd":"status"}"#).contains("\"managers\":2"), "the old config stays")
        try waitUntil("the rejection is logged", timeout: 10) { daemon.log.contains("rejected") }
        #expect(daemon.log.contains("\(file.path):4:"), "the log names where the parser stopped:\n\(daemon.log)")
        #expect(daemon.log.contains("starts at line 3"), "and where the broken sequence starts")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'config.rejected'") == "1")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'config.reloaded'") == "1")
        try daemon.stop()
    }

    @Test("a SIGHUP sent the moment READY=1 arrives reloads the daemon instead of killing it")
    func hangupRightAtReady() throws {
        for round in 0..<3 {
            let dir = try TestPaths.makeTemporaryDirectory("earlyhup")
            let listener = try NotifyListener(directory: dir)
            let daemon = try RunningDaemon(directory: dir, config: Self.valid,
                environment: ["NOTIFY_SOCKET": listener.path], waitForSockets: false)
            _ = try listener.waitFor("READY=1", timeout: 60)
            kill(daemon.process.processIdentifier, SIGHUP)
            _ = try listener.waitFor("RELOADING=1", timeout: 10)
            #expect(daemon.process.isRunning, "round \(round): the daemon died of an early SIGHUP")
            try daemon.stop()
        }
    }
}
