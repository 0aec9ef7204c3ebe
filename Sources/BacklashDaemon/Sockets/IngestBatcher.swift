import BacklashCore
import BacklashStore
import Logging
import Synchronization

/// One line's work for the group commit: a post to store, or a rejected line to keep.
enum IngestItem: Sendable {
    case post(IncomingPost)
    case reject(RejectedInput)
}

/// What the commit did with one item.
enum IngestOutcome: Sendable {
    case stored(IngestStatus)
    case rejectKept
    case failed(String)
}

/// One line's outcome, for the connection that sent it.
struct IngestResult: Sendable {
    var line: Int
    var outcome: IngestOutcome
}

/// Where one connection's results go. Called once per committed batch with all of that connection's lines, so
/// a batch costs each connection one hop onto its event loop and one socket write, not one per line.
final class IngestReplies: Sendable {
    let deliver: @Sendable ([IngestResult]) -> Void

    init(deliver: @escaping @Sendable ([IngestResult]) -> Void) {
        self.deliver = deliver
    }
}

/// Group commit across all connections: while one transaction runs, the next batch accumulates.
final class IngestBatcher: Sendable {
    struct Pending: Sendable {
        var item: IngestItem
        var line: Int
        var replies: IngestReplies
    }

    struct State {
        var queue: [Pending] = []
        var running = false
    }

    let engine: Engine
    let maxBatch: Int
    let logger: Logger
    let state = Mutex(State())

    init(engine: Engine, maxBatch: Int, logger: Logger) {
        self.engine = engine
        self.maxBatch = maxBatch
        self.logger = logger
    }

    /// Queues an item; `replies` hears its outcome after its transaction committed (or failed).
    func submit(_ item: IngestItem, line: Int, replies: IngestReplies) {
        let start = state.withLock { s -> Bool in
            s.queue.append(Pending(item: item, line: line, replies: replies))
            if s.running { return false }
            s.running = true
            return true
        }
        if start {
            Task { await self.run() }
        }
    }

    private func run() async {
        while true {
            let batch = state.withLock { s -> [Pending] in
                if s.queue.isEmpty {
                    s.running = false
                    return []
                }
                if s.queue.count <= maxBatch {
                    // The usual case: take the whole queue without copying its items one by one.
                    defer { s.queue = [] }
                    return s.queue
                }
                let batch = Array(s.queue.prefix(maxBatch))
                s.queue.removeFirst(maxBatch)
                return batch
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Pending]) async {
        var posts: [IncomingPost] = []
        var rejects: [RejectedInput] = []
        for p in batch {
            switch p.item {
            case .post(let post): posts.append(post)
            case .reject(let r): rejects.append(r)
            }
        }
        var outcomes: [IngestOutcome] = []
        outcomes.reserveCapacity(batch.count)
        do {
            let statuses = try await engine.store(posts: posts, rejects: rejects)
            var i = 0
            for p in batch {
                switch p.item {
                case .post:
                    outcomes.append(.stored(statuses[i]))
                    i += 1
                case .reject:
                    outcomes.append(.rejectKept)
                }
            }
        } catch {
            logger.error("ingest transaction failed", metadata: ["error": "\(error)", "posts": "\(posts.count)"])
            let message = "the post could not be stored (\(Self.describe(error))); it was not saved, send it again"
            outcomes = Array(repeating: .failed(message), count: batch.count)
        }
        Self.deliver(batch, outcomes)
    }

    /// Hands each connection its results in one call, in line order.
    static func deliver(_ batch: [Pending], _ outcomes: [IngestOutcome]) {
        var order: [ObjectIdentifier: Int] = [:]
        var groups: [(replies: IngestReplies, results: [IngestResult])] = []
        for (p, outcome) in zip(batch, outcomes) {
            let id = ObjectIdentifier(p.replies)
            if let g = order[id] {
                groups[g].results.append(IngestResult(line: p.line, outcome: outcome))
            } else {
                order[id] = groups.count
                groups.append((p.replies, [IngestResult(line: p.line, outcome: outcome)]))
            }
        }
        for g in groups { g.replies.deliver(g.results) }
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("SQLITE_FULL") || text.contains("disk is full") { return "the state directory's disk is full" }
        return text
    }
}
