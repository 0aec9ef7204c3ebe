import Testing

@testable import BacklashCore

@Suite("RFC 3339 and durations")
struct TimeTextTests {
    @Test("RFC 3339 parses zones and fractions to the same instant", arguments: [
        ("2026-11-28T09:00:00Z", 1_795_856_400.0),
        ("2026-11-28T12:00:00+03:00", 1_795_856_400.0),
        ("2026-11-28t09:00:00.250z", 1_795_856_400.25),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2024-02-29T00:00:00Z", 1_709_164_800.0),
    ])
    func parses(text: String, expected: Double) {
        #expect(RFC3339.parse(text) == expected)
    }

    @Test("malformed RFC 3339 is refused", arguments: [
        "2026-11-28", "2026-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2026-11-28T25:00:00Z",
        "2026-11-28T09:00:00", "2026-11-28T09:00:00+3:00", "yesterday", "2026-11-28T09:00:00.Z",
    ])
    func refuses(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("format and parse are inverse")
    func roundTrip() {
        for t in [0.0, 1_795_856_400.0, 1_795_856_400.123, 951_782_400.0] {
            #expect(RFC3339.parse(RFC3339.format(t)) == t)
        }
        #expect(RFC3339.format(1_795_856_400) == "2026-11-28T09:00:00Z")
    }

    @Test("durations read like a person writes them", arguments: [
        ("30s", 30.0), ("5m", 300.0), ("2h", 7200.0), ("1d", 86_400.0), ("1h30m", 5400.0), ("500ms", 0.5),
        ("45", 45.0),
    ])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("nonsense durations are refused", arguments: ["", "5x", "m", "-5m", "1h30", "two hours"])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
