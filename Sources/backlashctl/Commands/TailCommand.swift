import ArgumentParser
import BacklashCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail", abstract: "Follow new posts and incident events live (Ctrl-C to stop).")

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .long, help: "Show events only, not every post.")
    var eventsOnly = false

    @Option(name: .long, help: "Poll interval in seconds.")
    var interval: Double = 0.5

    @Option(name: .long, help: "Stop after printing this many lines (for scripts).")
    var count: Int?

    func run() throws {
        var cursors = try connection.call("tail").objectValue ?? JSONObject()
        var printed = 0
        let color = isatty(STDOUT_FILENO) != 0
        while true {
            var args = JSONObject()
            args["after_post"] = cursors["post_cursor"]
            args["after_event"] = cursors["event_cursor"]
            let page = try connection.call("tail", args: args).objectValue ?? JSONObject()
            var lines: [String] = []
            if !eventsOnly, case .array(let posts)? = page["posts"] {
                for case .object(let p) in posts {
                    lines.append(connection.json ? JSONWriter().string(.object(p)) : Self.render(post: p))
                }
            }
            if case .array(let events)? = page["events"] {
                for case .object(let e) in events {
                    lines.append(connection.json ? JSONWriter().string(.object(e)) : Self.render(event: e, color: color))
                }
            }
            for line in lines {
                print(line)
                printed += 1
                if let count, printed >= count { return }
            }
            fflush(nil)
            cursors = page
            if lines.isEmpty { Thread.sleep(forTimeInterval: interval) }
        }
    }

    static func render(post p: JSONObject) -> String {
        let text = (p["text"]?.stringValue ?? "").replacingOccurrences(of: "\n", with: " ")
        return "\(p["created_at"]?.stringValue ?? "")  post   \(p["post"]?.stringValue ?? "")  "
            + "@\(p["author"]?.stringValue ?? "")  \(text.prefix(100))"
    }

    static func render(event e: JSONObject, color: Bool) -> String {
        let kind = e["kind"]?.stringValue ?? ""
        let incident = e["incident"]?.stringValue.map { "#" + $0 + "  " } ?? ""
        let label = color ? "\u{1B}[1m\(kind)\u{1B}[0m" : kind
        return "\(e["time"]?.stringValue ?? "")  \(label)  \(incident)\(e["message"]?.stringValue ?? "")"
    }
}
