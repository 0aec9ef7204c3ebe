import Foundation

extension ViralityForecast {
    /// The predictive distribution of the final number of reshares behind a forecast's interval.
    ///
    /// For the improved model it is a mixture over equal-probability points p_j of p's Gamma posterior. Given
    /// p the existing shares beget K ~ Poisson(λ = p·pending) direct reshares; each starts a Galton–Watson tree
    /// whose nodes have Poisson(p·n) children, n being a resharer's followers (mean n*, second moment m2), so
    /// a tree has mean 1/(1 − r) and variance σ²/(1 − r)³ with r = p·n* and σ² = r + p²·(m2 − n*²). The future
    /// size F is 0 with probability e^−λ; given K ≥ 1, F − 1 is taken log-normal with F's exact mean and
    /// variance. Components with r ≥ 1 are explosive (unbounded).
    struct FinalSizeDistribution {
        /// Reshares already observed; the final size is never below them.
        var observed: Double
        /// The model's description of what is still uncertain.
        var uncertainty: Uncertainty
        /// The mixture components of the self-exciting model, one per grid point of p.
        private var components: [Component] = []

        /// The future size given one value of p.
        struct Component {
            /// Branching factor p·n* ≥ 1: no finite size.
            var explosive = false
            /// P(F ≥ 1) = 1 − e^−λ.
            var someFuture = 0.0
            /// E[F − 1 | F ≥ 1].
            var restMean = 0.0
            /// Log-normal location and scale of F − 1 given F ≥ 1.
            var mu = 0.0
            var sigma = 0.0

            /// P(F > x) for a whole-number threshold `whole` = ⌊x⌋ ≥ 1 with ln(whole − ½) precomputed.
            func survival(whole: Double, logHalfBelow: Double) -> Double {
                if explosive { return 1 }
                if restMean <= 1e-12 { return 0 }
                if sigma <= 0 { return whole - 0.5 < restMean ? someFuture : 0 }
                return someFuture * Probability.normalSurvival((logHalfBelow - mu) / sigma)
            }

            /// Smallest y with P(F > y) ≤ tail (∞ when explosive).
            func quantile(tail: Double) -> Double {
                if explosive { return .infinity }
                if someFuture <= tail { return 0 }
                if restMean <= 1e-12 || sigma <= 0 { return 1 + restMean }
                let z = Probability.normalQuantile(1 - tail / someFuture)
                return exp(mu + sigma * z) + 0.5
            }
        }

        /// Number of equal-probability points used to integrate over the posterior of p.
        static let gridSize = 24

        /// Standard normal quantiles at the grid's probabilities (j + ½)/gridSize.
        static let gridNormalQuantiles: [Double] = (0..<gridSize).map {
            Probability.normalQuantile((Double($0) + 0.5) / Double(gridSize))
        }

        /// Prepares the distribution of a cascade with `observed` reshares so far.
        init(observed: Double, uncertainty: Uncertainty) {
            self.observed = observed
            self.uncertainty = uncertainty
            if case let .selfExciting(_, _, pending, meanFollowers, secondMoment) = uncertainty {
                components = infectiousnessGrid().map {
                    Self.component(p: $0, pending: pending, meanFollowers: meanFollowers, secondMoment: secondMoment)
                }
            }
        }

        /// P(final reshares > k).
        func probabilityAbove(_ k: Double) -> Double {
            if k < observed { return 1 }
            switch uncertainty {
            case let .infectiousness(shape, rate, pending, nStar):
                if shape <= 0 || rate <= 0 || pending <= 0 { return 0 }
                // final(p) = observed + p·pending/(1 − p·n*) is increasing in p; solve final(p) = k.
                let excess = k - observed
                let threshold = excess / (pending + excess * nStar)
                return Probability.gammaSurvival(threshold * rate, shape: shape)
            case let .logNormal(mean, sd):
                if sd <= 0 { return log1p(k) < mean ? 1 : 0 }
                return Probability.normalSurvival((log1p(k) - mean) / sd)
            case .selfExciting:
                let whole = (k - observed).rounded(.down)
                var sum = 0.0
                if whole < 1 {
                    for component in components { sum += component.explosive ? 1 : component.someFuture }
                } else {
                    let logHalfBelow = log(whole - 0.5)
                    for component in components {
                        sum += component.survival(whole: whole, logHalfBelow: logHalfBelow)
                    }
                }
                return sum / Double(components.count)
            }
        }

        /// The smallest whole final size whose probability of being exceeded is at most 1 − q (`+infinity`
        /// when the upper tail is unbounded), found to 0.2%; `roundUp` picks the upper end of the last bracket,
        /// so that lower interval ends err low and upper ends err high.
        func quantile(_ q: Double, roundUp: Bool) -> Double {
            let tail = 1 - q
            if probabilityAbove(observed) <= tail { return observed }
            var (low, high) = bracket(tail: tail)
            if !high.isFinite { return .infinity }
            while high - low > max(1, 0.002 * low) {
                var middle = ((low * high).squareRoot()).rounded(.down)
                if middle <= low || middle >= high { middle = ((low + high) / 2).rounded(.down) }
                if middle <= low || middle >= high { break }
                if probabilityAbove(middle) > tail { low = middle } else { high = middle }
            }
            return roundUp ? high.rounded(.up) : low.rounded(.down)
        }

        /// Sizes `low` < quantile ≤ `high`: from the components' own quantiles for the self-exciting mixture
        /// (every component exceeds its lower end with more than `tail`; at the upper end none exceeds it with
        /// more than the share left after the explosive ones), by doubling otherwise.
        private func bracket(tail: Double) -> (Double, Double) {
            if case .selfExciting = uncertainty {
                let explosiveShare = Double(components.filter(\.explosive).count) / Double(components.count)
                if explosiveShare >= tail { return (observed, .infinity) }
                let finiteTail = (tail - explosiveShare) / (1 - explosiveShare)
                var low = Double.infinity
                var high = 0.0
                for component in components where !component.explosive {
                    low = min(low, component.quantile(tail: tail))
                    high = max(high, component.quantile(tail: finiteTail))
                }
                low = max(observed, observed + low.rounded(.down) - 1)
                high = max(low + 1, observed + high.rounded(.up) + 1)
                if probabilityAbove(low) > tail && probabilityAbove(high) <= tail { return (low, high) }
            }
            var low = observed
            var step = 1.0
            var high = observed + step
            while probabilityAbove(high) > tail {
                low = high
                step *= 2
                high = observed + step
                if step > 1e15 { return (low, .infinity) }
            }
            return (low, high)
        }

        /// Equal-probability points of the Gamma(shape, rate) posterior of p.
        func infectiousnessGrid() -> [Double] {
            guard case let .selfExciting(shape, rate, _, _, _) = uncertainty, shape > 0, rate > 0 else { return [0] }
            // Wilson–Hilferty is within 1% of the exact quantiles at shape 5 and far closer above: ample for
            // a 24-point quadrature, and it spares 24 inversions of the incomplete gamma.
            if shape >= 5 {
                return Self.gridNormalQuantiles.map { z in
                    let v = 1 / (9 * shape)
                    let cube = max(0, 1 - v + z * v.squareRoot())
                    return shape * cube * cube * cube / rate
                }
            }
            return (0..<Self.gridSize).map {
                Probability.gammaQuantile((Double($0) + 0.5) / Double(Self.gridSize), shape: shape) / rate
            }
        }

        /// The future-size distribution of the branching process given p.
        static func component(p: Double, pending: Double, meanFollowers: Double, secondMoment: Double) -> Component {
            var component = Component()
            let branching = p * meanFollowers
            if branching >= 1 {
                component.explosive = true
                return component
            }
            let lambda = p * pending
            if lambda <= 0 { return component }
            component.someFuture = -expm1(-lambda)
            let offspringVariance = branching + p * p * max(0, secondMoment - meanFollowers * meanFollowers)
            let treeMean = 1 / (1 - branching)
            let treeVariance = offspringVariance * treeMean * treeMean * treeMean
            let mean = lambda * treeMean
            let second = lambda * (treeVariance + treeMean * treeMean) + mean * mean
            let conditionalMean = mean / component.someFuture
            let conditionalVariance = max(0, second / component.someFuture - conditionalMean * conditionalMean)
            component.restMean = conditionalMean - 1
            guard component.restMean > 1e-12 else { return component }
            let sigma2 = log1p(conditionalVariance / (component.restMean * component.restMean))
            component.sigma = sigma2.squareRoot()
            component.mu = log(component.restMean) - sigma2 / 2
            return component
        }
    }
}
