import Foundation
import Testing

@testable import BacklashCore

@Suite("wall-clock times and zoned dates")
struct ZonedCalendarTests {
    @Test("times of day are read as HH:MM or HH:MM:SS and out-of-range hours or minutes are refused")
    func wallClockParsing() {
        #expect(WallClockTime(parsing: "10:00")?.secondsSinceMidnight == 36_000)
        #expect(WallClockTime(parsing: "9:30")?.description == "09:30")
        #expect(WallClockTime(parsing: "23:59:30")?.second == 30)
        for bad in ["25:00", "24:00", "10:60", "10", "10:0", "ten", "10:00:61", "-1:00", ""] {
            #expect(WallClockTime(parsing: bad) == nil, "\(bad) should be refused")
        }
    }

    @Test("dates are read as YYYY-MM-DD, impossible days are refused, weekdays are right")
    func civilDates() {
        #expect(ZonedCalendar.CivilDate(parsing: "2026-01-05")?.weekday == .monday)
        #expect(ZonedCalendar.CivilDate(parsing: "1970-01-01")?.weekday == .thursday)
        #expect(ZonedCalendar.CivilDate(parsing: "1969-12-28")?.weekday == .sunday)
        #expect(ZonedCalendar.CivilDate(parsing: "2028-02-29")?.description == "2028-02-29")
        #expect(ZonedCalendar.CivilDate(parsing: "2026-02-29") == nil)
        #expect(ZonedCalendar.CivilDate(parsing: "2026-1-5") == nil)
    }

    @Test("weekday names are read in full or abbreviated, in any case")
    func weekdayNames() {
        #expect(ZonedCalendar.Weekday(name: "Monday") == .monday)
        #expect(ZonedCalendar.Weekday(name: "SUN") == .sunday)
        #expect(ZonedCalendar.Weekday(name: "funday") == nil)
    }

    @Test("a moment is read as the zone's wall-clock time, or as RFC 3339 with its own offset")
    func momentParsing() throws {
        let moscow = try #require(ZonedCalendar(identifier: "Europe/Moscow"))
        #expect(moscow.instant(parsing: "2026-03-09 08:00") == RFC3339.parse("2026-03-09T05:00:00Z"))
        #expect(moscow.instant(parsing: "2026-03-09T08:00:30") == RFC3339.parse("2026-03-09T05:00:30Z"))
        #expect(moscow.instant(parsing: "2026-03-09T08:00:00+01:00") == RFC3339.parse("2026-03-09T07:00:00Z"))
        #expect(moscow.instant(parsing: "2026-03-09 25:00") == nil)
        #expect(moscow.instant(parsing: "next monday") == nil)
        #expect(ZonedCalendar(identifier: "Mars/Olympus_Mons") == nil)
    }
}
