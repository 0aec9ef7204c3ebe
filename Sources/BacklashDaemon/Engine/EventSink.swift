import BacklashCore
import Systemd

/// Receives events after their transaction committed (the journal in the daemon; a recorder in `replay`).
public protocol EventSink: Sendable {
    /// Called in log order after commit.
    func emit(_ events: [Event])
}

/// Writes each event to the systemd journal as one structured entry.
public struct JournalEventSink: EventSink {
    let journal: Journal

    /// Creates a sink writing to `journal`.
    public init(journal: Journal) {
        self.journal = journal
    }

    /// Sends every event.
    public func emit(_ events: [Event]) {
        for e in events {
            journal.send(message: e.message, priority: e.kind.priority, fields: e.journalFields)
        }
    }
}
