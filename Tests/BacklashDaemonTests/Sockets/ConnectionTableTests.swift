import NIOCore
import NIOEmbedded
import Testing

@testable import BacklashDaemon

@Suite("a full connection table makes room by closing the longest-idle connection")
struct ConnectionTableTests {
    static let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000_000)

    static func record(idleSince t: NIODeadline) -> ConnectionTable.Record {
        ConnectionTable.Record(channel: EmbeddedChannel(), now: t)
    }

    @Test("under the limit all are admitted; at the limit the connection idle the longest gives its place")
    func evictsLongestIdle() {
        let table = ConnectionTable(limit: 2, evictIdle: true)
        let a = Self.record(idleSince: Self.t0), b = Self.record(idleSince: Self.t0 + .milliseconds(500))
        #expect(table.admit(a, now: Self.t0) == .admitted)
        #expect(table.admit(b, now: Self.t0) == .admitted)
        let c = Self.record(idleSince: Self.t0 + .seconds(3))
        #expect(table.admit(c, now: Self.t0 + .seconds(3)) == .evicted(a))
        #expect(table.count == 2)
        table.remove(a)
        #expect(table.count == 2, "the evicted connection closing later does not free a second place")
    }

    @Test("a connection owing replies, holding half a line, or idle for less than a second keeps its place")
    func busyConnectionsStay() {
        let table = ConnectionTable(limit: 3, evictIdle: true)
        let owing = Self.record(idleSince: Self.t0), halfLine = Self.record(idleSince: Self.t0)
        let fresh = Self.record(idleSince: Self.t0 + .milliseconds(9_500))
        for r in [owing, halfLine, fresh] { _ = table.admit(r, now: Self.t0) }
        owing.setInFlight(3)
        halfLine.received(partialLine: true, now: Self.t0)
        #expect(table.admit(Self.record(idleSince: Self.t0), now: Self.t0 + .seconds(10)) == .refused)
        owing.setInFlight(0)
        #expect(table.admit(Self.record(idleSince: Self.t0), now: Self.t0 + .seconds(10)) == .evicted(owing))
    }

    @Test("without eviction (the control socket) a full table refuses")
    func refusesWithoutEviction() {
        let table = ConnectionTable(limit: 1, evictIdle: false)
        _ = table.admit(Self.record(idleSince: Self.t0), now: Self.t0)
        #expect(table.admit(Self.record(idleSince: Self.t0), now: Self.t0 + .seconds(60)) == .refused)
    }
}

extension ConnectionTable.Admission: Equatable {
    static func evicted(_ r: ConnectionTable.Record) -> Self { .admittedEvicting(r) }

    public static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.admitted, .admitted), (.refused, .refused): true
        case (.admittedEvicting(let x), .admittedEvicting(let y)): x === y
        default: false
        }
    }
}
