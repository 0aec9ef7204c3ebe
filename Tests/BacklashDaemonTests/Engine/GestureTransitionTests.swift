import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Testing

@testable import BacklashDaemon

@Suite("gesture life: every legal and illegal move, approval limits")
struct GestureTransitionTests {
    /// The moves the workflow allows, written out by hand (not read from `GestureState.next`).
    static let legal: [GestureState: Set<GestureState>] = [
        .proposed: [.approved, .declined, .cancelled],
        .approved: [.dispatched, .declined, .cancelled],
        .dispatched: [.delivered, .failed, .declined],
        .delivered: [], .declined: [], .failed: [], .cancelled: [],
    ]

    /// How to reach each state from `proposed`.
    static let pathTo: [GestureState: [GestureState]] = [
        .proposed: [], .approved: [.approved], .dispatched: [.approved, .dispatched],
        .delivered: [.approved, .dispatched, .delivered], .failed: [.approved, .dispatched, .failed],
        .declined: [.declined], .cancelled: [.cancelled],
    ]

    static let cases: [(GestureState, GestureState)] = GestureState.allCases.flatMap { from in
        GestureState.allCases.map { (from, $0) }
    }

    func harness(_ yaml: String = "") async throws -> EngineEscalationTests.Harness {
        let h = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config(yaml))
        _ = try await h.engine.commit(posts: [EngineEscalationTests.angryPost()])
        _ = try await h.engine.acknowledge(1, by: "anna")
        return h
    }

    func state(_ h: EngineEscalationTests.Harness, _ gesture: Int) throws -> String? {
        try h.database.writer.read { try String.fetchOne($0, sql: "SELECT state FROM gestures WHERE id = ?", arguments: [gesture]) }
    }

    func eventCount(_ h: EngineEscalationTests.Harness) throws -> Int {
        try h.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    @Test("each move from each state is taken or refused as the table says", arguments: cases)
    func move(from: GestureState, to target: GestureState) async throws {
        let h = try await harness()
        _ = try await h.engine.proposeGesture(1, kind: "car", value: 900, currency: "RUB", note: "comfort+", by: "anna")
        for step in Self.pathTo[from]! { _ = try await h.engine.moveGesture(1, to: step, note: nil, by: "anna") }
        #expect(try state(h, 1) == from.rawValue)
        let before = try eventCount(h)
        if Self.legal[from]!.contains(target) {
            let events = try await h.engine.moveGesture(1, to: target, note: "step", by: "anna")
            #expect(events.map(\.kind) == [target.eventKind])
            #expect(events.first?.actor == "anna")
            #expect(try state(h, 1) == target.rawValue)
            #expect(try eventCount(h) == before + 1)
        } else {
            await #expect {
                _ = try await h.engine.moveGesture(1, to: target, note: nil, by: "anna")
            } throws: { error in
                guard let e = error as? CommandError else { return false }
                return e.code == "invalid" && e.message.contains("gesture #1 is \(from.rawValue)")
                    && e.message.contains("cannot be \(target.rawValue)")
            }
            #expect(try state(h, 1) == from.rawValue, "an illegal move changes nothing")
            #expect(try eventCount(h) == before, "an illegal move records nothing")
        }
    }

    @Test("a gesture above a manager's approval limit needs a higher approver; costs add up per incident")
    func approvalLimits() async throws {
        let h = try await harness()
        let limited = try EngineEscalationTests.config().managers.map { m -> ManagerConfig in
            var m = m
            m.approvalLimit = m.id == "anna" ? 1000 : 20_000
            return m
        }
        var config = try EngineEscalationTests.config()
        config.managers = limited
        await h.engine.apply(config: config)
        _ = try await h.engine.proposeGesture(1, kind: "flowers", value: 5000, currency: "RUB", note: nil, by: "anna")
        await #expect {
            _ = try await h.engine.moveGesture(1, to: .approved, note: nil, by: "anna")
        } throws: { error in
            (error as? CommandError)?.code == "forbidden"
                && (error as? CommandError)?.message.contains("over anna's approval limit of 1000") == true
        }
        #expect(try state(h, 1) == "proposed")
        let approved = try await h.engine.moveGesture(1, to: .approved, note: nil, by: "boris")
        #expect(approved.first?.actor == "boris")
        _ = try await h.engine.proposeGesture(1, kind: "coupon", value: 800, currency: "RUB", note: nil, by: "anna")
        _ = try await h.engine.moveGesture(2, to: .approved, note: nil, by: "anna")
        let total = try await h.database.writer.read {
            try Double.fetchOne($0, sql: "SELECT sum(value) FROM gestures WHERE incident = 1")
        }
        #expect(total == 5800)
    }
}

extension GestureState: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}
