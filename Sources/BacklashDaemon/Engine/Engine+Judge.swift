import BacklashCore
import BacklashStore
import Dispatch
import GRDB
import Logging

/// The judge stage: committed batches are judged in rounds, in commit order, and each round's outcome commits with
/// the judged mark. While one round's outcome is written, the detector already judges the next one on a thread of
/// its own, so the detector's work and the writer's overlap instead of adding up (on a flashmob they were about
/// equal, and the judge is the stage that bounds ingest).
extension Engine {
    /// Consecutive committed batches judged together.
    struct JudgeRound {
        var posts: [Post] = []
        var sequences: [Int64] = []
        /// Events committed with the batches, published before the round's own.
        var committed: [Event] = []
        var through: Int64 = 0
        var now: Double = 0
        var lastTicket: UInt64 = 0
    }

    /// A round the detector has judged whose outcome is not written yet.
    struct DetectedRound {
        var round: JudgeRound
        var outcome: FlashmobDetector.Outcome

        var decidedNothing: Bool {
            outcome.events.isEmpty && outcome.assignments.isEmpty && outcome.incidents.isEmpty
        }
    }

    /// Judges committed batches in order; consecutive ones together, up to `judgedAtOnce` posts. Each round
    /// reports its batches finished as soon as its outcome is committed: storing waits only for the rounds under
    /// way, not for everything taken.
    func judge(_ items: [JudgementQueue.Item]) async {
        var pending: DetectedRound?
        var i = 0
        while i < items.count {
            if let through = items[i].catchUpThrough {
                await flush(&pending)
                await recover(through: through, rebuild: false)
                judgement.finished(through: items[i].ticket, posts: items[i].fresh.count)
                i += 1
                continue
            }
            var round = JudgeRound()
            let limit = judgement.backlog > judgement.capacity / 2 ? Self.judgedAtOnceBehind : Self.judgedAtOnce
            var j = i
            while j < items.count, items[j].catchUpThrough == nil, j == i || round.posts.count < limit {
                if round.posts.isEmpty {  // shares the batch's arrays instead of copying each post into a new one
                    round.posts = items[j].fresh
                    round.sequences = items[j].freshSequences
                } else {
                    round.posts += items[j].fresh
                    round.sequences += items[j].freshSequences
                }
                round.committed += items[j].events
                round.through = max(round.through, items[j].throughSeq)
                round.now = items[j].now
                round.lastTicket = items[j].ticket
                status.posts += items[j].newPosts
                status.rejected += items[j].rejects
                j += 1
            }
            i = j
            var outcome = FlashmobDetector.Outcome()
            if let previous = pending {
                pending = nil
                let written: Result<[Event], any Error>
                (outcome, written) = detectWhileWriting(round, previous)
                switch written {
                case .success(let events):
                    finish(previous, events: events)
                case .failure(let error):
                    // The detector has seen both rounds: rebuilt from the store, it judges both again from the mark.
                    publish(round.committed)
                    await judgeAgain(through: max(previous.round.through, round.through), after: error)
                    judgement.finished(through: previous.round.lastTicket, posts: previous.round.posts.count)
                    judgement.finished(through: round.lastTicket, posts: round.posts.count)
                    continue
                }
            } else if !round.posts.isEmpty {
                outcome = detector.ingest(round.posts, now: round.now)
            }
            publish(round.committed)
            let detected = DetectedRound(round: round, outcome: outcome)
            if detected.decidedNothing {
                judgement.judged(through: round.through)
                judgement.finished(through: round.lastTicket, posts: round.posts.count)
            } else {
                pending = detected
            }
        }
        await flush(&pending)
    }

    /// Writes a detected round's outcome on its own (the last round of a take, or before a catch-up).
    func flush(_ pending: inout DetectedRound?) async {
        guard let detected = pending else { return }
        pending = nil
        do {
            finish(detected, events: try writeJudged(detected))
        } catch {
            await judgeAgain(through: detected.round.through, after: error)
            judgement.finished(through: detected.round.lastTicket, posts: detected.round.posts.count)
        }
    }

    /// After a judgement that could not be committed: a detector rebuilt from the store judges everything after
    /// the mark again, up to `through`.
    func judgeAgain(through: Int64, after error: any Error) async {
        logger.error("judging stored posts failed; they are judged again", metadata: ["error": "\(error)"])
        await recover(through: through, rebuild: true)
    }

    func finish(_ detected: DetectedRound, events: [Event]) {
        judgement.judged(through: detected.round.through)
        publish(events)
        judgement.finished(through: detected.round.lastTicket, posts: detected.round.posts.count)
    }

    /// Judges `round` on the detection thread while `previous`'s outcome is written here, and returns both results.
    /// The engine does not suspend in between (the write blocks it), so nothing else reaches for the detector
    /// while it is away; writing uses the configuration and escalation state, never the detector.
    func detectWhileWriting(_ round: JudgeRound, _ previous: DetectedRound)
        -> (FlashmobDetector.Outcome, Result<[Event], any Error>)
    {
        guard !round.posts.isEmpty else { return (.init(), Result { try writeJudged(previous) }) }
        var away = Self.standInDetector
        swap(&away, &detector)  // moved, not copied: the detector's tables must stay uniquely referenced, or the
        // first change to each would copy it whole
        let handoff = DetectorHandoff(detector: consume away, posts: round.posts, now: round.now)
        let done = DispatchSemaphore(value: 0)
        Self.detection.async {
            handoff.run()
            done.signal()
        }
        let written = Result { try writeJudged(previous) }
        done.wait()
        swap(&detector, &handoff.detector)
        return (handoff.outcome, written)
    }

    /// Commits what the detector decided with the judged mark; returns the events to publish. On failure the pages
    /// it queued are dropped (the caller judges again from the store).
    func writeJudged(_ detected: DetectedRound) throws -> [Event] {
        let pagesBefore = pendingPages.count
        do {
            let round = detected.round
            return try writeNow { db -> [Event] in
                var events = try record(detected.outcome, posts: round.posts, sequences: round.sequences, now: round.now,
                    db: db)
                try EventLog.append(&events, in: db)
                if round.through > 0 { try JudgementMark.advance(to: round.through, in: db) }
                return events
            }
        } catch {
            pendingPages.removeSubrange(pagesBefore...)
            throw error
        }
    }

    /// Judges stored posts and commits what the detector decided with the judged mark (catch-up). When that fails
    /// the detector has seen posts whose outcome is not stored: the caller rebuilds it (`recover`).
    func judgeStored(_ posts: [Post], sequences: [Int64], through: Int64, now: Double) throws {
        let detected = DetectedRound(
            round: JudgeRound(posts: posts, sequences: sequences, through: through, now: now),
            outcome: detector.ingest(posts, now: now))
        if detected.decidedNothing {
            judgement.judged(through: through)
            return
        }
        let events = try writeJudged(detected)
        judgement.judged(through: through)
        publish(events)
    }

    /// Where the detector judges while the engine writes.
    static let detection = DispatchQueue(label: "backlash.detection", qos: .userInitiated)
    /// Holds the detector's place while it is away (never fed).
    static let standInDetector = FlashmobDetector()
}

/// Carries the detector to the detection thread and back. Touched by one thread at a time: the engine hands it over
/// and reads it only after the semaphore the detection thread signals.
final class DetectorHandoff: @unchecked Sendable {
    var detector: FlashmobDetector
    let posts: [Post]
    let now: Double
    var outcome = FlashmobDetector.Outcome()

    init(detector: FlashmobDetector, posts: [Post], now: Double) {
        self.detector = detector
        self.posts = posts
        self.now = now
    }

    func run() {
        outcome = detector.ingest(posts, now: now)
    }
}
