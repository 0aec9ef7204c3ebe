/// Reads the date forms platform exports use and writes RFC 3339 UTC, on plain arithmetic
/// (no formatter objects, no time zone database, no clock).
enum ImportTimestamp {
    /// The earliest and latest instants written: 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
    static let representable: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// Seconds since the Unix epoch for `YYYY-MM-DD[T| ]HH:MM:SS[.fraction][Z|±HH:MM]`.
    ///
    /// RFC 3339 with `T` or a space; without a zone the time is taken as UTC (CSV sheets and
    /// Telegram Desktop write zone-less times). Nil when the text is not such a date or names an
    /// impossible one (2024-02-30, 25:00).
    static func seconds(fromDate text: String) -> Double? {
        let chars = Array(text.utf8)
        guard chars.count >= 19 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<start + length {
                let byte = chars[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0, 4), chars[4] == UInt8(ascii: "-"),
            let month = number(5, 2), chars[7] == UInt8(ascii: "-"),
            let day = number(8, 2),
            [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(chars[10]),
            let hour = number(11, 2), chars[13] == UInt8(ascii: ":"),
            let minute = number(14, 2), chars[16] == UInt8(ascii: ":"),
            let second = number(17, 2)
        else { return nil }
        guard year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second <= 60
        else { return nil }

        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let digitsStart = index
            while index < chars.count, chars[index] >= UInt8(ascii: "0"), chars[index] <= UInt8(ascii: "9") {
                fraction += Double(chars[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > digitsStart else { return nil }
        }

        var offsetSeconds = 0
        if index < chars.count {
            switch chars[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
                let rest = chars.count - index - 1
                let hasColon = rest == 5 && chars[index + 3] == UInt8(ascii: ":")
                guard rest == 5 && hasColon || rest == 4,
                    let offsetHours = number(index + 1, 2),
                    let offsetMinutes = number(index + (hasColon ? 4 : 3), 2),
                    offsetHours < 24, offsetMinutes < 60
                else { return nil }
                offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
                index = chars.count
            default:
                return nil
            }
        }
        guard index == chars.count else { return nil }

        // A leap second (23:59:60) is read as the last second of its minute.
        let wholeSeconds =
            daysSinceEpoch(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + min(second, 59) - offsetSeconds
        return Double(wholeSeconds) + fraction
    }

    /// RFC 3339 in UTC: `2024-01-02T15:04:05Z`, with milliseconds only when they are not zero.
    static func rfc3339(_ seconds: Double) -> String {
        let clamped = min(max(seconds, representable.lowerBound), representable.upperBound)
        var whole = Int(clamped.rounded(.down))
        var milliseconds = Int(((clamped - Double(whole)) * 1000).rounded())
        if milliseconds == 1000 {
            whole += 1
            milliseconds = 0
        }
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T"
        text += padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay % 3600 / 60, 2) + ":"
        text += padded(secondOfDay % 60, 2)
        if milliseconds != 0 { text += "." + padded(milliseconds, 3) }
        return text + "Z"
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
