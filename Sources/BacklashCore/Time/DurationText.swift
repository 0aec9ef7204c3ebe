/// Human durations as written in configs and on the command line: `90s`, `5m`, `2h`, `1d`, `1h30m`, `500ms`.
public enum DurationText {
    /// Seconds for a duration text, or nil when it is not one (a bare number means seconds).
    public static func parse(_ text: String) -> Double? {
        let t = text.trimmingCharactersInSet()
        if t.isEmpty { return nil }
        if let plain = Double(t), plain >= 0, plain.isFinite { return plain }
        var total = 0.0
        var number = ""
        var sawUnit = false
        var chars = Array(t)
        chars.append(" ")
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            if c.isNumber || c == "." {
                number.append(c)
                i += 1
                continue
            }
            guard let value = Double(number) else { return nil }
            var unit = String(c)
            if c == "m" && chars[i + 1] == "s" { unit = "ms"; i += 1 }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            case "d": scale = 86_400
            case "w": scale = 604_800
            default: return nil
            }
            total += value * scale
            number = ""
            sawUnit = true
            i += 1
        }
        // Digits enough to overflow a Double ("999…9h") are not a duration.
        guard number.isEmpty, sawUnit, total.isFinite else { return nil }
        return total
    }

    /// A short human form: `45s`, `12m`, `2h05m`, `3d4h`.
    /// Seconds beyond whole-number range (or not finite) are written as a plain number of seconds.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return "\(seconds)s" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + (s % 60 == 0 ? "" : "\(s % 60)s") }
        if s < 86_400 {
            let m = s % 3600 / 60
            return "\(s / 3600)h" + (m == 0 ? "" : (m < 10 ? "0\(m)m" : "\(m)m"))
        }
        let h = s % 86_400 / 3600
        return "\(s / 86_400)d" + (h == 0 ? "" : "\(h)h")
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
