import Synchronization

/// A flag one thread raises and others poll (an Atomic cannot be captured by a thread's closure; a class holding
/// one can).
final class StopFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    /// Raises the flag.
    func raise() { raised.store(true, ordering: .relaxed) }

    /// Whether the flag is raised.
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
