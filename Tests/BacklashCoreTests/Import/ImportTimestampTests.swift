import Testing

@testable import BacklashCore

@Suite struct ImportTimestampTests {
    @Test("RFC 3339 with Z, offsets, fractions and a space separator all read to the same instant")
    func rfc3339Forms() {
        let expected = 1_709_622_729.0
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05T07:12:09Z") == expected)
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05t07:12:09z") == expected)
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05T10:12:09+03:00") == expected)
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05T02:12:09-0500") == expected)
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05 07:12:09") == expected)
        #expect(ImportTimestamp.seconds(fromDate: "2024-03-05T07:12:09.250Z") == expected + 0.25)
    }

    @Test(
        "impossible or malformed dates are refused",
        arguments: [
            "2024-02-30T00:00:00Z", "2023-02-29 00:00:00", "2024-03-05T24:00:00Z", "2024-13-01T00:00:00Z",
            "2024-03-05", "05.03.2024 08:00", "2024-03-05T07:12:09+3", "2024-03-05T07:12:09Zjunk",
            "2024-03-05T07:12:09.Z", "", "yesterday", "0000-12-31T23:59:59Z", "2024-03-05T07:12:09+03",
        ])
    func refusesBadDates(text: String) {
        #expect(ImportTimestamp.seconds(fromDate: text) == nil)
    }

    @Test("a leap day is accepted")
    func leapDay() {
        #expect(ImportTimestamp.seconds(fromDate: "2024-02-29T12:00:00Z") != nil)
        #expect(ImportTimestamp.seconds(fromDate: "2000-02-29T12:00:00Z") != nil)
        #expect(ImportTimestamp.seconds(fromDate: "1900-02-29T12:00:00Z") == nil)
    }

    @Test("writing gives UTC with Z, milliseconds only when present")
    func writing() {
        #expect(ImportTimestamp.rfc3339(0) == "1970-01-01T00:00:00Z")
        #expect(ImportTimestamp.rfc3339(1_709_622_729) == "2024-03-05T07:12:09Z")
        #expect(ImportTimestamp.rfc3339(1_709_622_729.5) == "2024-03-05T07:12:09.500Z")
        #expect(ImportTimestamp.rfc3339(1_709_622_729.9999) == "2024-03-05T07:12:10Z")
        #expect(ImportTimestamp.rfc3339(-1) == "1969-12-31T23:59:59Z")
    }

    @Test(
        "writing then reading returns the same instant across the calendar",
        arguments: [
            -62_135_596_800.0, -2_208_988_800, -86_401, 0, 951_782_400, 1_709_622_729.125, 4_102_444_800,
            253_402_300_799,
        ])
    func roundTrip(seconds: Double) {
        #expect(ImportTimestamp.seconds(fromDate: ImportTimestamp.rfc3339(seconds)) == seconds)
    }
}
