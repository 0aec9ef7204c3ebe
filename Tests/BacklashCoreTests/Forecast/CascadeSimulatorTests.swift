import Foundation
import Testing

@testable import BacklashCore

@Suite struct CascadeSimulatorTests {
    @Test("the same seed draws the same cascades, another seed draws others")
    func deterministic() {
        let first = CascadeSimulator(seed: 7).cascades(0..<20)
        let again = CascadeSimulator(seed: 7).cascades(0..<20)
        let other = CascadeSimulator(seed: 8).cascades(0..<20)
        #expect(first == again)
        #expect(first != other)
        // Cascade i does not depend on the ones drawn before it.
        #expect(CascadeSimulator(seed: 7).cascade(13) == first[13])
    }

    @Test("cascades are sorted in time and their final size is the number of reshares")
    func wellFormed() {
        for cascade in CascadeSimulator(seed: 3).cascades(0..<200) {
            let times = cascade.reshares.map(\.secondsSinceRoot)
            #expect(times == times.sorted())
            #expect(cascade.finalReshares == cascade.reshares.count)
            #expect(cascade.reshares.allSatisfy { $0.followers >= 0 })
            #expect((0.1...0.85).contains(cascade.branchingFactor))
        }
    }

    @Test("the mean final size matches the branching-process expectation p·n0/(1 − p·n*)")
    func meanSizeMatchesTheory() {
        var world = CascadeSimulator.Configuration()
        world.branchingFactors = 0.5...0.5
        world.rootFollowersLogSD = 0
        let cascades = CascadeSimulator(configuration: world, seed: 11).cascades(0..<2000)
        let mean = Double(cascades.reduce(0) { $0 + $1.finalReshares }) / Double(cascades.count)
        // p = 0.5/100, n0 = 2000: expected 0.005·2000/(1 − 0.5) = 20; the standard error is about 0.3.
        #expect(abs(mean - 20) < 1.5, "mean final size \(mean)")
    }

    @Test("a finite horizon keeps only the reshares made before it")
    func horizon() {
        var world = CascadeSimulator.Configuration()
        world.horizon = 3600
        let limited = CascadeSimulator(configuration: world, seed: 5).cascades(0..<100)
        let unlimited = CascadeSimulator(seed: 5).cascades(0..<100)
        for (short, long) in zip(limited, unlimited) {
            #expect(short.reshares.allSatisfy { $0.secondsSinceRoot <= 3600 })
            #expect(short.finalReshares <= long.finalReshares)
        }
        #expect(limited.reduce(0) { $0 + $1.finalReshares } < unlimited.reduce(0) { $0 + $1.finalReshares })
    }

    @Test("reaction delays follow the kernel: the root's direct reshares land before 10 minutes about 30% of the time")
    func delaysFollowKernel() {
        var world = CascadeSimulator.Configuration()
        world.branchingFactors = 0.01...0.01  // almost only direct reshares of the root
        world.rootFollowersLogSD = 0
        world.rootMedianFollowers = 100_000_000
        let cascade = CascadeSimulator(configuration: world, seed: 9).cascade(0)
        let early = Double(cascade.reshares(through: 600).count) / Double(cascade.finalReshares)
        #expect(cascade.finalReshares > 5000)  // binomial standard error of the share below 0.007
        #expect(abs(early - SeismicKernel.twitter.cumulative(at: 600)) < 0.025, "share before 10 min: \(early)")
    }
}
