import BacklashCore
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
            events.append(
                quarantineEvent(printable, quoted: InboxFileName.quoted(raw), reason: reason, time: now, stored: 0))
        }
        _ = try await engine.commit(posts: [], rejects: rejects, events: events)
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

    /// One transaction for a batch of files: good posts, rejected lines and quarantine events commit together.
    func process(_ names: [String]) async throws -> BatchResult {
        var result = BatchResult()
        var incoming: [IncomingPost] = []
        var rejects: [RejectedInput] = []
        var events: [Event] = []
        var accept: [String] = []
        var quarantine: [(String, String)] = []
        let now = engine.now()
        for name in names {
            let source = "inbox:" + name
            switch directory.read(name, maxSize: settings.maxFileSize) {
            case .vanished:
                continue
            case .quarantine(let reason):
                quarantine.append((name, reason))
                rejects.append(RejectedInput(source: source, line: nil, error: reason, input: []))
                events.append(quarantineEvent(name, reason: reason, time: now, stored: 0))
            case .bytes(let bytes):
                // Files in new/ are complete (Maildir: written in tmp/, renamed into new/); a bad one is kept in
                // failed/ with its reason, and re-delivering a fixed copy is idempotent.
                let content = parser.parse(bytes)
                incoming += content.posts.map { IncomingPost(post: $0, source: source) }
                if let fileError = content.fileError {
                    quarantine.append((name, fileError))
                    rejects.append(RejectedInput(source: source, line: nil, error: fileError, input: bytes))
                    events.append(quarantineEvent(name, reason: fileError, time: now, stored: 0))
                } else if content.rejectedCount > 0 {
                    var report = "\(content.posts.count) of \(content.posts.count + content.rejectedCount) posts "
                        + "were stored; rejected:\n" + content.rejected.map(\.error).joined(separator: "\n")
                    for r in content.rejected {
                        rejects.append(RejectedInput(source: source, line: r.line, error: r.error, input: []))
                    }
                    if content.unlistedRejections > 0 {
                        let more = "… and \(content.unlistedRejections) more rejected (only the first "
                            + "\(content.rejected.count) are listed)"
                        report += "\n" + more
                        rejects.append(RejectedInput(source: source, line: nil, error: more, input: []))
                    }
                    quarantine.append((name, report))
                    events.append(quarantineEvent(
                        name, reason: content.rejected.map(\.error).prefix(5).joined(separator: "; "), time: now,
                        stored: content.posts.count))
                } else {
                    accept.append(name)
                }
            }
        }
        if !incoming.isEmpty || !events.isEmpty {
            _ = try await engine.commit(posts: incoming, rejects: rejects, events: events)
        }
        // Only after the commit: a crash before this point leaves the files in new/, and re-taking them is idempotent.
        for name in accept where directory.accept(name) { result.accepted += 1 }
        for (name, reason) in quarantine {
            let report = "inbox file \(Self.quoted(name)) was quarantined:\n\(reason)\n"
            if directory.quarantine(name, report: report) { result.quarantined += 1 }
            logger.warning(
                "inbox file quarantined", metadata: ["file": "\(Self.quoted(name))", "reason": "\(reason)"])
        }
        result.posts = incoming.count
        return result
    }

    func quarantineEvent(_ name: String, quoted: String? = nil, reason: String, time: Double, stored: Int) -> Event {
        Event(
            time: time, kind: .inboxQuarantined,
            message: "inbox file \(quoted ?? Self.quoted(name)) quarantined to failed/: \(reason)",
            details: JSONObject(pairs: [
                "file": .string(name), "reason": .string(reason), "stored_posts": JSONValue(stored),
            ]))
    }

    /// A file name as printable text: control characters (newlines in names) and bidi overrides escaped.
    static func quoted(_ name: String) -> String {
        InboxFileName.quoted(Array(name.utf8))
    }
}
