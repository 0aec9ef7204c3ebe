public import BacklashCore
public import GRDB
import Foundation

/// What storing one post did: a first sighting, a repeat, or a metrics observation / edit of a known post.
public enum IngestStatus: String, Sendable, Codable {
    case new, duplicate, updated
}

/// Reads and writes the `posts` and `post_metrics` projections inside the caller's transaction.
public enum PostStore {
    /// Stores posts in order (the caller's transaction makes the batch atomic); idempotent on `(platform, id)`.
    /// `rawTexts`, when given, holds each post's JSON exactly as it arrived, stored instead of writing `raw` again.
    public static func ingest(
        _ posts: [Post], rawTexts: [String?]? = nil, source: String, receivedAt: Double, in db: Database
    ) throws -> [IngestStatus] {
        var sequences: [Int64] = []
        return try ingest(posts, rawTexts: rawTexts, source: source, receivedAt: receivedAt, sequences: &sequences, in: db)
    }

    /// Stores posts like `ingest(_:rawTexts:source:receivedAt:in:)` and appends each post's sequence number (its
    /// row, new or found) to `sequences`, so the judge can file the post under an incident without looking it up.
    /// `contentHashes`, when given, are `contentHash(_:)` of each post, taken before the transaction.
    public static func ingest(
        _ posts: [Post], rawTexts: [String?]? = nil, contentHashes: [Int64]? = nil, source: String,
        receivedAt: Double, sequences: inout [Int64], in db: Database
    ) throws -> [IngestStatus] {
        let find = try db.cachedStatement(
            sql: "SELECT content_hash, seq FROM posts WHERE platform = ? AND post_id = ?")
        // Most posts are new: one INSERT finds that out, and only a conflict costs the lookup of the stored hash.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO posts (platform, post_id, author_id, created_at, parent_id, text, raw, content_hash,
                               source, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (platform, post_id) DO NOTHING
            """)
        let edit = try db.cachedStatement(
            sql: "UPDATE posts SET text = ?, raw = ?, content_hash = ? WHERE platform = ? AND post_id = ?")
        let observe = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO post_metrics (platform, post_id, observed_at, reposts, likes, replies, views)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let writer = JSONWriter()
        var statuses: [IngestStatus] = []
        statuses.reserveCapacity(posts.count)
        for (index, post) in posts.enumerated() {
            let raw = rawTexts?[index] ?? writer.string(.object(post.v1Object))
            let hash = contentHashes?[index] ?? contentHash(post)
            var status: IngestStatus
            var row = RowBinder(insert)
            row.bind(post.platform)
            row.bind(post.id)
            row.bind(post.author.id)
            row.bind(post.createdAt)
            row.bind(post.parentKey?.id)
            row.bind(post.text)
            row.bind(raw)
            row.bind(hash)
            row.bind(source)
            row.bind(receivedAt)
            try row.execute(db)
            if db.changesCount > 0 {
                status = .new
                sequences.append(db.lastInsertedRowID)
            } else {
                var lookup = RowBinder(find)
                lookup.bind(post.platform)
                lookup.bind(post.id)
                guard let (stored, seq) = try lookup.fetchInt64Pair(db) else {
                    throw DatabaseError(message: "post \(post.platform):\(post.id) was neither inserted nor found")
                }
                sequences.append(seq)
                status = .duplicate
                if stored != hash {
                    try edit.execute(arguments: [post.text, raw, hash, post.platform, post.id])
                    status = .updated
                }
            }
            if let m = post.metrics {
                try observe.execute(arguments: [
                    post.platform, post.id, post.observationTime, m.reposts, m.likes, m.replies, m.views,
                ])
                if db.changesCount > 0 && status == .duplicate { status = .updated }
            }
            statuses.append(status)
        }
        return statuses
    }

    /// Fingerprint of everything but the metrics observation, so a resend is a duplicate and an edit an update.
    public static func contentHash(_ post: Post) -> Int64 {
        Int64(bitPattern: JSONFingerprint.of(post.v1Object, excluding: observationKeys))
    }

    static let observationKeys: Set<String> = ["metrics", "observed_at"]

    /// Number of stored posts (posts are never deleted, so the largest rowid is the count).
    public static func count(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM posts") ?? 0
    }

    /// Keeps a rejected input (truncated to `keepBytes`) with the reason, so bad input is never silently lost.
    public static func recordReject(
        source: String, line: Int?, error: String, input: [UInt8], time: Double, keepBytes: Int = 65_536, in db: Database
    ) throws {
        let kept = input.count > keepBytes ? Array(input[..<keepBytes]) : input
        try db.execute(
            sql: "INSERT INTO rejects (time, source, line, error, input, input_size) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [time, source, line, error, Data(kept), input.count])
    }
}

/// A stored post as listed by `backlashctl tail`.
public struct StoredPostSummary: Sendable, Equatable {
    public var sequence: Int64
    public var key: PostKey
    public var authorID: String
    public var text: String
    public var createdAt: Double
    public var source: String
}

extension PostStore {
    /// Posts stored after a sequence number, oldest first.
    public static func posts(afterSequence: Int64, limit: Int, in db: Database) throws -> [StoredPostSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT seq, platform, post_id, author_id, substr(text, 1, 280) AS text, created_at, source
                FROM posts WHERE seq > ? ORDER BY seq LIMIT ?
                """,
            arguments: [afterSequence, limit]
        ).map { row in
            StoredPostSummary(
                sequence: row["seq"], key: PostKey(platform: row["platform"], id: row["post_id"]),
                authorID: row["author_id"], text: row["text"], createdAt: row["created_at"], source: row["source"])
        }
    }
}
