import Testing

@testable import BacklashCore

/// Times and durations computed from hostile input (`--at +1e300`, `999…9h`) must be refused or clamped, never trap.
@Suite("times and durations from hostile input")
struct HostileTimeTextTests {
    @Test(
        "RFC 3339 formatting clamps times it cannot write instead of trapping",
        arguments: [
            (1e300, "9999-12-31T23:59:59.999Z"), (-1e300, "0000-01-01T00:00:00Z"),
            (Double.infinity, "9999-12-31T23:59:59.999Z"), (-Double.infinity, "0000-01-01T00:00:00Z"),
            (Double.nan, "1970-01-01T00:00:00Z"), (1e15, "9999-12-31T23:59:59.999Z"),
        ])
    func formatClamps(time: Double, text: String) {
        #expect(RFC3339.format(time) == text)
        #expect(!RFC3339.canFormat(time))
    }

    @Test("the ends of the writable range are written exactly and read back")
    func rangeEnds() {
        #expect(RFC3339.format(RFC3339.earliest) == "0000-01-01T00:00:00Z")
        #expect(RFC3339.parse("0000-01-01T00:00:00Z") == RFC3339.earliest)
        #expect(RFC3339.parse("9999-12-31T23:59:59Z") == RFC3339.latest.rounded(.down))
        #expect(RFC3339.canFormat(RFC3339.latest) && RFC3339.canFormat(RFC3339.earliest))
    }

    @Test(
        "a duration whose digits overflow a Double is not a duration",
        arguments: [
            String(repeating: "9", count: 310) + "h", String(repeating: "9", count: 400) + "s",
            "1" + String(repeating: "0", count: 320) + "ms",
        ])
    func overflowingDuration(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("formatting a huge or non-finite duration does not trap")
    func hugeDurationFormat() {
        #expect(DurationText.format(1e300) == "1e+300s")
        #expect(DurationText.format(.infinity) == "infs")
        #expect(DurationText.format(5400) == "1h30m")
    }
}
