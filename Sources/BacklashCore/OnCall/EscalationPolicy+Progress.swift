extension EscalationPolicy {
    /// Where an incident stands in a policy: the round (0-based) and the step within it (0-based).
    public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// 0 for the first pass through the steps, up to `repeats`.
        public var round: Int
        /// Index into ``EscalationPolicy/steps``.
        public var step: Int

        /// The step `step` of round `round`.
        public init(round: Int, step: Int) {
            self.round = round
            self.step = step
        }

        /// Earlier rounds first, then earlier steps.
        public static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.round, lhs.step) < (rhs.round, rhs.step)
        }

        /// `round 1, step 2` (1-based, as people count).
        public var description: String { "round \(round + 1), step \(step + 1)" }
    }

    /// One step as it fires: when, whom it pages, and when the next step is due without an acknowledgement.
    public struct PlannedStep: Sendable, Hashable {
        /// The round and step.
        public var position: Position
        /// When the step fires (seconds since the Unix epoch).
        public var time: Double
        /// The distinct managers it pages; empty when its targets reach nobody.
        public var managerIDs: [String]
        /// When the next step (or exhaustion) is due: `time + waitSeconds`, or `time` when it paged nobody.
        public var deadline: Double

        /// A step at `position` fired at `time`, paging `managerIDs`, due to move on at `deadline`.
        public init(position: Position, time: Double, managerIDs: [String], deadline: Double) {
            self.position = position
            self.time = time
            self.managerIDs = managerIDs
            self.deadline = deadline
        }

        /// 0-based round.
        public var round: Int { position.round }
        /// 0-based step within the round.
        public var step: Int { position.step }
    }

    /// What happens next for an unacknowledged incident.
    public enum Progress: Sendable, Hashable {
        /// Page these managers now and wait until the step's deadline.
        case page(PlannedStep)
        /// Every round ran without an acknowledgement; stop paging at this time.
        case exhausted(at: Double)
    }

    /// The first step, fired when the incident opens.
    public func start(openedAt: Double, schedules: [String: OnCallSchedule], managers: [String]) -> Progress {
        fire(Position(round: 0, step: 0), at: openedAt, schedules: schedules, managers: managers)
    }

    /// What follows the step at `position` once its `deadline` passes unacknowledged; the times only depend on
    /// `deadline`, so a restarted engine that stored both gets the same answer.
    ///
    /// A position past the policy's end (the config was reloaded with fewer steps) moves on as if it were the last
    /// step of its round.
    public func next(
        after position: Position, deadline: Double, schedules: [String: OnCallSchedule], managers: [String]
    ) -> Progress {
        let following =
            position.step + 1 < steps.count
            ? Position(round: position.round, step: position.step + 1)
            : Position(round: position.round + 1, step: 0)
        return fire(following, at: deadline, schedules: schedules, managers: managers)
    }

    /// Every step the policy fires if nobody ever acknowledges, in order; exhaustion follows at the last
    /// step's deadline (at `openedAt` for a policy without steps).
    public func plan(openedAt: Double, schedules: [String: OnCallSchedule], managers: [String]) -> [PlannedStep] {
        var planned: [PlannedStep] = []
        var progress = start(openedAt: openedAt, schedules: schedules, managers: managers)
        while case .page(let step) = progress {
            planned.append(step)
            progress = next(after: step.position, deadline: step.deadline, schedules: schedules, managers: managers)
        }
        return planned
    }

    /// The step at `position` fired at `time`, or exhaustion when the position is past the last round.
    func fire(
        _ position: Position, at time: Double, schedules: [String: OnCallSchedule], managers: [String]
    ) -> Progress {
        guard position.round < rounds, steps.indices.contains(position.step) else { return .exhausted(at: time) }
        let step = steps[position.step]
        let reached = step.managerIDs(at: time, schedules: schedules, managers: managers)
        let deadline = reached.isEmpty ? time : time + max(step.waitSeconds, 0)
        return .page(PlannedStep(position: position, time: time, managerIDs: reached, deadline: deadline))
    }
}
