import ArgumentParser
import Foundation

/// Restart to READY=1 with millions of posts stored, and the daemon's RSS then (issue 9); beside the same daemon on
/// an empty database and the sqlite3 CLI asking the same start-up questions of the same file (the floor).
/// Benchmarks/restart.sh runs it.
struct RestartReady: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restart",
        abstract: "Start-to-READY time and RSS of backlashd with N posts stored, vs an empty database and sqlite3.",
        discussion: """
            The database is made by backlashd itself (its migrations), then filled by the sqlite3 CLI with N posts, \
            2,000 incidents (10 open) and 100,000 events in the daemon's exact schema, in one transaction. It is \
            kept and reused (--reuse) when it holds N posts (those the RSS phase adds are deleted again).
            """)

    @Option(help: "The backlashd binary (release build).") var backlashd: String
    @Option(help: "Posts stored.") var posts = 5_000_000
    @Option(help: "Restarts timed (the median and the slowest are reported).") var runs = 5
    @Option(help: "Posts sent through the socket after READY before RSS is read again.") var ingest = 100_000
    @Option(help: "Working directory (the database is kept there).") var work: String
    @Flag(help: "Reuse the database in --work when it already holds the posts.") var reuse = false

    func run() throws {
        let full = work + "/full"
        let empty = work + "/empty"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let notify = try NotifyListener(path: work + "/notify.sock")
        let database = full + "/var/backlash.sqlite"
        if !(reuse && (try? storedPosts(database)) == posts) {
            try? FileManager.default.removeItem(atPath: full)
            try build(directory: full, notify: notify)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        print("database: \(posts) posts, \(ProcessStats.mib(size)) on disk ("
            + "\(try storedPosts(database)) rows in posts); \(ProcessInfo.processInfo.activeProcessorCount) cores")

        try? FileManager.default.removeItem(atPath: empty)
        // One untimed start each first: it applies any migration newer than the database and warms the page cache
        // (the timed restarts are warm, as a `systemctl restart` is).
        _ = try restart(empty, notify: notify)
        _ = try restart(full, notify: notify)
        let emptyRuns = try (0..<runs).map { _ in try restart(empty, notify: notify) }
        let fullRuns = try (0..<runs).map { _ in try restart(full, notify: notify) }
        let floor = try (0..<runs).map { _ in try sqliteFloor(database) }

        // RSS after taking posts: the last start, then `ingest` background posts as fast as it acknowledges.
        let daemon = try DaemonUnderTest(binary: backlashd, directory: full, config: DaemonUnderTest.config(),
            notify: notify)
        let atReady = daemon.stats
        let load = PacedIngest(
            socket: daemon.ingestSocket, rate: nil, clients: 4, seed: UInt64(Date().timeIntervalSince1970))
        try load.start()
        let loadStart = WallClock.now()
        try waitFor("\(ingest) posts acknowledged", timeout: 600, poll: 0.05) { load.total.acknowledged >= ingest }
        load.stop()
        let loadSeconds = WallClock.now() - loadStart
        let afterIngest = daemon.stats
        daemon.stop()
        // Take those posts out again, so that the kept database holds exactly N posts for the next run.
        let (trimmed, trimOutput) = try runToCompletion("/usr/bin/sqlite3", [database,
            "DELETE FROM posts WHERE seq > \(posts); PRAGMA wal_checkpoint(TRUNCATE);"])
        guard trimmed == 0 else { throw BenchError("sqlite3 could not trim the posts added: \(trimOutput)") }

        func median(_ xs: [Double]) -> Double { LatencySummary(xs).percentile(50) ?? 0 }
        let fullReady = fullRuns.map(\.ready), emptyReady = emptyRuns.map(\.ready)
        print("")
        print("| start → READY=1 | median | slowest | CPU used by READY (median) | RSS after READY |")
        print("|---|---|---|---|---|")
        print("| backlashd, \(posts) posts | \(LatencySummary.ms(median(fullReady))) | "
            + "\(LatencySummary.ms(fullReady.max())) | \(LatencySummary.ms(median(fullRuns.map(\.cpu)))) | "
            + "\(ProcessStats.mib(fullRuns.map(\.rss).max() ?? 0)) |")
        print("| backlashd, empty database | \(LatencySummary.ms(median(emptyReady))) | "
            + "\(LatencySummary.ms(emptyReady.max())) | \(LatencySummary.ms(median(emptyRuns.map(\.cpu)))) | "
            + "\(ProcessStats.mib(emptyRuns.map(\.rss).max() ?? 0)) |")
        print("| sqlite3 CLI: open + the same start-up queries | \(LatencySummary.ms(median(floor))) | "
            + "\(LatencySummary.ms(floor.max())) | – | – |")
        print("")
        print(String(format: "ratio (median READY): %d posts / empty = %.2f, %d posts / sqlite3 floor = %.2f; "
            + "target <= 2 s: %@", posts, median(fullReady) / median(emptyReady), posts,
            median(fullReady) / median(floor), (fullReady.max() ?? 99) <= 2 ? "met" : "NOT met"))
        print("stop (SIGTERM → exit): median \(LatencySummary.ms(median(fullRuns.map(\.stop))))")
        let rssReady = atReady?.rss ?? 0, rssAfter = afterIngest?.rss ?? 0
        print("RSS with \(posts) posts stored: \(ProcessStats.mib(rssReady)) after READY, "
            + "\(ProcessStats.mib(rssAfter)) after taking \(load.total.acknowledged) more posts "
            + String(format: "(%.0f posts/s, 4 clients)", Double(load.total.acknowledged) / loadSeconds)
            + "; peak \(ProcessStats.mib(afterIngest?.peakRSS ?? 0)); target <= 200 MiB: "
            + (max(rssReady, rssAfter) <= 200 << 20 ? "met" : "NOT met"))
    }

    struct Restart {
        var ready: Double
        var cpu: Double
        var rss: Int
        var stop: Double
    }

    /// Starts the daemon in `directory`, times READY=1, reads its RSS, stops it and times the stop.
    func restart(_ directory: String, notify: NotifyListener) throws -> Restart {
        let daemon = try DaemonUnderTest(binary: backlashd, directory: directory, config: DaemonUnderTest.config(),
            notify: notify)
        Thread.sleep(forTimeInterval: 0.5)
        let rss = daemon.stats?.rss ?? 0
        let stopStart = WallClock.now()
        daemon.stop()
        return Restart(ready: daemon.startup, cpu: daemon.cpuAtReady, rss: rss, stop: WallClock.now() - stopStart)
    }

    /// The sqlite3 CLI opening the database and asking what Engine.init asks, timed from spawn to exit.
    func sqliteFloor(_ database: String) throws -> Double {
        let start = WallClock.now()
        let (status, out) = try runToCompletion("/usr/bin/sqlite3", ["-readonly", database, """
            SELECT coalesce(max(seq), 0) FROM posts; SELECT coalesce(max(id), 0) FROM events;
            SELECT coalesce(max(id), 0) FROM rejects; SELECT count(*) FROM events WHERE kind = 'inbox.quarantined';
            SELECT coalesce(max(id), 0) FROM incidents; SELECT count(*) FROM incidents WHERE state != 'closed';
            """])
        guard status == 0 else { throw BenchError("sqlite3 failed on \(database): \(out)") }
        return WallClock.now() - start
    }

    func storedPosts(_ database: String) throws -> Int {
        let (status, out) = try runToCompletion("/usr/bin/sqlite3", ["-readonly", database,
            "SELECT coalesce(max(seq), 0) FROM posts"])
        guard status == 0 else { throw BenchError("sqlite3: \(out)") }
        return Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Lets backlashd create its database (schema and migrations), then fills it with sqlite3.
    func build(directory: String, notify: NotifyListener) throws {
        let daemon = try DaemonUnderTest(binary: backlashd, directory: directory, config: DaemonUnderTest.config(),
            notify: notify)
        daemon.stop()
        let start = WallClock.now()
        let t0 = 1_790_000_000.0  // 2026-09-21: posts every 0.5 s up to the present day of the run's story
        let sql = """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(posts)),
            p AS (
                SELECT i, 'p' || i AS pid, 'u' || (i * 7919 % 200000) AS author, \(t0) + i * 0.5 AS t,
                    CASE WHEN i % 5 != 0 THEN 'p' || (i - i % 5) END AS parent,
                    CASE i % 4
                        WHEN 0 THEN printf('Спасибо курьеру, заказ №%d привезли вовремя, всё горячее!', i)
                        WHEN 1 THEN printf('Подскажите, как поменять адрес заказа №%d на Садовую %d?', i, i % 120)
                        WHEN 2 THEN printf('Водитель опоздал на %d минут, заказ №%d, но в целом нормально.', i % 30, i)
                        ELSE printf('Please add dark mode to the app, order %d was fine otherwise.', i)
                    END AS text
                FROM n
            )
            INSERT INTO posts (seq, platform, post_id, author_id, created_at, parent_id, text, raw, content_hash,
                source, received_at, incident)
            SELECT i, 'twitter', pid, author, t, parent, text,
                json_object('platform', 'twitter', 'id', pid,
                    'author', json_object('id', author, 'handle', '@' || author, 'followers', i * 31 % 5000),
                    'text', text, 'created_at', strftime('%Y-%m-%dT%H:%M:%SZ', t, 'unixepoch'), 'channel', 'post',
                    'lang', 'ru', 'url', 'https://x.com/' || author || '/status/' || pid,
                    'repost_of', parent),
                (i * 2654435761) % 9007199254740991, 'socket', t + 0.01, NULL
            FROM p;
            INSERT INTO post_incidents (seq, incident, created_at)
            SELECT seq, seq / 100 % 2000 + 1, created_at FROM posts WHERE seq % 100 = 0;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO incidents (id, state, severity, peak_severity, score, opened_at, updated_at, first_post_at,
                root, title, reasons, named_managers, posts, reshares, audience, closed_at, resolution, cause)
            SELECT i, CASE WHEN i > 1990 THEN 'open' ELSE 'closed' END, 'medium', 2, 0.4,
                \(t0) + i * 1000, \(t0) + i * 1000 + 600, \(t0) + i * 1000, 'twitter:p' || (i * 100),
                'incident ' || i, '["reach forecast 120k"]', '[]', 2500, 2000, 300000,
                CASE WHEN i <= 1990 THEN \(t0) + i * 1000 + 3600 END, CASE WHEN i <= 1990 THEN 'apology' END,
                CASE WHEN i <= 1990 THEN 'defect' END
            FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
            INSERT INTO events (time, kind, incident, actor, message, details)
            SELECT \(t0) + i * 20, CASE i % 5 WHEN 0 THEN 'incident.opened' WHEN 1 THEN 'incident.updated'
                    WHEN 2 THEN 'incident.escalated' WHEN 3 THEN 'page.sent' ELSE 'incident.closed' END,
                CAST(i % 2000 + 1 AS TEXT), 'backlashd', 'event ' || i, '{"severity":"medium","reasons":["bench"]}'
            FROM n;
            COMMIT;
            PRAGMA journal_mode = WAL;
            """
        let (status, out) = try runToCompletion("/usr/bin/sqlite3", [directory + "/var/backlash.sqlite"], input: sql)
        guard status == 0 else { throw BenchError("sqlite3 could not fill the database: \(out)") }
        print(String(format: "built the database with sqlite3 in %.1f s", WallClock.now() - start))
    }
}
