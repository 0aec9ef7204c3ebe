import Foundation

/// The R package `seismic` 1.1 (Zhao et al., KDD 2015) reproduced operation for operation.
///
/// `infectiousness` is R's `get.infectiousness` and `predict` is R's `pred.cascade`, including their
/// quirks, so that `backlashctl forecast --model reference` prints the numbers R prints:
/// - the infectiousness at t counts only shares strictly before t, the prediction counts shares at or
///   before t (a share exactly at t adds to the observed count but not to the estimate of p);
/// - the triangular window is t/2 clamped to [min window, max window]; when it holds fewer than `minCount`
///   shares (root included) it is widened back to the (minCount+1)-th last share before t, or to the root;
/// - the root's followers count in the exposure, the root itself does not count as a reshare;
/// - the share times are sorted but the follower counts are not reordered with them (R's
///   `get.infectiousness` does exactly this), so pass shares sorted by time;
/// - the kernel integrals use the Twitter kernel whatever kernel is configured elsewhere.
public enum SeismicReference {
    /// Infectiousness estimated at one time, with R's 90% bounds.
    public struct Infectiousness: Sendable, Hashable {
        /// Estimated infectiousness p (R: `infectiousness`).
        public var p: Double
        /// Lower bound p·χ²(0.05, 2n)/(2n) (R: `p.low`).
        public var pLow: Double
        /// Upper bound p·χ²(0.95, 2n)/(2n) (R: `p.up`).
        public var pUp: Double
        /// n: reshares inside the triangular window, which R uses for the bounds but does not return.
        public var windowReshares: Int
    }

    /// R's `pred.cascade` result at one time, with the features it returns when asked.
    public struct Prediction: Sendable, Hashable {
        /// Reshares at or before t, root excluded (R feature `current.rt`).
        public var currentReshares: Int
        /// Σ followers·p·ccdf(t − share time) over shares at or before t (R feature `numerator`).
        public var numerator: Double
        /// The infectiousness the prediction used (R feature `infectiousness`).
        public var infectiousness: Double
        /// Predicted final reshares: current + numerator/(1 − p·n*), `+infinity` when p > 1/n*.
        public var finalReshares: Double
    }

    /// R's `get.infectiousness(share.time, degree, p.time, max.window, min.window, min.count)`.
    public static func infectiousness(
        shareTimes: [Double], degrees: [Double], at predictionTimes: [Double],
        maxWindow: Double = 2 * 60 * 60, minWindow: Double = 300, minCount: Int = 5
    ) -> [Infectiousness] {
        precondition(shareTimes.count == degrees.count, "every share needs a follower count")
        precondition(!shareTimes.isEmpty, "a cascade needs its root post")
        let times = shareTimes.sorted()
        return predictionTimes.map { t in
            var slope = 1 / (t / 2)
            if slope < 1 / maxWindow { slope = 1 / maxWindow }
            if slope > 1 / minWindow { slope = 1 / minWindow }
            var window = t / 2
            if window > maxWindow { window = maxWindow }
            if window < minWindow { window = minWindow }

            let inWindow = times.reduce(0) { $0 + ($1 >= t - window && $1 < t ? 1 : 0) }
            if inWindow < minCount {
                let before = times.reduce(0) { $0 + ($1 < t ? 1 : 0) }
                if before == 0 {
                    // R indexes an empty vector here, gets NA, and ends with infectiousness 0.
                    return Infectiousness(p: 0, pLow: 0, pUp: 0, windowReshares: 0)
                }
                let first = max(before - minCount, 1) - 1
                slope = 1 / (t - times[first])
                window = t - times[first]
            }

            var exposure = 0.0
            for (share, degree) in zip(times, degrees) {
                exposure += degree * kernelIntegral(at: t, shareTime: share, slope: slope, window: window)
            }
            var weighted = 0.0
            var count = 0
            for share in times.dropFirst() where share >= t - window && share < t {
                weighted += slope * (share - t) + 1
                count += 1
            }
            if weighted == 0 { return Infectiousness(p: 0, pLow: 0, pUp: 0, windowReshares: 0) }
            let p = weighted / exposure
            let twoN = 2 * Double(count)
            return Infectiousness(
                p: p,
                pLow: p * ViralityForecast.Probability.chiSquaredQuantile(0.05, degreesOfFreedom: twoN) / twoN,
                pUp: p * ViralityForecast.Probability.chiSquaredQuantile(0.95, degreesOfFreedom: twoN) / twoN,
                windowReshares: count)
        }
    }

    /// R's `pred.cascade(p.time, infectiousness, share.time, degree, n.star, features.return = TRUE)`.
    public static func predict(
        at predictionTimes: [Double], infectiousness: [Double], shareTimes: [Double], degrees: [Double],
        nStar: Double = 100
    ) -> [Prediction] {
        precondition(predictionTimes.count == infectiousness.count, "one infectiousness per prediction time")
        precondition(shareTimes.count == degrees.count, "every share needs a follower count")
        let kernel = SeismicKernel.twitter
        return zip(predictionTimes, infectiousness).map { t, p in
            var count = 0
            var numerator = 0.0
            for (share, degree) in zip(shareTimes, degrees) where share <= t {
                count += 1
                numerator += degree * p * kernel.referenceSurvival(at: t - share)
            }
            let current = count - 1
            var final = Double(current) + numerator / (1 - p * nStar)
            if p > 1 / nStar { final = .infinity }
            return Prediction(currentReshares: current, numerator: numerator, infectiousness: p, finalReshares: final)
        }
    }

    /// Reference forecasts at each time: `shares` is the root post (at 0) followed by its reshares, by time.
    ///
    /// `low`/`high` are the predictions at `pLow`/`pUp` (`low` falls back to the observed count when even
    /// `pLow` exceeds 1/n*); `reachForecast` adds n* followers per predicted future reshare to the audience
    /// seen so far.
    public static func forecast(shares: [CascadeShare], at times: [Double], nStar: Double = 100) -> [ViralityForecast] {
        let shareTimes = shares.map(\.secondsSinceRoot)
        let degrees = shares.map(\.followers)
        let estimates = infectiousness(shareTimes: shareTimes, degrees: degrees, at: times)
        let predictions = predict(
            at: times, infectiousness: estimates.map(\.p), shareTimes: shareTimes, degrees: degrees, nStar: nStar)
        let kernel = SeismicKernel.twitter
        return zip(times, zip(estimates, predictions)).map { t, pair in
            let (estimate, prediction) = pair
            var pending = 0.0
            var audience = 0.0
            for share in shares where share.secondsSinceRoot <= t {
                pending += share.followers * kernel.referenceSurvival(at: t - share.secondsSinceRoot)
                audience += share.followers
            }
            let observed = Double(prediction.currentReshares)
            func final(at p: Double) -> Double {
                p > 1 / nStar ? .infinity : observed + p * pending / (1 - p * nStar)
            }
            let explosive = !prediction.finalReshares.isFinite
            let low = final(at: estimate.pLow)
            let shape = Double(estimate.windowReshares)
            return ViralityForecast(
                t: t, observed: prediction.currentReshares, p: estimate.p, pLow: estimate.pLow, pUp: estimate.pUp,
                prediction: explosive ? nil : prediction.finalReshares, explosive: explosive,
                low: low.isFinite ? low : observed, high: final(at: estimate.pUp),
                reachForecast: explosive ? .infinity : audience + (prediction.finalReshares - observed) * nStar,
                model: .reference,
                uncertainty: .infectiousness(
                    shape: shape, rate: estimate.p > 0 ? shape / estimate.p : 0, pendingExposure: pending,
                    nStar: nStar))
        }
    }

    /// R's `integral.memory.kernel` for one share: ∫ φ(τ − share)·(slope·(τ − t) + 1) dτ over the window.
    static func kernelIntegral(at t: Double, shareTime s: Double, slope: Double, window: Double) -> Double {
        let cutoff = 300.0
        var integral = Double.nan
        if t <= s { integral = 0 }
        if t > s && t <= s + cutoff { integral = linearKernel(s, t, t, slope) }
        if t > s + cutoff && t <= s + window {
            integral = linearKernel(s, s + cutoff, t, slope) + powerKernel(s + cutoff, t, t, s, slope)
        }
        if t > s + window && t <= s + window + cutoff {
            integral = linearKernel(t - window, s + cutoff, t, slope) + powerKernel(s + cutoff, t, t, s, slope)
        }
        if t > s + window + cutoff { integral = powerKernel(t - window, t, t, s, slope) }
        return integral
    }

    /// R's `linear.kernel`: ∫ c·(slope·(τ − ptime) + 1) dτ from t1 to t2, in R's order of operations.
    private static func linearKernel(_ t1: Double, _ t2: Double, _ ptime: Double, _ slope: Double) -> Double {
        let c = 0.0006265725
        let upper = t2 - ptime * slope * t2 + slope * (t2 * t2) / 2
        let lower = t1 - ptime * slope * t1 + slope * (t1 * t1) / 2
        return c * upper - c * lower
    }

    /// R's `power.kernel`: the power-law part of the windowed kernel integral, in R's order of operations.
    private static func powerKernel(
        _ t1: Double, _ t2: Double, _ ptime: Double, _ share: Double, _ slope: Double
    ) -> Double {
        let theta = 0.2314843
        let cutoff = 300.0
        let c = 0.0006265725
        let scale = c * pow(cutoff, 1 + theta)
        let denominator = (theta - 1) * theta
        func term(_ x: Double) -> Double {
            let bracket = share * slope - theta + (theta - 1) * ptime * slope - theta * slope * x + 1
            return scale * pow(x - share, -theta) * bracket / denominator
        }
        return term(t2) - term(t1)
    }
}
