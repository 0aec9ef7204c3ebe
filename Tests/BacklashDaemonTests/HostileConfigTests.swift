import Testing

@testable import BacklashDaemon

@Suite("configuration values from hostile input")
struct HostileConfigTests {
    @Test(
        "a size too large for a whole number is an error with its line, not a trap",
        arguments: [
            "1e300GiB", "infMiB", "1e18K", "9999999999999999999999B",
        ])
    func hugeSize(size: String) {
        do {
            _ = try ConfigLoader.parse(text: "inbox:\n  max_file_size: \(size)\n", file: "/x.yaml", environment: [:])
            Issue.record("\(size) was accepted")
        } catch {
            #expect(error.issues.map(\.line) == [2])
            #expect(error.description.contains("must be a size such as 16MiB"))
        }
    }

    @Test(
        "a duration past a year is refused at load time, before a timer could overflow on it",
        arguments: [
            "ingest:\n  idle_timeout: 1e300\n", "notifiers:\n  timeout: 100000000000000000000s\n",
            "inbox:\n  rescan_interval: 366d\n",
        ])
    func hugeDuration(yaml: String) {
        do {
            _ = try ConfigLoader.parse(text: yaml, file: "/x.yaml", environment: [:])
            Issue.record("\(yaml) was accepted")
        } catch {
            #expect(error.issues.map(\.line) == [2])
            #expect(error.description.contains("must be at most 365d"))
        }
    }
}
