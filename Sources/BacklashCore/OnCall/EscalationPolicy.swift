/// An ordered chain of steps that pages managers until someone acknowledges, repeated a fixed number of times.
///
/// The policy is evaluated, never run: an engine asks for the first step when an incident opens, stores the
/// ``Position`` and deadline of the step it paged, and asks for the next step when the deadline passes without an
/// acknowledgement. Every step's time is the previous step's deadline, never the time the engine happened to wake
/// up, so an engine that restarts and reloads (round, step, deadline) pages at exactly the times it would have.
///
/// A step that reaches nobody (a schedule with nobody on call) does not wait: its deadline is its own time, and the
/// next step follows at once, as PagerDuty skips an empty escalation level.
public struct EscalationPolicy: Sendable, Hashable {
    /// The id of the policy used when no route picks another.
    public static let defaultID = "default"

    /// The policy's id, used by routes.
    public var id: String
    /// Steps in the order they fire.
    public var steps: [EscalationStep]
    /// How many times the whole chain is repeated after the first round (`repeat: 2` pages three rounds).
    public var repeats: Int

    /// A policy firing `steps` in order for `repeats + 1` rounds.
    public init(id: String, steps: [EscalationStep], repeats: Int = 0) {
        self.id = id
        self.steps = steps
        self.repeats = repeats
    }

    /// Rounds the policy runs before it is exhausted.
    public var rounds: Int { max(repeats, 0) + 1 }

    /// The policy used when the config only lists managers: the on-call (every schedule's, or the first manager
    /// when there is no schedule), then after 5 minutes everyone, then 5 minutes later round two; three rounds.
    public static func embeddedDefault(scheduleIDs: [String], managerIDs: [String]) -> EscalationPolicy {
        let onCall: [EscalationTarget] =
            scheduleIDs.isEmpty ? managerIDs.prefix(1).map { .manager($0) } : scheduleIDs.map { .schedule($0) }
        return EscalationPolicy(
            id: defaultID,
            steps: [
                EscalationStep(targets: onCall.isEmpty ? [.everyone] : onCall, waitSeconds: 300),
                EscalationStep(targets: [.everyone], waitSeconds: 300),
            ],
            repeats: 2)
    }
}
