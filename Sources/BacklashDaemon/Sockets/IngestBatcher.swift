import BacklashCore
import BacklashStore
import Logging
import NIOCore
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

/// Group commit across all connections: while one transaction runs, the next batch accumulates.
final class IngestBatcher: Sendable {
    struct Pending: Sendable {
        var item: IngestItem
        var promise: EventLoopPromise<IngestOutcome>
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

    /// Queues an item; the promise completes after its transaction committed (or failed).
    func submit(_ item: IngestItem, promise: EventLoopPromise<IngestOutcome>) {
        let start = state.withLock { s -> Bool in
            s.queue.append(Pending(item: item, promise: promise))
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
                let n = min(maxBatch, s.queue.count)
                let batch = Array(s.queue.prefix(n))
                s.queue.removeFirst(n)
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
        do {
            let statuses = try await engine.commit(posts: posts, rejects: rejects)
            var i = 0
            for p in batch {
                switch p.item {
                case .post:
                    p.promise.succeed(.stored(statuses[i]))
                    i += 1
                case .reject:
                    p.promise.succeed(.rejectKept)
                }
            }
        } catch {
            logger.error("ingest transaction failed", metadata: ["error": "\(error)", "posts": "\(posts.count)"])
            let message = "the post could not be stored (\(Self.describe(error))); it was not saved, send it again"
            for p in batch { p.promise.succeed(.failed(message)) }
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("SQLITE_FULL") || text.contains("disk is full") { return "the state directory's disk is full" }
        return text
    }
}
