public import GRDB

/// How far the detector's judgement of stored posts is committed: every post with `seq` up to the mark has been
/// judged and what that decided (incidents, assignments, escalation) is in the store; posts after it were stored
/// and acknowledged but not yet judged, and are judged again after a crash.
public enum JudgementMark {
    /// The committed mark.
    public static func read(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT through FROM judgement WHERE id = 1") ?? 0
    }

    /// Moves the mark forward (never back) inside the caller's transaction.
    public static func advance(to seq: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE judgement SET through = max(through, ?) WHERE id = 1", arguments: [seq])
    }

    /// The largest stored sequence number.
    public static func lastStored(in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM posts") ?? 0
    }

    /// Stored posts after `seq` up to `through`, oldest first: their JSON and when they were received.
    public static func unjudged(after seq: Int64, through: Int64, limit: Int, in db: Database) throws
        -> [(seq: Int64, raw: String, receivedAt: Double)]
    {
        try Row.fetchAll(
            db, sql: "SELECT seq, raw, received_at FROM posts WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
            arguments: [seq, through, limit]
        ).map { ($0["seq"], $0["raw"], $0["received_at"]) }
    }
}
