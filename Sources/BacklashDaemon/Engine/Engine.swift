import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging

/// A post with where it came from (`socket`, `inbox:NAME`, `import`).
public struct IncomingPost: Sendable {
    public var post: Post
    public var source: String
    /// The post's JSON exactly as it arrived, when it came alone (a socket line): stored verbatim.
    public var rawText: String?

    /// Creates an incoming post.
    public init(post: Post, source: String, rawText: String? = nil) {
        self.post = post
        self.source = source
        self.rawText = rawText
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

/// The single writer: every change to the store goes through here, one transaction per batch.
///
/// A batch's posts, the detector's verdict on them (incident events and projections) and the escalation
/// they trigger commit together; events reach the journal (and pages the notifiers) only after the commit.
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
    var commitObserver: (@Sendable (CommittedBatch) -> Void)?

    /// Opens the engine over a migrated database.
    public init(
        database: BacklashDatabase, sink: any EventSink, time: any TimeSource, logger: Logger,
        config: BacklashConfig = BacklashConfig(paths: .development(base: "var"))
    ) throws {
        self.database = database
        self.sink = sink
        self.time = time
        self.logger = logger
        self.config = config
        let (posts, events, rejected, quarantined, maxIncident, open) = try database.writer.read { db in
            (
                try PostStore.count(in: db), try EventLog.count(in: db),
                try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM rejects") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = ?",
                    arguments: [EventKind.inboxQuarantined.rawValue]) ?? 0,
                try IncidentStore.maxID(in: db), try IncidentStore.openCount(in: db)
            )
        }
        detector = Self.makeDetector(config, nextIncidentID: maxIncident + 1)
        // A storm still going on at a restart continues its open incident rather than opening (and paging) anew.
        let stored = try database.writer.read { try IncidentStore.openIncidentPosts(in: $0) }
        let decoder = PostDecoder()
        for (incident, raws) in stored {
            let posts = raws.compactMap { try? decoder.decode($0).get() }
            detector.restore(incident: incident, posts: posts, now: time.now())
        }
        let lastEvent = try database.writer.read { try Double.fetchOne($0, sql: "SELECT max(time) FROM events") }
        handOffsAnnouncedUntil = min(lastEvent ?? time.now(), time.now())
        status = EngineStatus(
            posts: posts, events: events, openIncidents: open, rejected: rejected, quarantined: quarantined,
            startedAt: time.now())
    }

    /// Holds the detector's place while the real one is inside a transaction.
    static let placeholder = FlashmobDetector()

    static func makeDetector(_ config: BacklashConfig, nextIncidentID: Int) -> FlashmobDetector {
        FlashmobDetector(
            settings: config.detection,
            people: config.managers.map { NamedPerson(id: $0.id, name: $0.name, aliases: $0.aliases) },
            nextIncidentID: nextIncidentID)
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

    /// Stores a batch of posts, rejects and events in ONE transaction with the incidents they cause; returns a
    /// status per post, in order.
    public func commit(posts: [IncomingPost], rejects: [RejectedInput] = [], events: [Event] = []) async throws
        -> [IngestStatus]
    {
        let started = ContinuousClock.now  // for commitObserver
        let now = time.now()
        var bySource: [(source: String, posts: [Post], rawTexts: [String?])] = []
        for p in posts {
            if let last = bySource.last, last.source == p.source {
                bySource[bySource.count - 1].posts.append(p.post)
                bySource[bySource.count - 1].rawTexts.append(p.rawText)
            } else {
                bySource.append((p.source, [p.post], [p.rawText]))
            }
        }
        // Move the detector out so it is uniquely referenced (a shared copy would duplicate its state on write).
        // If the transaction fails, its in-memory groups are dropped rather than left out of step with the store.
        var detector = self.detector
        self.detector = Self.placeholder
        let result: ([IngestStatus], [Event], FlashmobDetector)
        do {
            result = try writeNow { db in
            var statuses: [IngestStatus] = []
            statuses.reserveCapacity(posts.count)
            for group in bySource {
                statuses += try PostStore.ingest(
                    group.posts, rawTexts: group.rawTexts, source: group.source, receivedAt: now, in: db)
            }
            for r in rejects {
                try PostStore.recordReject(source: r.source, line: r.line, error: r.error, input: r.input, time: now, in: db)
            }
            var appended = events
            let fresh = zip(posts, statuses).filter { $0.1 != .duplicate }.map(\.0.post)
            if !fresh.isEmpty {
                appended += try judge(fresh, detector: &detector, now: now, db: db)
            }
            try EventLog.append(&appended, in: db)
            return (statuses, appended, detector)
            }
        } catch {
            let next = try await read { try IncidentStore.maxID(in: $0) } + 1
            self.detector = Self.makeDetector(config, nextIncidentID: next)
            logger.warning("a batch failed; detection restarts from the next batch", metadata: ["error": "\(error)"])
            throw error
        }
        self.detector = result.2
        let statuses = result.0
        status.posts += statuses.lazy.filter { $0 == .new }.count
        status.rejected += rejects.count
        status.quarantined += result.1.lazy.filter { $0.kind == .inboxQuarantined }.count
        commitObserver?(CommittedBatch(posts: posts, statuses: statuses, rejects: rejects, duration: .now - started))
        publish(result.1)
        return statuses
    }

    /// Runs the detector on fresh posts and writes what it decided (incidents, assignments, escalation).
    func judge(_ posts: [Post], detector: inout FlashmobDetector, now: Double, db: Database) throws -> [Event] {
        let outcome = detector.ingest(posts, now: now)
        var events = outcome.events
        if !outcome.assignments.isEmpty { try IncidentStore.assign(outcome.assignments, in: db) }
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
