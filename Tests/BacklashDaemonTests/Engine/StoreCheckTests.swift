import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Testing

@testable import BacklashDaemon

@Suite("the store check rebuilds projections from the event log")
struct StoreCheckTests {
    static let t0 = EngineEscalationTests.t0

    static func config() throws -> BacklashConfig {
        try EngineEscalationTests.config("""
            detection: {open_at: info, page_at: low}
            reply_due: {critical: 10m, high: 10m, medium: 10m, low: 10m}
            policies:
              - id: default
                repeat: 1
                steps:
                  - managers: [anna]
                    wait: 10m
                  - managers: [boris]
                    wait: 5m
            """)
    }

    static func post(_ id: String, at t: Double, text: String, followers: Int64 = 120_000, repostOf: String? = nil)
        -> IncomingPost
    {
        IncomingPost(post: Post(platform: "twitter", id: id, author: Author(id: "a-\(id)", followers: followers),
            text: text, createdAt: t, repostOf: repostOf), source: "test")
    }

    /// Drives one engine through most of an incident's life: escalation steps, ack and unack, the reply clock,
    /// snooze expiry, exhaustion, promises kept and missed, gestures moved, overdue and cancelled by a forced
    /// close, a reopen by hand and a reopen by a new surge.
    static func busyStore() async throws -> EngineEscalationTests.Harness {
        let h = try EngineEscalationTests.Harness(config: try config())
        let e = h.engine
        _ = try await e.commit(posts: [EngineEscalationTests.angryPost()])
        try await h.run(until: t0 + 700)
        _ = try await e.acknowledge(1, by: "anna")
        _ = try await e.proposeGesture(1, kind: "coupon", value: 300, currency: "RUB", note: nil, by: "anna")
        _ = try await e.promise(1, due: t0 + 2000, text: "перезвоним", channel: "dm", by: "anna")
        _ = try await e.promise(1, due: t0 + 9000, text: "вернём рубль", channel: nil, by: "anna")
        try await h.run(until: t0 + 2100)
        _ = try await e.snooze(1, for: 600, reason: "ждём логи заказа", by: "boris")
        try await h.run(until: t0 + 3100)
        _ = try await e.assign(1, to: "boris", by: "anna")
        _ = try await e.acknowledge(1, by: "boris")
        _ = try await e.unacknowledge(1, by: "boris")
        _ = try await e.acknowledge(1, by: "boris")
        _ = try await e.reply(1, channel: "public", text: "Ольга, здравствуйте! Прошу прощения: рубль вернётся сразу "
            + "после поездки, мы позвоним вам сегодня до 18:00.", force: false, reason: nil, by: "boris")
        _ = try await e.moveGesture(1, to: .approved, note: nil, by: "anna")
        _ = try await e.keepPromise(2, by: "boris")
        try await h.run(until: t0 + 18_000)
        _ = try await e.close(1, resolution: "вернули рубль", cause: "defect", force: true, reason: "купон не нужен",
            by: "anna")
        _ = try await e.reopen(1, by: "anna")
        _ = try await e.acknowledge(1, by: "anna")
        _ = try await e.close(1, resolution: "извинились", cause: "defect", force: false, reason: nil, by: "anna")

        h.clock.advance(to: t0 + 20_000)
        _ = try await e.commit(posts: [post("p2", at: t0 + 20_000,
            text: "Водитель опоздал, деньги списали дважды!!! Верните!!!", followers: 900)])
        _ = try await e.snooze(2, for: 7200, reason: "ждём ответ водителя", by: "anna")
        h.clock.advance(to: t0 + 20_100)
        _ = try await e.commit(posts: (0..<40).map {
            post("rt\($0)", at: t0 + 20_050 + Double($0), text: "RT", followers: 5000, repostOf: "p2")
        })
        _ = try await e.acknowledge(2, by: "anna")
        _ = try await e.close(2, resolution: "водитель извинился", cause: "attention", force: false, reason: nil,
            by: "anna")
        h.clock.advance(to: t0 + 23_000)
        _ = try await e.commit(posts: (0..<60).map {
            post("late\($0)", at: t0 + 22_900 + Double($0), text: "RT", followers: 20_000, repostOf: "p2")
        })
        try await h.run(until: t0 + 30_000)
        return h
    }

    @Test("after a busy life the tables equal the event log's story, and every kind of change was exercised")
    func consistentAfterBusyLife() async throws {
        let h = try await Self.busyStore()
        let kinds = Set(h.sink.events.map(\.kind))
        let exercised: Set<EventKind> = [
            .incidentOpened, .incidentEscalated, .pageSent, .incidentAcknowledged, .incidentUnacknowledged,
            .replyOverdue, .promiseRecorded, .promiseMissed, .promiseKept, .gestureProposed, .gestureApproved,
            .gestureOverdue, .incidentSnoozed, .incidentUpdated, .escalationExhausted, .incidentAssigned,
            .replyRecorded, .incidentClosed, .incidentReopened, .snoozeBroken,
        ]
        #expect(exercised.subtracting(kinds).isEmpty, "not exercised: \(exercised.subtracting(kinds))")
        #expect(h.sink.events.filter { $0.kind == .incidentReopened }.map(\.actor).contains("backlashd"),
            "the surge reopened incident #2")
        let report = try await h.database.writer.read { try StoreCheck.run(in: $0) }
        #expect(report.integrity == ["ok"])
        #expect(report.differences == [])
        #expect(report.isConsistent)
        #expect(report.incidents == 2 && report.gestures == 1 && report.promises == 2, "\(report.summary)")
    }

    @Test("a projection column out of step with the events is named with both values")
    func tamperedColumns() async throws {
        let h = try await Self.busyStore()
        try await h.database.writer.write { db in
            try db.execute(sql: "UPDATE incidents SET acked_by = 'boris' WHERE id = 1")
            try db.execute(sql: "UPDATE incidents SET esc_deadline = 1800000000 WHERE id = 2")
            try db.execute(sql: "UPDATE gestures SET state = 'approved' WHERE id = 1")
            try db.execute(sql: "UPDATE promises SET state = 'open' WHERE id = 1")
        }
        let report = try await h.database.writer.read { try StoreCheck.run(in: $0) }
        #expect(!report.isConsistent)
        #expect(report.differences.count == 4, "\(report.differences)")
        #expect(report.differences.contains {
            $0.hasPrefix("incident #1: acked_by is 'boris'") && $0.contains("'anna'")
        })
        #expect(report.differences.contains { $0.hasPrefix("incident #2: escalation deadline is") })
        #expect(report.differences.contains {
            $0.hasPrefix("gesture #1: state is 'approved'") && $0.contains("'cancelled'")
        })
        #expect(report.differences.contains { $0.hasPrefix("promise #1: state is 'open'") && $0.contains("'missed'") })
    }

    @Test("a lost row, a row without events and a hole in the event log are each reported")
    func missingRowsAndEvents() async throws {
        let h = try await Self.busyStore()
        try await h.database.writer.write { db in
            try db.execute(sql: "DELETE FROM gestures WHERE id = 1")
            try db.execute(sql: """
                INSERT INTO incidents (id, state, severity, peak_severity, opened_at, updated_at, root, reasons,
                    named_managers) VALUES (99, 'open', 'high', 3, 0, 0, 'x:1', '[]', '[]')
                """)
            try db.execute(sql: "DROP TRIGGER events_are_append_only_delete")
            try db.execute(sql: "DELETE FROM events WHERE id = (SELECT max(id) - 1 FROM events)")
        }
        let report = try await h.database.writer.read { try StoreCheck.run(in: $0) }
        #expect(report.differences.contains("gesture #1 was proposed in the event log but has no row"))
        #expect(report.differences.contains("incident #99 has a row but no incident.opened event"))
        #expect(report.differences.contains { $0.hasPrefix("the event log has 1 missing sequence number") })
    }
}
