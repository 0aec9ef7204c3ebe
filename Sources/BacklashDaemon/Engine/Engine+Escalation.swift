import BacklashCore
import BacklashStore
import Foundation
import GRDB

/// Escalation: which policy an incident follows, who is paged at each step, and what the timers do.
extension Engine {
    /// Managers by id, from the configuration in force.
    func manager(_ id: String) -> ManagerConfig? { config.managers.first { $0.id == id } }

    func traits(_ a: IncidentAssessment) -> IncidentTraits {
        IncidentTraits(
            severity: a.severity.name, platforms: Set(a.platforms), channels: Set(a.channels), topics: Set(a.topics),
            portrait: a.portrait.rawValue, coordinated: a.coordinated)
    }

    func policy(for a: IncidentAssessment) -> EscalationPolicy? {
        let policies = config.effectivePolicies
        let id = config.routes.policyID(for: traits(a))
        return policies.first { $0.id == id } ?? policies.first { $0.id == "default" }
    }

    var scheduleTable: [String: OnCallSchedule] {
        Dictionary(config.schedules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Reacts to a fresh assessment: starts, re-routes or resumes paging, breaks a snooze, reopens.
    func escalate(incident id: Int, assessment a: IncidentAssessment, named: [String], now: Double, db: Database)
        throws -> [Event]
    {
        guard let row = try IncidentStore.fetch(id, in: db) else { return [] }
        var events: [Event] = []
        let incident = String(id)
        if row.state == "snoozed", let reason = row.snoozeReason, a.severity > row.severityAtSnooze(reason) {
            try IncidentStore.update(id, ["state": "open", "snoozed_until": nil, "snooze_reason": nil], in: db)
            events.append(Event(time: now, kind: .snoozeBroken, incident: incident,
                message: "a new surge (now \(a.severity.name)) broke the snooze on #\(id); paging resumes",
                details: JSONObject(pairs: ["severity": .string(a.severity.name)])))
        }
        guard let fresh = try IncidentStore.fetch(id, in: db), fresh.state != "closed" else { return events }
        let paged = Set(try pagedManagers(id, db: db))
        // The manager the crowd names is paged directly, once, whatever the policy and its state.
        for m in named where !paged.contains(m) && manager(m) != nil {
            events += try page(id, managers: [m], reason: "named", step: 0, now: now, assessment: a, db: db)
        }
        guard a.severity >= config.detection.pageAt, fresh.state == "open" else { return events }
        guard let policy = policy(for: a) else { return events }
        if fresh.policy == nil || (fresh.policy != policy.id && a.severity > Severity(name: fresh.severity) ?? .info) {
            let why = fresh.policy == nil
                ? "severity \(a.severity.name) reached the paging threshold (\(config.detection.pageAt.name))"
                : "severity rose to \(a.severity.name): re-routed from policy \(fresh.policy!) to \(policy.id)"
            events += try startPolicy(id, policy, reason: why, now: now, assessment: a, db: db)
        }
        return events
    }

    func startPolicy(
        _ id: Int, _ policy: EscalationPolicy, reason: String, now: Double, assessment: IncidentAssessment?,
        db: Database
    ) throws -> [Event] {
        let progress = policy.start(openedAt: now, schedules: scheduleTable, managers: config.managers.map(\.id))
        return try apply(progress, id: id, policy: policy, reason: reason, now: now, assessment: assessment, db: db)
    }

    func apply(
        _ progress: EscalationPolicy.Progress, id: Int, policy: EscalationPolicy, reason: String, now: Double,
        assessment: IncidentAssessment?, db: Database
    ) throws -> [Event] {
        switch progress {
        case .page(let step):
            try IncidentStore.update(id, [
                "policy": policy.id, "esc_round": step.position.round, "esc_step": step.position.step,
                "esc_deadline": step.deadline,
            ], in: db)
            var events = [Event(time: now, kind: .incidentEscalated, incident: String(id),
                message: "#\(id) escalated: policy \(policy.id), step \(step.position.step + 1), round "
                    + "\(step.position.round + 1): paging \(step.managerIDs.joined(separator: ", ")) — \(reason)",
                details: JSONObject(pairs: [
                    "policy": .string(policy.id), "step": JSONValue(step.position.step + 1),
                    "round": JSONValue(step.position.round + 1),
                    "managers": .array(step.managerIDs.map { .string($0) }), "reason": .string(reason),
                    "deadline": .string(RFC3339.format(step.deadline)),
                ]))]
            events += try page(id, managers: step.managerIDs, reason: "policy", step: step.position.step + 1,
                now: now, assessment: assessment, db: db)
            return events
        case .exhausted:
            try IncidentStore.update(id, ["esc_deadline": nil, "esc_exhausted": 1], in: db)
            return [Event(time: now, kind: .escalationExhausted, incident: String(id),
                message: "nobody acknowledged #\(id) after every step of policy \(policy.id); take it: "
                    + "backlashctl ack \(id)",
                details: JSONObject(pairs: ["policy": .string(policy.id), "rounds": JSONValue(policy.repeats + 1)]))]
        }
    }

    /// Records a page to each manager (the journal channel at once; other channels are dispatched after commit).
    func page(
        _ id: Int, managers: [String], reason: String, step: Int, now: Double, assessment: IncidentAssessment?,
        db: Database
    ) throws -> [Event] {
        var events: [Event] = []
        var paged = try pagedManagers(id, db: db)
        let row = try IncidentStore.fetch(id, in: db)
        for m in managers {
            let name = manager(m)?.name ?? m
            var details = JSONObject(pairs: [
                "manager": .string(m), "channel": "journal", "step": JSONValue(step), "attempt": 1,
                "reason": .string(reason),
            ])
            if let severity = assessment?.severity.name ?? row?.severity { details["severity"] = .string(severity) }
            let why = switch reason {
            case "named": "the crowd names them"
            case "reminder": "reminder"
            case "handoff": "shift hand-off"
            default: "step \(step)"
            }
            events.append(Event(time: now, kind: .pageSent, incident: String(id),
                message: "paged \(name) about #\(id) (\(why)): \(row?.title ?? "")", details: details))
            pendingPages.append(PendingPage(incident: id, manager: m, reason: reason, step: step))
            if !paged.contains(m) { paged.append(m) }
        }
        try IncidentStore.update(
            id, ["paged": JSONWriter().string(.array(paged.map { .string($0) }))], in: db)
        return events
    }

    func pagedManagers(_ id: Int, db: Database) throws -> [String] {
        guard let text = try String.fetchOne(db, sql: "SELECT paged FROM incidents WHERE id = ?", arguments: [id]),
            case .array(let items)? = try? JSONParser().parse(text)
        else { return [] }
        return items.compactMap(\.stringValue)
    }

    /// Runs every timer that is due at `now`: escalation steps, snooze expiry, reply clocks, promises, gestures.
    public func tick() async throws {
        let now = time.now()
        guard now >= nextTimer else { return }
        let events = try writeNow { db -> [Event] in
            var events: [Event] = []
            let due = try Row.fetchAll(db, sql: """
                SELECT id FROM incidents WHERE state != 'closed' AND (
                    (state = 'open' AND esc_deadline <= ?) OR (state = 'snoozed' AND snoozed_until <= ?)
                    OR (state = 'acknowledged' AND first_reply_at IS NULL AND reply_due <= ?))
                ORDER BY id
                """, arguments: [now, now, now])
            for row in due {
                let id: Int = row["id"]
                guard let incident = try IncidentStore.fetch(id, in: db) else { continue }
                events += try fireTimers(incident, now: now, db: db)
            }
            let promises = try Row.fetchAll(db, sql: """
                SELECT id, incident, owner, due, text FROM promises WHERE state = 'open' AND due <= ? ORDER BY due
                """, arguments: [now])
            for p in promises {
                let pid: Int = p["id"], incident: Int = p["incident"], owner: String = p["owner"], dueAt: Double = p["due"]
                try db.execute(sql: "UPDATE promises SET state = 'missed', resolved_at = ? WHERE id = ?",
                    arguments: [now, pid])
                events.append(Event(time: now, kind: .promiseMissed, incident: String(incident),
                    message: "promise #\(pid) to the customer was missed (due \(RFC3339.format(dueAt))): \(p["text"] as String)",
                    details: JSONObject(pairs: [
                        "promise": .string(String(pid)), "due": .string(RFC3339.format(dueAt)), "owner": .string(owner),
                        "manager": .string(owner),
                    ])))
                events += try page(incident, managers: [owner], reason: "reminder", step: 0, now: now,
                    assessment: nil, db: db)
            }
            let gestures = try Row.fetchAll(db, sql: """
                SELECT id, incident, kind, state, deadline, proposed_by FROM gestures
                WHERE state IN ('proposed', 'approved', 'dispatched') AND deadline <= ?
                """, arguments: [now])
            for g in gestures {
                let gid: Int = g["id"], incident: Int = g["incident"], state: String = g["state"]
                let owner: String = g["proposed_by"], deadline: Double = g["deadline"]
                try db.execute(sql: "UPDATE gestures SET deadline = NULL WHERE id = ?", arguments: [gid])
                events.append(Event(time: now, kind: .gestureOverdue, incident: String(incident),
                    message: "gesture #\(gid) (\(g["kind"] as String)) is still \(state) past its deadline",
                    details: JSONObject(pairs: [
                        "gesture": .string(String(gid)), "step": .string(state),
                        "deadline": .string(RFC3339.format(deadline)),
                    ])))
                events += try escalateOverdue(incident, owner: owner, now: now, db: db)
            }
            events += try announceHandOffs(until: now, db: db)
            var appended = events
            try EventLog.append(&appended, in: db)
            return appended
        }
        handOffsAnnouncedUntil = max(handOffsAnnouncedUntil, now)
        nextTimer = try await nextDeadline()
        publish(events)
    }

    /// Announces each schedule's hand-off since the last announcement: an `oncall.handoff` event listing what is
    /// open, and a page to the incoming manager for every open incident (with its open promises). After a long
    /// stop only the latest hand-off of a schedule is announced: the shifts in between are over.
    func announceHandOffs(until now: Double, db: Database) throws -> [Event] {
        guard now > handOffsAnnouncedUntil, !config.schedules.isEmpty else { return [] }
        var events: [Event] = []
        // What is open is read once, when the first schedule hands over (pages change neither list).
        var openItems: (incidents: [Int], promises: [Row])?
        for schedule in config.schedules {
            var first: HandOff?
            var last: HandOff?
            var cursor = handOffsAnnouncedUntil
            while let h = schedule.nextHandOff(after: cursor), h.time <= now {
                if first == nil { first = h }
                last = h
                cursor = h.time
            }
            guard let first, let last, first.from != last.to else { continue }
            let snapshot = try openItems ?? (
                Int.fetchAll(db, sql: "SELECT id FROM incidents WHERE state != 'closed' ORDER BY id"),
                Row.fetchAll(db, sql: """
                    SELECT id, incident, owner, due, text FROM promises WHERE state = 'open' ORDER BY due
                    """)
            )
            openItems = snapshot
            let (open, promises) = snapshot
            let incoming = last.to.map { manager($0)?.name ?? $0 } ?? "nobody"
            let outgoing = first.from.map { manager($0)?.name ?? $0 } ?? "nobody"
            events.append(Event(time: now, kind: .onCallHandOff,
                message: "schedule \(schedule.id) hands over from \(outgoing) to \(incoming): "
                    + "\(open.count) open incident\(open.count == 1 ? "" : "s"), "
                    + "\(promises.count) open promise\(promises.count == 1 ? "" : "s")",
                details: JSONObject(pairs: [
                    "schedule": .string(schedule.id), "from": first.from.map { .string($0) } ?? .null,
                    "to": last.to.map { .string($0) } ?? .null, "at": .string(RFC3339.format(last.time)),
                    "incidents": .array(open.map { .string(String($0)) }),
                    "promises": .array(promises.map { p in
                        .object(JSONObject(pairs: [
                            "id": .string(String(p["id"] as Int)), "incident": .string(String(p["incident"] as Int)),
                            "owner": .string(p["owner"]), "due": .string(RFC3339.format(p["due"])),
                            "text": .string(p["text"]),
                        ]))
                    }),
                ])))
            if let to = last.to {
                for id in open {
                    events += try page(id, managers: [to], reason: "handoff", step: 0, now: now, assessment: nil, db: db)
                }
            }
        }
        return events
    }

    /// A missed gesture deadline escalates like an unacknowledged page: its owner, then the policy's next step.
    func escalateOverdue(_ id: Int, owner: String, now: Double, db: Database) throws -> [Event] {
        var events = try page(id, managers: [owner], reason: "reminder", step: 0, now: now, assessment: nil, db: db)
        if let row = try IncidentStore.fetch(id, in: db), let policyID = row.policy,
            let policy = config.effectivePolicies.first(where: { $0.id == policyID }),
            let round = row.escalationRound, let step = row.escalationStep
        {
            let next = policy.next(
                after: EscalationPolicy.Position(round: round, step: step), deadline: now,
                schedules: scheduleTable, managers: config.managers.map(\.id))
            events += try apply(next, id: id, policy: policy, reason: "a deadline was missed", now: now,
                assessment: nil, db: db)
            if row.state != "open" { try IncidentStore.update(id, ["esc_deadline": nil], in: db) }
        }
        return events
    }

    func fireTimers(_ row: IncidentRow, now: Double, db: Database) throws -> [Event] {
        let id = row.id
        switch row.state {
        case "snoozed":
            try IncidentStore.update(id, ["state": "open", "snoozed_until": nil, "snooze_reason": nil,
                "esc_deadline": now], in: db)
            var events = [Event(time: now, kind: .incidentUpdated, incident: String(id),
                message: "the snooze on #\(id) expired; paging resumes",
                details: JSONObject(pairs: ["severity": .string(row.severity), "snooze_expired": true]))]
            if let fresh = try IncidentStore.fetch(id, in: db) { events += try fireTimers(fresh, now: now, db: db) }
            return events
        case "acknowledged":
            let acker = row.ackedBy ?? ""
            if try Int.fetchOne(db, sql: "SELECT reply_reminded FROM incidents WHERE id = ?", arguments: [id]) == 0 {
                let interval = config.replyDue[row.severity] ?? 3600
                try IncidentStore.update(id, ["reply_reminded": 1, "reply_due": now + interval / 2], in: db)
                var events = [Event(time: now, kind: .replyOverdue, incident: String(id),
                    message: "#\(id) was acknowledged by \(acker) but no public reply is recorded yet; reminding them",
                    details: JSONObject(pairs: ["manager": .string(acker), "due": .string(RFC3339.format(row.replyDue ?? now))]))]
                events += try page(id, managers: [acker], reason: "reminder", step: 0, now: now, assessment: nil, db: db)
                return events
            }
            // Still no reply after the reminder: back to the escalation, next step.
            try IncidentStore.update(id, ["reply_due": nil, "state": "open"], in: db)
            var events = [Event(time: now, kind: .replyOverdue, incident: String(id),
                message: "#\(id) still has no public reply after the reminder; escalating past \(acker)",
                details: JSONObject(pairs: ["manager": .string(acker), "escalated": true]))]
            events += try escalateOverdue(id, owner: acker, now: now, db: db)
            return events
        default:
            guard let policyID = row.policy, let policy = config.effectivePolicies.first(where: { $0.id == policyID }),
                let round = row.escalationRound, let step = row.escalationStep
            else {
                try IncidentStore.update(id, ["esc_deadline": nil], in: db)
                return []
            }
            let next = policy.next(
                after: EscalationPolicy.Position(round: round, step: step), deadline: row.escalationDeadline ?? now,
                schedules: scheduleTable, managers: config.managers.map(\.id))
            return try apply(next, id: id, policy: policy, reason: "no acknowledgement in time", now: now,
                assessment: nil, db: db)
        }
    }

    /// The earliest timer in the store (or +infinity).
    func nextDeadline() async throws -> Double {
        let stored = try await database.writer.read { db in
            let values = [
                try Double.fetchOne(db, sql: "SELECT min(esc_deadline) FROM incidents WHERE state = 'open'"),
                try Double.fetchOne(db, sql: "SELECT min(snoozed_until) FROM incidents WHERE state = 'snoozed'"),
                try Double.fetchOne(db, sql: """
                    SELECT min(reply_due) FROM incidents WHERE state = 'acknowledged' AND first_reply_at IS NULL
                    """),
                try Double.fetchOne(db, sql: "SELECT min(due) FROM promises WHERE state = 'open'"),
                try Double.fetchOne(db, sql: """
                    SELECT min(deadline) FROM gestures WHERE state IN ('proposed', 'approved', 'dispatched')
                    """),
            ]
            return values.compactMap { $0 }.min() ?? .infinity
        }
        let handOff = config.schedules.compactMap { $0.nextHandOff(after: handOffsAnnouncedUntil)?.time }.min()
        return min(stored, handOff ?? .infinity)
    }
}

extension IncidentRow {
    /// The severity recorded when the incident was snoozed (kept in the reason's prefix `[high] …`).
    func severityAtSnooze(_ reason: String) -> Severity {
        if reason.hasPrefix("["), let close = reason.firstIndex(of: "]"),
            let s = Severity(name: String(reason[reason.index(after: reason.startIndex)..<close]))
        {
            return s
        }
        return severityLevel
    }
}
