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
    func drain(shouldStop: @Sendable () -> Bool = { false }) async throws -> Pass {
        var pass = Pass()
        var names = directory.pendingNames()
        while !names.isEmpty {
            let batch = Array(names.prefix(settings.batchFiles))
            names.removeFirst(batch.count)
            let result = try await process(batch)
            pass.accepted += result.accepted
            pass.quarantined += result.quarantined
            pass.posts += result.posts
            if shouldStop() { break }
            if names.isEmpty { names = directory.pendingNames() }
        }
        return pass
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
                } else if !content.rejected.isEmpty {
                    let report = "\(content.posts.count) of \(content.posts.count + content.rejected.count) posts "
                        + "were stored; rejected:\n" + content.rejected.map(\.error).joined(separator: "\n")
                    quarantine.append((name, report))
                    for r in content.rejected {
                        rejects.append(RejectedInput(source: source, line: r.line, error: r.error, input: []))
                    }
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

    func quarantineEvent(_ name: String, reason: String, time: Double, stored: Int) -> Event {
        Event(
            time: time, kind: .inboxQuarantined,
            message: "inbox file \(Self.quoted(name)) quarantined to failed/: \(reason)",
            details: JSONObject(pairs: ["file": .string(name), "reason": .string(reason), "stored_posts": JSONValue(stored)]))
    }

    /// A file name as printable text: control characters (newlines in names) escaped.
    static func quoted(_ name: String) -> String {
        var out = "'"
        for scalar in name.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
