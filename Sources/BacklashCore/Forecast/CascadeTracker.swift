import Foundation

/// The live virality state of one cascade, updated share by share: the daemon's default (improved) model.
///
/// It follows SEISMIC: a reshare by an account with nᵢ followers at tᵢ draws new reshares at rate
/// λ(t) = p·Σ nᵢ·φ(t − tᵢ) (the root post counts as a share at 0 with the author's followers). With
/// exposure S = Σ nᵢ·Φ(t − tᵢ) and pending exposure A = Σ nᵢ·(1 − Φ(t − tᵢ)):
/// - p̂ = R_t / S, where R_t is the number of reshares by t; the likelihood of a constant p is exactly
///   p^R_t·e^(−p·S), so with a Gamma(a0, b0) prior learned from past cascades p ~ Gamma(a0 + R_t, b0 + S),
///   whose mean is the p̂ used and whose 5% and 95% quantiles are the bounds (a0 = b0 = 0 gives R_t / S);
/// - N̂∞ = R_t + p̂·A / (1 − p̂·n*), explosive when p̂·n* ≥ 1.
///
/// How it differs from `SeismicReference` (R's `seismic` 1.1):
/// - p is estimated from the whole history (the exact likelihood for a constant p, with a prior from past
///   cascades) instead of a triangular window of the last t/2 seconds, so early reshares are not forgotten
///   and the estimate does not jump when the window slides;
/// - n* (mean followers of a resharer) is estimated from the resharers seen so far, shrunk toward a prior,
///   instead of the fixed 100 of R;
/// - the 90% interval of the final size combines the posterior of p with the randomness of the cascade still
///   to come (a branching process whose spread depends on the second moment of followers), while R only
///   reports bounds on p;
/// - every update is amortised O(1) and a forecast costs O(log-time bins), never O(shares);
/// - posts that carry only a repost count (`observeCounts`) are supported;
/// - with fewer than `minimumReshares` reshares the Szabo–Huberman baseline (count and author's followers)
///   answers instead, since a SEISMIC estimate from two or three reshares is noise.
public struct CascadeTracker: Sendable, Hashable, Codable {
    /// Followers of the root post's author: the root's own exposure.
    public let rootFollowers: Double
    /// Priors and settings.
    public let configuration: ViralityForecaster.Configuration
    /// Reshares known so far (individually seen, or counted by a metrics observation), root excluded.
    public private(set) var reshares: Int = 0
    /// Audience so far: root author's followers plus each resharer's (estimated for counted-only reshares).
    public private(set) var audience: Double
    /// Latest time (seconds since the root) the tracker has seen.
    public var now: Double { exposure.now }

    private var exposure: Exposure
    private var individualReshares = 0
    private var followerSum = 0.0
    private var followerSquareSum = 0.0
    private var unmatchedCounted = 0
    private var countedFollowersEach = 0.0
    private var lastCountTime = 0.0

    /// Starts tracking a cascade whose root author has `rootFollowers` followers.
    public init(rootFollowers: Double, configuration: ViralityForecaster.Configuration = .init()) {
        self.rootFollowers = rootFollowers
        self.configuration = configuration
        self.audience = rootFollowers
        exposure = Exposure(kernel: configuration.kernel, binRatio: configuration.binRatio)
        exposure.add(time: 0, weight: rootFollowers)
    }

    /// Estimated n*: mean followers of a resharer, shrunk toward the prior by `priorWeight` pseudo-resharers.
    public var meanFollowersEstimate: Double {
        let k = configuration.priorWeight
        return (k * configuration.meanFollowersPrior + followerSum) / (k + Double(individualReshares))
    }

    /// Estimated second moment of a resharer's followers, shrunk toward the log-normal prior.
    var followersSecondMomentEstimate: Double {
        let k = configuration.priorWeight
        let prior = configuration.meanFollowersPrior * configuration.meanFollowersPrior
            * exp(configuration.followersLogSDPrior * configuration.followersLogSDPrior)
        return (k * prior + followerSquareSum) / (k + Double(individualReshares))
    }

    /// Records one reshare `secondsSinceRoot` after the root by an account with `followers` followers.
    ///
    /// Amortised O(1). A reshare already counted by `observeCounts` replaces that count's estimated audience.
    public mutating func addShare(at secondsSinceRoot: Double, followers: Double) {
        let time = max(0, secondsSinceRoot)
        individualReshares += 1
        followerSum += followers
        followerSquareSum += followers * followers
        if unmatchedCounted > 0 {
            unmatchedCounted -= 1
            exposure.add(time: time, weight: followers - countedFollowersEach)
            audience += followers - countedFollowersEach
        } else {
            reshares += 1
            exposure.add(time: time, weight: followers)
            audience += followers
        }
    }

    /// Records a metrics observation: the post had `reshares` reposts at `secondsSinceRoot`.
    ///
    /// Reposts beyond those already known are assumed to have arrived evenly since the previous observation,
    /// each from an account with the estimated mean followers. Amortised O(1); a lower count is ignored.
    public mutating func observeCounts(at secondsSinceRoot: Double, reshares count: Int) {
        let time = max(secondsSinceRoot, 0)
        exposure.advance(to: time)
        defer { lastCountTime = max(lastCountTime, time) }
        guard count > reshares else { return }
        let added = count - reshares
        let each = meanFollowersEstimate
        let pieces = min(added, 8)
        let start = min(lastCountTime, time)
        for piece in 0..<pieces {
            let at = start + (Double(piece) + 0.5) / Double(pieces) * (time - start)
            exposure.add(time: at, weight: Double(added) / Double(pieces) * each)
        }
        reshares = count
        unmatchedCounted += added
        countedFollowersEach = each
        audience += Double(added) * each
    }

    /// Forecast at `t` seconds after the root (a `t` before the latest share is taken as that share's time).
    ///
    /// Mutating only because the clock moves forward to `t`; costs O(log-time bins).
    public mutating func forecast(at t: Double) -> ViralityForecast {
        exposure.advance(to: t)
        let at = exposure.now
        let exposed = exposure.cumulative()
        let pending = max(0, exposure.totalWeight - exposed)
        let count = Double(reshares)
        let meanFollowers = meanFollowersEstimate
        let shape = count + configuration.infectiousnessPriorShape
        let rate = exposed + configuration.infectiousnessPriorRate
        let p = rate > 0 ? shape / rate : 0
        let (pLow, pUp) = Self.infectiousnessBounds(shape: shape, rate: rate)

        if reshares < configuration.minimumReshares || exposed <= 0 {
            var forecast = configuration.baseline.forecast(
                at: at, observed: reshares, rootFollowers: rootFollowers, audience: audience,
                meanFollowers: meanFollowers)
            forecast.p = p
            forecast.pLow = pLow
            forecast.pUp = pUp
            return forecast
        }

        let secondMoment = followersSecondMomentEstimate
        let explosive = p * meanFollowers >= 1
        let prediction = explosive ? nil : count + p * pending / (1 - p * meanFollowers)
        let uncertainty = ViralityForecast.Uncertainty.selfExciting(
            shape: shape, rate: rate, pendingExposure: pending, meanFollowers: meanFollowers,
            followersSecondMoment: secondMoment)
        let distribution = ViralityForecast.FinalSizeDistribution(observed: count, uncertainty: uncertainty)
        // When even the 5% quantile is unbounded (p·n* ≥ 1 almost surely), all that is sure is what is seen.
        let low = distribution.quantile(0.05, roundUp: false)
        return ViralityForecast(
            t: at, observed: reshares, p: p, pLow: pLow, pUp: pUp, prediction: prediction, explosive: explosive,
            low: low.isFinite ? low : count, high: distribution.quantile(0.95, roundUp: true),
            reachForecast: prediction.map { audience + ($0 - count) * meanFollowers } ?? .infinity,
            model: .improved, uncertainty: uncertainty)
    }

    /// 90% bounds of p ~ Gamma(shape, rate); with no reshare and no prior, the upper bound of Gamma(1, rate).
    static func infectiousnessBounds(shape: Double, rate: Double) -> (Double, Double) {
        guard rate > 0 else { return (0, 0) }
        if shape <= 0 { return (0, -log(0.05) / rate) }
        return (
            ViralityForecast.Probability.fastGammaQuantile(0.05, shape: shape) / rate,
            ViralityForecast.Probability.fastGammaQuantile(0.95, shape: shape) / rate
        )
    }
}
