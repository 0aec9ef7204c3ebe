import Foundation

/// Civil dates and wall-clock times in one IANA time zone: instants to local dates and back, across DST changes.
///
/// A wall-clock time that does not exist (skipped by a spring-forward change, such as 02:30 on the day New York
/// moves from 02:00 to 03:00) resolves to the same distance past the change (03:30). A time that happens twice
/// (repeated by a fall-back change) resolves to its first occurrence. This is what people expect of a meeting or a
/// hand-off set "at 02:30 on Sundays", and what GoAlert and PagerDuty do.
public struct ZonedCalendar: Sendable, Hashable {
    /// The zone whose wall clock this calendar reads.
    public let timeZone: TimeZone

    /// A calendar for a Foundation time zone.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// A calendar for an IANA zone name such as `Europe/Moscow`; nil when the name is unknown.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// A day of the week.
    public enum Weekday: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case monday, tuesday, wednesday, thursday, friday, saturday, sunday

        /// Reads `monday`, `Mon`, `SUNDAY`…; nil for anything else.
        public init?(name: String) {
            let lower = name.lowercased()
            guard let match = Self.allCases.first(where: { $0.description == lower || $0.shortName == lower }) else {
                return nil
            }
            self = match
        }

        /// The lower-case English name (`monday`).
        public var description: String {
            switch self {
            case .monday: "monday"
            case .tuesday: "tuesday"
            case .wednesday: "wednesday"
            case .thursday: "thursday"
            case .friday: "friday"
            case .saturday: "saturday"
            case .sunday: "sunday"
            }
        }

        /// The three-letter lower-case abbreviation (`mon`).
        public var shortName: String { String(description.prefix(3)) }
    }

    /// A date on the proleptic Gregorian calendar, with no time and no zone.
    public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Days since 1970-01-01; the date's identity.
        public let dayNumber: Int

        /// The date `dayNumber` days after 1970-01-01.
        public init(dayNumber: Int) {
            self.dayNumber = dayNumber
        }

        /// A date from its fields; nil when the day does not exist in that month.
        public init?(year: Int, month: Int, day: Int) {
            guard (1...12).contains(month), (1...31).contains(day) else { return nil }
            let number = RFC3339.daysFromCivil(year: year, month: month, day: day)
            let back = RFC3339.civilFromDays(number)
            guard back.year == year, back.month == month, back.day == day else { return nil }
            self.dayNumber = number
        }

        /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
        public init?(parsing text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
            else { return nil }
            self.init(year: year, month: month, day: day)
        }

        /// Year, month (1-12) and day of the month.
        public var fields: (year: Int, month: Int, day: Int) { RFC3339.civilFromDays(dayNumber) }

        /// The day of the week (1970-01-01 was a Thursday).
        public var weekday: Weekday {
            let mondayBased = ((dayNumber + 3) % 7 + 7) % 7
            return Weekday(rawValue: mondayBased) ?? .monday
        }

        /// The date `days` later (earlier when negative).
        public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

        /// `YYYY-MM-DD`.
        public var description: String {
            let (year, month, day) = fields
            func pad(_ value: Int, _ width: Int) -> String {
                let text = String(value)
                return String(repeating: "0", count: max(0, width - text.count)) + text
            }
            return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        }

        /// Earlier dates sort first.
        public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.dayNumber < rhs.dayNumber }
    }

    /// Seconds the zone's wall clock is ahead of UTC at an instant (negative west of Greenwich).
    public func utcOffset(at instant: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
    }

    /// The local date and the seconds since local midnight at an instant.
    public func localDateTime(at instant: Double) -> (date: CivilDate, secondsSinceMidnight: Double) {
        let local = instant + Double(utcOffset(at: instant))
        let day = Int((local / 86_400).rounded(.down))
        return (CivilDate(dayNumber: day), local - Double(day) * 86_400)
    }

    /// The local date at an instant.
    public func date(at instant: Double) -> CivilDate { localDateTime(at: instant).date }

    /// The instant the wall clock shows `time` on `date`; a skipped time moves past the gap, a repeated time
    /// takes its first occurrence.
    public func instant(on date: CivilDate, at time: WallClockTime) -> Double {
        let local = Double(date.dayNumber * 86_400 + time.secondsSinceMidnight)
        let before = utcOffset(at: local - 86_400)
        let after = utcOffset(at: local + 86_400)
        if before == after { return local - Double(before) }
        let early = local - Double(before)
        let late = local - Double(after)
        let earlyValid = utcOffset(at: early) == before
        let lateValid = utcOffset(at: late) == after
        switch (earlyValid, lateValid) {
        case (true, true): return min(early, late)
        case (true, false): return early
        case (false, true): return late
        case (false, false): return early
        }
    }

    /// Reads a moment written either in RFC 3339 with an offset (`2026-03-09T08:00:00+03:00`) or as this zone's
    /// wall-clock time (`2026-03-09 08:00`, `2026-03-09T08:00:30`); nil when it is neither.
    public func instant(parsing text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let absolute = RFC3339.parse(trimmed) { return absolute }
        guard trimmed.count >= 15 else { return nil }
        let separator = trimmed.index(trimmed.startIndex, offsetBy: 10)
        guard trimmed[separator] == " " || trimmed[separator] == "T" else { return nil }
        guard let date = CivilDate(parsing: String(trimmed[..<separator])),
            let time = WallClockTime(parsing: String(trimmed[trimmed.index(after: separator)...]))
        else { return nil }
        return instant(on: date, at: time)
    }
}
