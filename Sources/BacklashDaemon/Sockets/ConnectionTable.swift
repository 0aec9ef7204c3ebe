import NIOCore
import Synchronization

/// The connections a socket server admitted, with what each is doing, so a full table can make room.
///
/// When the table is at its limit, a new client takes the place of the connection idle the longest (nothing
/// received for at least `idleGrace`, no reply owed, no line half-sent), the way nginx reuses idle keep-alive
/// connections: a crowd of silent connections then cannot lock out clients with posts to send. Only when every
/// connection is busy is the newcomer refused.
final class ConnectionTable: Sendable {
    /// One admitted connection.
    final class Record: Sendable {
        let channel: any Channel
        private let state: Mutex<State>

        struct State {
            var lastActivity: NIODeadline
            var inFlight = 0
            var partialLine = false
            var removed = false
        }

        init(channel: any Channel, now: NIODeadline) {
            self.channel = channel
            state = Mutex(State(lastActivity: now))
        }

        /// Bytes arrived; `partialLine`: they end inside a line.
        func received(partialLine: Bool, now: NIODeadline = .now()) {
            state.withLock {
                $0.lastActivity = now
                $0.partialLine = partialLine
            }
        }

        /// Lines read whose replies are not written yet.
        func setInFlight(_ count: Int) {
            state.withLock { $0.inFlight = count }
        }

        /// Since when it has been idle, or nil while it has work in flight or a line half-sent.
        func idleSince() -> NIODeadline? {
            state.withLock { $0.inFlight == 0 && !$0.partialLine ? $0.lastActivity : nil }
        }

        /// Marks it gone from the table; true the first time only.
        func markRemoved() -> Bool {
            state.withLock { s in
                let first = !s.removed
                s.removed = true
                return first
            }
        }
    }

    /// What admitting a connection did.
    enum Admission {
        case admitted
        /// Admitted in place of this idle connection, which the caller closes.
        case admittedEvicting(Record)
        case refused
    }

    let limit: Int
    let evictIdle: Bool
    let idleGrace: TimeAmount
    private let records = Mutex<[ObjectIdentifier: Record]>([:])

    init(limit: Int, evictIdle: Bool, idleGrace: TimeAmount = .seconds(1)) {
        self.limit = limit
        self.evictIdle = evictIdle
        self.idleGrace = idleGrace
    }

    var count: Int { records.withLock { $0.count } }

    /// Admits `record` if there is room, or makes room by evicting the longest-idle connection.
    func admit(_ record: Record, now: NIODeadline = .now()) -> Admission {
        records.withLock { table in
            if table.count < limit {
                table[ObjectIdentifier(record)] = record
                return .admitted
            }
            guard evictIdle else { return .refused }
            var victim: (key: ObjectIdentifier, record: Record, since: NIODeadline)?
            for (key, candidate) in table {
                guard let since = candidate.idleSince(), since + idleGrace <= now else { continue }
                if victim == nil || since < victim!.since { victim = (key, candidate, since) }
            }
            guard let victim, victim.record.markRemoved() else { return .refused }
            table[victim.key] = nil
            table[ObjectIdentifier(record)] = record
            return .admittedEvicting(victim.record)
        }
    }

    /// Forgets a closed connection (an evicted one was already forgotten).
    func remove(_ record: Record) {
        guard record.markRemoved() else { return }
        records.withLock { $0[ObjectIdentifier(record)] = nil }
    }
}
