import Foundation
import Testing

@testable import BacklashCore

@Suite struct CascadeTrackerTests {
    let kernel = SeismicKernel.twitter

    /// A configuration without the p prior, so p̂ is exactly reshares / exposure.
    var flat: ViralityForecaster.Configuration {
        var configuration = ViralityForecaster.Configuration()
        configuration.infectiousnessPriorShape = 0
        configuration.infectiousnessPriorRate = 0
        return configuration
    }

    @Test("the binned exposure stays within 0.5% of the exact sum over weeks of bursty, late reshares")
    func binnedExposureIsAccurate() {
        var random = CascadeSimulator.RandomSource(seed: 42)
        var exposure = CascadeTracker.Exposure(kernel: kernel, binRatio: 0.5)
        var shares: [(time: Double, weight: Double)] = []
        var time = 0.0
        var worst = 0.0
        var mostBins = 0
        for index in 0..<5000 {
            // Bursty arrivals: gaps from a fraction of a second to hours, heavy-tailed followers.
            time += -log(random.uniform()) * (index % 500 < 100 ? 2 : 400)
            let weight = (20 * exp(1.5 * random.normal())).rounded()
            exposure.add(time: time, weight: weight)
            shares.append((time, weight))
            mostBins = max(mostBins, exposure.binCount)
            if index % 97 == 0 {
                let query = time + random.uniform() * 3600
                exposure.advance(to: query)  // later reshares may then arrive "in the past", as in real feeds
                let exact = shares.reduce(0) { $0 + $1.weight * kernel.cumulative(at: exposure.now - $1.time) }
                worst = max(worst, abs(exposure.cumulative() - exact) / exact)
            }
        }
        print("binned exposure: worst relative error \(worst), at most \(mostBins) bins for \(shares.count) shares")
        #expect(worst < 0.005)
        #expect(mostBins < 64)
    }

    @Test("p̂ is reshares over exposure and the prediction follows SEISMIC's formula on a hand cascade")
    func handCascade() {
        // Root 10,000 followers; five reshares. At t = 600 the ages are 600, 540, 480, 300, 200, 100.
        let reshares: [(Double, Double)] = [(60, 50), (120, 200), (300, 100), (400, 30), (500, 120)]
        var exact = flat
        exact.binRatio = 0  // one bin per share: the exposure sum is exact
        var tracker = CascadeTracker(rootFollowers: 10_000, configuration: exact)
        for (time, followers) in reshares { tracker.addShare(at: time, followers: followers) }
        let forecast = tracker.forecast(at: 600)
        // Φ(s) = c·s up to 300 s, then c·300 + (c·300/θ)(1 − (s/300)^−θ).
        let (c, theta) = (6.265725e-4, 0.2314843)
        func phi(_ s: Double) -> Double { s <= 300 ? c * s : c * 300 + c * 300 / theta * (1 - pow(s / 300, -theta)) }
        let exposure = 10_000 * phi(600) + 50 * phi(540) + 200 * phi(480) + 100 * phi(300) + 30 * phi(200)
            + 120 * phi(100)
        let audience = 10_000.0 + 50 + 200 + 100 + 30 + 120
        let pending = audience - exposure
        let p = 5 / exposure
        // n* shrunk toward the prior 100 with weight 50: (50·100 + 500)/(50 + 5).
        let nStar = (50 * 100 + 500) / 55.0
        #expect(abs(forecast.p - p) < 1e-9 * p)
        #expect(forecast.model == .improved)
        #expect(forecast.observed == 5)
        #expect(abs(tracker.meanFollowersEstimate - nStar) < 1e-9)
        let expected = 5 + p * pending / (1 - p * nStar)
        #expect(abs(forecast.prediction! - expected) < 1e-9 * expected)
        #expect(abs(forecast.reachForecast - (audience + (expected - 5) * nStar)) < 1e-6)
        #expect(forecast.low <= expected && expected <= forecast.high)
    }

    @Test("the p bounds are the 5% and 95% quantiles of Gamma(R, S)")
    func gammaBounds() {
        var tracker = CascadeTracker(rootFollowers: 5000, configuration: flat)
        for i in 1...40 { tracker.addShare(at: Double(i) * 30, followers: 80) }
        let forecast = tracker.forecast(at: 1500)
        let rate = 40 / forecast.p
        // Gamma(40, rate) CDF at the bounds, via the chi-squared relation χ²₈₀ = 2·rate·p.
        #expect(abs(ViralityForecast.Probability.gammaCDF(forecast.pLow * rate, shape: 40) - 0.05) < 1e-9)
        #expect(abs(ViralityForecast.Probability.gammaCDF(forecast.pUp * rate, shape: 40) - 0.95) < 1e-9)
    }

    @Test("a cascade with fewer than five reshares is forecast by the Szabo–Huberman baseline")
    func youngCascadeUsesBaseline() {
        var tracker = CascadeTracker(rootFollowers: 50_000)
        tracker.addShare(at: 30, followers: 200)
        tracker.addShare(at: 90, followers: 10)
        let forecast = tracker.forecast(at: 600)
        #expect(forecast.model == .szaboHuberman)
        let (mean, _) = SzaboHubermanBaseline.standard.logFinal(at: 600, observed: 2, rootFollowers: 50_000)
        #expect(abs(forecast.prediction! - max(2, expm1(mean))) < 1e-9)
        #expect(forecast.p > 0 && forecast.pLow < forecast.p && forecast.p < forecast.pUp)
        // A bigger author with the same count is expected to go further.
        var small = CascadeTracker(rootFollowers: 500)
        small.addShare(at: 30, followers: 200)
        small.addShare(at: 90, followers: 10)
        #expect(small.forecast(at: 600).prediction! < forecast.prediction!)
    }

    @Test("a burst of well-followed reshares is flagged explosive with an unbounded interval")
    func explosiveBurst() {
        var tracker = CascadeTracker(rootFollowers: 300)
        for i in 1...60 { tracker.addShare(at: Double(i) * 5, followers: 150) }
        let forecast = tracker.forecast(at: 301)
        #expect(forecast.explosive)
        #expect(forecast.prediction == nil)
        #expect(forecast.high == .infinity)
        #expect(forecast.reachForecast == .infinity)
        #expect(forecast.p * tracker.meanFollowersEstimate >= 1)
    }

    @Test("a post that only reports repost counts is forecast close to the same cascade seen reshare by reshare")
    func countsOnlyCascade() {
        var shares = CascadeTracker(rootFollowers: 3000, configuration: flat)
        var counts = CascadeTracker(rootFollowers: 3000, configuration: flat)
        for minute in 1...60 {
            for k in 0..<2 { shares.addShare(at: Double(minute) * 60 - Double(k) * 30, followers: 100) }
            counts.observeCounts(at: Double(minute) * 60, reshares: 2 * minute)
        }
        let byShare = shares.forecast(at: 3600)
        let byCount = counts.forecast(at: 3600)
        #expect(byCount.observed == 120)
        #expect(abs(byCount.p - byShare.p) < 0.05 * byShare.p)
        #expect(abs(counts.audience - shares.audience) < 1e-6)
    }

    @Test("a reshare already included in a repost count is not counted twice")
    func countedReshareIsNotDoubled() {
        var tracker = CascadeTracker(rootFollowers: 1000)
        tracker.observeCounts(at: 600, reshares: 10)
        for i in 1...3 { tracker.addShare(at: Double(i) * 100, followers: 400) }
        #expect(tracker.reshares == 10)
        tracker.observeCounts(at: 900, reshares: 8)
        #expect(tracker.reshares == 10)
        for i in 1...8 { tracker.addShare(at: 900 + Double(i), followers: 50) }
        #expect(tracker.reshares == 11)
    }

    @Test("the improved forecaster replays reshares through a tracker and answers in the order asked")
    func forecasterReplaysShares() {
        let reshares = (1...30).map { CascadeShare(secondsSinceRoot: Double($0) * 100, followers: 90) }
        let forecaster = ViralityForecaster()
        let forecasts = forecaster.forecast(rootFollowers: 4000, reshares: reshares.reversed(), at: [3600, 600])
        #expect(forecasts.map(\.t) == [3600, 600])
        #expect(forecasts.map(\.observed) == [30, 6])
        var tracker = forecaster.makeTracker(rootFollowers: 4000)
        for share in reshares { tracker.addShare(at: share.secondsSinceRoot, followers: share.followers) }
        #expect(tracker.forecast(at: 3600) == forecasts[0])
    }
}
