import BacklashCore
import BacklashStore
import Foundation
import GRDB

extension ControlCommands {
    func read(_ cmd: String, _ args: JSONObject, peer: PeerCredentials?) async throws -> JSONValue {
        switch cmd {
        case "ping": return .object(JSONObject(pairs: ["pong": true]))
        case "status": return try await status()
        case "tail": return try await tail(args)
        case "whoami":
            let config = await engine.currentConfig()
            let user = peer?.userName
            let manager = config.managers.first { $0.unixUser != nil && $0.unixUser == user }
            return .object(JSONObject(pairs: [
                "uid": peer.map { JSONValue(Int($0.uid)) } ?? .null, "user": user.map { .string($0) } ?? .null,
                "manager": manager.map { .string($0.id) } ?? .null,
            ]))
        case "incidents":
            let all = args.flag("all")
            let rows = try await engine.read { db in try IncidentStore.list(all: all, in: db) }
            return .array(rows.map { .object(Self.incidentObject($0)) })
        case "show":
            let id = try args.int("id")
            return try await show(id)
        case "events":
            let incident = args.optionalText("incident")
            let since = args.number("since") ?? 0
            let events = try await engine.read { db -> [Event] in
                if let incident { return try EventLog.events(incident: incident, limit: 100_000, in: db) }
                let first = try Int64.fetchOne(db, sql: "SELECT coalesce(min(id), 1) - 1 FROM events WHERE time >= ?",
                    arguments: [since]) ?? 0
                return try EventLog.events(after: first, limit: 1_000_000, in: db)
            }
            return .array(events.map { .object(Self.eventObject($0)) })
        case "promises":
            let all = args.flag("all")
            let rows = try await engine.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT p.*, i.title FROM promises p JOIN incidents i ON i.id = p.incident
                    \(all ? "" : "WHERE p.state = 'open'") ORDER BY p.due
                    """).map { JSONValue.object(Self.promiseObject($0)) }
            }
            return .array(rows)
        case "oncall": return await oncall()
        default: throw CommandError("invalid", "unknown command `\(cmd)`")
        }
    }

    func status() async throws -> JSONValue {
        let s = await engine.currentStatus()
        var result = JSONObject(pairs: [
            "posts": JSONValue(s.posts), "events": JSONValue(s.events), "open_incidents": JSONValue(s.openIncidents),
            "quarantined": JSONValue(s.quarantined), "rejected": JSONValue(s.rejected),
            "started_at": .string(RFC3339.format(s.startedAt)), "version": .string(BacklashDaemonInfo.version),
            "pid": JSONValue(Int(ProcessInfo.processInfo.processIdentifier)),
        ])
        for m in daemonFacts().members { result[m.key] = m.value }
        return .object(result)
    }

    static func incidentObject(_ r: IncidentRow) -> JSONObject {
        JSONObject(pairs: [
            "id": JSONValue(r.id), "state": .string(r.state), "severity": .string(r.severity),
            "peak_severity": .string(Severity(rawValue: r.peakSeverity)?.name ?? r.severity),
            "title": .string(r.title), "root": .string(r.root),
            "reasons": .array(r.reasons.map { .string($0) }),
            "named_managers": .array(r.namedManagers.map { .string($0) }), "coordinated": .bool(r.coordinated),
            "portrait": .string(r.portrait),
            "forecast": .object(JSONObject(pairs: [
                "reach": r.forecast["reach"] ?? .null, "low": r.forecast["low"] ?? .null,
                "high": r.forecast["high"] ?? .null, "reshares": r.forecast["reshares"] ?? .null,
                "explosive": r.forecast["explosive"] ?? false,
            ])),
            "posts": JSONValue(r.posts), "reshares": JSONValue(r.reshares), "audience": JSONValue(r.audience),
            "platforms": .array(r.platforms.map { .string($0) }),
            "first_post_at": r.firstPostAt.map { .string(RFC3339.format($0)) } ?? .null,
            "opened_at": .string(RFC3339.format(r.openedAt)),
            "acked_by": r.ackedBy.map { .string($0) } ?? .null,
            "acked_at": r.ackedAt.map { .string(RFC3339.format($0)) } ?? .null,
            "assigned_to": r.assignedTo.map { .string($0) } ?? .null,
            "snoozed_until": r.snoozedUntil.map { .string(RFC3339.format($0)) } ?? .null,
            "policy": r.policy.map { .string($0) } ?? .null,
            "next_escalation": r.escalationDeadline.map { .string(RFC3339.format($0)) } ?? .null,
            "reply_due": r.replyDue.map { .string(RFC3339.format($0)) } ?? .null,
            "closed_at": r.closedAt.map { .string(RFC3339.format($0)) } ?? .null,
            "resolution": r.resolution.map { .string($0) } ?? .null, "cause": r.cause.map { .string($0) } ?? .null,
            "playbook": .object(r.playbook), "our_fault": .bool(r.ourFault),
        ])
    }

    static func promiseObject(_ r: Row) -> JSONObject {
        JSONObject(pairs: [
            "id": JSONValue(r["id"] as Int), "incident": JSONValue(r["incident"] as Int), "owner": .string(r["owner"]),
            "due": .string(RFC3339.format(r["due"])), "text": .string(r["text"]), "state": .string(r["state"]),
            "channel": (r["channel"] as String?).map { .string($0) } ?? .null,
            "title": (r["title"] as String?).map { .string($0) } ?? .null,
        ])
    }

    func show(_ id: Int) async throws -> JSONValue {
        let data = try await engine.read { db -> (IncidentRow?, [Event], [StoredPostSummary], [JSONValue], [JSONValue], [JSONValue]) in
            (
                try IncidentStore.fetch(id, in: db), try EventLog.events(incident: String(id), in: db),
                try IncidentStore.posts(of: id, limit: 50, in: db),
                try Row.fetchAll(db, sql: "SELECT * FROM promises WHERE incident = ? ORDER BY due", arguments: [id])
                    .map { .object(Self.promiseObject($0)) },
                try Row.fetchAll(db, sql: "SELECT * FROM gestures WHERE incident = ? ORDER BY id", arguments: [id])
                    .map(Self.gestureValue),
                try Row.fetchAll(db, sql: "SELECT * FROM replies WHERE incident = ? ORDER BY id", arguments: [id])
                    .map(Self.replyValue)
            )
        }
        guard let row = data.0 else {
            throw CommandError("not_found", "there is no incident #\(id); `backlashctl incidents --all` lists them")
        }
        var o = Self.incidentObject(row)
        o["timeline"] = .array(data.1.map { .object(Self.eventObject($0)) })
        o["post_list"] = .array(data.2.map { p in
            .object(JSONObject(pairs: [
                "post": .string(p.key.description), "author": .string(p.authorID), "text": .string(p.text),
                "created_at": .string(RFC3339.format(p.createdAt)),
            ]))
        })
        o["promises"] = .array(data.3)
        o["gestures"] = .array(data.4)
        o["replies"] = .array(data.5)
        return .object(o)
    }

    static func gestureValue(_ g: Row) -> JSONValue {
            .object(JSONObject(pairs: [
                "id": JSONValue(g["id"] as Int), "kind": .string(g["kind"]), "state": .string(g["state"]),
                "value": (g["value"] as Double?).map { JSONValue($0) } ?? .null,
                "currency": (g["currency"] as String?).map { .string($0) } ?? .null,
                "note": (g["note"] as String?).map { .string($0) } ?? .null,
                "deadline": (g["deadline"] as Double?).map { .string(RFC3339.format($0)) } ?? .null,
                "proposed_by": .string(g["proposed_by"]),
            ]))
    }

    static func replyValue(_ r: Row) -> JSONValue {
            .object(JSONObject(pairs: [
                "channel": .string(r["channel"]), "text": .string(r["text"]), "author": .string(r["author"]),
                "time": .string(RFC3339.format(r["time"])), "forced": .bool(r["forced"]),
                "findings": (try? JSONParser().parse(r["findings"] as String)) ?? .array([]),
            ]))
    }

    func oncall() async -> JSONValue {
        let config = await engine.currentConfig()
        let now = engine.now()
        var schedules: [JSONValue] = []
        for s in config.schedules {
            let next = s.nextHandOff(after: now)
            schedules.append(.object(JSONObject(pairs: [
                "schedule": .string(s.id), "now": s.onCall(at: now).map { .string($0) } ?? .null,
                "next": next?.to.map { .string($0) } ?? .null,
                "hand_off_at": next.map { .string(RFC3339.format($0.time)) } ?? .null,
            ])))
        }
        let first = config.managers.first?.id
        return .object(JSONObject(pairs: [
            "schedules": .array(schedules),
            "default_on_call": config.schedules.isEmpty ? (first.map { .string($0) } ?? .null) : .null,
            "managers": .array(config.managers.map { m in
                .object(JSONObject(pairs: [
                    "id": .string(m.id), "name": .string(m.name),
                    "unix_user": m.unixUser.map { .string($0) } ?? .null,
                    "channels": .array(
                        ["journal"] + (m.email != nil ? ["email"] : []) + (m.webhook != nil ? ["webhook"] : [])
                            + (m.exec != nil ? ["exec"] : []).map { JSONValue.string($0) }),
                ]))
            }),
        ]))
    }

    /// New posts and events after the client's cursors; without cursors, only the current cursors.
    func tail(_ args: JSONObject) async throws -> JSONValue {
        let status = await engine.currentStatus()
        let afterPost = args["after_post"]?.int64Value ?? Int64(status.posts)
        let afterEvent = args["after_event"]?.int64Value ?? Int64(status.events)
        let (posts, events) = try await engine.recent(afterPost: afterPost, afterEvent: afterEvent, limit: 500)
        let postValues: [JSONValue] = posts.map { p in
            .object(JSONObject(pairs: [
                "seq": JSONValue(Int(p.sequence)), "post": .string(p.key.description), "author": .string(p.authorID),
                "text": .string(p.text), "created_at": .string(RFC3339.format(p.createdAt)), "source": .string(p.source),
            ]))
        }
        return .object(JSONObject(pairs: [
            "posts": .array(postValues), "events": .array(events.map { .object(Self.eventObject($0)) }),
            "post_cursor": JSONValue(Int(posts.last?.sequence ?? afterPost)),
            "event_cursor": JSONValue(Int(events.last?.sequence ?? afterEvent)),
        ]))
    }
}
