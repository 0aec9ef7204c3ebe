import Testing

@testable import BacklashDaemon

@Suite("saying when journal writes are lost and when they get through again")
struct JournalLossWatchTests {
    @Test("the first loss is reported once, more losses are quiet, the first entry through reports the recovery")
    func lossThenRecovery() {
        var watch = JournalLossWatch(lost: 0)
        #expect(watch.update(lost: 0, latestLost: false) == nil)
        #expect(watch.update(lost: 3, latestLost: true) == .startedLosing(3))
        #expect(watch.update(lost: 9, latestLost: true) == nil)
        #expect(watch.update(lost: 10, latestLost: false) == .recovered(10), "lost some, then one got through")
        #expect(watch.update(lost: 10, latestLost: false) == nil)
        #expect(watch.update(lost: 11, latestLost: true) == .startedLosing(11))
    }

    @Test("an outage that starts and ends between two looks is still reported, then its end")
    func shortOutage() {
        var watch = JournalLossWatch(lost: 0)
        #expect(watch.update(lost: 2, latestLost: false) == .startedLosing(2))
        #expect(watch.update(lost: 2, latestLost: false) == .recovered(2))
    }
}
