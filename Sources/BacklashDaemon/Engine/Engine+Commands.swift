import BacklashCore
import BacklashStore
import Foundation
import GRDB

/// A refused command: the sentence for the manager, and a code scripts can branch on.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// `invalid` (bad request or illegal transition), `not_found`, `forbidden`, `blocked` (reply linter).
    public var code: String
    public var message: String
    /// Extra data (the linter's findings for a blocked reply).
    public var data: JSONValue?

    init(_ code: String, _ message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The message.
    public var description: String { message }
}

/// The managers' actions on incidents. Each validates first and changes nothing when refused; each accepted
/// action is one transaction with its event.
extension Engine {
    func incidentRow(_ id: Int, _ db: Database) throws -> IncidentRow {
        guard let row = try IncidentStore.fetch(id, in: db) else {
            throw CommandError("not_found", "there is no incident #\(id); `backlashctl incidents --all` lists them")
        }
        return row
    }

    func transact(_ body: (Database, Double) throws -> [Event]) async throws -> [Event] {
        let now = time.now()
        let events = try writeNow { db -> [Event] in
            var events = try body(db, now)
            try EventLog.append(&events, in: db)
            return events
        }
        publish(events)
        return events
    }

    /// Acknowledges: paging stops at once (pending retries too) and the public-reply clock starts.
    public func acknowledge(_ id: Int, by actor: String) async throws -> [Event] {
        let events = try await transact { db, now in
            let row = try incidentRow(id, db)
            switch row.state {
            case "closed":
                throw CommandError("invalid", "incident #\(id) is closed; `backlashctl reopen \(id)` first")
            case "acknowledged":
                if row.ackedBy == actor { return [] }
                throw CommandError("invalid",
                    "incident #\(id) is already acknowledged by \(row.ackedBy ?? "?") at "
                        + RFC3339.format(row.ackedAt ?? 0) + "; `backlashctl assign \(id) \(actor)` to take it over")
            default: break
            }
            let due = row.firstReplyAt == nil ? config.replyDue[row.severity].map { now + $0 } : nil
            try IncidentStore.update(id, [
                "state": "acknowledged", "acked_by": actor, "acked_at": now, "esc_deadline": nil,
                "snoozed_until": nil, "snooze_reason": nil, "reply_due": due, "reply_reminded": 0,
            ], in: db)
            var message = "\(actor) acknowledged #\(id); paging stopped"
            if let due { message += "; the public reply is due by \(RFC3339.format(due))" }
            return [Event(time: now, kind: .incidentAcknowledged, incident: String(id), actor: actor, message: message,
                details: JSONObject(pairs: ["manager": .string(actor)]))]
        }
        pageCanceller?(id)
        return events
    }

    /// Withdraws an acknowledgement: the escalation resumes with its next step.
    public func unacknowledge(_ id: Int, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state == "acknowledged" else {
                throw CommandError("invalid", "incident #\(id) is \(row.state), not acknowledged")
            }
            try IncidentStore.update(id, [
                "state": "open", "acked_by": nil, "acked_at": nil, "reply_due": nil,
                "esc_deadline": row.policy == nil ? nil : now,
            ], in: db)
            return [Event(time: now, kind: .incidentUnacknowledged, incident: String(id), actor: actor,
                message: "\(actor) withdrew the acknowledgement of #\(id); escalation resumes",
                details: JSONObject(pairs: ["manager": .string(actor)]))]
        }
    }

    /// Assigns the incident to a manager.
    public func assign(_ id: Int, to manager: String, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            let row = try incidentRow(id, db)
            guard self.manager(manager) != nil else {
                throw CommandError("invalid", "`\(manager)` is not a configured manager (known: "
                    + config.managers.map(\.id).joined(separator: ", ") + ")")
            }
            try IncidentStore.update(id, ["assigned_to": manager], in: db)
            return [Event(time: now, kind: .incidentAssigned, incident: String(id), actor: actor,
                message: "\(actor) assigned #\(id) to \(manager)",
                details: JSONObject(pairs: ["manager": .string(manager), "previous": row.assignedTo.map { .string($0) } ?? .null]))]
        }
    }

    /// Adds a note to the timeline (`review`: for the review's "what we change").
    public func note(_ id: Int, text: String, review: Bool, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            _ = try incidentRow(id, db)
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw CommandError("invalid", "the note is empty")
            }
            return [Event(time: now, kind: .noteAdded, incident: String(id), actor: actor,
                message: "\(actor) noted on #\(id)\(review ? " (for the review)" : ""): \(text)",
                details: JSONObject(pairs: ["text": .string(text), "review": .bool(review)]))]
        }
    }

    /// Stops paging for a while, on purpose, with an owner and a reason; a new surge breaks it.
    public func snooze(_ id: Int, for seconds: Double, reason: String, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state == "open" || row.state == "acknowledged" || row.state == "snoozed" else {
                throw CommandError("invalid", "incident #\(id) is \(row.state); only open incidents can be snoozed")
            }
            guard seconds > 0, seconds <= 7 * 86_400 else {
                throw CommandError("invalid", "a snooze lasts between 1 second and 7 days")
            }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CommandError("invalid", "say why the incident is snoozed (--reason)")
            }
            let until = now + seconds
            try IncidentStore.update(id, [
                "state": "snoozed", "snoozed_until": until, "snooze_reason": "[\(row.severity)] \(reason)",
                "snoozed_by": actor,
            ], in: db)
            return [Event(time: now, kind: .incidentSnoozed, incident: String(id), actor: actor,
                message: "\(actor) snoozed #\(id) until \(RFC3339.format(until)): \(reason)",
                details: JSONObject(pairs: [
                    "until": .string(RFC3339.format(until)), "reason": .string(reason), "manager": .string(actor),
                    "severity": .string(row.severity),
                ]))]
        }
    }

    /// Records a reply we posted, after the linter: a blocking finding refuses it unless forced with a reason.
    public func reply(
        _ id: Int, channel: String, text: String, force: Bool, reason: String?, by actor: String
    ) async throws -> (events: [Event], findings: [LintFinding]) {
        guard channel == "public" || channel == "dm" else {
            throw CommandError("invalid", "--channel must be public or dm")
        }
        let row = try await read { db in try IncidentStore.fetch(id, in: db) }
        guard let row else { throw CommandError("not_found", "there is no incident #\(id)") }
        let report = ReplyLinter().lint(text, context: ReplyContext(ourFault: row.ourFault))
        let findings = JSONValue.array(report.findings.map(Self.findingValue))
        if report.blocks && !force {
            _ = try await transact { _, now in
                [Event(time: now, kind: .replyBlocked, incident: String(id), actor: actor,
                    message: "a reply on #\(id) was blocked by the linter: "
                        + report.findings.filter { $0.severity == .block }.map(\.rule.rawValue).joined(separator: ", "),
                    details: JSONObject(pairs: ["channel": .string(channel), "text": .string(text), "findings": findings]))]
            }
            throw CommandError("blocked",
                "the reply was not recorded: " + report.findings.filter { $0.severity == .block }
                    .map { "\($0.rule.rawValue) «\($0.span.text)»: \($0.suggestion)" }.joined(separator: "; ")
                    + ". Rewrite it, or use --force --reason",
                data: findings)
        }
        if force && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw CommandError("invalid", "--force needs --reason: say why the reply is posted despite the linter")
        }
        let events = try await transact { db, now in
            let row = try incidentRow(id, db)
            try db.execute(sql: """
                INSERT INTO replies (incident, channel, text, findings, forced, reason, author, time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, channel, text, JSONWriter().string(findings), force, reason, actor, now])
            if channel == "public" && row.firstReplyAt == nil {
                try IncidentStore.update(id, ["first_reply_at": now, "reply_due": nil], in: db)
            }
            return [Event(time: now, kind: .replyRecorded, incident: String(id), actor: actor,
                message: "\(actor) replied on #\(id) (\(channel))\(force ? ", forced: \(reason ?? "")" : ""): \(text)",
                details: JSONObject(pairs: [
                    "channel": .string(channel), "text": .string(text), "findings": findings, "forced": .bool(force),
                    "reason": reason.map { .string($0) } ?? .null,
                ]))]
        }
        return (events, report.findings)
    }

    static func findingValue(_ f: LintFinding) -> JSONValue {
        .object(JSONObject(pairs: [
            "rule": .string(f.rule.rawValue), "severity": .string(f.severity.rawValue),
            "span": .object(JSONObject(pairs: [
                "start": JSONValue(f.span.start), "end": JSONValue(f.span.end), "text": .string(f.span.text),
            ])),
            "message": .string(f.message), "suggestion": .string(f.suggestion),
        ]))
    }

    /// Records a promise to the customer with its time, visible to the next shift.
    public func promise(_ id: Int, due: Double, text: String, channel: String?, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state != "closed" else { throw CommandError("invalid", "incident #\(id) is closed") }
            guard due > now - 60 else {
                throw CommandError("invalid", "the promise's time \(RFC3339.format(due)) is in the past")
            }
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CommandError("invalid", "say what was promised (--text)")
            }
            try db.execute(sql: """
                INSERT INTO promises (incident, owner, due, text, channel, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [id, actor, due, text, channel, now])
            let pid = db.lastInsertedRowID
            return [Event(time: now, kind: .promiseRecorded, incident: String(id), actor: actor,
                message: "\(actor) promised on #\(id), due \(RFC3339.format(due)): \(text)",
                details: JSONObject(pairs: [
                    "promise": .string(String(pid)), "due": .string(RFC3339.format(due)), "text": .string(text),
                    "owner": .string(actor), "channel": channel.map { .string($0) } ?? .null,
                ]))]
        }
    }

    /// Marks a promise kept.
    public func keepPromise(_ pid: Int, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM promises WHERE id = ?", arguments: [pid]) else {
                throw CommandError("not_found", "there is no promise #\(pid); `backlashctl promises` lists them")
            }
            let state: String = row["state"]
            guard state == "open" else { throw CommandError("invalid", "promise #\(pid) is already \(state)") }
            try db.execute(sql: "UPDATE promises SET state = 'kept', resolved_at = ? WHERE id = ?", arguments: [now, pid])
            let incident: Int = row["incident"], due: Double = row["due"], owner: String = row["owner"]
            return [Event(time: now, kind: .promiseKept, incident: String(incident), actor: actor,
                message: "promise #\(pid) on #\(incident) was kept: \(row["text"] as String)",
                details: JSONObject(pairs: [
                    "promise": .string(String(pid)), "due": .string(RFC3339.format(due)), "owner": .string(owner),
                ]))]
        }
    }

    /// Proposes a gesture (coupon, car, flowers, refund, call-back, other).
    public func proposeGesture(
        _ id: Int, kind: String, value: Double?, currency: String?, note: String?, by actor: String
    ) async throws -> [Event] {
        guard let k = GestureKind(rawValue: kind) else {
            throw CommandError("invalid", "--kind must be one of " + GestureKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let value, value < 0 || !value.isFinite { throw CommandError("invalid", "--value must be a positive number") }
        return try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state != "closed" else { throw CommandError("invalid", "incident #\(id) is closed") }
            let deadline = now + (GestureState.proposed.stepDeadline ?? 3600)
            try db.execute(sql: """
                INSERT INTO gestures (incident, kind, value, currency, note, state, deadline, proposed_by, created_at,
                    updated_at) VALUES (?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?)
                """, arguments: [id, k.rawValue, value, currency, note, deadline, actor, now, now])
            let gid = db.lastInsertedRowID
            return [Self.gestureEvent(.proposed, gesture: Int(gid), incident: id, kind: k.rawValue, value: value,
                currency: currency, note: note, deadline: deadline, actor: actor, now: now)]
        }
    }

    static func gestureEvent(
        _ state: GestureState, gesture: Int, incident: Int, kind: String, value: Double?, currency: String?,
        note: String?, deadline: Double?, actor: String, now: Double
    ) -> Event {
        var what = kind
        if let value {
            // Whole amounts without ".0"; an amount past Int64 (a hostile 1e300) is written as the Double it is.
            let amount = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            what += " \(amount)\(currency.map { " " + $0 } ?? "")"
        }
        return Event(time: now, kind: state.eventKind, incident: String(incident), actor: actor,
            message: "gesture #\(gesture) (\(what)) \(state.rawValue) by \(actor)\(note.map { ": " + $0 } ?? "")",
            details: JSONObject(pairs: [
                "gesture": .string(String(gesture)), "kind": .string(kind), "value": value.map { JSONValue($0) } ?? .null,
                "currency": currency.map { .string($0) } ?? .null, "note": note.map { .string($0) } ?? .null,
                "deadline": deadline.map { .string(RFC3339.format($0)) } ?? .null,
            ]))
    }

    /// Moves a gesture along its life (approve, dispatch, deliver, decline, fail, cancel); approvals obey limits.
    public func moveGesture(_ gid: Int, to target: GestureState, note: String?, by actor: String) async throws -> [Event] {
        try await transact { db, now in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM gestures WHERE id = ?", arguments: [gid]) else {
                throw CommandError("not_found", "there is no gesture #\(gid); `backlashctl show INCIDENT` lists them")
            }
            let current = GestureState(rawValue: row["state"]) ?? .cancelled
            guard current.next.contains(target) else {
                let allowed = current.next.map(\.verb).joined(separator: ", ")
                throw CommandError("invalid",
                    "gesture #\(gid) is \(current.rawValue); it cannot be \(target.rawValue)"
                        + (allowed.isEmpty ? " (it is finished)" : " (from \(current.rawValue): \(allowed))"))
            }
            let value: Double? = row["value"]
            if target == .approved, let value, let limit = manager(actor)?.approvalLimit, value > limit {
                throw CommandError("forbidden",
                    "gesture #\(gid) is worth \(value) \(row["currency"] as String? ?? ""), over \(actor)'s approval limit "
                        + "of \(limit); a manager with a higher limit must approve it")
            }
            let deadline = target.stepDeadline.map { now + $0 }
            try db.execute(sql: """
                UPDATE gestures SET state = ?, deadline = ?, updated_at = ?,
                    approved_by = CASE WHEN ? = 'approved' THEN ? ELSE approved_by END WHERE id = ?
                """, arguments: [target.rawValue, deadline, now, target.rawValue, actor, gid])
            return [Self.gestureEvent(target, gesture: gid, incident: row["incident"], kind: row["kind"], value: value,
                currency: row["currency"], note: note ?? row["note"], deadline: deadline, actor: actor, now: now)]
        }
    }

    /// Closes: needs a resolution and a root cause, and no gesture or promise still open unless forced with a reason.
    public func close(
        _ id: Int, resolution: String, cause: String, force: Bool, reason: String?, by actor: String
    ) async throws -> [Event] {
        let causes = ["defect", "attention", "terms", "coordinated", "other"]
        guard causes.contains(cause) else {
            throw CommandError("invalid", "--cause must be one of " + causes.joined(separator: ", "))
        }
        guard !resolution.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandError("invalid", "say how it was resolved (--resolution)")
        }
        if force && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw CommandError("invalid", "--force needs --reason")
        }
        let events = try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state != "closed" else { throw CommandError("invalid", "incident #\(id) is already closed") }
            let openGestures = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM gestures WHERE incident = ? AND state IN ('proposed', 'approved', 'dispatched')
                """, arguments: [id]) ?? 0
            let openPromises = try Int.fetchOne(db, sql:
                "SELECT count(*) FROM promises WHERE incident = ? AND state = 'open'", arguments: [id]) ?? 0
            if (openGestures > 0 || openPromises > 0) && !force {
                throw CommandError("invalid",
                    "incident #\(id) still has \(openGestures) open gesture(s) and \(openPromises) open promise(s); "
                        + "deliver, decline or cancel them (and keep the promises), or close with --force --reason")
            }
            try IncidentStore.update(id, [
                "state": "closed", "closed_at": now, "resolution": resolution, "cause": cause, "esc_deadline": nil,
                "reply_due": nil, "snoozed_until": nil,
            ], in: db)
            if openGestures > 0 {
                try db.execute(sql: """
                    UPDATE gestures SET state = 'cancelled', deadline = NULL, updated_at = ?
                    WHERE incident = ? AND state IN ('proposed', 'approved', 'dispatched')
                    """, arguments: [now, id])
            }
            return [Event(time: now, kind: .incidentClosed, incident: String(id), actor: actor,
                message: "\(actor) closed #\(id) (\(cause)): \(resolution)\(force ? " — forced: \(reason ?? "")" : "")",
                details: JSONObject(pairs: [
                    "resolution": .string(resolution), "cause": .string(cause), "forced": .bool(force),
                    "reason": reason.map { .string($0) } ?? .null,
                ]))]
        }
        detector.close(incident: id)
        return events
    }

    /// Reopens a closed incident by hand: paging starts again from the first step.
    public func reopen(_ id: Int, by actor: String) async throws -> [Event] {
        let events = try await transact { db, now in
            let row = try incidentRow(id, db)
            guard row.state == "closed" else { throw CommandError("invalid", "incident #\(id) is \(row.state), not closed") }
            try IncidentStore.update(id, [
                "state": "open", "closed_at": nil, "resolution": nil, "cause": nil, "acked_by": nil, "acked_at": nil,
                "policy": nil, "esc_exhausted": 0, "paged": "[]",
            ], in: db)
            var events = [Event(time: now, kind: .incidentReopened, incident: String(id), actor: actor,
                message: "\(actor) reopened #\(id)", details: JSONObject(pairs: [
                    "reason": "reopened by hand", "severity": .string(row.severity),
                ]))]
            if let policy = config.effectivePolicies.first(where: { $0.id == "default" }) ?? config.effectivePolicies.first {
                events += try startPolicy(id, policy, reason: "reopened", now: now, assessment: nil, db: db)
            }
            return events
        }
        detector.reopen(incident: id)
        return events
    }

    /// Marks whether the incident was our fault (the linter then expects an apology).
    public func setOurFault(_ id: Int, _ value: Bool) async throws {
        _ = try await transact { db, _ in
            _ = try incidentRow(id, db)
            try IncidentStore.update(id, ["our_fault": value], in: db)
            return []
        }
    }
}
