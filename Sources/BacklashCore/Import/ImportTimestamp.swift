/// The date forms platform exports use beyond strict RFC 3339, read and written through the shared `RFC3339`.
enum ImportTimestamp {
    /// The earliest and latest instants written: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    static let representable: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// Seconds since the Unix epoch for `YYYY-MM-DD[T| ]HH:MM:SS[.fraction][Z|±HH:MM|±HHMM]`.
    ///
    /// RFC 3339 with `T` or a space; without a zone the time is taken as UTC (CSV sheets and
    /// Telegram Desktop write zone-less times). Nil when the text is not such a date, names an
    /// impossible one (2024-02-30, 25:00), or falls outside the years 1 to 9999.
    static func seconds(fromDate text: String) -> Double? {
        guard let seconds = RFC3339.parse(text) ?? RFC3339.parse(withExplicitZone(text)),
            representable.contains(seconds)
        else { return nil }
        return seconds
    }

    /// RFC 3339 in UTC: `2024-01-02T15:04:05Z`, milliseconds rounded to the nearest and written only when not zero.
    static func rfc3339(_ seconds: Double) -> String {
        let clamped = min(max(seconds, representable.lowerBound), representable.upperBound)
        let whole = clamped.rounded(.down)
        let milliseconds = ((clamped - whole) * 1000).rounded()
        // `RFC3339.format` truncates to the millisecond; the middle of the rounded one survives that truncation.
        return RFC3339.format(whole + (milliseconds + 0.5) / 1000)
    }

    /// The text with `Z` appended when it stops after the seconds (or their fraction), or with the colon put
    /// into a `±HHMM` offset; other text is returned unchanged.
    private static func withExplicitZone(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19 else { return text }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        if bytes[19...].allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) {
            return text + "Z"
        }
        let zone = bytes.suffix(5)
        if bytes.count >= 24, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
            zone.dropFirst().allSatisfy(isDigit)
        {
            return String(decoding: bytes.dropLast(2) + Array(":".utf8) + bytes.suffix(2), as: UTF8.self)
        }
        return text
    }
}
