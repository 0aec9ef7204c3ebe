import BacklashStore
import Synchronization

/// What one committed transaction stored: its posts with their statuses, its rejected inputs, and how long the
/// commit took. Handed to the engine's commit observer (the metrics) after the commit, before the callers hear.
public struct CommittedBatch: Sendable {
    /// The posts of the batch, in order.
    public var posts: [IncomingPost]
    /// The status of each post, in the same order.
    public var statuses: [IngestStatus]
    /// The rejected lines and files of the batch.
    public var rejects: [RejectedInput]
    /// Wall time from the start of `commit` to the end of its transaction.
    public var duration: Duration
}

extension Engine {
    /// Sets who hears about every committed batch (the metrics); nil stops it.
    public nonisolated func onCommit(_ observer: (@Sendable (CommittedBatch) -> Void)?) {
        commitObserver.withLock { $0 = observer }
    }
}
