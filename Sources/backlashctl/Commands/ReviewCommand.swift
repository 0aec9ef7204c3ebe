import ArgumentParser
import BacklashCore
import BacklashStore
import GRDB
import Foundation

/// Where the event log comes from: the running daemon, a database file, or the journal.
struct EventSource: ParsableArguments {
    @Option(help: ArgumentHelp("Read this database file instead of asking the daemon.", valueName: "FILE"))
    var db: String?

    @Flag(help: "Rebuild the events from the systemd journal (when the database is lost).")
    var fromJournal = false

    func events(incident: String?, since: Double?, connection: ConnectionOptions) throws -> [Event] {
        if fromJournal { return try JournalEvents.read(incident: incident, since: since) }
        if let db {
            guard FileManager.default.fileExists(atPath: db) else {
                printError("\(db) does not exist")
                throw ExitCode(2)
            }
            let database = try BacklashDatabase.open(path: db, readOnly: true)
            return try database.writer.read { d in
                if let incident { return try EventLog.events(incident: incident, limit: 1_000_000, in: d) }
                return try EventLog.events(limit: 5_000_000, in: d).filter { $0.time >= (since ?? 0) }
            }
        }
        var args = JSONObject()
        if let incident { args["incident"] = .string(incident) }
        if let since { args["since"] = JSONValue(since) }
        guard case .array(let items) = try connection.call("events", args: args) else { return [] }
        return items.compactMap { $0.objectValue.flatMap(EventDecoding.event) }
    }
}

/// Events from their JSON rendering (control socket) or journal fields.
enum EventDecoding {
    static func event(_ o: JSONObject) -> Event? {
        guard let kind = o["kind"]?.stringValue.flatMap(EventKind.init(rawValue:)),
            let time = o["time"]?.stringValue.flatMap(RFC3339.parse)
        else { return nil }
        return Event(
            sequence: o["seq"]?.int64Value, time: time, kind: kind, incident: o["incident"]?.stringValue,
            actor: o["actor"]?.stringValue ?? "backlashd", message: o["message"]?.stringValue ?? "",
            details: o["details"]?.objectValue ?? JSONObject())
    }
}

/// Reads Backlash events back from the journal with `journalctl -o json`.
enum JournalEvents {
    static func read(incident: String?, since: Double?) throws -> [Event] {
        var args = ["-o", "json", "--no-pager", "SYSLOG_IDENTIFIER=backlashd"]
        if let incident { args.append("BACKLASH_INCIDENT=\(incident)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch {
            printError("cannot run journalctl: \(error)")
            throw ExitCode(3)
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var events: [Event] = []
        let parser = JSONParser()
        for line in data.split(separator: 0x0A) {
            guard let o = try? parser.parse(Array(line)).objectValue,
                let kind = o["BACKLASH_EVENT"]?.stringValue.flatMap(EventKind.init(rawValue:)),
                let time = o["BACKLASH_TIME"]?.stringValue.flatMap(RFC3339.parse)
            else { continue }
            if let since, time < since { continue }
            let details = o["BACKLASH_DETAILS"]?.stringValue.flatMap { try? parser.parse($0).objectValue } ?? JSONObject()
            events.append(Event(
                sequence: o["BACKLASH_SEQUENCE"]?.stringValue.flatMap { Int64($0) }, time: time, kind: kind,
                incident: o["BACKLASH_INCIDENT"]?.stringValue, actor: o["BACKLASH_ACTOR"]?.stringValue ?? "backlashd",
                message: o["MESSAGE"]?.stringValue ?? "", details: details))
        }
        // One entry per sequence number (a journal may hold a sequence twice after a restore).
        var seen = Set<Int64>()
        return events.sorted { ($0.sequence ?? 0, $0.time) < ($1.sequence ?? 0, $1.time) }
            .filter { e in e.sequence.map { seen.insert($0).inserted } ?? true }
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Write the post-incident review: figures, reach chart, timeline, replies, what we change.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var source: EventSource
    @Argument(help: "Incident id.") var id: Int
    @Option(help: "md, html or json.") var format: String = "md"
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "FILE")) var out: String?

    func validate() throws {
        guard ["md", "html", "json"].contains(format) else { throw ValidationError("--format must be md, html or json") }
    }

    func run() throws {
        let events = try source.events(incident: String(id), since: nil, connection: connection)
        guard events.contains(where: { $0.kind == .incidentOpened }) else {
            printError("no events of incident #\(id) were found"
                + (source.fromJournal ? " in the journal" : source.db != nil ? " in \(source.db!)" : ""))
            throw ExitCode(5)
        }
        let review = IncidentReview.build(incident: String(id), events: events)
        let chartName = out.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension + "-reach.svg" }
        let text: String = switch format {
        case "html": ReviewHTMLRenderer().render(review)
        case "json": ReviewJSONRenderer().render(review)
        default: ReviewMarkdownRenderer(chartPath: chartName).render(review)
        }
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            if format == "md", let chartName {
                let dir = (out as NSString).deletingLastPathComponent
                let chart = (dir.isEmpty ? "" : dir + "/") + chartName
                try Data(ReachChart(review: review).svg().utf8).write(to: URL(fileURLWithPath: chart))
            }
            FileHandle.standardError.write(Data("review of #\(id) written to \(out)\n".utf8))
        } else {
            print(text)
        }
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Incidents of a period: causes, platforms, portraits, MTTA/MTTR percentiles, spend, load.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var source: EventSource
    @Option(help: "The period, back from now: 7d, 30d, 12h.") var since: String = "30d"
    @Option(help: "text, md or json.") var format: String = "text"

    func run() throws {
        guard let seconds = DurationText.parse(since) else { throw ValidationError("--since takes a duration such as 30d") }
        let now = Date().timeIntervalSince1970
        let events = try source.events(incident: nil, since: nil, connection: connection)
        let report = IncidentReport.build(events: events, since: now - seconds, until: now + 1)
        switch connection.json ? "json" : format {
        case "json": print(ReportRenderer().json(report))
        case "md": print(ReportRenderer().markdown(report))
        default: print(ReportRenderer().text(report))
        }
    }
}
