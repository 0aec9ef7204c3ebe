import Foundation
import Testing

@testable import BacklashCore

@Suite struct ViralityForecastTests {
    func growingCascade() -> ViralityForecast {
        var tracker = CascadeTracker(rootFollowers: 8000)
        for i in 1...25 { tracker.addShare(at: Double(i) * 90, followers: Double(40 + 7 * i)) }
        return tracker.forecast(at: 2400)
    }

    @Test("an explosive forecast encodes its unbounded figures as JSON null and decodes them back")
    func explosiveRoundTrip() throws {
        var tracker = CascadeTracker(rootFollowers: 300)
        for i in 1...60 { tracker.addShare(at: Double(i) * 5, followers: 150) }
        let forecast = tracker.forecast(at: 301)
        let data = try JSONEncoder().encode(forecast)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["prediction"] is NSNull)
        #expect(object["high"] is NSNull)
        #expect(object["reach_forecast"] is NSNull)
        #expect(abs((object["p_low"] as? Double ?? 0) - forecast.pLow) <= 1e-15 * forecast.pLow)
        #expect(object["model"] as? String == "improved")
        #expect(try JSONDecoder().decode(ViralityForecast.self, from: data) == forecast)
    }

    @Test("a finite forecast survives a JSON round trip unchanged")
    func finiteRoundTrip() throws {
        let forecast = growingCascade()
        #expect(!forecast.explosive)
        let decoded = try JSONDecoder().decode(ViralityForecast.self, from: JSONEncoder().encode(forecast))
        #expect(decoded == forecast)
    }

    @Test("the chance of ending above K falls as K grows and matches the 90% interval")
    func probabilityAboveMatchesInterval() {
        let forecast = growingCascade()
        let ks = [0.0, 10, 25, 40, 80, 160, 400, 2000]
        let chances = ks.map { forecast.probabilityFinalAbove($0) }
        #expect(zip(chances, chances.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(forecast.probabilityFinalAbove(Double(forecast.observed) - 1) == 1)
        // low and high are whole-number ends of the 5% and 95% quantiles, erring outward.
        #expect(forecast.probabilityFinalAbove(forecast.high) <= 0.05 + 1e-9)
        #expect(forecast.probabilityFinalAbove(forecast.low - 1) >= 0.95 - 1e-9)
        #expect(forecast.low <= forecast.prediction! && forecast.prediction! <= forecast.high)
    }

    @Test("the Szabo–Huberman chance of ending above K is the log-normal tail")
    func logNormalTail() {
        let forecast = SzaboHubermanBaseline.standard.forecast(
            at: 3600, observed: 3, rootFollowers: 1000, audience: 1300, meanFollowers: 100)
        guard case let .logNormal(mean, sd) = forecast.uncertainty else {
            Issue.record("expected a log-normal forecast")
            return
        }
        let k = expm1(mean + sd)
        #expect(abs(forecast.probabilityFinalAbove(k) - 0.15865525393145707) < 1e-9)
    }

    @Test("gamma and normal quantiles invert their distribution functions")
    func quantilesInvert() {
        typealias P = ViralityForecast.Probability
        for shape in [0.3, 1, 2, 5, 37, 1000, 40_000.0] {
            for q in [0.001, 0.05, 0.5, 0.95, 0.999] {
                let x = P.gammaQuantile(q, shape: shape)
                #expect(abs(P.gammaCDF(x, shape: shape) - q) < 1e-10 * q, "shape \(shape) q \(q)")
            }
        }
        // χ²₂ is exponential with mean 2: its q-quantile is −2·ln(1 − q).
        #expect(abs(P.chiSquaredQuantile(0.95, degreesOfFreedom: 2) - -2 * log(0.05)) < 1e-12)
        for q in [1e-6, 0.01, 0.3, 0.5, 0.9, 0.999_999] {
            #expect(abs(P.normalCDF(P.normalQuantile(q)) - q) < 1e-14 + 1e-12 * q)
        }
    }
}
