import BacklashCore
import BacklashStore
import GRDB
import Logging

/// A post with where it came from (`socket`, `inbox:NAME`, `import`).
public struct IncomingPost: Sendable {
    public var post: Post
    public var source: String

    /// Creates an incoming post.
    public init(post: Post, source: String) {
        self.post = post
        self.source = source
    }
}

/// Input that was rejected, kept with its reason.
public struct RejectedInput: Sendable {
    public var source: String
    public var line: Int?
    public var error: String
    public var input: [UInt8]

    /// Creates a rejected input record.
    public init(source: String, line: Int?, error: String, input: [UInt8]) {
        self.source = source
        self.line = line
        self.error = error
        self.input = input
    }
}

/// Counters shown in STATUS= and `backlashctl status`.
public struct EngineStatus: Sendable, Codable, Equatable {
    public var posts: Int
    public var events: Int
    public var openIncidents: Int
    public var rejected: Int
    public var quarantined: Int
    public var startedAt: Double

    /// The one-line summary for systemd's STATUS=.
    public var line: String {
        "\(posts) posts, \(openIncidents) open incidents, \(quarantined) quarantined, \(rejected) rejected lines"
    }
}

/// The single writer: every change to the store goes through here, one transaction per batch.
public actor Engine {
    let database: BacklashDatabase
    let sink: any EventSink
    let time: any TimeSource
    let logger: Logger
    var status: EngineStatus

    /// Opens the engine over a migrated database.
    public init(database: BacklashDatabase, sink: any EventSink, time: any TimeSource, logger: Logger) throws {
        self.database = database
        self.sink = sink
        self.time = time
        self.logger = logger
        let (posts, events, rejected, quarantined) = try database.writer.read { db in
            (
                try PostStore.count(in: db), try EventLog.count(in: db),
                try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM rejects") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = ?",
                    arguments: [EventKind.inboxQuarantined.rawValue]) ?? 0
            )
        }
        status = EngineStatus(
            posts: posts, events: events, openIncidents: 0, rejected: rejected, quarantined: quarantined,
            startedAt: time.now())
    }

    /// The current counters.
    public func currentStatus() -> EngineStatus { status }

    /// A cheap round trip that proves the actor is not wedged (used by the watchdog).
    public func ping() -> Bool { true }

    /// Stores a batch of posts, rejects and events in ONE transaction; returns a status per post, in order.
    public func commit(posts: [IncomingPost], rejects: [RejectedInput] = [], events: [Event] = []) async throws
        -> [IngestStatus]
    {
        let now = time.now()
        var bySource: [(String, [Post])] = []
        for p in posts {
            if let last = bySource.last, last.0 == p.source {
                bySource[bySource.count - 1].1.append(p.post)
            } else {
                bySource.append((p.source, [p.post]))
            }
        }
        let groups = bySource
        let (statuses, committedEvents) = try await database.writer.write { db -> ([IngestStatus], [Event]) in
            var statuses: [IngestStatus] = []
            statuses.reserveCapacity(posts.count)
            for (source, group) in groups {
                statuses += try PostStore.ingest(group, source: source, receivedAt: now, in: db)
            }
            for r in rejects {
                try PostStore.recordReject(source: r.source, line: r.line, error: r.error, input: r.input, time: now, in: db)
            }
            var appended = events
            try EventLog.append(&appended, in: db)
            return (statuses, appended)
        }
        status.posts += statuses.lazy.filter { $0 == .new }.count
        status.rejected += rejects.count
        status.events += committedEvents.count
        status.quarantined += committedEvents.lazy.filter { $0.kind == .inboxQuarantined }.count
        if !committedEvents.isEmpty { sink.emit(committedEvents) }
        return statuses
    }

    /// Appends events on their own (daemon lifecycle, configuration changes).
    public func record(_ events: [Event]) async throws {
        _ = try await commit(posts: [], events: events)
    }

    /// What was stored after the given cursors (for `backlashctl tail`); reads do not block the writer.
    public nonisolated func recent(afterPost: Int64, afterEvent: Int64, limit: Int) async throws
        -> (posts: [StoredPostSummary], events: [Event])
    {
        try await database.writer.read { db in
            (
                try PostStore.posts(afterSequence: afterPost, limit: limit, in: db),
                try EventLog.events(after: afterEvent, limit: limit, in: db)
            )
        }
    }

    /// The engine's clock.
    public nonisolated func now() -> Double { time.now() }
}
