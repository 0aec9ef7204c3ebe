import BacklashCore
import GRDB
import Testing

@testable import BacklashStore

@Suite("post store and event log")
struct PostStoreTests {
    func post(_ id: String, text: String = "t", metrics: PostMetrics? = nil, observedAt: String? = nil) throws -> Post {
        var json = #"{"platform":"vk","id":"\#(id)","author":{"id":"a"},"text":"\#(text)","created_at":"2026-11-28T09:00:00Z""#
        if let m = metrics?.reposts { json += #","metrics":{"reposts":\#(m)}"# }
        if let observedAt { json += #","observed_at":"\#(observedAt)""# }
        return try PostDecoder().decode(json + "}").get()
    }

    @Test("first sighting is new, a resend is a duplicate, newer metrics are an update, an edit is an update")
    func statuses() async throws {
        let db = try BacklashDatabase.inMemory()
        let batch = [
            try post("1"), try post("1"),
            try post("1", metrics: PostMetrics(reposts: 5), observedAt: "2026-11-28T09:05:00Z"),
            try post("1", metrics: PostMetrics(reposts: 5), observedAt: "2026-11-28T09:05:00Z"),
            try post("1", text: "edited"),
        ]
        let statuses = try await db.writer.write { try PostStore.ingest(batch, source: "test", receivedAt: 0, in: $0) }
        #expect(statuses == [.new, .duplicate, .updated, .duplicate, .updated])
        let (count, text) = try await db.writer.read { db in
            (try PostStore.count(in: db), try String.fetchOne(db, sql: "SELECT text FROM posts"))
        }
        #expect(count == 1)
        #expect(text == "edited")
    }

    @Test("a failed transaction stores nothing of its batch")
    func atomicBatch() async throws {
        let db = try BacklashDatabase.inMemory()
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await db.writer.write { db in
                _ = try PostStore.ingest([try post("1"), try post("2")], source: "t", receivedAt: 0, in: db)
                throw Boom()
            }
        }
        #expect(try await db.writer.read { try PostStore.count(in: $0) } == 0)
    }

    @Test("events get increasing sequence numbers and the log refuses updates and deletes")
    func appendOnly() async throws {
        let db = try BacklashDatabase.inMemory()
        let input = [
            Event(time: 1, kind: .incidentOpened, incident: "17", message: "opened"),
            Event(time: 2, kind: .pageSent, incident: "17", message: "paged",
                details: JSONObject(pairs: ["manager": "anna"])),
        ]
        let events = try await db.writer.write { db in
            var copy = input
            try EventLog.append(&copy, in: db)
            return copy
        }
        #expect(events.map(\.sequence) == [1, 2])
        let read = try await db.writer.read { try EventLog.events(incident: "17", in: $0) }
        #expect(read == events)
        await #expect(throws: DatabaseError.self) {
            try await db.writer.write { try $0.execute(sql: "UPDATE events SET message = 'x'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await db.writer.write { try $0.execute(sql: "DELETE FROM events") }
        }
    }

    @Test("an on-disk database opens in WAL mode and survives reopening")
    func onDisk() async throws {
        let path = "/tmp/backlash-store-test-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        do {
            let db = try BacklashDatabase.open(path: path)
            _ = try await db.writer.write { try PostStore.ingest([try post("9")], source: "t", receivedAt: 0, in: $0) }
            let mode = try await db.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let again = try BacklashDatabase.open(path: path)
        #expect(try await again.writer.read { try PostStore.count(in: $0) } == 1)
    }
}
