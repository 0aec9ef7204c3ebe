/// Text shaping shared by the review and report renderers: escaping, durations, numbers, times.
enum ReviewFormat {
    /// Shown where a figure is absent.
    static let absent = "—"

    /// Escapes text for XML and HTML content and attribute values.
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // XML 1.0 forbids most C0 controls even as references; drop them.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escapes text for a Markdown paragraph or table cell: markup characters are backslash-escaped,
    /// angle brackets become entities (so raw HTML is shown, never run) and line breaks become spaces.
    static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text inside a Markdown code span, fenced with enough backticks.
    static func markdownCode(_ text: String) -> String {
        let flat = text.replacing("\n", with: " ").replacing("|", with: "\\|")
        var longest = 0
        var run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// A duration for people (`45s`, `12m`, `2h05m`), or "—" when absent.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return absent }
        if seconds < 0 { return "−" + DurationText.format(-seconds) }
        return DurationText.format(seconds)
    }

    /// A time in UTC for people: `2024-05-14 08:12:05 UTC`, or "—" when absent.
    static func time(_ seconds: Double?) -> String {
        guard let seconds else { return absent }
        return clock(seconds, withDate: true) + " UTC"
    }

    /// `YYYY-MM-DD HH:MM:SS` (with the date) or `HH:MM:SS`, UTC, seconds truncated.
    static func clock(_ seconds: Double, withDate: Bool) -> String {
        let text = RFC3339.format(seconds.rounded(.down))
        let date = text.prefix(10)
        let clock = text.dropFirst(11).prefix(8)
        return withDate ? String(date) + " " + String(clock) : String(clock)
    }

    /// A count or amount without a needless fraction: `3500`, `12.5`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let hundredths = (value * 100).rounded() / 100
        return String(hundredths)
    }

    /// A large count in short form: `950`, `12.3k`, `4.1M`.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        func short(_ v: Double, _ suffix: String) -> String {
            let rounded = v >= 100 ? v.rounded() : (v * 10).rounded() / 10
            return number(rounded) + suffix
        }
        if magnitude >= 1e9 { return short(value / 1e9, "G") }
        if magnitude >= 1e6 { return short(value / 1e6, "M") }
        if magnitude >= 1e3 { return short(value / 1e3, "k") }
        return number((value * 10).rounded() / 10)
    }

    /// An amount of money: `3500 RUB`.
    static func money(_ value: Double?, _ currency: String?) -> String {
        guard let value else { return absent }
        return number(value) + (currency.map { " " + $0 } ?? "")
    }

    /// Rank of a severity name, lowest first; unknown names rank below `info`.
    static func severityRank(_ severity: String?) -> Int {
        switch severity {
        case "info": 0
        case "low": 1
        case "medium": 2
        case "high": 3
        case "critical": 4
        default: -1
        }
    }
}
