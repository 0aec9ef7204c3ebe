import ArgumentParser
import BacklashCore
import BacklashDaemon
import BacklashStore
import Foundation
import Logging

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run posts through the real engine offline, on the posts' own clock, and print every event.",
        discussion: """
            The engine, detector and escalation are the daemon's own; the clock follows each post's created_at
            (observed_at for metrics observations), timers fire in between, and after the last post the clock runs
            on until no timer is left (at most 7 days). Pages are recorded, not sent. The store is a temporary
            SQLite file unless --db names one.
            """)

    @Argument(help: ArgumentHelp("NDJSON files of posts.", valueName: "FILE")) var files: [String]
    @Option(help: ArgumentHelp("Configuration (managers, policies, thresholds).", valueName: "FILE")) var config: String?
    @Option(help: ArgumentHelp("Keep the store in this SQLite file.", valueName: "FILE")) var db: String?
    @Flag(help: "One JSON object per event.") var json = false

    func run() async throws {
        let posts = try PostInput.load(files)
        let loaded: BacklashConfig
        do {
            loaded = try config.map { try ConfigLoader.load(file: $0, environment: [:]) }
                ?? BacklashConfig(paths: .development(base: "var"))
        } catch let error as ConfigError {
            printError("invalid configuration:\n\(error)")
            throw ExitCode(2)
        }
        let result = try await Replayer(config: loaded, dbPath: db).run(posts)
        for e in result.events { print(json ? ReplayOutput.jsonLine(e) : ReplayOutput.textLine(e)) }
    }
}

/// Reads posts from files for the offline commands, reporting bad lines on stderr.
enum PostInput {
    static func load(_ files: [String]) throws -> [Post] {
        var posts: [Post] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot be read")
                throw ExitCode(2)
            }
            let content = PostFileReader().parse(Array(data))
            if let e = content.fileError {
                printError("\(file): \(e)")
                throw ExitCode(2)
            }
            for r in content.rejected.prefix(10) { printError("\(file): \(r.error)") }
            if content.rejectedCount > 10 { printError("\(file): … \(content.rejectedCount - 10) more rejected lines") }
            posts += content.posts
        }
        return posts
    }
}

/// Drives the real engine over a stream on a manual clock.
struct Replayer {
    let config: BacklashConfig
    let dbPath: String?

    struct Result {
        var events: [Event]
        var engine: Engine
    }

    func run(_ posts: [Post]) async throws -> Result {
        let path = dbPath ?? NSTemporaryDirectory() + "backlash-replay-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        defer {
            if dbPath == nil {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let database = try BacklashDatabase.open(path: path)
        let ordered = posts.enumerated().sorted { ($0.element.observationTime, $0.offset) < ($1.element.observationTime, $1.offset) }
            .map(\.element)
        let clock = ManualTime(ordered.first?.observationTime ?? 0)
        let sink = RecordingSink()
        var logger = Logger(label: "replay")
        logger.logLevel = .critical
        let engine = try Engine(database: database, sink: sink, time: clock, logger: logger, config: config)
        var i = 0
        while i < ordered.count {
            let t = ordered[i].observationTime
            var batch: [IncomingPost] = []
            while i < ordered.count, ordered[i].observationTime == t {
                batch.append(IncomingPost(post: ordered[i], source: "replay"))
                i += 1
            }
            try await fireTimers(engine, clock, until: t)
            clock.advance(to: t)
            _ = try await engine.commit(posts: batch)
        }
        try await fireTimers(engine, clock, until: clock.now() + 7 * 86_400)
        return Result(events: sink.events, engine: engine)
    }

    /// Fires every timer due before `limit`, each at its own time.
    func fireTimers(_ engine: Engine, _ clock: ManualTime, until limit: Double) async throws {
        var guardCount = 0
        while let next = try await engine.nextTimerDeadline(), next <= limit, guardCount < 10_000 {
            clock.advance(to: next)
            try await engine.tick()
            guardCount += 1
        }
    }
}

enum ReplayOutput {
    static func jsonLine(_ e: Event) -> String {
        var o = JSONObject(pairs: [
            "time": .string(RFC3339.format(e.time)), "kind": .string(e.kind.rawValue),
            "incident": e.incident.map { .string($0) } ?? .null, "actor": .string(e.actor), "message": .string(e.message),
        ])
        for key in ["root", "manager", "severity", "score", "reasons", "coordinated", "channel", "reason", "forecast", "posts"] {
            if let v = e.details[key] { o[key] = v }
        }
        if e.kind == .incidentCoordinated { o["coordinated"] = true }
        return JSONWriter().string(.object(o))
    }

    static func textLine(_ e: Event) -> String {
        let incident = e.incident.map { "#" + $0 } ?? "-"
        return "\(RFC3339.format(e.time))  \(e.kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) "
            + "\(incident.padding(toLength: 5, withPad: " ", startingAt: 0)) \(e.message)"
    }
}
