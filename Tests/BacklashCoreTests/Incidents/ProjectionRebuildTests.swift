import BacklashCore
import Testing

@Suite("rebuilding projections from the event log")
struct ProjectionRebuildTests {
    static func event(
        _ seq: Int64, _ kind: EventKind, incident: String? = "1", at time: Double = 1000, actor: String = "backlashd",
        _ details: KeyValuePairs<String, JSONValue> = [:]
    ) -> Event {
        Event(sequence: seq, time: time, kind: kind, incident: incident, actor: actor, message: kind.summary,
            details: JSONObject(pairs: details))
    }

    static let opened = event(1, .incidentOpened, ["root": "twitter:root", "severity": "high"])
    static func escalated(_ seq: Int64, step: Int, round: Int = 1, deadline: String) -> Event {
        event(seq, .incidentEscalated, at: 1000 + Double(seq),
            ["policy": "default", "step": JSONValue(step), "round": JSONValue(round), "deadline": .string(deadline)])
    }

    @Test("an incident's state, ack, severity peak and escalation position follow its events in order")
    func foldsWorkflow() {
        var r = ProjectionRebuild()
        r.apply([
            Self.opened,
            Self.escalated(2, step: 1, deadline: "1970-01-01T00:26:40.5Z"),
            Self.event(3, .pageSent, ["manager": "anna", "channel": "journal"]),
            Self.event(4, .pageSent, ["manager": "anna", "channel": "webhook"]),
            Self.event(5, .incidentUpdated, ["severity": "critical"]),
            Self.event(6, .incidentUpdated, ["severity": "medium"]),
            Self.event(7, .incidentAcknowledged, at: 1010, actor: "boris", ["manager": "boris"]),
        ])
        let i = r.incidents[1]
        #expect(i?.state == "acknowledged")
        #expect(i?.ackedBy == "boris" && i?.ackedAt == 1010)
        #expect(i?.severity == "medium")
        #expect(i?.peakSeverity == Severity.critical.rawValue)
        #expect(i?.policy == "default" && i?.escalationStep == 0 && i?.escalationRound == 0)
        #expect(i?.escalationDeadline == nil, "an ack stops the escalation clock")
        #expect(i?.paged == ["anna"], "only the journal page records who was paged; channels repeat it")
        #expect(i?.lastEvent == 7)
        #expect(r.problems.isEmpty)
    }

    @Test("an open incident keeps the escalation deadline its event carries; a snoozed one does not wait")
    func deadlines() {
        var r = ProjectionRebuild()
        r.apply([Self.opened, Self.escalated(2, step: 1, deadline: "1970-01-01T00:26:40.5Z")])
        #expect(r.incidents[1]?.escalationDeadline == 1600.5)
        r.apply([
            Self.event(3, .incidentSnoozed, ["until": "1970-01-01T01:00:00Z", "manager": "anna"]),
            Self.escalated(4, step: 2, deadline: "1970-01-01T00:30:00Z"),
        ])
        #expect(r.incidents[1]?.state == "snoozed" && r.incidents[1]?.snoozedUntil == 3600)
        #expect(r.incidents[1]?.escalationDeadline == nil)
        #expect(r.incidents[1]?.escalationStep == 1)
    }

    @Test("a reopen forgets the ack, the closure, the policy and who was paged")
    func reopenResets() {
        var r = ProjectionRebuild()
        r.apply([
            Self.opened, Self.escalated(2, step: 1, deadline: "1970-01-01T01:00:00Z"),
            Self.event(3, .pageSent, ["manager": "anna", "channel": "journal"]),
            Self.event(4, .incidentAcknowledged, ["manager": "anna"]),
            Self.event(5, .escalationExhausted, ["policy": "default"]),
            Self.event(6, .incidentClosed, at: 1200, ["resolution": "done", "cause": "defect"]),
        ])
        #expect(r.incidents[1]?.state == "closed" && r.incidents[1]?.closedAt == 1200)
        r.apply(Self.event(7, .incidentReopened, ["severity": "high", "reason": "flares again"]))
        let i = r.incidents[1]
        #expect(i?.state == "open" && i?.closedAt == nil && i?.resolution == nil)
        #expect(i?.ackedBy == nil && i?.policy == nil && i?.paged == [] && i?.escalationExhausted == false)
    }

    @Test("closing cancels the open gestures; promises and gestures follow their own events")
    func gesturesAndPromises() {
        var r = ProjectionRebuild()
        r.apply([
            Self.opened,
            Self.event(2, .gestureProposed, ["gesture": "1", "deadline": "1970-01-01T01:00:00Z"]),
            Self.event(3, .gestureProposed, ["gesture": "2", "deadline": "1970-01-01T01:00:00Z"]),
            Self.event(4, .gestureApproved, ["gesture": "2", "deadline": "1970-01-01T05:00:00Z"]),
            Self.event(5, .gestureDispatched, ["gesture": "2", "deadline": "1970-01-02T00:00:00Z"]),
            Self.event(6, .gestureDelivered, ["gesture": "2", "deadline": .null]),
            Self.event(7, .gestureOverdue, ["gesture": "1", "step": "proposed"]),
            Self.event(8, .promiseRecorded, ["promise": "1", "due": "1970-01-01T02:00:00Z"]),
            Self.event(9, .promiseKept, ["promise": "1"]),
            Self.event(10, .incidentClosed, ["resolution": "r", "cause": "other", "forced": true]),
        ])
        #expect(r.gestures[1]?.state == "cancelled" && r.gestures[1]?.deadline == nil && r.gestures[1]?.lastEvent == 10)
        #expect(r.gestures[2]?.state == "delivered" && r.gestures[2]?.deadline == nil)
        #expect(r.promises[1]?.state == "kept" && r.promises[1]?.due == 7200)
    }

    @Test("events about an incident nobody opened, or a second opening, are problems, not silent")
    func problems() {
        var r = ProjectionRebuild()
        r.apply([Self.event(1, .incidentAcknowledged, incident: "7"), Self.opened, Self.event(3, .incidentOpened),
            Self.event(4, .promiseKept, ["promise": "5"])])
        #expect(r.problems == [
            "event #1 (incident.acknowledged) is about incident #7, which no incident.opened event opened",
            "event #3 (incident.opened) opens incident #1 a second time",
            "event #4 (promise.kept) is about promise #5, which no promise.recorded event recorded",
        ])
        #expect(r.eventCount == 4)
    }
}
