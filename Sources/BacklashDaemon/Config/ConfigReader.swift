import BacklashCore
import Foundation
import Yams

/// Walks the YAML tree section by section, collecting an issue for every wrong, missing or unknown key.
struct ConfigReader {
    let file: String
    let directory: String
    var issues: [ConfigIssue] = []

    mutating func fail(_ node: Node?, _ message: String) {
        issues.append(ConfigIssue(file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1, message: message))
    }

    /// The members of a mapping; an issue when the node is not one.
    mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let map) = node else {
            fail(node, "`\(path)` must be a mapping of keys to values")
            return nil
        }
        var out: [(String, Node, Node)] = []
        for (k, v) in map {
            guard let key = k.string else {
                fail(k, "keys in `\(path)` must be plain strings")
                continue
            }
            if !allowed.contains(key) {
                let full = path.isEmpty ? key : "\(path).\(key)"
                var message = "unknown key `\(full)`"
                if let near = Self.closest(key, among: allowed) { message += "; did you mean `\(near)`?" }
                message += " (known: \(allowed.joined(separator: ", ")))"
                fail(k, message)
                continue
            }
            out.append((key, k, v))
        }
        return out
    }

    static func closest(_ word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= max(2, word.count / 3) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var prev = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let cur = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
                prev = cur
            }
        }
        return row[b.count]
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        guard case .scalar(let s) = node else {
            fail(node, "`\(path)` must be a string")
            return nil
        }
        return s.string
    }

    mutating func nonEmptyString(_ node: Node, _ path: String) -> String? {
        guard let s = string(node, path) else { return nil }
        if s.trimmingCharacters(in: .whitespaces).isEmpty {
            fail(node, "`\(path)` must not be empty")
            return nil
        }
        return s
    }

    mutating func path(_ node: Node, _ path: String) -> String? {
        guard let s = nonEmptyString(node, path) else { return nil }
        return s.hasPrefix("/") ? s : directory + "/" + s
    }

    mutating func int(_ node: Node, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let s) = node, let v = Int(s.string) else {
            fail(node, "`\(path)` must be a whole number between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        guard range.contains(v) else {
            fail(node, "`\(path)` is \(v); it must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return v
    }

    mutating func number(_ node: Node, _ path: String) -> Double? {
        guard case .scalar(let s) = node, let v = Double(s.string), v.isFinite, v >= 0 else {
            fail(node, "`\(path)` must be a non-negative number")
            return nil
        }
        return v
    }

    /// The longest duration any setting takes: a year. Longer ones are typos, and `1e300s` would overflow the
    /// nanosecond and millisecond counts timers are built from.
    static let maxDuration: Double = 365 * 86_400

    mutating func duration(_ node: Node, _ path: String, min: Double = 0) -> Double? {
        guard case .scalar(let s) = node, let v = DurationText.parse(s.string) else {
            fail(node, "`\(path)` must be a duration such as 30s, 5m, 2h or 1d")
            return nil
        }
        guard v >= min else {
            fail(node, "`\(path)` must be at least \(DurationText.format(min))")
            return nil
        }
        guard v <= Self.maxDuration else {
            fail(node, "`\(path)` must be at most \(DurationText.format(Self.maxDuration))")
            return nil
        }
        return v
    }

    mutating func size(_ node: Node, _ path: String, range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let s) = node, let v = Self.parseSize(s.string) else {
            fail(node, "`\(path)` must be a size such as 16MiB, 512KiB or a number of bytes")
            return nil
        }
        guard range.contains(v) else {
            fail(node, "`\(path)` is \(v) bytes; it must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return v
    }

    static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Int)] = [
            ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10),
            ("B", 1),
        ]
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            // `1e300GiB` and `infGiB` are not sizes (and must not trap converting to Int).
            guard let v = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), v >= 0,
                v * Double(scale) < 0x1p62
            else { return nil }
            return Int(v * Double(scale))
        }
        return Int(t)
    }

    mutating func mode(_ node: Node, _ path: String) -> UInt16? {
        guard case .scalar(let s) = node, let v = UInt16(s.string, radix: 8), v <= 0o777 else {
            fail(node, "`\(path)` must be an octal file mode such as 0660")
            return nil
        }
        return v
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        guard case .scalar(let s) = node else {
            fail(node, "`\(path)` must be true or false")
            return nil
        }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            fail(node, "`\(path)` must be true or false")
            return nil
        }
    }

    mutating func stringList(_ node: Node, _ path: String) -> [String]? {
        if case .scalar(let s) = node { return [s.string] }
        guard case .sequence(let seq) = node else {
            fail(node, "`\(path)` must be a list of strings")
            return nil
        }
        var out: [String] = []
        for (i, item) in seq.enumerated() {
            if let s = nonEmptyString(item, "\(path)[\(i)]") { out.append(s) }
        }
        return out
    }
}
