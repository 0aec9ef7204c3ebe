import ArgumentParser
import BacklashCore
import Foundation

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show whether backlashd runs, where its state is, and its counters.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let result = try connection.call("status")
        if connection.json {
            print(JSONWriter().string(result))
            return
        }
        guard let r = result.objectValue else { return }
        func text(_ key: String) -> String {
            switch r[key] {
            case .string(let s)?: s
            case .number(let n)?: n
            case .bool(let b)?: b ? "yes" : "no"
            default: "-"
            }
        }
        let rows: [(String, String)] = [
            ("backlashd", "\(text("version")) (pid \(text("pid"))), up since \(text("started_at"))"),
            ("config", r["config"] == .null ? "embedded defaults" : text("config")),
            ("database", text("database")),
            ("inbox", text("inbox")),
            ("ingest socket", text("ingest_socket")),
            ("posts", text("posts")),
            ("open incidents", text("open_incidents")),
            ("quarantined files", text("quarantined")),
            ("rejected lines", text("rejected")),
            ("managers", text("managers")),
            ("metrics", r["metrics"]?.stringValue.map { "http://\($0)/metrics" } ?? "off"),
            ("journal", Self.journalText(r["journal"]?.objectValue)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        for (k, v) in rows {
            print(k.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + v)
        }
    }

    /// "1234 entries written, 5 lost (the latest too: journald is away)".
    static func journalText(_ j: JSONObject?) -> String {
        guard let j else { return "-" }
        let sent = j["sent"]?.int64Value ?? 0, lost = j["lost"]?.int64Value ?? 0
        var text = "\(sent) entries written, \(lost) lost"
        if j["losing"] == .bool(true) { text += " (the latest too: journald is away)" }
        return text
    }
}
