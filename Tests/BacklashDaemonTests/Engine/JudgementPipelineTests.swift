import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging
import Synchronization
import Testing

@testable import BacklashDaemon

/// Posts are stored and acknowledged first, judged after: what a crash, a failed judgement or a slow judge leave.
@Suite("storing and judging as two stages")
struct JudgementPipelineTests {
    typealias H = EngineEscalationTests

    static func config() throws -> BacklashConfig {
        try H.config("""
            policies:
              - id: default
                steps:
                  - managers: [anna]
                    wait: 10m
            """)
    }

    static func count(_ db: BacklashDatabase, _ sql: String) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// Makes every judgement that opens an incident fail, as a full disk would.
    static func failIncidents(_ db: BacklashDatabase) throws {
        try db.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER test_full BEFORE INSERT ON incidents
                    BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
                """)
        }
    }

    static func healIncidents(_ db: BacklashDatabase) throws {
        try db.writer.write { try $0.execute(sql: "DROP TRIGGER test_full") }
    }

    final class Flag: Sendable {
        let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }

    /// Whether the flag is still down after `seconds`.
    static func stillWaiting(_ seconds: Double, _ done: Flag) async throws -> Bool {
        try await Task.sleep(for: .seconds(seconds))
        return !done.isSet
    }

    @Test("posts stored before a crash but not judged are judged when the engine opens, once")
    func catchUpAfterCrash() async throws {
        let database = try BacklashDatabase.inMemory()
        // What a crash between the two stages leaves: the posts committed, the judged mark behind them.
        try await database.writer.write { db in
            _ = try PostStore.ingest([H.angryPost().post, H.angryPost("other", at: H.t0 + 1).post],
                source: "socket", receivedAt: H.t0, in: db)
        }
        #expect(try Self.count(database, "SELECT through FROM judgement") == 0)
        let h = try H.Harness(config: try Self.config(), database: database, start: H.t0 + 5)
        await h.engine.settle()
        #expect(try Self.count(database, "SELECT count(*) FROM incidents") == 1)
        #expect(try Self.count(database, "SELECT count(*) FROM post_incidents WHERE incident = 1") >= 1)
        #expect(try Self.count(database, "SELECT through FROM judgement") == 2)
        #expect(h.sink.events.filter { $0.kind == .incidentOpened }.count == 1)
        #expect(h.pages().map(\.1) == ["anna"])

        // Opening again finds nothing left to judge: no second incident, no second page.
        let again = try H.Harness(config: try Self.config(), database: database, start: H.t0 + 10)
        await again.engine.settle()
        #expect(try Self.count(database, "SELECT count(*) FROM incidents") == 1)
        #expect(again.sink.events.filter { $0.kind == .incidentOpened || $0.kind == .pageSent }.isEmpty)
    }

    @Test("store answers before judgement; settle waits for it")
    func storeThenSettle() async throws {
        let h = try H.Harness(config: try Self.config())
        let statuses = try await h.engine.store(posts: [H.angryPost()])
        #expect(statuses == [.new])
        await h.engine.settle()
        #expect(try Self.count(h.database, "SELECT count(*) FROM incidents") == 1)
        #expect(try Self.count(h.database, "SELECT through FROM judgement") == 1)
        #expect(await h.engine.currentStatus().posts == 1)
    }

    @Test("a judgement that fails is retried from the store until it commits: one incident, one page")
    func failedJudgementRecovers() async throws {
        let h = try H.Harness(config: try Self.config())
        try Self.failIncidents(h.database)
        #expect(try await h.engine.store(posts: [H.angryPost()]) == [.new], "the post itself is stored")
        let settled = Flag()
        let waiter = Task {
            await h.engine.settle()
            settled.set()
        }
        #expect(try await Self.stillWaiting(0.4, settled), "judgement cannot commit while the disk is full")
        #expect(try Self.count(h.database, "SELECT through FROM judgement") == 0)
        try Self.healIncidents(h.database)
        await waiter.value
        #expect(try Self.count(h.database, "SELECT count(*) FROM incidents") == 1)
        #expect(try Self.count(h.database, "SELECT through FROM judgement") == 1)
        #expect(h.sink.events.filter { $0.kind == .incidentOpened }.count == 1)
        #expect(h.pages().map(\.1) == ["anna"], "the failed attempt's page is not delivered as well")
    }

    @Test("a write that fails while the detector judges the next round: both are judged again, one incident, one page")
    func failedOverlappedWrite() async throws {
        let h = try H.Harness(config: try Self.config())
        try Self.failIncidents(h.database)
        // Two committed batches queued before the judge runs: the first fills a round (over 512 posts), so the second
        // is judged while the first's outcome is written, and that write fails.
        for (batch, size) in [(0, 600), (1, 3)] {
            let posts = (0..<size).map { H.angryPost("b\(batch)-\($0)", at: H.t0 + Double(batch * 1000 + $0)).post }
            var item = JudgementQueue.Item()
            item.freshSequences = try await h.database.writer.write { db in
                var sequences: [Int64] = []
                _ = try PostStore.ingest(posts, source: "test", receivedAt: H.t0, sequences: &sequences, in: db)
                return sequences
            }
            item.fresh = posts
            item.throughSeq = item.freshSequences.last ?? 0
            item.now = H.t0 + 1
            item.newPosts = size
            _ = await h.engine.judgement.enqueue(item)
        }
        let judging = Task { await h.engine.runJudgement() }
        try await Task.sleep(for: .seconds(0.4))
        #expect(try Self.count(h.database, "SELECT through FROM judgement") == 0, "nothing commits while the disk is full")
        #expect(try Self.count(h.database, "SELECT count(*) FROM post_incidents") == 0)
        try Self.healIncidents(h.database)
        await judging.value
        #expect(try Self.count(h.database, "SELECT count(*) FROM incidents") == 1)
        #expect(try Self.count(h.database, "SELECT through FROM judgement") == 603)
        #expect(try Self.count(h.database, "SELECT count(*) FROM post_incidents") == 603)
        #expect(h.sink.events.filter { $0.kind == .incidentOpened }.count == 1)
        #expect(h.pages().map(\.1) == ["anna"], "the failed attempt's page is not delivered as well")
        #expect(await h.engine.judgement.backlog == 0)
    }

    @Test("a judgement that can never commit is retried, then left undone with an event, and judging goes on")
    func poisonedJudgementIsSkipped() async throws {
        let sink = RecordingSink()
        let database = try BacklashDatabase.inMemory()
        let engine = try Engine(database: database, sink: sink, time: ManualTime(H.t0), logger: Logger(label: "test"),
            config: try Self.config(), judgementAttempts: 2)
        // Not a full disk: an error that will never pass by itself.
        try await database.writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER test_poison BEFORE INSERT ON incidents
                    BEGIN SELECT RAISE(ABORT, 'the judge wrote something impossible'); END;
                """)
        }
        #expect(try await engine.store(posts: [H.angryPost()]) == [.new])
        let settled = Flag()
        let waiter = Task {
            await engine.settle()
            settled.set()
        }
        for _ in 0..<100 where !settled.isSet { try await Task.sleep(for: .milliseconds(100)) }
        #expect(settled.isSet, "judgement gave up on the post instead of stalling")
        guard settled.isSet else { return }
        await waiter.value
        let skipped = sink.events.filter { $0.kind == .judgementSkipped }
        #expect(skipped.count == 1)
        #expect(skipped.first?.details["through"]?.int64Value == 1)
        #expect(skipped.first?.details["attempts"]?.int64Value == 2)
        #expect(skipped.first?.message.contains("the judge wrote something impossible") == true)
        #expect(try Self.count(database, "SELECT count(*) FROM posts") == 1, "the post stays stored")
        #expect(try Self.count(database, "SELECT through FROM judgement") == 1)
        #expect(try Self.count(database, "SELECT count(*) FROM events WHERE kind = 'judgement.skipped'") == 1)
        // Judging goes on with the next post once the cause is gone.
        try await database.writer.write { try $0.execute(sql: "DROP TRIGGER test_poison") }
        _ = try await engine.store(posts: [H.angryPost("next", at: H.t0 + 60)])
        await engine.settle()
        #expect(try Self.count(database, "SELECT count(*) FROM incidents") == 1)
        #expect(try Self.count(database, "SELECT through FROM judgement") == 2)
    }

    @Test("when judgement falls behind by more than its bound, storing waits for it")
    func storingWaitsForJudgement() async throws {
        let clock = ManualTime(H.t0)
        let sink = RecordingSink()
        let database = try BacklashDatabase.inMemory()
        let engine = try Engine(database: database, sink: sink, time: clock, logger: Logger(label: "test"),
            config: try Self.config(), unjudgedCapacity: 2)
        try Self.failIncidents(database)
        // The first post is taken by the judge (and retried); two more fill the bound.
        for i in 0..<3 { _ = try await engine.store(posts: [H.angryPost("p\(i)", at: H.t0 + Double(i))]) }
        let stored = Flag()
        let fourth = Task {
            _ = try await engine.store(posts: [H.angryPost("p3", at: H.t0 + 3)])
            stored.set()
        }
        #expect(try await Self.stillWaiting(0.4, stored), "a fourth batch waits while three posts are unjudged")
        #expect(try Self.count(database, "SELECT count(*) FROM posts") == 3)
        try Self.healIncidents(database)
        try await fourth.value
        await engine.settle()
        #expect(try Self.count(database, "SELECT count(*) FROM posts") == 4)
        #expect(try Self.count(database, "SELECT count(*) FROM post_incidents") == 4)
        #expect(try Self.count(database, "SELECT through FROM judgement") == 4)
        #expect(sink.events.filter { $0.kind == .incidentOpened }.count == 1)
    }
}
