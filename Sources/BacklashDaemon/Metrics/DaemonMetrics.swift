import BacklashCore
import BacklashStore
import GRDB
import Prometheus
import Synchronization

/// The daemon's Prometheus series in a registry the daemon owns (no global `MetricsSystem`).
///
/// Counters and histograms follow what was committed: each batch (`CommittedBatch`) and each event after its
/// transaction. Gauges of stored state (open incidents, gestures) are read from the store at every scrape, so they
/// are right from the first scrape after a restart and never drift from the database.
final class DaemonMetrics: Sendable {
    /// Where every series lives; `exposition()` renders it.
    let registry = PrometheusCollectorRegistry()
    let database: BacklashDatabase

    let postsIngested: [PostSeries: Counter]
    let batchDuration: ValueHistogram
    let incidentsOpen: [String: Gauge]
    let pagesSent: [String: Counter]
    let pagesFailed: [String: Counter]
    let acknowledgements: Counter
    let timeToAcknowledge: ValueHistogram
    let gestures: [String: Gauge]
    let inboxQuarantined: Counter
    let unjudged: Gauge
    /// How many stored posts wait for judgement (set once the engine exists).
    let unjudgedSource = Mutex<(@Sendable () -> Int)?>(nil)

    /// One series of `backlash_posts_ingested_total`.
    struct PostSeries: Hashable {
        var source: String
        var status: String
    }

    /// `backlash_NAME_UNIT` with its help line.
    static func named(_ name: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "backlash", metricName: name, unitName: unit, helpText: help)
    }

    static var postsDescriptor: MetricNameDescriptor {
        named("posts_ingested", unit: "total", "Posts taken in, by source (socket, inbox) and status (new, duplicate, "
            + "updated; rejected: a line or file that was not a valid post).")
    }
    static var pagesSentDescriptor: MetricNameDescriptor {
        named("pages_sent", unit: "total", "Pages sent, by channel: journal is the page the engine records; exec, "
            + "webhook and email are deliveries by a notifier.")
    }
    static var pagesFailedDescriptor: MetricNameDescriptor {
        named("pages_failed", unit: "total",
            "Page delivery attempts that failed, by channel (each failed retry counts).")
    }
    /// Commit times from 1 ms to 10 s.
    static let batchBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    /// Acknowledgement times from 15 s to a day.
    static let ackBuckets: [Double] = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400]

    /// Registers every series, each label value known in advance at 0.
    init(database: BacklashDatabase) {
        self.database = database
        let registry = self.registry
        var posts: [PostSeries: Counter] = [:]
        for source in ["socket", "inbox"] {
            for status in ["new", "duplicate", "updated", "rejected"] {
                posts[PostSeries(source: source, status: status)] = registry.makeCounter(
                    descriptor: Self.postsDescriptor, labels: [("source", source), ("status", status)])
            }
        }
        postsIngested = posts
        batchDuration = registry.makeValueHistogram(
            descriptor: Self.named("ingest_batch_duration", unit: "seconds", "Time to commit one ingest batch (the "
                + "posts and rejects of a group commit, with the incidents they cause) in one transaction."),
            buckets: Self.batchBuckets)
        incidentsOpen = Dictionary(uniqueKeysWithValues: Severity.allCases.map { severity in
            (severity.name, registry.makeGauge(
                descriptor: Self.named("incidents_open", "Incidents not closed (open, acknowledged or snoozed) by "
                    + "current severity, read from the store."),
                labels: [("severity", severity.name)]))
        })
        let channels = NotificationChannel.allCases.map(\.rawValue)
        pagesSent = Dictionary(uniqueKeysWithValues: channels.map { channel in
            (channel, registry.makeCounter(descriptor: Self.pagesSentDescriptor, labels: [("channel", channel)]))
        })
        pagesFailed = Dictionary(uniqueKeysWithValues: channels.map { channel in
            (channel, registry.makeCounter(descriptor: Self.pagesFailedDescriptor, labels: [("channel", channel)]))
        })
        acknowledgements = registry.makeCounter(
            descriptor: Self.named("acknowledgements", unit: "total", "Incidents acknowledged by a manager."))
        timeToAcknowledge = registry.makeValueHistogram(
            descriptor: Self.named("time_to_acknowledge", unit: "seconds", "Seconds from an incident's first page "
                + "to its acknowledgement (the first one since the incident was opened or reopened)."),
            buckets: Self.ackBuckets)
        gestures = Dictionary(uniqueKeysWithValues: GestureState.allCases.map { state in
            (state.rawValue, registry.makeGauge(
                descriptor: Self.named("gestures", "Compensation gestures in each state, read from the store."),
                labels: [("state", state.rawValue)]))
        })
        inboxQuarantined = registry.makeCounter(
            descriptor: Self.named("inbox_quarantined_files", unit: "total", "Inbox files moved to failed/ "
                + "(unreadable, not JSON, too large, or with rejected posts)."))
        unjudged = registry.makeGauge(
            descriptor: Self.named("unjudged_posts", "Posts stored and acknowledged but not yet judged by the "
                + "detector (bounded: storing waits past the bound)."))
    }

    /// Counts a committed batch's posts by source and status, and times it (batches without posts or rejects,
    /// such as lifecycle events, are not ingest batches).
    func observe(_ batch: CommittedBatch) {
        guard !batch.posts.isEmpty || !batch.rejects.isEmpty else { return }
        let components = batch.duration.components
        batchDuration.record(Double(components.seconds) + Double(components.attoseconds) * 1e-18)
        var tally: [PostSeries: Int64] = [:]
        for (post, status) in zip(batch.posts, batch.statuses) {
            tally[PostSeries(source: Self.sourceLabel(post.source), status: status.rawValue), default: 0] += 1
        }
        for reject in batch.rejects {
            tally[PostSeries(source: Self.sourceLabel(reject.source), status: "rejected"), default: 0] += 1
        }
        for (series, count) in tally {
            let counter = postsIngested[series] ?? registry.makeCounter(
                descriptor: Self.postsDescriptor, labels: [("source", series.source), ("status", series.status)])
            counter.increment(by: count)
        }
    }

    /// `socket`, `inbox` (for `inbox:FILE`), or the source as it is.
    static func sourceLabel(_ source: String) -> String {
        source.hasPrefix("inbox:") ? "inbox" : source
    }

    /// Counts pages, acknowledgements and quarantined files among committed events.
    func observe(_ events: [Event]) {
        for event in events {
            switch event.kind {
            case .pageSent: pageCounter(sent: true, event.details["channel"]?.stringValue).increment()
            case .pageFailed: pageCounter(sent: false, event.details["channel"]?.stringValue).increment()
            case .inboxQuarantined: inboxQuarantined.increment()
            case .incidentAcknowledged:
                acknowledgements.increment()
                if let seconds = secondsFromFirstPage(to: event) { timeToAcknowledge.record(seconds) }
            default: continue
            }
        }
    }

    func pageCounter(sent: Bool, _ channel: String?) -> Counter {
        let channel = channel ?? "journal"
        if let known = (sent ? pagesSent : pagesFailed)[channel] { return known }
        return registry.makeCounter(
            descriptor: sent ? Self.pagesSentDescriptor : Self.pagesFailedDescriptor, labels: [("channel", channel)])
    }

    /// For the first acknowledgement since the incident was opened or reopened: seconds since the first page of
    /// that episode, read from the event log (so it holds across restarts); nil for a later one or an unpaged one.
    func secondsFromFirstPage(to ack: Event) -> Double? {
        guard let incident = ack.incident, let sequence = ack.sequence else { return nil }
        let row = try? database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT
                    (SELECT count(*) FROM events WHERE incident = :incident AND kind = 'incident.acknowledged'
                        AND id > episode.start AND id < :ack) AS earlier_acks,
                    (SELECT min(time) FROM events WHERE incident = :incident AND kind = 'page.sent'
                        AND id > episode.start AND id < :ack) AS first_page
                FROM (SELECT coalesce(max(id), 0) AS start FROM events WHERE incident = :incident
                    AND kind IN ('incident.opened', 'incident.reopened') AND id < :ack) AS episode
                """, arguments: ["incident": incident, "ack": sequence])
        }
        guard let row, (row["earlier_acks"] as Int?) == 0, let firstPage = row["first_page"] as Double?,
            ack.time >= firstPage
        else { return nil }
        return ack.time - firstPage
    }

    /// The Prometheus text format (0.0.4) of every series, after reading the stored-state gauges afresh.
    func exposition() async throws -> [UInt8] {
        let (incidents, gestureStates) = try await database.writer.read { db in
            (
                try Self.counts(
                    db, "SELECT severity, count(*) FROM incidents WHERE state != 'closed' GROUP BY severity"),
                try Self.counts(db, "SELECT state, count(*) FROM gestures GROUP BY state")
            )
        }
        for (severity, gauge) in incidentsOpen { gauge.set(to: Double(incidents[severity] ?? 0)) }
        for (state, gauge) in gestures { gauge.set(to: Double(gestureStates[state] ?? 0)) }
        if let backlog = unjudgedSource.withLock({ $0 }) { unjudged.set(to: Double(backlog())) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8192)
        registry.emit(into: &buffer)
        return buffer
    }

    static func counts(_ db: Database, _ sql: String) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql) { out[row[0] as String] = row[1] }
        return out
    }
}
