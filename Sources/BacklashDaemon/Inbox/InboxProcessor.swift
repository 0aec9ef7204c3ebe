import BacklashCore
import BacklashStore
import Foundation
import Logging

/// Takes every file waiting in `new/`: parses, commits its posts in batched transactions, then moves it.
struct InboxProcessor: Sendable {
    let directory: InboxDirectory
    let engine: Engine
    let settings: BacklashConfig.InboxSettings
    let logger: Logger
    let parser = PostFileReader()

    /// Outcome of one pass over `new/`.
    struct Pass: Sendable {
        var accepted = 0
        var quarantined = 0
        var posts = 0
    }

    /// Processes everything currently in `new/`, batch by batch; `shouldStop` is checked between batches.
    ///
    /// A file that could not be moved out of `new/` is not taken again in the same pass (the next pass retries it),
    /// so one stuck file cannot spin the daemon.
    func drain(shouldStop: @Sendable () -> Bool = { false }) async throws -> Pass {
        var pass = Pass()
        var tried = Set<String>()
        var listing = directory.pendingEntries()
        var names = listing.names
        while !names.isEmpty || !listing.undecodable.isEmpty {
            if !listing.undecodable.isEmpty {
                pass.quarantined += try await quarantineUndecodable(listing.undecodable)
                listing.undecodable = []
            }
            let batch = Array(names.prefix(settings.batchFiles))
            names.removeFirst(batch.count)
            tried.formUnion(batch)
            if !batch.isEmpty {
                let result = try await process(batch)
                pass.accepted += result.accepted
                pass.quarantined += result.quarantined
                pass.posts += result.posts
            }
            if shouldStop() { break }
            if names.isEmpty {
                listing = directory.pendingEntries()
                names = listing.names.filter { !tried.contains($0) }
                listing.undecodable = listing.undecodable.filter { !tried.contains(InboxFileName.printable($0)) }
                tried.formUnion(listing.undecodable.map(InboxFileName.printable))
            }
        }
        return pass
    }

    /// Files whose names are not UTF-8 are quarantined unread, under an escaped name: a writer that names files so
    /// must be fixed, and no name of ours may hide what the file was called.
    func quarantineUndecodable(_ raws: [[UInt8]]) async throws -> Int {
        let now = engine.now()
        let reason = "the file name is not valid UTF-8; name inbox files in UTF-8 (the file was not read)"
        var rejects: [RejectedInput] = []
        var events: [Event] = []
        for raw in raws {
            let printable = InboxFileName.printable(raw)
            rejects.append(RejectedInput(source: "inbox:" + printable, line: nil, error: reason, input: []))
            events.append(quarantineEvent(
                printable, quoted: InboxFileName.quoted(raw), fileID: "", reason: reason, time: now, stored: 0))
        }
        _ = try await engine.store(posts: [], rejects: rejects, events: events)
        var moved = 0
        for raw in raws {
            let report = "inbox file \(InboxFileName.quoted(raw)) was quarantined:\n\(reason)\n"
            if directory.quarantine(rawName: raw, report: report) { moved += 1 }
            logger.warning(
                "inbox file quarantined", metadata: ["file": "\(InboxFileName.quoted(raw))", "reason": "\(reason)"])
        }
        return moved
    }

    struct BatchResult {
        var accepted = 0
        var quarantined = 0
        var posts = 0
    }

    /// A file going to `failed/`: why, and what the transaction records about it.
    struct Quarantine {
        var name: String
        var reason: String
        var event: Event
        var rejects: [RejectedInput]
    }

    /// One transaction for a batch of files: good posts, rejected lines and quarantine events commit together.
    func process(_ names: [String]) async throws -> BatchResult {
        var result = BatchResult()
        var incoming: [IncomingPost] = []
        var accept: [String] = []
        var quarantine: [Quarantine] = []
        let now = engine.now()
        for name in names {
            let source = "inbox:" + name
            let fileID = directory.identity(name) ?? ""
            switch directory.read(name, maxSize: settings.maxFileSize) {
            case .vanished:
                continue
            case .quarantine(let reason):
                quarantine.append(Quarantine(
                    name: name, reason: reason,
                    event: quarantineEvent(name, fileID: fileID, reason: reason, time: now, stored: 0),
                    rejects: [RejectedInput(source: source, line: nil, error: reason, input: [])]))
            case .bytes(let bytes):
                // Files in new/ are complete (Maildir: written in tmp/, renamed into new/); a bad one is kept in
                // failed/ with its reason, and re-delivering a fixed copy is idempotent.
                let content = parser.parse(bytes)
                incoming += content.posts.map { IncomingPost(post: $0, source: source) }
                if let fileError = content.fileError {
                    quarantine.append(Quarantine(
                        name: name, reason: fileError,
                        event: quarantineEvent(name, fileID: fileID, reason: fileError, time: now, stored: 0),
                        rejects: [RejectedInput(source: source, line: nil, error: fileError, input: bytes)]))
                } else if content.rejectedCount > 0 {
                    var report = "\(content.posts.count) of \(content.posts.count + content.rejectedCount) posts "
                        + "were stored; rejected:\n" + content.rejected.map(\.error).joined(separator: "\n")
                    var rejected = content.rejected.map {
                        RejectedInput(source: source, line: $0.line, error: $0.error, input: [])
                    }
                    if content.unlistedRejections > 0 {
                        let more = "… and \(content.unlistedRejections) more rejected (only the first "
                            + "\(content.rejected.count) are listed)"
                        report += "\n" + more
                        rejected.append(RejectedInput(source: source, line: nil, error: more, input: []))
                    }
                    quarantine.append(Quarantine(
                        name: name, reason: report,
                        event: quarantineEvent(
                            name, fileID: fileID,
                            reason: content.rejected.map(\.error).prefix(5).joined(separator: "; "), time: now,
                            stored: content.posts.count),
                        rejects: rejected))
                } else {
                    accept.append(name)
                }
            }
        }
        // A file whose quarantine committed just before a crash is still in new/: move it, record it once.
        let recorded = try await alreadyQuarantined(quarantine)
        let fresh = quarantine.filter { !recorded.contains($0.name) }
        let events = fresh.map(\.event)
        if !incoming.isEmpty || !events.isEmpty {
            _ = try await engine.store(posts: incoming, rejects: fresh.flatMap(\.rejects), events: events)
        }
        // Only after the commit: a crash before this point leaves the files in new/, and re-taking them is idempotent.
        for name in accept where directory.accept(name) { result.accepted += 1 }
        for q in quarantine {
            let report = "inbox file \(Self.quoted(q.name)) was quarantined:\n\(q.reason)\n"
            if directory.quarantine(q.name, report: report) { result.quarantined += 1 }
            logger.warning(
                "inbox file quarantined", metadata: ["file": "\(Self.quoted(q.name))", "reason": "\(q.reason)"])
        }
        result.posts = incoming.count
        return result
    }

    /// Names among `quarantine` whose event the log already holds (same name, same file identity).
    func alreadyQuarantined(_ quarantine: [Quarantine]) async throws -> Set<String> {
        guard !quarantine.isEmpty else { return [] }
        let keys = quarantine.map { ($0.name, $0.event.details["file_id"]?.stringValue ?? "") }
        return try await engine.read { db in
            var found: Set<String> = []
            for (name, fileID) in keys where try EventLog.wasQuarantined(file: name, fileID: fileID, in: db) {
                found.insert(name)
            }
            return found
        }
    }

    func quarantineEvent(
        _ name: String, quoted: String? = nil, fileID: String, reason: String, time: Double, stored: Int
    ) -> Event {
        Event(
            time: time, kind: .inboxQuarantined,
            message: "inbox file \(quoted ?? Self.quoted(name)) quarantined to failed/: \(reason)",
            details: JSONObject(pairs: [
                "file": .string(name), "file_id": .string(fileID), "reason": .string(reason),
                "stored_posts": JSONValue(stored),
            ]))
    }

    /// A file name as printable text: control characters (newlines in names) and bidi overrides escaped.
    static func quoted(_ name: String) -> String {
        InboxFileName.quoted(Array(name.utf8))
    }
}
