import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging
import Synchronization

/// A post with where it came from (`socket`, `inbox:NAME`, `import`).
public struct IncomingPost: Sendable {
    public let post: Post
    public var source: String
    /// The post's JSON exactly as it arrived, when it came alone (a socket line): stored verbatim.
    public var rawText: String?
    /// `PostStore.contentHash(post)`, taken where the post is made (a socket's event loop, the inbox), not on the
    /// single writer: it was a third of the writer's own work a post.
    public let contentHash: Int64

    /// Creates an incoming post.
    public init(post: Post, source: String, rawText: String? = nil) {
        self.post = post
        self.source = source
        self.rawText = rawText
        contentHash = PostStore.contentHash(post)
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

/// A page the engine recorded and that notifiers still have to deliver on the manager's channels.
public struct PendingPage: Sendable, Equatable {
    public var incident: Int
    public var manager: String
    public var reason: String
    public var step: Int
}

/// The single writer: every change to the store goes through here.
///
/// Ingest is two stages on two cores. A batch's posts (with its rejects and events) commit in one transaction and
/// are acknowledged; the engine then judges them in order while the next batch is stored, and what the detector
/// decided (incidents, assignments, escalation) commits with the judged mark (`JudgementMark`), so a crash between
/// the two judges the rest again at start. Events reach the journal (and pages the notifiers) only after their
/// commit. Control commands first wait for judgement to catch up (`settle`), so they see every acknowledged post.
public actor Engine {
    let database: BacklashDatabase
    let sink: any EventSink
    let time: any TimeSource
    let logger: Logger
    var status: EngineStatus
    var config: BacklashConfig
    var detector: FlashmobDetector
    var pendingPages: [PendingPage] = []
    var nextTimer: Double = -.infinity
    /// Schedule hand-offs up to this instant have been announced (continues from the log's last event on restart,
    /// so a hand-off that happened while the daemon was down is announced when it starts).
    var handOffsAnnouncedUntil: Double
    /// Receives pages after their transaction committed (the notifier dispatcher).
    var pageHandler: (@Sendable ([PendingPage]) -> Void)?
    /// Cancels pending deliveries and retries of an incident's pages (an ack stops them at once).
    var pageCanceller: (@Sendable (Int) -> Void)?
    /// Hears what each commit stored and how long it took (the metrics; see `CommittedBatch`).
    let commitObserver = Mutex<(@Sendable (CommittedBatch) -> Void)?>(nil)
    /// Stored batches waiting for judgement.
    let judgement: JudgementQueue

    /// Posts judged together at most (consecutive stored batches are judged as one when judgement lags): few, so a
    /// trigger waits for its own round rather than a long catch-up...
    static let judgedAtOnce = 512
    /// ...unless judgement is more than half its bound behind (a flood): then larger rounds, each paying the
    /// writer's queue and one commit for more posts, catch up faster.
    static let judgedAtOnceBehind = 4_096
    /// Attempts at committing one chunk's judgement, when the error is not one that passes (a full disk, a busy or
    /// failing device), before its posts are left unjudged (`judgement.skipped`) so judging and ingest go on.
    let judgementAttempts: Int

    /// Opens the engine over a migrated database; posts stored but not judged before a crash are judged first.
    public init(
        database: BacklashDatabase, sink: any EventSink, time: any TimeSource, logger: Logger,
        config: BacklashConfig = BacklashConfig(paths: .development(base: "var")), unjudgedCapacity: Int = 8_000,
        judgementAttempts: Int = 8
    ) throws {
        self.judgementAttempts = judgementAttempts
        self.database = database
        self.sink = sink
        self.time = time
        self.logger = logger
        self.config = config
        let (posts, events, rejected, quarantined, open, mark, last) = try database.writer.read { db in
            (
                try PostStore.count(in: db), try EventLog.count(in: db),
                try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM rejects") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = ?",
                    arguments: [EventKind.inboxQuarantined.rawValue]) ?? 0,
                try IncidentStore.openCount(in: db), try JudgementMark.read(in: db), try JudgementMark.lastStored(in: db)
            )
        }
        detector = try Self.restoredDetector(config, database: database, now: time.now())
        let lastEvent = try database.writer.read { try Double.fetchOne($0, sql: "SELECT max(time) FROM events") }
        handOffsAnnouncedUntil = min(lastEvent ?? time.now(), time.now())
        status = EngineStatus(
            posts: posts, events: events, openIncidents: open, rejected: rejected, quarantined: quarantined,
            startedAt: time.now())
        judgement = JudgementQueue(capacity: unjudgedCapacity)
        if mark < last {
            logger.notice("judging posts stored but not judged before the daemon stopped",
                metadata: ["after": "\(mark)", "through": "\(last)"])
            startJudging(JudgementQueue.Item(catchUpThrough: last))
        }
    }

    static func makeDetector(_ config: BacklashConfig, nextIncidentID: Int) -> FlashmobDetector {
        FlashmobDetector(
            settings: config.detection,
            people: config.managers.map { NamedPerson(id: $0.id, name: $0.name, aliases: $0.aliases) },
            nextIncidentID: nextIncidentID)
    }

    /// A detector that continues the open incidents: a storm still going on at a restart continues its incident
    /// rather than opening (and paging) anew.
    static func restoredDetector(_ config: BacklashConfig, database: BacklashDatabase, now: Double) throws
        -> FlashmobDetector
    {
        let (maxIncident, stored) = try database.writer.read { db in
            (try IncidentStore.maxID(in: db), try IncidentStore.openIncidentPosts(in: db))
        }
        var detector = makeDetector(config, nextIncidentID: maxIncident + 1)
        let decoder = PostDecoder()
        for (incident, raws) in stored {
            let posts = raws.compactMap { try? decoder.decode($0).get() }
            detector.restore(incident: incident, posts: posts, now: now)
        }
        return detector
    }

    /// Sets who receives pages to deliver after commit, and how an ack cancels pending deliveries.
    public func onPages(
        _ handler: @escaping @Sendable ([PendingPage]) -> Void, cancel: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        pageHandler = handler
        pageCanceller = cancel
    }

    /// Applies a reloaded configuration (managers, policies, thresholds) from the next batch on.
    public func apply(config new: BacklashConfig) {
        let next = detector.nextIncidentID
        let keepState = new.managers == config.managers && new.detection == config.detection
        config = new
        if !keepState { detector = Self.makeDetector(new, nextIncidentID: next) }
        nextTimer = -.infinity
    }

    /// The configuration in force.
    public func currentConfig() -> BacklashConfig { config }

    /// The current counters.
    public func currentStatus() -> EngineStatus { status }

    /// A cheap round trip that proves the actor is not wedged (used by the watchdog).
    public func ping() -> Bool { true }

    /// Stores a batch and returns once it is judged too: a status per post, in order (the inbox, lifecycle
    /// events, `replay`).
    public nonisolated func commit(posts: [IncomingPost], rejects: [RejectedInput] = [], events: [Event] = [])
        async throws -> [IngestStatus]
    {
        let statuses = try await store(posts: posts, rejects: rejects, events: events)
        await settle()
        return statuses
    }

    /// Stores posts, rejects and events in ONE transaction and returns a status per post, in order, as soon as it
    /// committed; judgement follows on the engine. Waits first while too many stored posts are still unjudged.
    public nonisolated func store(posts: [IncomingPost], rejects: [RejectedInput] = [], events: [Event] = [])
        async throws -> [IngestStatus]
    {
        await judgement.waitForRoom()
        let started = ContinuousClock.now  // for commitObserver
        let now = time.now()
        var bySource: [(source: String, posts: [Post], rawTexts: [String?], hashes: [Int64])] = []
        for p in posts {
            if let last = bySource.last, last.source == p.source {
                bySource[bySource.count - 1].posts.append(p.post)
                bySource[bySource.count - 1].rawTexts.append(p.rawText)
                bySource[bySource.count - 1].hashes.append(p.contentHash)
            } else {
                bySource.append((p.source, [p.post], [p.rawText], [p.contentHash]))
            }
        }
        let groups = bySource
        let queue = judgement
        let (statuses, start) = try await database.writer.writeWithoutTransaction { db -> ([IngestStatus], Bool) in
            var item = JudgementQueue.Item(now: now, rejects: rejects.count)
            var statuses: [IngestStatus] = []
            var sequences: [Int64] = []
            try db.inTransaction {
                statuses.reserveCapacity(posts.count)
                sequences.reserveCapacity(posts.count)
                for (source, posts, rawTexts, hashes) in groups {
                    statuses += try PostStore.ingest(
                        posts, rawTexts: rawTexts, contentHashes: hashes, source: source, receivedAt: now,
                        sequences: &sequences, in: db)
                }
                for r in rejects {
                    try PostStore.recordReject(
                        source: r.source, line: r.line, error: r.error, input: r.input, time: now, in: db)
                }
                var appended = events
                try EventLog.append(&appended, in: db)
                item.events = appended
                item.newPosts = statuses.lazy.filter { $0 == .new }.count
                if item.newPosts > 0 { item.throughSeq = try JudgementMark.lastStored(in: db) }
                let judged = queue.judgedSeq
                if judged > 0 { try JudgementMark.advance(to: judged, in: db) }
                return .commit
            }
            item.fresh.reserveCapacity(posts.count)
            item.freshSequences.reserveCapacity(posts.count)
            for (i, status) in statuses.enumerated() where status != .duplicate {
                item.fresh.append(posts[i].post)
                item.freshSequences.append(sequences[i])
            }
            // Still on the writer's queue: batches reach the judge in commit order.
            return (statuses, queue.enqueue(item))
        }
        if start { startJudging(nil) }
        if let observer = commitObserver.withLock({ $0 }) {
            observer(CommittedBatch(posts: posts, statuses: statuses, rejects: rejects, duration: .now - started))
        }
        return statuses
    }

    /// Returns once every batch committed before the call is judged (its incidents and pages are committed too).
    public nonisolated func settle() async {
        await judgement.settle()
    }

    /// Runs the judge over the queue until it is empty (after enqueuing `first`, when given).
    nonisolated func startJudging(_ first: JudgementQueue.Item?) {
        if let first, !judgement.enqueue(first) { return }
        Task { await self.runJudgement() }
    }

    /// Not isolated: each round hops onto the engine and off again, so commands, timer ticks and reloads get
    /// their turn between rounds even while posts pour in.
    nonisolated func runJudgement() async {
        while true {
            let items = judgement.take()
            if items.isEmpty { return }
            await judge(items)
        }
    }

    /// Judges what is stored after the committed mark, up to `through`: at start after a crash, or after a failed
    /// judgement (then with a detector rebuilt from the store). Retries until it succeeds (a full disk).
    func recover(through: Int64, rebuild: Bool) async {
        var rebuild = rebuild
        var delay = 0.1
        var attempts = 0
        var lastFailed: (after: Int64, through: Int64, posts: Int)?
        while true {
            var judging: (after: Int64, through: Int64, posts: Int)?
            do {
                if rebuild {
                    detector = try Self.restoredDetector(config, database: database, now: time.now())
                }
                var mark = try await read { try JudgementMark.read(in: $0) }
                let decoder = PostDecoder()
                while mark < through {
                    let after = mark
                    let rows = try await read { try JudgementMark.unjudged(after: after, through: through, limit: 2_000, in: $0) }
                    guard let lastRow = rows.last else { break }
                    var k = 0
                    while k < rows.count {
                        var m = k
                        while m < rows.count, rows[m].receivedAt == rows[k].receivedAt { m += 1 }
                        var posts: [Post] = [], sequences: [Int64] = []
                        for row in rows[k..<m] {
                            guard let post = try? decoder.decode(row.raw).get() else { continue }
                            posts.append(post)
                            sequences.append(row.seq)
                        }
                        if posts.count < m - k {
                            logger.warning("stored posts that no longer decode are not judged again",
                                metadata: ["posts": "\(m - k - posts.count)", "through": "\(rows[m - 1].seq)"])
                        }
                        judging = (k > 0 ? rows[k - 1].seq : after, rows[m - 1].seq, m - k)
                        try judgeStored(posts, sequences: sequences, through: rows[m - 1].seq, now: rows[k].receivedAt)
                        judging = nil
                        k = m
                    }
                    mark = lastRow.seq
                }
                return
            } catch {
                rebuild = true
                if let failed = judging {
                    attempts = lastFailed.map { $0.through == failed.through } == true ? attempts + 1 : 1
                    lastFailed = failed
                    if attempts >= judgementAttempts && !Self.passes(error) {
                        do {
                            try skipJudgement(after: failed.after, through: failed.through, posts: failed.posts,
                                attempts: attempts, error: error)
                            attempts = 0
                            delay = 0.1
                            continue
                        } catch {
                            logger.error("recording skipped judgement failed", metadata: ["error": "\(error)"])
                        }
                    }
                }
                logger.error("judging stored posts again failed; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 5)
            }
        }
    }

    /// Whether an error may pass by itself (a full disk, a busy, locked or failing device), so judging is retried
    /// for as long as it takes; other errors are retried `judgementAttempts` times.
    static func passes(_ error: any Error) -> Bool {
        if let e = error as? DatabaseError {
            let passing: [ResultCode] = [
                .SQLITE_FULL, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOMEM, .SQLITE_READONLY,
                .SQLITE_CANTOPEN, .SQLITE_INTERRUPT, .SQLITE_PROTOCOL,
            ]
            if passing.contains(e.resultCode) { return true }
        }
        return "\(error)".contains("disk is full")
    }

    /// Moves the judged mark past posts whose judgement cannot be committed, with an event saying so: they stay
    /// stored, but a judgement that can never commit must not stop judging (and, through its bound, ingest).
    func skipJudgement(after: Int64, through: Int64, posts: Int, attempts: Int, error: any Error) throws {
        logger.critical("stored posts are left unjudged after repeated failures",
            metadata: ["after": "\(after)", "through": "\(through)", "error": "\(error)"])
        let now = time.now()
        let events = try writeNow { db -> [Event] in
            var events = [Event(time: now, kind: .judgementSkipped,
                message: "\(posts) stored post\(posts == 1 ? "" : "s") (after #\(after) through #\(through)) left unjudged "
                    + "after \(attempts) failed attempts: \(error)",
                details: JSONObject(pairs: [
                    "after": JSONValue(Int(after)), "through": JSONValue(Int(through)), "posts": JSONValue(posts),
                    "attempts": JSONValue(attempts), "error": .string("\(error)"),
                ]))]
            try EventLog.append(&events, in: db)
            try JudgementMark.advance(to: through, in: db)
            return events
        }
        judgement.judged(through: through)
        publish(events)
    }

    /// Writes what the detector decided (incidents, assignments, escalation); returns the events to append.
    /// `posts` are the judged ones, stored as rows `sequences`.
    func record(
        _ outcome: FlashmobDetector.Outcome, posts: [Post], sequences: [Int64], now: Double, db: Database
    ) throws -> [Event] {
        var events = outcome.events
        if !outcome.assignments.isEmpty {
            var index: [PostKey: Int] = [:]
            index.reserveCapacity(posts.count)
            for (i, post) in posts.enumerated() { index[post.key] = i }
            try IncidentStore.assign(outcome.assignments, filed: { key in
                index[key].map { (sequences[$0], posts[$0].createdAt) }
            }, in: db)
        }
        var namedBy: [Int: [String]] = [:]
        for e in outcome.events where e.kind == .managerNamed {
            if let i = e.incident.flatMap(Int.init), let m = e.details["manager"]?.stringValue { namedBy[i, default: []].append(m) }
        }
        for e in outcome.events where e.kind == .incidentReopened {
            guard let id = e.incident.flatMap(Int.init) else { continue }
            try IncidentStore.update(id, [
                "state": "open", "closed_at": nil, "resolution": nil, "cause": nil, "acked_by": nil, "acked_at": nil,
                "policy": nil, "esc_exhausted": 0, "paged": "[]",
            ], in: db)
        }
        for (id, a) in outcome.incidents.sorted(by: { $0.key < $1.key }) {
            let opened = outcome.events.first { $0.kind == .incidentOpened && $0.incident == String(id) }
            try IncidentStore.upsert(
                id: id, assessment: a, root: opened?.details["root"]?.stringValue,
                title: opened.map { Self.title($0.message) }, firstPostAt: opened?.details["first_post_at"]?.stringValue
                    .flatMap(RFC3339.parse),
                now: now, in: db)
            events += try escalate(incident: id, assessment: a, named: namedBy[id] ?? [], now: now, db: db)
        }
        return events
    }

    static func title(_ message: String) -> String {
        guard let colon = message.range(of: "): ") else { return message }
        let rest = message[colon.upperBound...]
        if let dash = rest.range(of: " — ") { return String(rest[..<dash.lowerBound]) }
        return String(rest)
    }

    /// Hands committed events to the sink (journal) and pages to the notifiers.
    func publish(_ events: [Event]) {
        status.events += events.count
        if events.contains(where: { $0.kind == .incidentOpened || $0.kind == .incidentClosed || $0.kind == .incidentReopened }) {
            status.openIncidents = (try? database.writer.read { try IncidentStore.openCount(in: $0) }) ?? status.openIncidents
        }
        if !events.isEmpty { sink.emit(events) }
        if events.contains(where: { $0.kind == .pageSent || $0.kind == .incidentAcknowledged
            || $0.kind == .incidentSnoozed || $0.kind == .promiseRecorded || $0.kind == .gestureProposed })
        {
            nextTimer = -.infinity
        }
        if !pendingPages.isEmpty {
            let pages = pendingPages
            pendingPages = []
            pageHandler?(pages)
        }
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

    /// Reads anything from the store without blocking the writer.
    public nonisolated func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        try await database.writer.read(body)
    }

    /// The engine's clock.
    public nonisolated func now() -> Double { time.now() }

    /// A synchronous write transaction. The actor's thread waits while GRDB's writer runs `body`, so the body may
    /// use the actor's state: nothing else runs on the actor meanwhile, and the writer is ours alone.
    nonisolated func writeNow<T>(_ body: (Database) throws -> T) throws -> T {
        try database.writer.write(body)
    }
}
