import Foundation

/// Reads entries back from the real journald with `journalctl -o json`.
enum JournalReader {
    /// Entries matching `FIELD=value` matches, as dictionaries of string fields.
    static func entries(_ matches: [String]) throws -> [[String: String]] {
        let r = try runProgram("/usr/bin/journalctl", ["-o", "json", "--no-pager"] + matches)
        // journalctl exits 1 with "-- No entries --" on some versions when nothing matches.
        var out: [[String: String]] = []
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("{") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            var entry: [String: String] = [:]
            for (k, v) in object {
                if let s = v as? String { entry[k] = s }
            }
            out.append(entry)
        }
        return out
    }

    /// Waits until at least `count` entries match (journald writes asynchronously).
    static func waitForEntries(
        _ matches: [String], count: Int = 1, timeout: Double = 10,
        where predicate: ([String: String]) -> Bool = { _ in true }
    ) throws -> [[String: String]] {
        var found: [[String: String]] = []
        try waitUntil("\(count) journal entries match \(matches)", timeout: timeout, poll: 0.1) {
            found = try entries(matches).filter(predicate)
            return found.count >= count
        }
        return found
    }
}
