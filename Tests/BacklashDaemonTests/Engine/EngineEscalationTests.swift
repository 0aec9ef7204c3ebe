import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging
import Testing

@testable import BacklashDaemon

@Suite("escalation on the injected clock")
struct EngineEscalationTests {
    static let t0 = RFC3339.parse("2026-11-28T08:00:00Z")!

    static func config(_ yaml: String = "") throws -> BacklashConfig {
        try ConfigLoader.parse(text: """
            managers:
              - id: anna
                name: "Анна Петрова"
                aliases: ["@apetrova"]
              - id: boris
                name: "Борис Смирнов"
            \(yaml)
            """, file: "/tmp/test.yaml", environment: [:])
    }

    static func angryPost(_ id: String = "root", at t: Double = t0) -> IncomingPost {
        IncomingPost(post: Post(platform: "twitter", id: id,
            author: Author(id: "olga", handle: "@olga", followers: 120_000),
            text: "Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно???", createdAt: t),
            source: "test")
    }

    struct Harness {
        let engine: Engine
        let clock: ManualTime
        let sink: RecordingSink
        let database: BacklashDatabase

        init(config: BacklashConfig, database: BacklashDatabase? = nil, start: Double = t0) throws {
            clock = ManualTime(start)
            sink = RecordingSink()
            self.database = try database ?? BacklashDatabase.inMemory()
            engine = try Engine(database: self.database, sink: sink, time: clock, logger: Logger(label: "test"),
                config: config)
        }

        /// Moves the clock and fires due timers, like the daemon's timer service does each second.
        func run(until t: Double) async throws {
            while let next = try await engine.nextTimerDeadline(), next <= t {
                clock.advance(to: next)
                try await engine.tick()
            }
            clock.advance(to: t)
        }

        func pages() -> [(Double, String)] {
            sink.events.filter { $0.kind == .pageSent }.map { ($0.time, $0.details["manager"]?.stringValue ?? "") }
        }
    }

    @Test("an unacknowledged incident escalates to the next step after its timeout, repeats, then stops as exhausted")
    func stepsRepeatAndExhaust() async throws {
        let h = try Harness(config: try Self.config("""
            policies:
              - id: default
                repeat: 1
                steps:
                  - managers: [anna]
                    wait: 10m
                  - managers: [boris]
                    wait: 5m
            """))
        _ = try await h.engine.commit(posts: [Self.angryPost()])
        try await h.run(until: Self.t0 + 3600)
        let pages = h.pages().map { (Int($0.0 - Self.t0), $0.1) }
        #expect(pages.map(\.0) == [0, 600, 900, 1500])
        #expect(pages.map(\.1) == ["anna", "boris", "anna", "boris"])
        let exhausted = try #require(h.sink.events.first { $0.kind == .escalationExhausted })
        #expect(exhausted.time == Self.t0 + 1800)
        #expect(h.sink.events.filter { $0.kind == .pageSent && $0.time > Self.t0 + 1800 }.isEmpty)
    }

    @Test("an ack stops all further paging at once")
    func ackStopsPaging() async throws {
        let h = try Harness(config: try Self.config())
        let canceled = UnsafeBox<[Int]>([])
        await h.engine.onPages({ _ in }, cancel: { id in canceled.value.append(id) })
        _ = try await h.engine.commit(posts: [Self.angryPost()])
        h.clock.advance(to: Self.t0 + 60)
        _ = try await h.engine.acknowledge(1, by: "anna")
        #expect(canceled.value == [1], "in-flight deliveries and retries are cancelled with the ack")
        h.clock.advance(to: Self.t0 + 120)
        _ = try await h.engine.reply(1, channel: "public", text: "Ольга, здравствуйте! Спасибо, что написали. "
            + "Прошу прощения: рубль вернётся сразу после поездки, мы позвоним вам сегодня до 18:00.",
            force: false, reason: nil, by: "anna")
        try await h.run(until: Self.t0 + 86_400)
        #expect(h.pages().count == 1, "only the page before the ack: \(h.pages())")
        #expect(!h.sink.events.contains { $0.kind == .incidentEscalated && $0.time > Self.t0 })
    }

    @Test("without a public reply after the ack, the acker is reminded, then the escalation continues")
    func replyClock() async throws {
        let h = try Harness(config: try Self.config("reply_due: {critical: 10m, high: 10m, medium: 10m, low: 10m}"))
        _ = try await h.engine.commit(posts: [Self.angryPost()])
        _ = try await h.engine.acknowledge(1, by: "anna")
        try await h.run(until: Self.t0 + 3600)
        let overdue = h.sink.events.filter { $0.kind == .replyOverdue }
        #expect(overdue.count == 2)
        #expect(overdue.first?.time == Self.t0 + 600)
        #expect(h.sink.events.contains { $0.kind == .incidentEscalated && $0.time == Self.t0 + 900 })
    }

    @Test("a restart in the middle of a wait resumes with the same deadline: no page lost, none doubled")
    func restartKeepsDeadline() async throws {
        let path = "/tmp/backlash-restart-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        let config = try Self.config()
        do {
            let h = try Harness(config: config, database: try BacklashDatabase.open(path: path))
            _ = try await h.engine.commit(posts: [Self.angryPost()])
            try await h.run(until: Self.t0 + 120)
            #expect(h.pages().count == 1)
        }
        let h2 = try Harness(config: config, database: try BacklashDatabase.open(path: path), start: Self.t0 + 120)
        #expect(try await h2.engine.nextTimerDeadline() == Self.t0 + 300, "the default policy's first wait is 5 min")
        try await h2.run(until: Self.t0 + 301)
        #expect(h2.pages().map(\.0) == [Self.t0 + 300, Self.t0 + 300])
        #expect(Set(h2.pages().map(\.1)) == ["anna", "boris"], "step 2 pages everyone, once each")
    }

    @Test("the manager the crowd names in an inflected form is paged directly")
    func namedManagerIsPaged() async throws {
        let h = try Harness(config: try Self.config("""
            policies:
              - id: default
                steps:
                  - managers: [boris]
                    wait: 30m
            """))
        _ = try await h.engine.commit(posts: [Self.angryPost()])
        let naming = IncomingPost(post: Post(platform: "twitter", id: "c1", author: Author(id: "x", followers: 10),
            text: "Требуем ответа лично от Анны Петровой!", createdAt: Self.t0 + 60, replyTo: "root"), source: "test")
        h.clock.advance(to: Self.t0 + 60)
        _ = try await h.engine.commit(posts: [naming])
        let pages = h.sink.events.filter { $0.kind == .pageSent }
        #expect(pages.map { $0.details["manager"]?.stringValue } == ["boris", "anna"])
        #expect(pages.last?.details["reason"] == "named")
    }

    @Test("a new surge breaks a snooze and pages again")
    func surgeBreaksSnooze() async throws {
        let h = try Harness(config: try Self.config("detection: {open_at: info, page_at: low}"))
        _ = try await h.engine.commit(posts: [IncomingPost(post: Post(platform: "twitter", id: "p",
            author: Author(id: "a", followers: 900), text: "Водитель опоздал, деньги списали дважды!!! Верните!!!",
            createdAt: Self.t0), source: "t")])
        let before = try #require(try await h.engine.read { try IncidentStore.fetch(1, in: $0) },
            "the complaint opened an incident")
        try #require(before.severityLevel < .critical)
        _ = try await h.engine.snooze(1, for: 7200, reason: "waiting for the order log", by: "anna")
        var surge: [IncomingPost] = []
        for i in 0..<40 {
            surge.append(IncomingPost(post: Post(platform: "twitter", id: "rt\(i)", author: Author(id: "u\(i)", followers: 5000),
                text: "RT", createdAt: Self.t0 + 60 + Double(i), repostOf: "p"), source: "t"))
        }
        h.clock.advance(to: Self.t0 + 120)
        _ = try await h.engine.commit(posts: surge)
        #expect(h.sink.events.contains { $0.kind == .snoozeBroken })
        let row = try await h.engine.read { try IncidentStore.fetch(1, in: $0) }
        #expect(row?.state == "open")
    }
}

final class UnsafeBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

@Suite("closure and reopening")
struct ReopenTests {
    @Test("a new surge on a closed incident reopens it and pages again")
    func surgeReopens() async throws {
        let h = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config())
        _ = try await h.engine.commit(posts: [EngineEscalationTests.angryPost()])
        _ = try await h.engine.acknowledge(1, by: "anna")
        _ = try await h.engine.close(1, resolution: "apologised", cause: "defect", force: false, reason: nil, by: "anna")
        let pagesBefore = h.pages().count
        var surge: [IncomingPost] = []
        for i in 0..<30 {
            surge.append(IncomingPost(post: Post(platform: "twitter", id: "late\(i)", author: Author(id: "u\(i)", followers: 2000),
                text: "RT", createdAt: EngineEscalationTests.t0 + 3600 + Double(i), repostOf: "root"), source: "t"))
        }
        h.clock.advance(to: EngineEscalationTests.t0 + 3700)
        _ = try await h.engine.commit(posts: surge)
        #expect(h.sink.events.contains { $0.kind == .incidentReopened })
        #expect(h.pages().count > pagesBefore, "paging starts again")
        let row = try await h.engine.read { try IncidentStore.fetch(1, in: $0) }
        #expect(row?.state == "open")
    }

    @Test("a missed gesture deadline escalates like an unacknowledged page")
    func gestureDeadline() async throws {
        let h = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config())
        _ = try await h.engine.commit(posts: [EngineEscalationTests.angryPost()])
        _ = try await h.engine.acknowledge(1, by: "anna")
        _ = try await h.engine.proposeGesture(1, kind: "coupon", value: 100, currency: "RUB", note: nil, by: "anna")
        try await h.run(until: EngineEscalationTests.t0 + 2 * 3600)
        #expect(h.sink.events.contains { $0.kind == .gestureOverdue })
        #expect(h.sink.events.contains { $0.kind == .incidentEscalated && $0.details["reason"] == "a deadline was missed" })
    }

    @Test("at a schedule's hand-off the incoming manager is paged about open incidents, with the open promises")
    func handOffCarriesPromises() async throws {
        // Daily hand-off at 10:00 Moscow time (07:00 UTC); on 2026-11-28 boris is on call, from the 29th anna.
        let h = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config("""
            schedules:
              - id: leads
                timezone: Europe/Moscow
                rotation: {type: daily, hand_off_time: "10:00", start: 2026-11-01, members: [anna, boris]}
            """))
        _ = try await h.engine.commit(posts: [EngineEscalationTests.angryPost()])
        _ = try await h.engine.acknowledge(1, by: "boris")
        let due = RFC3339.parse("2026-11-29T15:00:00Z")!
        _ = try await h.engine.promise(1, due: due, text: "перезвоним в 18:00 и вернём рубль", channel: "dm", by: "boris")
        try await h.run(until: RFC3339.parse("2026-11-29T06:59:00Z")!)
        #expect(!h.sink.events.contains { $0.kind == .onCallHandOff }, "no hand-off before 10:00 Moscow time")

        try await h.run(until: RFC3339.parse("2026-11-29T07:30:00Z")!)
        let handOffs = h.sink.events.filter { $0.kind == .onCallHandOff }
        #expect(handOffs.count == 1)
        let handOff = try #require(handOffs.first)
        #expect(handOff.time == RFC3339.parse("2026-11-29T07:00:00Z")!, "announced at the hand-off instant")
        #expect(handOff.details["from"] == "boris")
        #expect(handOff.details["to"] == "anna")
        let promises = JSONWriter().string(handOff.details["promises"] ?? .null)
        #expect(promises.contains("перезвоним в 18:00"))
        #expect(handOff.details["incidents"] == .array(["1"]))
        let pages = h.sink.events.filter { $0.kind == .pageSent && $0.details["reason"] == "handoff" }
        #expect(pages.map { $0.details["manager"]?.stringValue } == ["anna"])

        // A restart does not announce the same hand-off again.
        let again = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config("""
            schedules:
              - id: leads
                timezone: Europe/Moscow
                rotation: {type: daily, hand_off_time: "10:00", start: 2026-11-01, members: [anna, boris]}
            """), database: h.database, start: RFC3339.parse("2026-11-29T08:00:00Z")!)
        try await again.run(until: RFC3339.parse("2026-11-29T09:00:00Z")!)
        #expect(!again.sink.events.contains { $0.kind == .onCallHandOff })
    }

    @Test("after a restart the storm's next posts continue its open incident: no second incident, no new pages")
    func restartKeepsTheStorm() async throws {
        let config = try EngineEscalationTests.config()
        let h = try EngineEscalationTests.Harness(config: config)
        let t0 = EngineEscalationTests.t0
        // Posts as they arrive on the wire (the store keeps their JSON, which a restart reads back).
        func decoded(_ json: String) throws -> IncomingPost {
            IncomingPost(post: try PostDecoder().decode(json).get(), source: "test", rawText: json)
        }
        func repost(_ i: Int, at t: Double) throws -> IncomingPost {
            try decoded(#"{"platform":"twitter","id":"rt\#(i)","author":{"id":"u\#(i)","followers":400},"text":"RT","#
                + #""created_at":"\#(RFC3339.format(t))","repost_of":"root"}"#)
        }
        let root = try decoded(#"{"platform":"twitter","id":"root","author":{"id":"olga","handle":"@olga","#
            + #""followers":120000},"text":"Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно???","#
            + #""created_at":"\#(RFC3339.format(t0))"}"#)
        _ = try await h.engine.commit(posts: [root] + (0..<10).map { try repost($0, at: t0 + 60) })
        _ = try await h.engine.acknowledge(1, by: "anna")
        let pagesBefore = h.pages().count

        let again = try EngineEscalationTests.Harness(config: config, database: h.database, start: t0 + 600)
        _ = try await again.engine.commit(posts: (10..<40).map { try repost($0, at: t0 + 600) })
        #expect(!again.sink.events.contains { $0.kind == .incidentOpened }, "\(again.sink.events.map(\.message))")
        #expect(again.pages().isEmpty, "an acknowledged storm is not paged again after a restart")
        let assigned = try await again.database.writer.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM post_incidents WHERE incident = 1")
        }
        #expect(assigned == 41, "the new reposts join incident #1")
        #expect(pagesBefore > 0)
    }
}
