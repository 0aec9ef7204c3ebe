import Testing

@testable import BacklashDaemon

@Suite("saying when journal writes are lost and when they get through again")
struct JournalLossWatchTests {
    @Test("the first loss is reported once, more losses are quiet, the first entry through reports the recovery")
    func lossThenRecovery() {
        var watch = JournalLossWatch(sent: 10, lost: 0)
        #expect(watch.update(sent: 12, lost: 0) == nil)
        #expect(watch.update(sent: 12, lost: 3) == .startedLosing(3))
        #expect(watch.update(sent: 12, lost: 9) == nil)
        #expect(watch.update(sent: 13, lost: 10) == nil, "an entry through while others are still lost: not back yet")
        #expect(watch.update(sent: 15, lost: 10) == .recovered(10))
        #expect(watch.update(sent: 20, lost: 10) == nil)
        #expect(watch.update(sent: 20, lost: 11) == .startedLosing(11))
    }
}
