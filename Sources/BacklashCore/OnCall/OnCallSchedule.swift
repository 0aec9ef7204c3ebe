import Foundation

/// Who is on call when: a rotation in one time zone, with overrides on top.
///
/// Everything is evaluated on the schedule's own wall clock: a schedule in America/New_York handing off on Mondays
/// at 09:00 hands off at 09:00 New York time whatever zone its members live in. Overrides win over the rotation;
/// when overrides overlap, the one listed last wins.
public struct OnCallSchedule: Sendable, Hashable {
    /// The schedule's id, used by escalation policies (`schedule: care-leads`).
    public var id: String
    /// The calendar of the schedule's time zone.
    public var calendar: ZonedCalendar
    /// The regular turns; nil for a schedule made of overrides only.
    public var rotation: Rotation?
    /// Spans where someone else covers, in the order they were written.
    public var overrides: [ScheduleOverride]

    /// A schedule in `timeZone`.
    public init(id: String, timeZone: TimeZone, rotation: Rotation? = nil, overrides: [ScheduleOverride] = []) {
        self.id = id
        self.calendar = ZonedCalendar(timeZone: timeZone)
        self.rotation = rotation
        self.overrides = overrides
    }

    /// The schedule's IANA time zone.
    public var timeZone: TimeZone { calendar.timeZone }

    /// Every manager id the schedule may put on call (rotation members, then override members), without repeats.
    public var memberIDs: [String] {
        var seen = Set<String>()
        return ((rotation?.members ?? []) + overrides.map(\.member)).filter { seen.insert($0).inserted }
    }

    /// The manager on call at an instant; nil when nobody is (empty schedule, or before the rotation starts).
    public func onCall(at instant: Double) -> String? {
        if let covering = overrides.last(where: { $0.covers(instant) }) { return covering.member }
        return rotation?.member(at: instant, in: calendar)
    }

    /// The first instant strictly after `instant` at which a different manager (or nobody) becomes on call;
    /// nil when the on-call manager never changes again.
    ///
    /// Rotation hand-offs hidden by an override are not hand-offs; the start and end of an override are.
    public func nextHandOff(after instant: Double) -> HandOff? {
        let current = onCall(at: instant)
        var boundaries = Set<Double>()
        for item in overrides {
            if item.start > instant { boundaries.insert(item.start) }
            if item.end > instant { boundaries.insert(item.end) }
        }
        var overrideBoundaries = boundaries.sorted()[...]
        let lastOverrideBoundary = overrideBoundaries.last ?? instant
        let distinctMembers = Set(rotation?.members ?? []).count
        var nextShift = (rotation?.shift(at: instant, in: calendar) ?? -1) + 1
        var rotationHandOffsPastOverrides = 0

        while true {
            // With one distinct member only the first shift's start can change who is on call.
            let rotationMatters = distinctMembers > 1 || (distinctMembers == 1 && nextShift == 0)
            let rotationTime = rotationMatters ? rotation?.handOff(ofShift: nextShift, in: calendar) : nil
            let candidate: Double
            switch (overrideBoundaries.first, rotationTime) {
            case (nil, nil): return nil
            case (let boundary?, nil): candidate = boundary
            case (nil, let handOff?): candidate = handOff
            case (let boundary?, let handOff?): candidate = min(boundary, handOff)
            }
            if overrideBoundaries.first == candidate { overrideBoundaries.removeFirst() }
            if rotationTime == candidate {
                nextShift += 1
                if candidate > lastOverrideBoundary {
                    // Past every override only the rotation decides; a full cycle without a change means never.
                    rotationHandOffsPastOverrides += 1
                    if rotationHandOffsPastOverrides > (rotation?.members.count ?? 0) { return nil }
                }
            }
            let next = onCall(at: candidate)
            if next != current { return HandOff(time: candidate, from: current, to: next) }
        }
    }
}
