import BacklashCore
import GRDB
import Testing

@testable import BacklashStore

@Suite("posts filed under incidents")
struct PostIncidentsTests {
    static func post(_ id: String, minute: Int) throws -> Post {
        let json = #"{"platform":"vk","id":"\#(id)","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:\#(minute < 10 ? "0" : "")\#(minute):00Z"}"#
        return try PostDecoder().decode(json).get()
    }

    @Test("posts filed by sequence number and by key list under their incident in time order; a merge moves them")
    func fileAndMove() async throws {
        let db = try BacklashDatabase.inMemory()
        let posts = try (0..<4).map { try Self.post("p\($0)", minute: 10 - $0) }  // newest first
        let sequences = try await db.writer.write { db -> [Int64] in
            var sequences: [Int64] = []
            let statuses = try PostStore.ingest(posts, source: "t", receivedAt: 0, sequences: &sequences, in: db)
            #expect(statuses == [.new, .new, .new, .new])
            // A resend reports the stored row's sequence number.
            var again: [Int64] = []
            _ = try PostStore.ingest([posts[2]], source: "t", receivedAt: 0, sequences: &again, in: db)
            #expect(again == [sequences[2]])
            return sequences
        }
        #expect(sequences == [1, 2, 3, 4])
        try await db.writer.write { db in
            // p0 and p1 are at hand (sequence and time known); p2 and p3 are found by key.
            let known = [posts[0].key: (sequences[0], posts[0].createdAt), posts[1].key: (sequences[1], posts[1].createdAt)]
            try IncidentStore.assign(posts.map { ($0.key, 7) }, filed: { known[$0] }, in: db)
        }
        let filed = try await db.writer.read { try IncidentStore.posts(of: 7, limit: 10, in: $0) }
        #expect(filed.map(\.key.id) == ["p3", "p2", "p1", "p0"])  // oldest first
        try await db.writer.write { db in
            try IncidentStore.assign([(posts[1].key, 9), (posts[3].key, 9)], filed: { _ in nil }, in: db)
        }
        let (seven, nine, rows) = try await db.writer.read { db in
            (try IncidentStore.posts(of: 7, limit: 10, in: db), try IncidentStore.posts(of: 9, limit: 10, in: db),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM post_incidents"))
        }
        #expect(seven.map(\.key.id) == ["p2", "p0"])
        #expect(nine.map(\.key.id) == ["p3", "p1"])
        #expect(rows == 4)
    }

    @Test("a file from before v5 keeps its posts' incidents")
    func migratesColumn() throws {
        let queue = try DatabaseQueue()
        try BacklashDatabase.migrator.migrate(queue, upTo: "v4-judgement-mark")
        try queue.write { db in
            for i in 1...3 {
                try db.execute(sql: """
                    INSERT INTO posts (platform, post_id, author_id, created_at, text, raw, content_hash, source,
                        received_at, incident)
                    VALUES ('vk', ?, 'a', ?, 't', '{}', 0, 't', 0, ?)
                    """, arguments: ["p\(i)", Double(100 - i), i == 3 ? nil : "5"])
            }
        }
        let db = BacklashDatabase(writer: queue)
        try db.migrate()
        let filed = try queue.read { try IncidentStore.posts(of: 5, limit: 10, in: $0) }
        #expect(filed.map(\.key.id) == ["p2", "p1"])
        let indexes = try queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        #expect(!indexes.contains("posts_by_incident"))
        #expect(indexes.contains("post_incidents_by_incident"))
        #expect(!indexes.contains("posts_by_parent"), "v6 drops the index nothing reads")
    }
}
