import BacklashCore
import Foundation

extension JSONObject {
    /// An integer argument, given as a number or a string such as `#12`.
    package func int(_ key: String) throws -> Int {
        if let v = self[key]?.int64Value { return Int(v) }
        if let s = self[key]?.stringValue, let v = Int(s.hasPrefix("#") ? String(s.dropFirst()) : s) { return v }
        throw CommandError("invalid", "`\(key)` must be a number")
    }

    /// A required string argument.
    package func text(_ key: String) throws -> String {
        guard let s = self[key]?.stringValue else { throw CommandError("invalid", "`\(key)` is required") }
        return s
    }

    /// An optional string argument.
    package func optionalText(_ key: String) -> String? { self[key]?.stringValue }

    /// Whether a flag argument is `true`.
    package func flag(_ key: String) -> Bool { self[key] == .bool(true) }

    /// A number argument, given as a JSON number or a string.
    package func number(_ key: String) -> Double? {
        if let d = self[key]?.doubleValue { return d }
        return self[key]?.stringValue.flatMap(Double.init)
    }
}

extension ControlCommands {
    func eventsValue(_ events: [Event]) -> JSONValue {
        .array(events.map { .object(Self.eventObject($0)) })
    }

    static func eventObject(_ e: Event) -> JSONObject {
        var o = JSONObject(pairs: [
            "seq": JSONValue(Int(e.sequence ?? 0)), "time": .string(RFC3339.format(e.time)),
            "kind": .string(e.kind.rawValue), "incident": e.incident.map { .string($0) } ?? .null,
            "actor": .string(e.actor), "message": .string(e.message),
        ])
        o["details"] = .object(e.details)
        return o
    }

    func write(_ cmd: String, _ args: JSONObject, actor: String) async throws -> JSONValue {
        switch cmd {
        case "ack": return eventsValue(try await engine.acknowledge(try args.int("id"), by: actor))
        case "unack": return eventsValue(try await engine.unacknowledge(try args.int("id"), by: actor))
        case "assign":
            return eventsValue(try await engine.assign(try args.int("id"), to: try args.text("manager"), by: actor))
        case "note":
            return eventsValue(try await engine.note(
                try args.int("id"), text: try args.text("text"), review: args.flag("review"), by: actor))
        case "snooze":
            guard let seconds = DurationText.parse(try args.text("for")) else {
                throw CommandError("invalid", "--for takes a duration such as 30m or 2h")
            }
            return eventsValue(try await engine.snooze(
                try args.int("id"), for: seconds, reason: try args.text("reason"), by: actor))
        case "reply":
            let (events, findings) = try await engine.reply(
                try args.int("id"), channel: try args.text("channel"), text: try args.text("text"),
                force: args.flag("force"), reason: args.optionalText("reason"), by: actor)
            return .object(JSONObject(pairs: [
                "events": eventsValue(events), "findings": .array(findings.map(Engine.findingValue)),
            ]))
        case "promise":
            let at = try args.text("at")
            guard let due = TimeArgument.parse(at, now: engine.now()) else {
                throw CommandError("invalid", "--at takes an RFC 3339 time, HH:MM (today or tomorrow) or +DURATION")
            }
            return eventsValue(try await engine.promise(
                try args.int("id"), due: due, text: try args.text("text"), channel: args.optionalText("channel"),
                by: actor))
        case "promise-kept": return eventsValue(try await engine.keepPromise(try args.int("promise"), by: actor))
        case "gesture":
            let action = try args.text("action")
            if action == "propose" {
                return eventsValue(try await engine.proposeGesture(
                    try args.int("id"), kind: try args.text("kind"), value: args.number("value"),
                    currency: args.optionalText("currency"), note: args.optionalText("note"), by: actor))
            }
            guard let target = GestureState(verb: action), target != .proposed else {
                throw CommandError("invalid", "gesture actions: propose, approve, dispatch, deliver, decline, fail, cancel")
            }
            return eventsValue(try await engine.moveGesture(
                try args.int("gesture"), to: target, note: args.optionalText("note"), by: actor))
        case "close":
            return eventsValue(try await engine.close(
                try args.int("id"), resolution: try args.text("resolution"), cause: try args.text("cause"),
                force: args.flag("force"), reason: args.optionalText("reason"), by: actor))
        case "reopen": return eventsValue(try await engine.reopen(try args.int("id"), by: actor))
        case "our-fault":
            try await engine.setOurFault(try args.int("id"), args["value"] != .bool(false))
            return .object(JSONObject(pairs: ["our_fault": .bool(args["value"] != .bool(false))]))
        default:
            throw CommandError("invalid", "unknown command `\(cmd)`")
        }
    }
}

/// Times as managers type them: RFC 3339, `18:00` (the next such time), `+2h`.
public enum TimeArgument {
    /// Seconds since the epoch, or nil.
    /// Times that RFC 3339 cannot write (before year 1 or after 9999, as `+1e300` would be) are not times.
    public static func parse(_ text: String, now: Double, timeZone: TimeZone = .current) -> Double? {
        if let t = RFC3339.parse(text) { return t }
        if text.hasPrefix("+"), let d = DurationText.parse(String(text.dropFirst())) {
            return RFC3339.canFormat(now + d) ? now + d : nil
        }
        let parts = text.split(separator: ":")
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let today = calendar.startOfDay(for: Date(timeIntervalSince1970: now)).timeIntervalSince1970
            var t = today + Double(h * 3600 + m * 60)
            if t <= now { t += 86_400 }
            return t
        }
        return nil
    }
}
