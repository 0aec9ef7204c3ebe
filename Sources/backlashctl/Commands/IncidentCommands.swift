import ArgumentParser
import BacklashCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Prints a result as JSON, or calls `text` for people.
func emit(_ result: JSONValue, json: Bool, text: (JSONValue) -> String) {
    print(json ? JSONWriter().string(result) : text(result))
}

extension ConnectionOptions {
    /// Sends an action that takes only an incident id and prints the events it caused.
    func act(_ command: String, incident id: Int) throws {
        emit(try call(command, args: JSONObject(pairs: ["id": JSONValue(id)])), json: json, text: eventLines)
    }
}

/// Renders events of an action's result as one line each.
func eventLines(_ result: JSONValue) -> String {
    var events = result
    if case .object(let o) = result, let e = o["events"] { events = e }
    guard case .array(let items) = events else { return "done" }
    let lines = items.compactMap { $0.objectValue?["message"]?.stringValue }
    return lines.isEmpty ? "nothing to change" : lines.joined(separator: "\n")
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? { objectValue?[key] }
    var text: String {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "yes" : "no"
        case .null: "-"
        case .array(let a): a.map(\.text).joined(separator: ", ")
        case .object: JSONWriter().string(self)
        }
    }
}

struct IncidentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents", abstract: "List open incidents (with --all, closed ones too), worst first.")
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Include closed incidents.") var all = false

    func run() throws {
        var args = JSONObject()
        if all { args["all"] = true }
        let result = try connection.call("incidents", args: args)
        emit(result, json: connection.json) { r in
            guard case .array(let items) = r, !items.isEmpty else { return all ? "no incidents" : "no open incidents" }
            let color = isatty(STDOUT_FILENO) != 0
            var lines = ["ID    STATE         SEVERITY  POSTS  REACH      ACKED BY   TITLE"]
            for i in items {
                let sev = i["severity"]?.text ?? ""
                let sevText = sev.padding(toLength: 9, withPad: " ", startingAt: 0)
                let painted = color && (sev == "high" || sev == "critical") ? "\u{1B}[1;31m\(sevText)\u{1B}[0m" : sevText
                lines.append(
                    ("#" + (i["id"]?.text ?? "")).padding(toLength: 6, withPad: " ", startingAt: 0)
                        + (i["state"]?.text ?? "").padding(toLength: 14, withPad: " ", startingAt: 0) + painted + " "
                        + (i["posts"]?.text ?? "").padding(toLength: 7, withPad: " ", startingAt: 0)
                        + (i["forecast"]?["reach"]?.text ?? "-").padding(toLength: 11, withPad: " ", startingAt: 0)
                        + (i["acked_by"]?.text ?? "-").padding(toLength: 11, withPad: " ", startingAt: 0)
                        + String((i["title"]?.text ?? "").prefix(60)))
            }
            return lines.joined(separator: "\n")
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "An incident: why it matters, the playbook, posts, promises, gestures, timeline.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int

    func run() throws {
        let r = try connection.call("show", args: JSONObject(pairs: ["id": JSONValue(id)]))
        emit(r, json: connection.json) { r in
            var out: [String] = []
            out.append("#\(id) \(r["severity"]?.text ?? "") \(r["state"]?.text ?? "") — \(r["title"]?.text ?? "")")
            out.append("root \(r["root"]?.text ?? "") · \(r["posts"]?.text ?? "0") posts · reach forecast "
                + "\(r["forecast"]?["reach"]?.text ?? "-") (\(r["forecast"]?["low"]?.text ?? "-")–"
                + "\(r["forecast"]?["high"]?.text ?? "∞")) · portrait \(r["portrait"]?.text ?? "-")"
                + (r["coordinated"] == .bool(true) ? " · POSSIBLE COORDINATED CAMPAIGN" : ""))
            if let named = r["named_managers"], case .array(let a) = named, !a.isEmpty {
                out.append("the crowd names: \(named.text)")
            }
            out.append("acked by \(r["acked_by"]?.text ?? "-"), assigned to \(r["assigned_to"]?.text ?? "-"), "
                + "reply due \(r["reply_due"]?.text ?? "-")")
            out.append("\nwhy:")
            if case .array(let reasons)? = r["reasons"] { for x in reasons { out.append("  - \(x.text)") } }
            if let pb = r["playbook"] {
                out.append("\nplaybook: \(pb["headline"]?.text ?? "") (\(pb["response_mode"]?.text ?? ""))")
                if case .array(let steps)? = pb["steps"] { for s in steps { out.append("  [ ] \(s.text)") } }
            }
            for (title, key) in [("promises", "promises"), ("gestures", "gestures")] {
                guard case .array(let items)? = r[key], !items.isEmpty else { continue }
                out.append("\n\(title):")
                for p in items {
                    if key == "promises" {
                        out.append("  #\(p["id"]?.text ?? "") \(p["state"]?.text ?? "") due \(p["due"]?.text ?? "") "
                            + "(\(p["owner"]?.text ?? "")): \(p["text"]?.text ?? "")")
                    } else {
                        out.append("  #\(p["id"]?.text ?? "") \(p["kind"]?.text ?? "") \(p["value"]?.text ?? "") "
                            + "\(p["currency"]?.text ?? "") — \(p["state"]?.text ?? "")")
                    }
                }
            }
            if case .array(let posts)? = r["post_list"], !posts.isEmpty {
                out.append("\nposts:")
                for p in posts.prefix(10) {
                    out.append("  \(p["created_at"]?.text ?? "") \(p["post"]?.text ?? "") @\(p["author"]?.text ?? ""): "
                        + String((p["text"]?.text ?? "").replacingOccurrences(of: "\n", with: " ").prefix(90)))
                }
            }
            if case .array(let timeline)? = r["timeline"] {
                out.append("\ntimeline:")
                for e in timeline {
                    out.append("  \(e["time"]?.text ?? "")  \((e["kind"]?.text ?? "").padding(toLength: 22, withPad: " ", startingAt: 0)) \(e["message"]?.text ?? "")")
                }
            }
            return out.joined(separator: "\n")
        }
    }
}

/// `ack`, `unack`, `reopen`: an incident id and nothing else.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack", abstract: "Acknowledge an incident: paging stops, the public-reply clock starts.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    func run() throws { try connection.act("ack", incident: id) }
}

struct UnackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unack", abstract: "Withdraw your acknowledgement: the escalation resumes.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    func run() throws { try connection.act("unack", incident: id) }
}

struct ReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen", abstract: "Reopen a closed incident; paging starts again.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    func run() throws { try connection.act("reopen", incident: id) }
}

struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign an incident to a manager.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Argument(help: "Manager id.") var manager: String
    func run() throws {
        emit(try connection.call("assign", args: JSONObject(pairs: ["id": JSONValue(id), "manager": .string(manager)])),
            json: connection.json, text: eventLines)
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: "Add a note to the timeline (--review: for the review's \"what we change\").")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Argument(help: "The note.") var text: String
    @Flag(help: "Put the note in the post-incident review.") var review = false
    func run() throws {
        emit(try connection.call("note", args: JSONObject(pairs: ["id": JSONValue(id), "text": .string(text), "review": .bool(review)])),
            json: connection.json, text: eventLines)
    }
}

struct SnoozeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze", abstract: "Stop paging for a while, on purpose; a new surge breaks the snooze.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Option(name: .customLong("for"), help: "How long, e.g. 30m or 2h.") var duration: String
    @Option(help: "Why (recorded in the timeline).") var reason: String
    func run() throws {
        emit(try connection.call("snooze", args: JSONObject(pairs: [
            "id": JSONValue(id), "for": .string(duration), "reason": .string(reason),
        ])), json: connection.json, text: eventLines)
    }
}

struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Record the reply we posted; the linter blocks canned, legalistic or blaming replies.",
        discussion: "Exit status 1 when the linter blocks the reply (its findings are printed); --force --reason overrides.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Option(help: "public or dm.") var channel: String
    @Option(help: "The reply text.") var text: String
    @Flag(help: "Record it even though the linter blocks it.") var force = false
    @Option(help: "Why it is forced.") var reason: String?
    func run() throws {
        var args = JSONObject(pairs: ["id": JSONValue(id), "channel": .string(channel), "text": .string(text), "force": .bool(force)])
        if let reason { args["reason"] = .string(reason) }
        let r = try connection.call("reply", args: args)
        emit(r, json: connection.json) { r in
            var lines = [eventLines(r)]
            if case .array(let f)? = r["findings"], !f.isEmpty {
                lines.append("linter warnings:")
                for x in f { lines.append("  \(x["rule"]?.text ?? ""): \(x["suggestion"]?.text ?? "")") }
            }
            return lines.joined(separator: "\n")
        }
    }
}

struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise", abstract: "Record a promise to the customer (call back at 18:00…); a missed one escalates.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Option(help: "When: RFC 3339, HH:MM (next such time) or +DURATION.") var at: String
    @Option(help: "What was promised.") var text: String
    @Option(help: "Where it will be kept (phone, dm, email…).") var channel: String?
    func run() throws {
        var args = JSONObject(pairs: ["id": JSONValue(id), "at": .string(at), "text": .string(text)])
        if let channel { args["channel"] = .string(channel) }
        emit(try connection.call("promise", args: args), json: connection.json, text: eventLines)
    }
}

struct PromiseKeptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "promise-kept", abstract: "Mark a promise kept.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Promise id (from `promises` or `show`).") var promise: Int
    func run() throws {
        emit(try connection.call("promise-kept", args: JSONObject(pairs: ["promise": JSONValue(promise)])),
            json: connection.json, text: eventLines)
    }
}

struct PromisesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promises", abstract: "Promises still to keep, soonest first (the next shift's to-do list).")
    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Kept and missed ones too.") var all = false
    func run() throws {
        let r = try connection.call("promises", args: all ? JSONObject(pairs: ["all": true]) : JSONObject())
        emit(r, json: connection.json) { r in
            guard case .array(let items) = r, !items.isEmpty else { return "no open promises" }
            return items.map { p in
                "#\(p["id"]?.text ?? "") \(p["due"]?.text ?? "") \(p["state"]?.text ?? "") incident #\(p["incident"]?.text ?? "") "
                    + "(\(p["owner"]?.text ?? "")): \(p["text"]?.text ?? "")"
            }.joined(separator: "\n")
        }
    }
}

struct OncallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "oncall", abstract: "Who is on call now and next.")
    @OptionGroup var connection: ConnectionOptions
    func run() throws {
        let r = try connection.call("oncall")
        emit(r, json: connection.json) { r in
            var lines: [String] = []
            if case .array(let s)? = r["schedules"] {
                for x in s {
                    lines.append("\(x["schedule"]?.text ?? ""): now \(x["now"]?.text ?? "-"), next \(x["next"]?.text ?? "-") "
                        + "at \(x["hand_off_at"]?.text ?? "-")")
                }
            }
            if let d = r["default_on_call"], d != .null { lines.append("no schedule: the default policy pages \(d.text) first") }
            if case .array(let m)? = r["managers"] {
                lines.append("managers: " + m.map { "\($0["id"]?.text ?? "") (\($0["channels"]?.text ?? ""))" }.joined(separator: "; "))
            }
            return lines.joined(separator: "\n")
        }
    }
}

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close", abstract: "Close an incident with its resolution and root cause.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Incident id.") var id: Int
    @Option(help: "How it was resolved.") var resolution: String
    @Option(help: "defect, attention, terms, coordinated or other.") var cause: String
    @Flag(help: "Close although gestures or promises are still open.") var force = false
    @Option(help: "Why it is forced.") var reason: String?
    func run() throws {
        var args = JSONObject(pairs: [
            "id": JSONValue(id), "resolution": .string(resolution), "cause": .string(cause), "force": .bool(force),
        ])
        if let reason { args["reason"] = .string(reason) }
        emit(try connection.call("close", args: args), json: connection.json, text: eventLines)
    }
}

struct GestureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gesture",
        abstract: "Propose a gesture (coupon, car, flowers…) and move it: approve, dispatch, deliver, decline, cancel.",
        discussion: """
            gesture propose INCIDENT --kind coupon|car|flowers|refund|callback|other [--value N --currency CODE] [--note T]
            gesture approve|dispatch|deliver|decline|fail|cancel GESTURE [--note T]
            A gesture above the approver's approval_limit needs a manager with a higher limit.
            """)
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "propose, approve, dispatch, deliver, decline, fail or cancel.") var action: String
    @Argument(help: "The incident id (propose) or the gesture id (the others).") var id: Int
    @Option(help: "coupon, car, flowers, refund, callback or other.") var kind: String?
    @Option(help: "The gesture's value.") var value: Double?
    @Option(help: "Currency code (RUB, EUR…).") var currency: String?
    @Option(help: "A note (car class, address, coupon code…).") var note: String?

    func validate() throws {
        let actions = ["propose", "approve", "dispatch", "deliver", "decline", "fail", "cancel"]
        guard actions.contains(action) else { throw ValidationError("the action must be one of \(actions.joined(separator: ", "))") }
        if action == "propose" && kind == nil { throw ValidationError("propose needs --kind") }
    }

    func run() throws {
        var args = JSONObject(pairs: ["action": .string(action)])
        args[action == "propose" ? "id" : "gesture"] = JSONValue(id)
        if let kind { args["kind"] = .string(kind) }
        if let value { args["value"] = JSONValue(value) }
        if let currency { args["currency"] = .string(currency) }
        if let note { args["note"] = .string(note) }
        emit(try connection.call("gesture", args: args), json: connection.json, text: eventLines)
    }
}
