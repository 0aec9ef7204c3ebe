/// One rung of an escalation policy: whom to page, and how long to wait for an acknowledgement.
public struct EscalationStep: Sendable, Hashable {
    /// Who is paged when the step fires.
    public var targets: [EscalationTarget]
    /// Seconds to wait for an acknowledgement before the next step fires.
    public var waitSeconds: Double

    /// A step paging `targets`, then waiting `waitSeconds`.
    public init(targets: [EscalationTarget], waitSeconds: Double) {
        self.targets = targets
        self.waitSeconds = waitSeconds
    }

    /// The distinct manager ids the step reaches at an instant, in the order of its targets.
    public func managerIDs(at instant: Double, schedules: [String: OnCallSchedule], managers: [String]) -> [String] {
        var seen = Set<String>()
        return targets.flatMap { $0.managerIDs(at: instant, schedules: schedules, managers: managers) }
            .filter { seen.insert($0).inserted }
    }
}
