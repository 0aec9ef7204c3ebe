import BacklashCore
import Foundation
import Testing

@testable import BacklashDaemon

@Suite("configuration loading")
struct ConfigLoaderTests {
    func load(_ yaml: String) throws(ConfigError) -> BacklashConfig {
        try ConfigLoader.parse(text: yaml, file: "/etc/backlash/test.yaml", environment: [:])
    }

    @Test("an empty file is the embedded defaults with system paths")
    func empty() throws {
        let c = try load("")
        #expect(c.paths.database == "/var/lib/backlash/backlash.sqlite")
        #expect(c.paths.ingestSocket == "/run/backlash/ingest.sock")
        #expect(c.inbox.maxFileSize == 16 << 20)
    }

    @Test("the ingest socket's limits are read: connections, idle timeout, line timeout")
    func ingestLimits() throws {
        #expect(try load("").ingest.lineTimeout == 60)
        let c = try load("ingest: {max_connections: 1100, idle_timeout: 4s, line_timeout: 2s}")
        #expect(c.ingest.maxConnections == 1100 && c.ingest.idleTimeout == 4 && c.ingest.lineTimeout == 2)
    }

    @Test("systemd's StateDirectory and RuntimeDirectory are honoured")
    func systemdDirectories() throws {
        let c = try ConfigLoader.parse(
            text: "", file: "/x.yaml", environment: ["STATE_DIRECTORY": "/var/lib/b2", "RUNTIME_DIRECTORY": "/run/b2"])
        #expect(c.paths.database == "/var/lib/b2/backlash.sqlite")
        #expect(c.paths.controlSocket == "/run/b2/control.sock")
    }

    @Test("a file with only managers works, and relative paths resolve against the file's folder")
    func managersOnly() throws {
        let c = try load("""
            managers:
              - id: anna
                name: "Анна Петрова"
                aliases: ["@apetrova", "Anna Petrova"]
                contacts: {email: anna@example.org, webhook: "http://127.0.0.1:9000/hook"}
            paths:
              inbox: spool/inbox
            inbox:
              max_file_size: 2MiB
              rescan_interval: 90s
            """)
        #expect(c.managers.map(\.id) == ["anna"])
        #expect(c.managers[0].aliases == ["@apetrova", "Anna Petrova"])
        #expect(c.managers[0].webhook == "http://127.0.0.1:9000/hook")
        #expect(c.paths.inbox == "/etc/backlash/spool/inbox")
        #expect(c.inbox.maxFileSize == 2 << 20)
        #expect(c.inbox.rescanInterval == 90)
    }

    @Test("every error is reported, each with its line and column")
    func allErrors() {
        do {
            _ = try load("""
                managers:
                  - id: anna
                    name: Anna
                  - id: anna
                    name: Anna Again
                    contacts: {email: not-an-address}
                inbx:
                  max_file_size: huge
                log:
                  level: loud
                """)
            Issue.record("should not load")
        } catch {
            let text = error.description
            #expect(text.contains("/etc/backlash/test.yaml:4:"), "duplicate id on line 4: \(text)")
            #expect(text.contains("used twice (first at line 2)"))
            #expect(text.contains(":6:"), "bad e-mail on line 6")
            #expect(text.contains(":7:1: unknown key `inbx`; did you mean `inbox`?"))
            #expect(text.contains(":10:"), "bad level on line 10")
            #expect(error.issues.count == 4)
        }
    }

    @Test("a socket path too long for a unix socket is caught at load time")
    func longSocketPath() {
        let long = "/" + String(repeating: "d", count: 120)
        #expect(throws: ConfigError.self) { try load("paths:\n  ingest_socket: \(long)/ingest.sock\n") }
    }
}

@Suite("the shipped example configuration")
struct ExampleConfigTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Deploy/backlash.yaml")

    @Test("Deploy/backlash.yaml is valid as shipped, and with every commented example switched on")
    func exampleIsValid() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        let shipped = try ConfigLoader.parse(text: text, file: Self.example.path, environment: [:])
        #expect(shipped.metrics == nil, "no metrics port unless the section is switched on")
        // Uncomment the YAML lines (not the prose): "# key:" and "#   indented" become live.
        let live = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard line.hasPrefix("# ") else { return line }
            let rest = line.dropFirst(2)
            if rest.hasPrefix(" ") { return rest }
            if let colon = rest.firstIndex(of: ":"),
                rest[..<colon].allSatisfy({ $0.isLowercase || $0 == "_" }), !rest[..<colon].isEmpty
            {
                return rest
            }
            return line
        }.joined(separator: "\n")
        let config = try ConfigLoader.parse(text: live, file: Self.example.path, environment: [:])
        #expect(config.schedules.count == 1)
        #expect(config.policies.map(\.id) == ["standard"])
        #expect(config.detection.topics == ["рубль", "предавторизац"])
        #expect(config.notifiers.emailFrom == "backlash@example.org")
        #expect(config.metrics == MetricsSettings(host: "127.0.0.1", port: 9797))
    }
}
