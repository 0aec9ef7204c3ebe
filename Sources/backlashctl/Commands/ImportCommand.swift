import ArgumentParser
import BacklashCore
import BacklashDaemon
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn platform exports (Twitter API v2, VK API, Telegram export, CSV) into posts and feed them in.",
        discussion: """
            --to socket (default) sends the posts to the daemon's ingest socket and counts its answers; --to inbox
            writes one NDJSON file per input into the inbox (tmp/, then renamed into new/); --to stdout prints
            NDJSON. Rejected records are listed with their reasons; the exit status is 1 when any were rejected.
            """)

    @Option(name: .long, help: "twitter-v2, vk, telegram or csv (default: guessed from the content).")
    var format: String?

    @Option(name: .long, help: "socket, inbox or stdout.")
    var to: String = "socket"

    @Option(name: .long, help: ArgumentHelp("The ingest socket (default: as backlashd finds it).", valueName: "PATH"))
    var ingestSocket: String?

    @Option(name: .long, help: ArgumentHelp("The inbox directory (default: as backlashd finds it).", valueName: "DIR"))
    var inbox: String?

    @Option(name: .long, help: ArgumentHelp(
        "CSV columns as v1-path=column pairs, e.g. author.id=user,text=body.", valueName: "MAP"))
    var columns: String?

    @Option(name: .long, help: "CSV: the platform when there is no platform column.")
    var platform: String?

    @Argument(help: ArgumentHelp("Export files to import.", valueName: "FILE"))
    var files: [String]

    func validate() throws {
        if let format, ImportFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ["socket", "inbox", "stdout"].contains(to) else { throw ValidationError("--to must be socket, inbox or stdout") }
        if files.isEmpty { throw ValidationError("name at least one FILE") }
    }

    func run() throws {
        var anyRejected = false
        var failed = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("\(file): cannot be read")
                failed = true
                continue
            }
            guard let fmt = format.flatMap(ImportFormat.init(rawValue:)) ?? ImportFormat.guess(from: data) else {
                printError("\(file): cannot tell its format; name it with --format "
                    + ImportFormat.allCases.map(\.rawValue).joined(separator: "|"))
                failed = true
                continue
            }
            let result: ImportResult
            do {
                result = try importer(for: fmt).convert(data, sourceName: (file as NSString).lastPathComponent)
            } catch {
                printError("\(file): \(error)")
                failed = true
                continue
            }
            let lines = result.posts.map { $0.jsonLine() }
            var summary = "\(file) (\(fmt.rawValue)): \(result.posts.count) posts"
            switch to {
            case "stdout":
                for line in lines { print(line) }
            case "inbox":
                let name = try writeToInbox(lines, file: file)
                summary += " written to the inbox as \(name)"
            default:
                let counts = try sendToSocket(lines)
                summary += ": " + counts.map { "\($0.value) \($0.key)" }.sorted().joined(separator: ", ")
                if counts["rejected", default: 0] > 0 { anyRejected = true }
            }
            if result.skipped > 0 { summary += "; \(result.skipped) skipped" }
            if !result.rejected.isEmpty {
                anyRejected = true
                summary += "; \(result.rejected.count) rejected:"
                for r in result.rejected.prefix(20) { summary += "\n  " + r.description }
                if result.rejected.count > 20 { summary += "\n  … and \(result.rejected.count - 20) more" }
            }
            for note in result.notes { summary += "\n  note: " + note }
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
        if failed { throw ExitCode(2) }
        if anyRejected { throw ExitCode(1) }
    }

    func importer(for fmt: ImportFormat) throws -> any PostImporter {
        if fmt == .csv {
            var map = CSVColumnMap.standard
            if let columns {
                do { map = try CSVColumnMap(overriding: columns) } catch {
                    throw ValidationError("--columns: \(error)")
                }
            }
            return CSVImporter(columns: map, defaultPlatform: platform)
        }
        return fmt.makeImporter()
    }

    func writeToInbox(_ lines: [String], file: String) throws -> String {
        let root = inbox ?? PathDiscovery.paths().inbox
        let base = (file as NSString).lastPathComponent
        let name = "\(Int(Date().timeIntervalSince1970)).\(getpid()).import-\(base).ndjson"
        let tmp = root + "/tmp/" + name
        guard FileManager.default.createFile(atPath: tmp, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        else {
            printError("cannot write into \(root)/tmp; is the inbox there and writable?")
            throw ExitCode(2)
        }
        guard rename(tmp, root + "/new/" + name) == 0 else {
            printError("cannot move the file into \(root)/new: \(String(cString: strerror(errno)))")
            throw ExitCode(2)
        }
        return name
    }

    func sendToSocket(_ lines: [String]) throws -> [String: Int] {
        let path = ingestSocket ?? PathDiscovery.paths().ingestSocket
        let client: StreamClient
        do { client = try StreamClient(path: path) } catch {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        let progress = ProgressLine(total: lines.count)
        let writer = Thread {
            client.sendAll(lines)
        }
        writer.start()
        var counts: [String: Int] = [:]
        var received = 0
        while received < lines.count, let reply = client.readLine() {
            received += 1
            if reply.hasPrefix("{\"ok\":true"), let status = reply.split(separator: "\"").dropLast().last {
                counts[String(status), default: 0] += 1
            } else {
                counts["rejected", default: 0] += 1
                if counts["rejected"]! <= 10 { printError("rejected: \(reply)") }
            }
            progress.update(received)
        }
        progress.finish()
        if received < lines.count {
            printError("the daemon closed the connection after \(received) of \(lines.count) answers; "
                + "resend the file (re-delivery is idempotent)")
            throw ExitCode(3)
        }
        return counts
    }
}

/// A progress bar on standard error, only when it is a terminal.
final class ProgressLine {
    let total: Int
    let enabled = isatty(STDERR_FILENO) != 0
    var last = 0.0

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard enabled, total > 1000 else { return }
        let now = Date().timeIntervalSince1970
        guard now - last > 0.1 || done == total else { return }
        last = now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled, total > 1000 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
