import Testing

@testable import BacklashDaemon

@Suite("the metrics section of the config")
struct MetricsConfigTests {
    func load(_ yaml: String) throws(ConfigError) -> BacklashConfig {
        try ConfigLoader.parse(text: yaml, file: "/etc/backlash/backlash.yaml", environment: [:])
    }

    /// The only issue of `yaml`, which must be on `line` at the column of the `listen` value.
    func issue(_ yaml: String, line: Int, column: Int) -> ConfigIssue? {
        do {
            _ = try load(yaml)
            Issue.record("should not load:\n\(yaml)")
            return nil
        } catch {
            #expect(error.issues.count == 1, "\(error)")
            let issue = error.issues.first
            #expect(issue?.line == line && issue?.column == column, "\(error)")
            #expect(issue?.description.hasPrefix("/etc/backlash/backlash.yaml:\(line):\(column): ") == true)
            return issue
        }
    }

    @Test("without the section no listener is configured")
    func absent() throws {
        #expect(try load("managers: []\n").metrics == nil)
    }

    @Test("IPv4 and IPv6 loopback addresses are taken, localhost as 127.0.0.1, port 0 as any free port")
    func loopback() throws {
        #expect(try load("metrics: {listen: 127.0.0.1:9797}").metrics == MetricsSettings(host: "127.0.0.1", port: 9797))
        #expect(try load("metrics:\n  listen: \"[::1]:9797\"").metrics == MetricsSettings(host: "::1", port: 9797))
        #expect(try load("metrics: {listen: \"localhost:80\"}").metrics?.host == "127.0.0.1")
        #expect(try load("metrics: {listen: \"127.8.9.10:0\"}").metrics?.port == 0)
        #expect(MetricsSettings(host: "::1", port: 9797).listenText == "[::1]:9797")
    }

    @Test("a non-loopback address is refused unless allow_remote says so")
    func remote() throws {
        let refused = issue("metrics:\n  listen: 0.0.0.0:9797\n", line: 2, column: 11)
        #expect(refused?.message.contains("not a loopback address") == true)
        #expect(refused?.message.contains("allow_remote: true") == true)
        _ = issue("metrics:\n  listen: \"[2001:db8::1]:9797\"\n", line: 2, column: 11)
        let allowed = try load("metrics:\n  listen: 192.0.2.7:9797\n  allow_remote: true\n").metrics
        #expect(allowed == MetricsSettings(host: "192.0.2.7", port: 9797, allowRemote: true))
    }

    @Test("a bad address is reported with its file, line and column and what to write instead")
    func badAddress() {
        let cases: [(String, String)] = [
            ("9797", "ADDRESS:PORT"),
            ("127.0.0.1", "ADDRESS:PORT"),
            ("127.0.0.1:http", "ADDRESS:PORT"),
            ("127.0.0.1:65536", "not between 0 and 65535"),
            ("metrics.example.org:9797", "IP address"),
            ("::1:9797", "ADDRESS:PORT"),
            ("\"[::1:9797\"", "ADDRESS:PORT"),
            ("127.0.0.256:9797", "IP address"),
        ]
        for (value, words) in cases {
            let yaml = "managers: []\nmetrics:\n  listen: \(value)\n"
            let found = issue(yaml, line: 3, column: 11)
            #expect(found?.message.contains(words) == true, "\(value): \(found?.message ?? "no issue")")
        }
    }

    @Test("the section needs listen, and knows no other keys")
    func keys() {
        let missing = issue("metrics:\n  allow_remote: false\n", line: 2, column: 3)
        #expect(missing?.message.contains("needs `listen:`") == true)
        let typo = issue("metrics:\n  listen: 127.0.0.1:9797\n  lisen: 1\n", line: 3, column: 3)
        #expect(typo?.message.contains("did you mean `listen`") == true)
    }
}
