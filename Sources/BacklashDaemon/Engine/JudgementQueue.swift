import BacklashCore
import Synchronization

/// Batches that are stored (and acknowledged) but not yet judged, in commit order.
///
/// Storing and judging are two stages: the writer stores batch N+1 while the engine judges batch N on another
/// core. The queue is bounded in posts: when judgement falls behind, storing waits for room, so a flood cannot
/// grow memory and a restart never has more than `capacity` posts (plus one batch) to judge again.
final class JudgementQueue: Sendable {
    /// One committed transaction's work for the judge.
    struct Item: Sendable {
        /// Its place in commit order (1, 2, …).
        var ticket: UInt64 = 0
        /// New and updated posts, in order.
        var fresh: [Post] = []
        /// Their sequence numbers (`fresh[i]` is stored as row `freshSequences[i]`).
        var freshSequences: [Int64] = []
        /// The largest post sequence number this transaction stored (0 when it stored no new post).
        var throughSeq: Int64 = 0
        /// The engine's clock when the batch was stored.
        var now: Double = 0
        /// Events committed with the batch, to publish in order.
        var events: [Event] = []
        var newPosts = 0
        var rejects = 0
        /// Judge again what was stored up to this sequence number but not judged (after a restart or a failed
        /// judgement).
        var catchUpThrough: Int64?
    }

    struct State {
        var items: [Item] = []
        var pendingPosts = 0
        var enqueued: UInt64 = 0
        var judged: UInt64 = 0
        var running = false
        var settleWaiters: [(ticket: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        /// Every post up to here is judged and its outcome committed (written with the next transaction).
        var judgedSeq: Int64 = 0
    }

    let capacity: Int
    let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits until the unjudged posts fit under the bound.
    func waitForRoom() async {
        await suspend(unless: { $0.pendingPosts <= capacity }, park: { $0.roomWaiters.append($1) })
    }

    /// Returns at once when `ready`, else parks the caller (under the same lock, so no wake-up is missed) until
    /// `finished` resumes it.
    private func suspend(
        unless ready: (State) -> Bool, park: (inout State, CheckedContinuation<Void, Never>) -> Void
    ) async {
        if state.withLock({ ready($0) }) { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if ready(s) { return true }
                park(&s, c)
                return false
            }
            if now { c.resume() }
        }
    }

    /// Appends a committed batch; returns true when the caller must start the judge (it was idle).
    func enqueue(_ item: Item) -> Bool {
        state.withLock { s in
            s.enqueued += 1
            var item = item
            item.ticket = s.enqueued
            s.pendingPosts += item.fresh.count
            s.items.append(item)
            if s.running { return false }
            s.running = true
            return true
        }
    }

    /// Everything queued, oldest first; an empty answer means the judge stops (and the next enqueue restarts it).
    func take() -> [Item] {
        state.withLock { s in
            if s.items.isEmpty {
                s.running = false
                return []
            }
            defer { s.items = [] }
            return s.items
        }
    }

    /// Records that items up to `ticket` are judged; wakes whoever waited for them or for room.
    func finished(through ticket: UInt64, posts: Int) {
        let (settled, room) = state.withLock { s in
            s.judged = max(s.judged, ticket)
            s.pendingPosts -= posts
            var settled: [CheckedContinuation<Void, Never>] = []
            s.settleWaiters.removeAll { w in
                guard w.ticket <= s.judged else { return false }
                settled.append(w.continuation)
                return true
            }
            var room: [CheckedContinuation<Void, Never>] = []
            if s.pendingPosts <= capacity { swap(&room, &s.roomWaiters) }
            return (settled, room)
        }
        for c in settled { c.resume() }
        for c in room { c.resume() }
    }

    /// Notes that posts up to `seq` are judged with nothing left to write.
    func judged(through seq: Int64) {
        state.withLock { $0.judgedSeq = max($0.judgedSeq, seq) }
    }

    /// The judged mark to persist with the next transaction.
    var judgedSeq: Int64 { state.withLock { $0.judgedSeq } }

    /// Returns once everything committed before the call is judged.
    func settle() async {
        let target = state.withLock { $0.enqueued }
        await suspend(unless: { $0.judged >= target }, park: { $0.settleWaiters.append((target, $1)) })
    }

    /// Posts stored but not yet judged.
    var backlog: Int { state.withLock { $0.pendingPosts } }
}
