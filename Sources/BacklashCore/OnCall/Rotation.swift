/// Members taking turns on call, handing off at a fixed wall-clock time of the schedule's zone.
///
/// Shift 0 starts at the first hand-off on or after `startDate` (for a weekly rotation, the first hand-off weekday
/// on or after it) and belongs to `members[0]`; shift k belongs to `members[k % members.count]`. Before shift 0
/// nobody from the rotation is on call. Hand-offs follow the wall clock, so a shift that spans a DST change is an
/// hour shorter or longer than usual.
public struct Rotation: Sendable, Hashable {
    /// How often the rotation hands off.
    public enum Cadence: Sendable, Hashable {
        /// Every day at the hand-off time.
        case daily
        /// Every week on this weekday at the hand-off time.
        case weekly(ZonedCalendar.Weekday)
    }

    /// Manager ids in the order they take their turns.
    public var members: [String]
    /// Daily or weekly on a weekday.
    public var cadence: Cadence
    /// The local time of every hand-off.
    public var handOffTime: WallClockTime
    /// The local date the rotation starts on.
    public var startDate: ZonedCalendar.CivilDate

    /// A rotation of `members` handing off at `handOffTime`, starting on `startDate`.
    public init(
        members: [String], cadence: Cadence, handOffTime: WallClockTime, startDate: ZonedCalendar.CivilDate
    ) {
        self.members = members
        self.cadence = cadence
        self.handOffTime = handOffTime
        self.startDate = startDate
    }

    /// Days between hand-offs.
    public var periodDays: Int {
        switch cadence {
        case .daily: 1
        case .weekly: 7
        }
    }

    /// The local date of the first hand-off (shift 0).
    public var firstHandOffDate: ZonedCalendar.CivilDate {
        guard case .weekly(let weekday) = cadence else { return startDate }
        let ahead = (weekday.rawValue - startDate.weekday.rawValue + 7) % 7
        return startDate.adding(days: ahead)
    }

    /// The instant shift `index` starts.
    public func handOff(ofShift index: Int, in calendar: ZonedCalendar) -> Double {
        calendar.instant(on: firstHandOffDate.adding(days: index * periodDays), at: handOffTime)
    }

    /// The shift running at an instant (-1 before the first hand-off).
    public func shift(at instant: Double, in calendar: ZonedCalendar) -> Int {
        let elapsedDays = calendar.date(at: instant).dayNumber - firstHandOffDate.dayNumber
        var index = elapsedDays >= 0 ? elapsedDays / periodDays : -((-elapsedDays + periodDays - 1) / periodDays)
        if instant < handOff(ofShift: index, in: calendar) { index -= 1 }
        return max(index, -1)
    }

    /// The member holding shift `index`; nil before the first shift or when the rotation has no members.
    public func member(ofShift index: Int) -> String? {
        guard index >= 0, !members.isEmpty else { return nil }
        return members[index % members.count]
    }

    /// The member on call at an instant, by rotation alone (overrides aside).
    public func member(at instant: Double, in calendar: ZonedCalendar) -> String? {
        member(ofShift: shift(at: instant, in: calendar))
    }
}
