/// A time of day on a wall clock (`10:00`, `23:59:30`), with no date and no time zone.
public struct WallClockTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Hour of the day, 0 to 23.
    public let hour: Int
    /// Minute of the hour, 0 to 59.
    public let minute: Int
    /// Second of the minute, 0 to 59.
    public let second: Int

    /// A time of day; nil when a field is out of range.
    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `HH:MM` or `HH:MM:SS` (one-digit hours allowed: `9:30`); nil when malformed or out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var fields: [Int] = []
        for (index, part) in parts.enumerated() {
            let widthOK = index == 0 ? (1...2).contains(part.count) : part.count == 2
            guard widthOK, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return nil }
            fields.append(value)
        }
        self.init(hour: fields[0], minute: fields[1], second: fields.count == 3 ? fields[2] : 0)
    }

    /// Seconds since local midnight.
    public var secondsSinceMidnight: Int { hour * 3600 + minute * 60 + second }

    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
    public var description: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let base = two(hour) + ":" + two(minute)
        return second == 0 ? base : base + ":" + two(second)
    }

    /// Earlier in the day sorts first.
    public static func < (lhs: WallClockTime, rhs: WallClockTime) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }
}
