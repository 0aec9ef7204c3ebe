import Testing

@testable import BacklashCore

@Suite struct DurationPercentilesTests {
    @Test("percentiles are nearest-rank: each is a duration that really occurred")
    func nearestRank() throws {
        let minutes = [7.0, 1, 10, 3, 2, 9, 4, 8, 6, 5].map { $0 * 60 }
        let p = try #require(DurationPercentiles(minutes))
        #expect(p.count == 10)
        #expect(p.p50 == 5 * 60)
        #expect(p.p90 == 9 * 60)
        #expect(p.max == 10 * 60)
    }

    @Test("one duration is its own median, p90 and maximum; none gives no summary")
    func smallSets() throws {
        let one = try #require(DurationPercentiles([42]))
        #expect(one == DurationPercentiles(count: 1, p50: 42, p90: 42, max: 42))
        #expect(DurationPercentiles([]) == nil)
        #expect(DurationPercentiles([.nan, .infinity]) == nil)
        let three = try #require(DurationPercentiles([30, 10, 20]))
        #expect(three.p50 == 20 && three.p90 == 30)
    }
}
