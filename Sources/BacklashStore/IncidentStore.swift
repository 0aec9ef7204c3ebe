public import BacklashCore
public import GRDB
import Foundation

/// The `incidents` projection: one row per incident, kept in step with the events that change it.
public enum IncidentStore {
    /// Creates or refreshes an incident's judgement columns from its latest assessment.
    public static func upsert(
        id: Int, assessment a: IncidentAssessment, root: String?, title: String?, firstPostAt: Double?, now: Double,
        in db: Database
    ) throws {
        let w = JSONWriter()
        let forecast = w.string(.object(a.forecastObject))
        let reasons = w.string(.array(a.reasons.map { .string($0) }))
        let named = w.string(.array(a.namedManagers.map { .string($0) }))
        let playbook = w.string(.object(JSONObject(pairs: [
            "headline": .string(a.playbook.headline), "response_mode": .string(a.playbook.responseMode.rawValue),
            "steps": .array(a.playbook.steps.map { .string($0) }),
            "gesture": .string(a.playbook.gesture.examples.joined(separator: ", ")),
        ])))
        let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM incidents WHERE id = ?", arguments: [id]) ?? false
        if exists {
            try db.execute(
                sql: """
                    UPDATE incidents SET severity = ?, peak_severity = max(peak_severity, ?), score = ?, reasons = ?,
                        named_managers = ?, coordinated = ?, portrait = ?, playbook = ?, forecast = ?, posts = ?,
                        reshares = ?, audience = ?, platforms = ?, channels = ?, topics = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    a.severity.name, a.severity.rawValue, a.score, reasons, named, a.coordinated, a.portrait.rawValue,
                    playbook, forecast, a.posts, a.reshares, a.audience, a.platforms.joined(separator: ","),
                    a.channels.joined(separator: ","), a.topics.joined(separator: ","), now, id,
                ])
        } else {
            try db.execute(
                sql: """
                    INSERT INTO incidents (id, state, severity, peak_severity, score, opened_at, updated_at,
                        first_post_at, root, title, reasons, named_managers, coordinated, portrait, playbook, forecast,
                        posts, reshares, audience, platforms, channels, topics)
                    VALUES (?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, a.severity.name, a.severity.rawValue, a.score, now, now, firstPostAt, root ?? "", title ?? "",
                    reasons, named, a.coordinated, a.portrait.rawValue, playbook, forecast, a.posts, a.reshares,
                    a.audience, a.platforms.joined(separator: ","), a.channels.joined(separator: ","),
                    a.topics.joined(separator: ","),
                ])
        }
    }

    /// Files posts under an incident (or moves them, after a merge). `filed` knows the sequence number and creation
    /// time of the posts the judge has at hand (the round's own); others (the earlier posts of a group that just
    /// became an incident) are found by their key.
    public static func assign(
        _ assignments: [(post: PostKey, incident: Int)], filed: (PostKey) -> (seq: Int64, createdAt: Double)?,
        in db: Database
    ) throws {
        // A narrow table, not a column of `posts`: filing a flashmob's posts then writes a few small rows a page
        // instead of rewriting every post's row (and its page) a second time.
        let known = try db.cachedStatement(sql: """
            INSERT INTO post_incidents (seq, incident, created_at) VALUES (?, ?, ?)
            ON CONFLICT (seq) DO UPDATE SET incident = excluded.incident
            """)
        let byKey = try db.cachedStatement(sql: """
            INSERT INTO post_incidents (seq, incident, created_at)
            SELECT seq, ?, created_at FROM posts WHERE platform = ? AND post_id = ?
            ON CONFLICT (seq) DO UPDATE SET incident = excluded.incident
            """)
        // Bound through the C API: a flashmob files every post it judges, and boxed arguments cost more than
        // SQLite's insert.
        for (key, incident) in assignments {
            if let (seq, createdAt) = filed(key) {
                var row = RowBinder(known)
                row.bind(seq)
                row.bind(Int64(incident))
                row.bind(createdAt)
                try row.execute(db)
            } else {
                var row = RowBinder(byKey)
                row.bind(Int64(incident))
                row.bind(key.platform)
                row.bind(key.id)
                try row.execute(db)
            }
        }
    }

    /// One incident row, or nil.
    public static func fetch(_ id: Int, in db: Database) throws -> IncidentRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM incidents WHERE id = ?", arguments: [id]).map(IncidentRow.init)
    }

    /// Incidents, newest first; open ones only unless `all`.
    public static func list(all: Bool, limit: Int = 500, in db: Database) throws -> [IncidentRow] {
        try Row.fetchAll(
            db,
            sql: "SELECT * FROM incidents \(all ? "" : "WHERE state != 'closed'") ORDER BY id DESC LIMIT ?",
            arguments: [limit]
        ).map(IncidentRow.init)
    }

    /// The largest incident id (0 when none), so the detector continues numbering after a restart.
    public static func maxID(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM incidents") ?? 0
    }

    /// Counts of open incidents.
    public static func openCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM incidents WHERE state != 'closed'") ?? 0
    }

    /// Updates workflow columns (state, acks, escalation position, timers) of one incident.
    public static func update(_ id: Int, _ columns: [String: (any DatabaseValueConvertible)?], in db: Database) throws {
        guard !columns.isEmpty else { return }
        let keys = columns.keys.sorted()
        let sets = keys.map { "\($0) = ?" }.joined(separator: ", ")
        var values: [(any DatabaseValueConvertible)?] = keys.map { columns[$0]! }
        values.append(id)
        try db.execute(sql: "UPDATE incidents SET \(sets) WHERE id = ?", arguments: StatementArguments(values))
    }

    /// The stored JSON of each open incident's latest posts (oldest first), for rebuilding detection at start.
    public static func openIncidentPosts(
        incidents: Int = 500, postsEach: Int = 2000, in db: Database
    ) throws -> [(incident: Int, raws: [String])] {
        let open = try Int.fetchAll(db, sql: """
            SELECT id FROM incidents WHERE state != 'closed' ORDER BY id DESC LIMIT ?
            """, arguments: [incidents])
        return try open.reversed().map { id in
            let raws = try String.fetchAll(db, sql: """
                SELECT p.raw FROM post_incidents i JOIN posts p ON p.seq = i.seq
                WHERE i.incident = ? ORDER BY i.created_at DESC LIMIT ?
                """, arguments: [id, postsEach])
            return (id, raws.reversed())
        }
    }

    /// Latest posts of an incident.
    public static func posts(of id: Int, limit: Int, in db: Database) throws -> [StoredPostSummary] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT p.seq, p.platform, p.post_id, p.author_id, substr(p.text, 1, 280) AS text, p.created_at, p.source
                FROM post_incidents i JOIN posts p ON p.seq = i.seq
                WHERE i.incident = ? ORDER BY i.created_at LIMIT ?
                """,
            arguments: [id, limit]
        ).map { row in
            StoredPostSummary(
                sequence: row["seq"], key: PostKey(platform: row["platform"], id: row["post_id"]),
                authorID: row["author_id"], text: row["text"], createdAt: row["created_at"], source: row["source"])
        }
    }
}

/// An incident as stored, for listings and `show`.
public struct IncidentRow: Sendable, Equatable {
    public var id: Int
    public var state: String
    public var severity: String
    public var peakSeverity: Int
    public var score: Double
    public var openedAt: Double
    public var updatedAt: Double
    public var firstPostAt: Double?
    public var root: String
    public var title: String
    public var reasons: [String]
    public var namedManagers: [String]
    public var coordinated: Bool
    public var portrait: String
    public var playbook: JSONObject
    public var forecast: JSONObject
    public var posts: Int
    public var reshares: Int
    public var audience: Double
    public var platforms: [String]
    public var ackedBy: String?
    public var ackedAt: Double?
    public var assignedTo: String?
    public var snoozedUntil: Double?
    public var snoozeReason: String?
    public var closedAt: Double?
    public var resolution: String?
    public var cause: String?
    public var policy: String?
    public var escalationRound: Int?
    public var escalationStep: Int?
    public var escalationDeadline: Double?
    public var replyDue: Double?
    public var firstReplyAt: Double?
    public var ourFault: Bool

    init(_ row: Row) {
        let parser = JSONParser()
        func array(_ text: String?) -> [String] {
            guard let text, case .array(let items)? = try? parser.parse(text) else { return [] }
            return items.compactMap(\.stringValue)
        }
        func object(_ text: String?) -> JSONObject {
            guard let text else { return JSONObject() }
            return (try? parser.parse(text))?.objectValue ?? JSONObject()
        }
        id = row["id"]
        state = row["state"]
        severity = row["severity"]
        peakSeverity = row["peak_severity"]
        score = row["score"] ?? 0
        openedAt = row["opened_at"]
        updatedAt = row["updated_at"]
        firstPostAt = row["first_post_at"]
        root = row["root"]
        title = row["title"] ?? ""
        reasons = array(row["reasons"])
        namedManagers = array(row["named_managers"])
        coordinated = row["coordinated"] ?? false
        portrait = row["portrait"] ?? "ordinary"
        playbook = object(row["playbook"])
        forecast = object(row["forecast"])
        posts = row["posts"] ?? 0
        reshares = row["reshares"] ?? 0
        audience = row["audience"] ?? 0
        platforms = ((row["platforms"] as String?) ?? "").split(separator: ",").map(String.init)
        ackedBy = row["acked_by"]
        ackedAt = row["acked_at"]
        assignedTo = row["assigned_to"]
        snoozedUntil = row["snoozed_until"]
        snoozeReason = row["snooze_reason"]
        closedAt = row["closed_at"]
        resolution = row["resolution"]
        cause = row["cause"]
        policy = row["policy"]
        escalationRound = row["esc_round"]
        escalationStep = row["esc_step"]
        escalationDeadline = row["esc_deadline"]
        replyDue = row["reply_due"]
        firstReplyAt = row["first_reply_at"]
        ourFault = row["our_fault"] ?? false
    }

    /// The severity as a value.
    public var severityLevel: Severity { Severity(name: severity) ?? .info }
}
