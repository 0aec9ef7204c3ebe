public import GRDB

/// Owns the SQLite database (WAL) and its migrations; the Engine is its only writer.
public struct BacklashDatabase: Sendable {
    /// The GRDB writer (a pool on disk, a queue in memory).
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public static func open(path: String, readOnly: Bool = false) throws -> BacklashDatabase {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(10)
        config.label = "backlash"
        if !readOnly {
            config.prepareDatabase { db in
                // FULL: a commit survives power loss, so an acknowledged post is never lost.
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        let pool = try DatabasePool(path: path, configuration: config)
        let database = BacklashDatabase(writer: pool)
        if !readOnly { try database.migrate() }
        return database
    }

    /// An in-memory database for tests and `replay`.
    public static func inMemory() throws -> BacklashDatabase {
        let database = BacklashDatabase(writer: try DatabaseQueue())
        try database.migrate()
        return database
    }

    /// Creates a database over an existing writer (already migrated or not: call `migrate`).
    public init(writer: any DatabaseWriter) {
        self.writer = writer
    }

    /// Applies every migration not yet applied.
    public func migrate() throws {
        try Self.migrator.migrate(writer)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    kind TEXT NOT NULL,
                    incident TEXT,
                    actor TEXT NOT NULL,
                    message TEXT NOT NULL,
                    details TEXT NOT NULL
                );
                CREATE INDEX events_by_incident ON events(incident, id) WHERE incident IS NOT NULL;
                CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
                CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
                    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

                CREATE TABLE posts (
                    seq INTEGER PRIMARY KEY,
                    platform TEXT NOT NULL,
                    post_id TEXT NOT NULL,
                    author_id TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    parent_id TEXT,
                    text TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    content_hash INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    received_at REAL NOT NULL,
                    incident TEXT,
                    UNIQUE (platform, post_id)
                );
                CREATE INDEX posts_by_parent ON posts(platform, parent_id) WHERE parent_id IS NOT NULL;

                CREATE TABLE post_metrics (
                    platform TEXT NOT NULL,
                    post_id TEXT NOT NULL,
                    observed_at REAL NOT NULL,
                    reposts INTEGER,
                    likes INTEGER,
                    replies INTEGER,
                    views INTEGER,
                    PRIMARY KEY (platform, post_id, observed_at)
                ) WITHOUT ROWID;

                CREATE TABLE rejects (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time REAL NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER,
                    error TEXT NOT NULL,
                    input BLOB NOT NULL,
                    input_size INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-incidents") { db in
            try db.execute(sql: """
                CREATE TABLE incidents (
                    id INTEGER PRIMARY KEY,
                    state TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    peak_severity INTEGER NOT NULL,
                    score REAL,
                    opened_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    first_post_at REAL,
                    root TEXT NOT NULL,
                    title TEXT,
                    reasons TEXT NOT NULL,
                    named_managers TEXT NOT NULL,
                    coordinated INTEGER NOT NULL DEFAULT 0,
                    portrait TEXT,
                    playbook TEXT,
                    forecast TEXT,
                    posts INTEGER NOT NULL DEFAULT 0,
                    reshares INTEGER NOT NULL DEFAULT 0,
                    audience REAL NOT NULL DEFAULT 0,
                    platforms TEXT, channels TEXT, topics TEXT,
                    acked_by TEXT, acked_at REAL, assigned_to TEXT,
                    snoozed_until REAL, snooze_reason TEXT, snoozed_by TEXT,
                    closed_at REAL, resolution TEXT, cause TEXT,
                    policy TEXT, esc_round INTEGER, esc_step INTEGER, esc_deadline REAL, esc_exhausted INTEGER DEFAULT 0,
                    paged TEXT NOT NULL DEFAULT '[]',
                    reply_due REAL, first_reply_at REAL, reply_reminded INTEGER NOT NULL DEFAULT 0,
                    our_fault INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX incidents_open ON incidents(state) WHERE state != 'closed';
                CREATE INDEX posts_by_incident ON posts(incident, created_at) WHERE incident IS NOT NULL;
                CREATE TABLE promises (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident INTEGER NOT NULL,
                    owner TEXT NOT NULL,
                    due REAL NOT NULL,
                    text TEXT NOT NULL,
                    channel TEXT,
                    state TEXT NOT NULL DEFAULT 'open',
                    created_at REAL NOT NULL,
                    resolved_at REAL
                );
                CREATE TABLE gestures (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    value REAL,
                    currency TEXT,
                    note TEXT,
                    state TEXT NOT NULL,
                    deadline REAL,
                    proposed_by TEXT NOT NULL,
                    approved_by TEXT,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE TABLE replies (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident INTEGER NOT NULL,
                    channel TEXT NOT NULL,
                    text TEXT NOT NULL,
                    findings TEXT NOT NULL,
                    forced INTEGER NOT NULL DEFAULT 0,
                    reason TEXT,
                    author TEXT NOT NULL,
                    time REAL NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-quarantined-files") { db in
            // A file quarantined just before a crash is taken again at restart: this finds its earlier event.
            try db.execute(sql: """
                CREATE INDEX events_quarantined_file ON events(json_extract(details, '$.file'))
                    WHERE kind = 'inbox.quarantined';
                """)
        }
        migrator.registerMigration("v4-judgement-mark") { db in
            // Posts are stored (and acknowledged) before the detector judges them; this marks how far judgement's
            // outcome is committed, so a restart judges the rest. Everything stored before this migration was judged.
            try db.execute(sql: """
                CREATE TABLE judgement (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    through INTEGER NOT NULL
                );
                INSERT INTO judgement (id, through) SELECT 1, coalesce(max(seq), 0) FROM posts;
                """)
        }
        migrator.registerMigration("v5-post-incidents") { db in
            // Which incident a post belongs to moves from a column of `posts` to a narrow table: the judge files
            // every post of a flashmob, and updating the wide post rows wrote each one's page twice (measured:
            // 6 µs a post against under 2). `posts.incident` stays in older files, no longer written or read.
            try db.execute(sql: """
                CREATE TABLE post_incidents (
                    seq INTEGER PRIMARY KEY,
                    incident INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                INSERT INTO post_incidents (seq, incident, created_at)
                    SELECT seq, CAST(incident AS INTEGER), created_at FROM posts WHERE incident IS NOT NULL;
                CREATE INDEX post_incidents_by_incident ON post_incidents(incident, created_at);
                DROP INDEX posts_by_incident;
                """)
        }
        migrator.registerMigration("v6-no-parent-index") { db in
            // Nothing looks posts up by parent (cascades are linked in the detector's memory, and a restart
            // rebuilds them from open incidents' posts), and the index cost every reshare an insert.
            try db.execute(sql: "DROP INDEX IF EXISTS posts_by_parent")
        }
        return migrator
    }
}
