/// Forecasts how far cascades will spread, with the model and priors of its configuration.
public struct ViralityForecaster: Sendable, Hashable, Codable {
    /// Priors and settings of the virality models.
    public struct Configuration: Sendable, Hashable, Codable {
        /// Memory kernel of the improved model (the reference model always uses the Twitter kernel).
        public var kernel: SeismicKernel = .twitter
        /// Prior mean followers of a resharer (n*); R's `seismic` uses 100 for Twitter.
        public var meanFollowersPrior: Double = 100
        /// Prior spread of resharers' followers: standard deviation of ln(followers).
        public var followersLogSDPrior: Double = 1.2
        /// Weight of the follower priors, in resharers: the data outweighs the prior after this many.
        public var priorWeight: Double = 50
        /// Shape a0 of the Gamma(a0, b0) prior of the infectiousness p (a0 = b0 = 0: no prior, p̂ = R/S).
        public var infectiousnessPriorShape: Double = 4.165
        /// Rate b0 of the Gamma(a0, b0) prior of p, in followers reached: p's posterior is Gamma(a0 + R, b0 + S).
        public var infectiousnessPriorRate: Double = 953.3
        /// Below this many reshares the improved model answers with the Szabo–Huberman baseline.
        public var minimumReshares: Int = 5
        /// Widest time bin for old shares, as a fraction of the bin's age (accuracy of the exposure sums).
        public var binRatio: Double = 0.5
        /// n* of the reference model (R's `n.star`).
        public var referenceNStar: Double = 100
        /// Log-linear baseline used for young cascades and by the Szabo–Huberman model.
        public var baseline: SzaboHubermanBaseline = .standard

        /// The default priors (Twitter-like audiences; p prior and baseline fitted on `CascadeSimulator`'s
        /// default world, seed 2015, 2,000 cascades).
        public init() {}

        /// Fits the Gamma prior of p by moments to finished cascades: `finalReshares[i]` reshares reached
        /// `finalAudiences[i]` followers (root author's plus every resharer's).
        ///
        /// Each cascade's p̂ = reshares/audience; the Poisson noise of p̂ (mean p/audience) is removed from the
        /// spread, and the prior is kept no tighter than 50 pseudo-reshares.
        public mutating func fitInfectiousnessPrior(finalReshares: [Double], finalAudiences: [Double]) {
            let pairs = zip(finalReshares, finalAudiences).filter { $0.1 > 0 }
            guard pairs.count > 1 else { return }
            let estimates = pairs.map { $0.0 / $0.1 }
            let n = Double(estimates.count)
            let mean = estimates.reduce(0, +) / n
            guard mean > 0 else { return }
            let spread = estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            let noise = pairs.reduce(0) { $0 + $1.0 / ($1.1 * $1.1) } / n
            let variance = max(spread - noise, mean * mean / 50)
            infectiousnessPriorShape = mean * mean / variance
            infectiousnessPriorRate = mean / variance
        }
    }

    /// Model used by `forecast(rootFollowers:reshares:at:)`.
    public var model: ForecastModel
    /// Priors and settings.
    public var configuration: Configuration

    /// A forecaster using `model` (the improved model by default).
    public init(model: ForecastModel = .improved, configuration: Configuration = .init()) {
        self.model = model
        self.configuration = configuration
    }

    /// A live tracker for a new cascade whose root author has `rootFollowers` followers.
    public func makeTracker(rootFollowers: Double) -> CascadeTracker {
        CascadeTracker(rootFollowers: rootFollowers, configuration: configuration)
    }

    /// Forecasts at each of `times` (seconds after the root) from a cascade's reshares, ordered by time.
    ///
    /// Each forecast uses the reshares at or before its time. The reference model reproduces R's `seismic`;
    /// the improved model replays the reshares through a `CascadeTracker`.
    public func forecast(rootFollowers: Double, reshares: [CascadeShare], at times: [Double]) -> [ViralityForecast] {
        switch model {
        case .reference:
            let shares = [CascadeShare(secondsSinceRoot: 0, followers: rootFollowers)] + reshares
            return SeismicReference.forecast(shares: shares, at: times, nStar: configuration.referenceNStar)
        case .improved:
            let sorted = reshares.sorted { $0.secondsSinceRoot < $1.secondsSinceRoot }
            let order = times.indices.sorted { times[$0] < times[$1] }
            var results = [ViralityForecast?](repeating: nil, count: times.count)
            var tracker = makeTracker(rootFollowers: rootFollowers)
            var next = 0
            for index in order {
                while next < sorted.count && sorted[next].secondsSinceRoot <= times[index] {
                    tracker.addShare(at: sorted[next].secondsSinceRoot, followers: sorted[next].followers)
                    next += 1
                }
                results[index] = tracker.forecast(at: times[index])
            }
            return results.compactMap { $0 }
        case .szaboHuberman:
            return times.map { t in
                let seen = reshares.filter { $0.secondsSinceRoot <= t }
                let audience = seen.reduce(rootFollowers) { $0 + $1.followers }
                let mean = seen.isEmpty
                    ? configuration.meanFollowersPrior : (audience - rootFollowers) / Double(seen.count)
                return configuration.baseline.forecast(
                    at: t, observed: seen.count, rootFollowers: rootFollowers, audience: audience, meanFollowers: mean)
            }
        }
    }
}
