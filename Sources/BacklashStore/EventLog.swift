public import BacklashCore
public import GRDB

/// The append-only event log: the incident timeline and the source of the journal story.
public enum EventLog {
    /// Appends events in order, assigning each its sequence number.
    public static func append(_ events: inout [Event], in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO events (time, kind, incident, actor, message, details) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let writer = JSONWriter()
        for i in events.indices {
            let e = events[i]
            try statement.execute(arguments: [
                e.time, e.kind.rawValue, e.incident, e.actor, e.message, writer.string(.object(e.details)),
            ])
            events[i].sequence = db.lastInsertedRowID
        }
    }

    /// Events in log order, optionally of one incident, after a sequence number.
    public static func events(incident: String? = nil, after: Int64 = 0, limit: Int = 10_000, in db: Database) throws
        -> [Event]
    {
        let rows: [Row]
        if let incident {
            rows = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE incident = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [incident, after, limit])
        } else {
            rows = try Row.fetchAll(
                db, sql: "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", arguments: [after, limit])
        }
        let parser = JSONParser()
        return rows.compactMap { row in
            guard let kind = EventKind(rawValue: row["kind"]) else { return nil }
            let detailsText: String = row["details"]
            let details = (try? parser.parse(detailsText))?.objectValue ?? JSONObject()
            return Event(
                sequence: row["id"], time: row["time"], kind: kind, incident: row["incident"], actor: row["actor"],
                message: row["message"], details: details)
        }
    }

    /// Whether an `inbox.quarantined` event already names this file (same name and `file_id`): the daemon stopped
    /// after committing it and before moving the file, and must not record it a second time.
    public static func wasQuarantined(file: String, fileID: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT 1 FROM events WHERE kind = 'inbox.quarantined' AND json_extract(details, '$.file') = ?
                    AND json_extract(details, '$.file_id') = ? LIMIT 1
                """,
            arguments: [file, fileID]) ?? false
    }

    /// Number of events in the log.
    public static func count(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM events") ?? 0
    }
}
