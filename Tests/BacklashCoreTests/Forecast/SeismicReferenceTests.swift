import Foundation
import Testing

@testable import BacklashCore

@Suite struct SeismicReferenceTests {
    let c = 6.265725e-4
    // Tiny cascade: the root (1000 followers) at 0, reshares at 60 s (50 followers) and 120 s (200 followers).
    let times: [Double] = [0, 60, 120]
    let degrees: [Double] = [1000, 50, 200]

    // By hand at t = 240:
    // - window t/2 = 120 is raised to 300; [−60, 240) holds 3 shares < 5, so the window is widened back to
    //   the root: window = 240, slope = 1/240, weight of a share at s = 1 + (s − 240)/240 = s/240.
    // - every age is ≤ 300, so φ = c and ∫_s^240 c·τ/240 dτ = c·(240² − s²)/480:
    //   root 120c, share 60 112.5c, share 120 90c; exposure I = c·(1000·120 + 50·112.5 + 200·90) = 143625c.
    // - weighted count (root excluded) = 60/240 + 120/240 = 0.75, n = 2; p = 0.75 / (143625c).
    // - bounds p·χ²(q, 4)/4 where χ²₄ has CDF 1 − e^(−x/2)(1 + x/2).
    // - prediction: rt0 = 2, rt1 = p·(1000(1 − 240c) + 50(1 − 180c) + 200(1 − 120c)) = p·(1250 − 273000c),
    //   final = 2 + rt1/(1 − 100p).
    var handP: Double { 0.75 / (143_625 * c) }

    @Test("infectiousness of a three-share cascade matches the hand computation")
    func handInfectiousness() {
        let estimate = SeismicReference.infectiousness(shareTimes: times, degrees: degrees, at: [240])[0]
        #expect(abs(estimate.p - handP) < 1e-12 * handP)
        #expect(estimate.windowReshares == 2)
        let (q05, q95) = (0.7107230213973241, 9.487729036781154)
        // The χ²₄ quantiles solve the closed-form CDF.
        #expect(abs(1 - exp(-q05 / 2) * (1 + q05 / 2) - 0.05) < 1e-12)
        #expect(abs(1 - exp(-q95 / 2) * (1 + q95 / 2) - 0.95) < 1e-12)
        #expect(abs(estimate.pLow - handP * q05 / 4) < 1e-9 * handP)
        #expect(abs(estimate.pUp - handP * q95 / 4) < 1e-9 * handP)
    }

    @Test("prediction of a three-share cascade matches the hand computation")
    func handPrediction() {
        let prediction = SeismicReference.predict(
            at: [240], infectiousness: [handP], shareTimes: times, degrees: degrees)[0]
        let numerator = handP * (1250 - 273_000 * c)
        #expect(prediction.currentReshares == 2)
        #expect(abs(prediction.numerator - numerator) < 1e-12 * numerator)
        #expect(abs(prediction.finalReshares - (2 + numerator / (1 - 100 * handP))) < 1e-9)
    }

    @Test("a reshare exactly at t counts as observed but not in the estimate of p")
    func shareAtPredictionTime() {
        let withShare = SeismicReference.forecast(
            shares: zip(times + [240], degrees + [1000]).map { CascadeShare(secondsSinceRoot: $0, followers: $1) },
            at: [240])[0]
        #expect(abs(withShare.p - handP) < 1e-12 * handP)
        #expect(withShare.observed == 3)
        // Its own pull is untouched: rt1 gains p·1000·ccdf(0) = 1000p.
        let numerator = handP * (1250 - 273_000 * c) + 1000 * handP
        let expected = 3 + numerator / (1 - 100 * handP)
        #expect(abs((withShare.prediction ?? 0) - expected) < 1e-9)
    }

    @Test("before the first reshare the reference forecast is zero with no bounds")
    func beforeFirstReshare() {
        let forecast = SeismicReference.forecast(
            shares: zip(times, degrees).map { CascadeShare(secondsSinceRoot: $0, followers: $1) }, at: [0, 30])
        for f in forecast {
            #expect(f.p == 0 && f.pLow == 0 && f.pUp == 0)
            #expect(f.prediction == 0 && f.observed == 0 && !f.explosive)
        }
    }

    @Test("p above 1/n* makes the reference forecast explosive with an unbounded interval")
    func explosiveForecast() {
        let shares = [CascadeShare(secondsSinceRoot: 0, followers: 20)]
            + (1...30).map { CascadeShare(secondsSinceRoot: Double($0) * 10, followers: 10) }
        let forecast = SeismicReference.forecast(shares: shares, at: [310])[0]
        #expect(forecast.explosive)
        #expect(forecast.prediction == nil)
        #expect(forecast.high == .infinity)
        #expect(forecast.reachForecast == .infinity)
        #expect(forecast.model == .reference)
        // Even p.low is above 1/n* here, so all the interval can promise is what is already seen.
        #expect(forecast.pLow > 1.0 / 100)
        #expect(forecast.low == Double(forecast.observed))
    }

    @Test("the reference interval is the prediction at p.low and p.up, and brackets the prediction")
    func intervalFromBounds() {
        let shares = zip(times, degrees).map { CascadeShare(secondsSinceRoot: $0, followers: $1) }
        let forecast = SeismicReference.forecast(shares: shares, at: [240], nStar: 30)[0]
        let pending = 1250 - 273_000 * c
        #expect(abs(forecast.low - (2 + forecast.pLow * pending / (1 - forecast.pLow * 30))) < 1e-9)
        #expect(abs(forecast.high - (2 + forecast.pUp * pending / (1 - forecast.pUp * 30))) < 1e-9)
        #expect(forecast.low < forecast.prediction! && forecast.prediction! < forecast.high)
        // The interval is the 90% interval of p mapped through the prediction, so P(final > high) = 5%.
        #expect(abs(forecast.probabilityFinalAbove(forecast.high) - 0.05) < 1e-6)
        #expect(abs(forecast.probabilityFinalAbove(forecast.low) - 0.95) < 1e-6)
    }

    @Test("the forecaster's reference model is R's seismic with the root post as the first share")
    func forecasterUsesReference() {
        let reshares = [
            CascadeShare(secondsSinceRoot: 60, followers: 50), CascadeShare(secondsSinceRoot: 120, followers: 200),
        ]
        let forecaster = ViralityForecaster(model: .reference)
        let forecast = forecaster.forecast(rootFollowers: 1000, reshares: reshares, at: [240])
        #expect(forecast.count == 1)
        #expect(abs(forecast[0].p - handP) < 1e-12 * handP)
        #expect(forecast[0].model == .reference)
    }
}
