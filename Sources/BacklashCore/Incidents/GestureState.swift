/// The life of a compensation gesture: proposed → approved → dispatched → delivered | declined | failed, or cancelled.
public enum GestureState: String, Sendable, Codable, CaseIterable {
    case proposed, approved, dispatched, delivered, declined, failed, cancelled

    /// The states a gesture may move to from this one.
    public var next: [GestureState] {
        switch self {
        case .proposed: [.approved, .declined, .cancelled]
        case .approved: [.dispatched, .declined, .cancelled]
        case .dispatched: [.delivered, .failed, .declined]
        case .delivered, .declined, .failed, .cancelled: []
        }
    }

    /// Whether the gesture still needs work (it blocks closing the incident).
    public var isOpen: Bool { !next.isEmpty }

    /// The verb a manager uses for the move into this state (`approve`, `dispatch`…).
    public var verb: String {
        switch self {
        case .proposed: "propose"
        case .approved: "approve"
        case .dispatched: "dispatch"
        case .delivered: "deliver"
        case .declined: "decline"
        case .failed: "fail"
        case .cancelled: "cancel"
        }
    }

    /// The state a verb moves into.
    public init?(verb: String) {
        guard let s = GestureState.allCases.first(where: { $0.verb == verb }) else { return nil }
        self = s
    }

    /// How long the step that starts in this state may take before it is overdue (seconds).
    public var stepDeadline: Double? {
        switch self {
        case .proposed: 3600
        case .approved: 4 * 3600
        case .dispatched: 24 * 3600
        default: nil
        }
    }

    /// The event recorded when a gesture enters this state.
    public var eventKind: EventKind {
        switch self {
        case .proposed: .gestureProposed
        case .approved: .gestureApproved
        case .dispatched: .gestureDispatched
        case .delivered: .gestureDelivered
        case .declined: .gestureDeclined
        case .failed: .gestureFailed
        case .cancelled: .gestureCancelled
        }
    }
}

/// What a gesture is: the kinds DOMAIN.md names.
public enum GestureKind: String, Sendable, Codable, CaseIterable {
    case coupon, car, flowers, refund, callback, other
}
