import BacklashCore
public import GRDB
import Foundation

/// Checks a store the way an operator would after a crash: SQLite's own integrity check, the event log without
/// gaps, and the incident, gesture and promise tables equal to what the event log rebuilds.
public enum StoreCheck {
    /// What the check found.
    public struct Report: Sendable {
        /// `PRAGMA integrity_check` rows (`["ok"]` when SQLite finds nothing wrong).
        public var integrity: [String] = []
        /// Every way the tables and the event log disagree, one sentence each.
        public var differences: [String] = []
        public var events = 0
        public var incidents = 0
        public var gestures = 0
        public var promises = 0
        public var posts = 0

        /// Whether SQLite said ok and the projections match the event log.
        public var isConsistent: Bool { integrity == ["ok"] && differences.isEmpty }

        /// One line for people: what was checked and the verdict.
        public var summary: String {
            let what = "\(posts) posts, \(events) events, \(incidents) incidents, \(gestures) gestures, "
                + "\(promises) promises"
            if isConsistent {
                return "store consistent: integrity_check ok; \(what) rebuilt from the event log match their tables"
            }
            let integrityText = integrity == ["ok"] ? "integrity_check ok" : "integrity_check FAILED"
            return "store INCONSISTENT: \(integrityText), \(differences.count) difference(s); \(what)"
        }
    }

    /// Opens the database at `path` read-only and checks one snapshot of it.
    public static func run(databaseAt path: String) throws -> Report {
        let database = try BacklashDatabase.open(path: path, readOnly: true)
        return try database.writer.read { try run(in: $0) }
    }

    /// Runs every check inside one read transaction (a consistent snapshot even while the daemon writes).
    public static func run(in db: Database) throws -> Report {
        var report = Report()
        report.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        report.posts = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") ?? 0
        report.differences += try eventLogGaps(db)
        var rebuild = ProjectionRebuild()
        var after: Int64 = 0
        while true {
            let page = try EventLog.events(after: after, limit: 10_000, in: db)
            guard let last = page.last?.sequence else { break }
            rebuild.apply(page)
            after = last
        }
        report.events = rebuild.eventCount
        report.differences += rebuild.problems
        report.differences += try compareIncidents(rebuild.incidents, db)
        report.differences += try compareGestures(rebuild.gestures, db)
        report.differences += try comparePromises(rebuild.promises, db)
        report.incidents = rebuild.incidents.count
        report.gestures = rebuild.gestures.count
        report.promises = rebuild.promises.count
        let orphans = try Int.fetchAll(db, sql: """
            SELECT DISTINCT incident FROM post_incidents WHERE incident NOT IN (SELECT id FROM incidents) ORDER BY 1
            """)
        for orphan in orphans { report.differences.append("posts belong to incident #\(orphan), which has no row") }
        return report
    }

    static func eventLogGaps(_ db: Database) throws -> [String] {
        guard let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, min(id) AS lo, max(id) AS hi FROM events"),
            let lo: Int64 = row["lo"], let hi: Int64 = row["hi"]
        else { return [] }
        let n: Int64 = row["n"]
        guard n != hi - lo + 1 || lo != 1 else { return [] }
        return ["the event log has \(hi - n) missing sequence number(s) between 1 and \(hi): events were lost"]
    }

    static func compareIncidents(_ rebuilt: [Int: ProjectionRebuild.Incident], _ db: Database) throws -> [String] {
        var out: [String] = []
        var seen: Set<Int> = []
        for row in try Row.fetchAll(db, sql: "SELECT * FROM incidents ORDER BY id") {
            let id: Int = row["id"]
            seen.insert(id)
            guard let e = rebuilt[id] else {
                out.append("incident #\(id) has a row but no incident.opened event")
                continue
            }
            var diff = FieldDiff(subject: "incident #\(id)", lastEvent: e.lastEvent)
            diff.text("state", row["state"], e.state)
            diff.text("severity", row["severity"], e.severity)
            diff.text("peak severity", (Severity(rawValue: row["peak_severity"] ?? 0)?.name),
                Severity(rawValue: e.peakSeverity)?.name)
            diff.time("opened_at", row["opened_at"], e.openedAt, exact: true)
            diff.text("root", row["root"], e.root)
            diff.text("acked_by", row["acked_by"], e.ackedBy)
            diff.time("acked_at", row["acked_at"], e.ackedAt, exact: true)
            diff.text("assigned_to", row["assigned_to"], e.assignedTo)
            diff.time("snoozed_until", row["snoozed_until"], e.snoozedUntil, exact: false)
            diff.time("closed_at", row["closed_at"], e.closedAt, exact: true)
            diff.text("resolution", row["resolution"], e.resolution)
            diff.text("cause", row["cause"], e.cause)
            diff.text("policy", row["policy"], e.policy)
            diff.text(
                "escalation round", (row["esc_round"] as Int?).map(String.init), e.escalationRound.map(String.init))
            diff.text("escalation step", (row["esc_step"] as Int?).map(String.init), e.escalationStep.map(String.init))
            if e.escalationDeadlineKnown {
                diff.time("escalation deadline", row["esc_deadline"], e.escalationDeadline, exact: false)
            }
            diff.text("escalation exhausted", String((row["esc_exhausted"] as Int?) ?? 0 != 0),
                String(e.escalationExhausted))
            diff.text("paged", Self.array(row["paged"]).joined(separator: ","), e.paged.joined(separator: ","))
            diff.time("first_reply_at", row["first_reply_at"], e.firstReplyAt, exact: true)
            out += diff.lines
        }
        for id in rebuilt.keys.sorted() where !seen.contains(id) {
            out.append("incident #\(id) was opened by event #\(rebuilt[id]?.lastEvent ?? 0) but has no row")
        }
        return out
    }

    static func compareGestures(_ rebuilt: [Int: ProjectionRebuild.Gesture], _ db: Database) throws -> [String] {
        try compareRows(
            rebuilt, noun: "gesture", sql: "SELECT id, incident, state, deadline FROM gestures ORDER BY id",
            noEvent: "has a row but no gesture.proposed event", noRow: "was proposed in the event log but has no row",
            lastEvent: \.lastEvent, db
        ) { row, e, diff in
            diff.text("incident", String(row["incident"] as Int), String(e.incident))
            diff.text("state", row["state"], e.state)
            diff.time("deadline", row["deadline"], e.deadline, exact: false)
        }
    }

    static func comparePromises(_ rebuilt: [Int: ProjectionRebuild.Promise], _ db: Database) throws -> [String] {
        try compareRows(
            rebuilt, noun: "promise", sql: "SELECT id, incident, state, due FROM promises ORDER BY id",
            noEvent: "has a row but no promise.recorded event", noRow: "was recorded in the event log but has no row",
            lastEvent: \.lastEvent, db
        ) { row, e, diff in
            diff.text("incident", String(row["incident"] as Int), String(e.incident))
            diff.text("state", row["state"], e.state)
            diff.time("due", row["due"], e.due, exact: false)
        }
    }

    /// Compares a table's rows with their rebuilt counterparts: a row without events, events without a row, and each
    /// differing field, as sentences.
    static func compareRows<Rebuilt>(
        _ rebuilt: [Int: Rebuilt], noun: String, sql: String, noEvent: String, noRow: String,
        lastEvent: KeyPath<Rebuilt, Int64?>, _ db: Database, fields: (Row, Rebuilt, inout FieldDiff) -> Void
    ) throws -> [String] {
        var out: [String] = []
        var seen: Set<Int> = []
        for row in try Row.fetchAll(db, sql: sql) {
            let id: Int = row["id"]
            seen.insert(id)
            guard let e = rebuilt[id] else {
                out.append("\(noun) #\(id) \(noEvent)")
                continue
            }
            var diff = FieldDiff(subject: "\(noun) #\(id)", lastEvent: e[keyPath: lastEvent])
            fields(row, e, &diff)
            out += diff.lines
        }
        for id in rebuilt.keys.sorted() where !seen.contains(id) {
            out.append("\(noun) #\(id) \(noRow)")
        }
        return out
    }

    static func array(_ text: String?) -> [String] {
        guard let text, case .array(let items)? = try? JSONParser().parse(text) else { return [] }
        return items.compactMap(\.stringValue)
    }
}

/// Collects the columns where a table row and the event log disagree, as sentences.
struct FieldDiff {
    let subject: String
    let lastEvent: Int64?
    var lines: [String] = []

    mutating func text(_ field: String, _ table: String?, _ events: String?) {
        guard table != events else { return }
        report(field, table.map { "'\($0)'" }, events.map { "'\($0)'" })
    }

    /// `exact`: the event log holds the same double (an event's own time); otherwise an RFC 3339 detail, which
    /// keeps milliseconds (rounded down).
    mutating func time(_ field: String, _ table: Double?, _ events: Double?, exact: Bool) {
        switch (table, events) {
        case (nil, nil): return
        case (let t?, let e?):
            let tolerance = exact ? 1e-6 : 0.001 + 1e-6
            if abs(t - e) <= tolerance { return }
        default: break
        }
        report(field, table.map(RFC3339.format), events.map(RFC3339.format))
    }

    mutating func report(_ field: String, _ table: String?, _ events: String?) {
        lines.append("\(subject): \(field) is \(table ?? "null") in its table, but the event log says "
            + "\(events ?? "null") (last event #\(lastEvent ?? 0))")
    }
}
