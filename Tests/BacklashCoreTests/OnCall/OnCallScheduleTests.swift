import Foundation
import Testing

@testable import BacklashCore

@Suite("on-call schedules")
struct OnCallScheduleTests {
    func at(_ text: String) -> Double {
        guard let time = RFC3339.parse(text) else { Issue.record("bad fixture time \(text)"); return 0 }
        return time
    }

    func zone(_ name: String) -> TimeZone {
        guard let zone = TimeZone(identifier: name) else { Issue.record("no time zone \(name)"); return .gmt }
        return zone
    }

    func weekly(
        _ members: [String], _ weekday: ZonedCalendar.Weekday, _ time: String, start: String
    ) -> Rotation {
        Rotation(
            members: members, cadence: .weekly(weekday), handOffTime: WallClockTime(parsing: time)!,
            startDate: ZonedCalendar.CivilDate(parsing: start)!)
    }

    /// Monday 10:00 Moscow, anna → boris → vera, starting Monday 2026-01-05.
    var moscowLeads: OnCallSchedule {
        OnCallSchedule(
            id: "care-leads", timeZone: zone("Europe/Moscow"),
            rotation: weekly(["anna", "boris", "vera"], .monday, "10:00", start: "2026-01-05"))
    }

    @Test("the hand-off happens exactly at the schedule's local hand-off time: the second before, at, after")
    func handOffBoundary() {
        let handOff = at("2026-01-12T10:00:00+03:00")
        #expect(moscowLeads.onCall(at: handOff - 1) == "anna")
        #expect(moscowLeads.onCall(at: handOff) == "boris")
        #expect(moscowLeads.onCall(at: handOff + 1) == "boris")
        #expect(moscowLeads.nextHandOff(after: handOff - 1) == HandOff(time: handOff, from: "anna", to: "boris"))
        let week = 7 * 86_400.0
        #expect(moscowLeads.nextHandOff(after: handOff) == HandOff(time: handOff + week, from: "boris", to: "vera"))
    }

    @Test("the rotation wraps around to the first member after the last")
    func wrapsAround() {
        #expect(moscowLeads.onCall(at: at("2026-01-26T10:00:00+03:00")) == "anna")
        #expect(moscowLeads.onCall(at: at("2026-02-02T09:59:59+03:00")) == "anna")
        #expect(moscowLeads.onCall(at: at("2026-02-02T10:00:00+03:00")) == "boris")
    }

    @Test("before the first hand-off nobody is on call; a mid-week start date waits for the hand-off weekday")
    func beforeStart() {
        let schedule = OnCallSchedule(
            id: "s", timeZone: zone("Europe/Moscow"),
            rotation: weekly(["anna", "boris"], .monday, "10:00", start: "2026-01-07"))
        let firstHandOff = at("2026-01-12T10:00:00+03:00")
        #expect(schedule.onCall(at: at("2026-01-08T12:00:00+03:00")) == nil)
        #expect(schedule.onCall(at: firstHandOff) == "anna")
        #expect(
            schedule.nextHandOff(after: at("2026-01-07T00:00:00+03:00"))
                == HandOff(time: firstHandOff, from: nil, to: "anna"))
    }

    @Test("spring forward: the week with the DST change is an hour shorter and still hands off at 10:00 local")
    func springForwardWeek() {
        let schedule = OnCallSchedule(
            id: "ny", timeZone: zone("America/New_York"),
            rotation: weekly(["anna", "boris"], .sunday, "10:00", start: "2026-03-01"))
        let before = at("2026-03-01T10:00:00-05:00")
        let after = at("2026-03-08T10:00:00-04:00")
        #expect(after - before == 167 * 3600)
        #expect(schedule.nextHandOff(after: before) == HandOff(time: after, from: "anna", to: "boris"))
        #expect(schedule.onCall(at: after - 1) == "anna")
        #expect(schedule.onCall(at: after) == "boris")
    }

    @Test("fall back: the week with the DST change is an hour longer and still hands off at 10:00 local")
    func fallBackWeek() {
        let schedule = OnCallSchedule(
            id: "ny", timeZone: zone("America/New_York"),
            rotation: weekly(["anna", "boris"], .sunday, "10:00", start: "2026-10-25"))
        let before = at("2026-10-25T10:00:00-04:00")
        let after = at("2026-11-01T10:00:00-05:00")
        #expect(after - before == 169 * 3600)
        #expect(schedule.nextHandOff(after: before) == HandOff(time: after, from: "anna", to: "boris"))
        #expect(schedule.onCall(at: after - 1) == "anna")
        #expect(schedule.onCall(at: after) == "boris")
    }

    @Test("a hand-off set inside the skipped hour moves past the gap; inside the repeated hour it takes the first")
    func handOffInsideTheChangedHour() {
        let skipped = OnCallSchedule(
            id: "ny", timeZone: zone("America/New_York"),
            rotation: weekly(["anna", "boris"], .sunday, "02:30", start: "2026-03-01"))
        // 02:30 does not exist on 2026-03-08 in New York: clocks jump from 02:00 EST to 03:00 EDT.
        #expect(
            skipped.nextHandOff(after: at("2026-03-02T00:00:00Z"))?.time == at("2026-03-08T03:30:00-04:00"))
        let repeated = OnCallSchedule(
            id: "ny", timeZone: zone("America/New_York"),
            rotation: weekly(["anna", "boris"], .sunday, "01:30", start: "2026-10-25"))
        // 01:30 happens twice on 2026-11-01: first in EDT (-04:00), then in EST (-05:00).
        let first = at("2026-11-01T01:30:00-04:00")
        #expect(repeated.nextHandOff(after: at("2026-10-26T00:00:00Z"))?.time == first)
        #expect(repeated.onCall(at: at("2026-11-01T01:10:00-05:00")) == "boris")
    }

    @Test("a daily rotation hands off at the same local time on both sides of a European DST change")
    func dailyAcrossDST() {
        let schedule = OnCallSchedule(
            id: "berlin", timeZone: zone("Europe/Berlin"),
            rotation: Rotation(
                members: ["anna", "boris"], cadence: .daily, handOffTime: WallClockTime(hour: 9, minute: 0)!,
                startDate: ZonedCalendar.CivilDate(parsing: "2026-03-27")!))
        let saturday = at("2026-03-28T08:00:00Z")
        let sunday = at("2026-03-29T07:00:00Z")
        #expect(schedule.nextHandOff(after: saturday - 60)?.time == saturday)
        #expect(schedule.nextHandOff(after: saturday)?.time == sunday)
        #expect(schedule.onCall(at: sunday) == "anna")
    }

    @Test("a New York schedule hands off at New York time even when its manager lives in Tokyo")
    func acrossTimeZones() throws {
        let schedule = OnCallSchedule(
            id: "ny", timeZone: zone("America/New_York"),
            rotation: weekly(["kenji", "anna"], .monday, "09:00", start: "2026-03-02"))
        let handOff = try #require(schedule.nextHandOff(after: at("2026-03-02T14:00:00Z")))
        #expect(handOff.time == at("2026-03-09T09:00:00-04:00"))
        let tokyo = ZonedCalendar(timeZone: zone("Asia/Tokyo"))
        let inTokyo = tokyo.localDateTime(at: handOff.time)
        #expect(inTokyo.date.weekday == .monday)
        #expect(inTokyo.secondsSinceMidnight == 22 * 3600)
    }

    @Test("an override spanning the hand-off hides it, and its start and end are the hand-offs instead")
    func overrideSpanningHandOff() throws {
        var schedule = moscowLeads
        let calendar = schedule.calendar
        let start = try #require(calendar.instant(parsing: "2026-01-11 20:00"))
        let end = try #require(calendar.instant(parsing: "2026-01-13 10:00"))
        schedule.overrides = [ScheduleOverride(member: "vera", start: start, end: end)]
        let rotationHandOff = at("2026-01-12T10:00:00+03:00")
        #expect(schedule.onCall(at: rotationHandOff) == "vera")
        #expect(
            schedule.nextHandOff(after: at("2026-01-11T12:00:00+03:00"))
                == HandOff(time: start, from: "anna", to: "vera"))
        #expect(schedule.nextHandOff(after: start) == HandOff(time: end, from: "vera", to: "boris"))
        #expect(schedule.onCall(at: end - 1) == "vera")
        #expect(schedule.onCall(at: end) == "boris")
    }

    @Test("when overrides overlap the one listed last wins")
    func overlappingOverrides() {
        var schedule = moscowLeads
        let noon = at("2026-01-14T12:00:00+03:00")
        schedule.overrides = [
            ScheduleOverride(member: "vera", start: noon - 3600, end: noon + 3600),
            ScheduleOverride(member: "gleb", start: noon, end: noon + 600),
        ]
        #expect(schedule.onCall(at: noon - 1) == "vera")
        #expect(schedule.onCall(at: noon) == "gleb")
        #expect(schedule.onCall(at: noon + 600) == "vera")
        #expect(schedule.onCall(at: noon + 3600) == "boris")
    }

    @Test("an empty schedule has nobody on call and no hand-off")
    func emptySchedule() {
        let bare = OnCallSchedule(id: "empty", timeZone: zone("Europe/Moscow"))
        #expect(bare.onCall(at: at("2026-01-12T10:00:00Z")) == nil)
        #expect(bare.nextHandOff(after: at("2026-01-12T10:00:00Z")) == nil)
        let noMembers = OnCallSchedule(
            id: "empty", timeZone: zone("Europe/Moscow"), rotation: weekly([], .monday, "10:00", start: "2026-01-05"))
        #expect(noMembers.onCall(at: at("2026-01-12T10:00:00Z")) == nil)
        #expect(noMembers.nextHandOff(after: at("2026-01-12T10:00:00Z")) == nil)
    }

    @Test("a one-person rotation never hands off except around an override")
    func singleMember() {
        var schedule = OnCallSchedule(
            id: "solo", timeZone: zone("Europe/Moscow"),
            rotation: weekly(["anna"], .monday, "10:00", start: "2026-01-05"))
        let now = at("2026-01-20T00:00:00Z")
        #expect(schedule.onCall(at: now) == "anna")
        #expect(schedule.nextHandOff(after: now) == nil)
        schedule.overrides = [ScheduleOverride(member: "boris", start: now + 3600 * 24 * 60, end: now + 3600 * 24 * 61)]
        #expect(schedule.nextHandOff(after: now) == HandOff(time: now + 3600 * 24 * 60, from: "anna", to: "boris"))
        #expect(schedule.nextHandOff(after: now + 3600 * 24 * 60)?.to == "anna")
    }
}
