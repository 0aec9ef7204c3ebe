/// Who one escalation step pages.
public enum EscalationTarget: Sendable, Hashable, CustomStringConvertible {
    /// A named manager, by id.
    case manager(String)
    /// Whoever a schedule has on call when the step fires.
    case schedule(String)
    /// Every configured manager.
    case everyone

    /// The manager ids this target reaches at an instant, in configuration order.
    public func managerIDs(at instant: Double, schedules: [String: OnCallSchedule], managers: [String]) -> [String] {
        switch self {
        case .manager(let id): [id]
        case .schedule(let id): schedules[id]?.onCall(at: instant).map { [$0] } ?? []
        case .everyone: managers
        }
    }

    /// `manager anna`, `schedule care-leads (on call)`, `everyone`.
    public var description: String {
        switch self {
        case .manager(let id): "manager \(id)"
        case .schedule(let id): "schedule \(id) (on call)"
        case .everyone: "everyone"
        }
    }
}
