import Foundation

/// Draws self-exciting cascades with a known infectiousness, for testing and comparing forecasts.
///
/// Each cascade is the SEISMIC process itself, drawn as a branching tree: a share by an account with n
/// followers has Poisson(p·n) direct reshares, each after a delay drawn from the SEISMIC kernel and by an
/// account whose followers are log-normal (heavy-tailed). The root author's followers are log-normal too,
/// with a larger median. p is chosen per cascade so that the branching factor p·n* is uniform over
/// `branchingFactors`. Cascade `i` depends only on the seed and `i` (xoshiro256** seeded by SplitMix64), so
/// results are reproducible and independent of the order cascades are drawn in.
public struct CascadeSimulator: Sendable, Hashable {
    /// The simulated world.
    public struct Configuration: Sendable, Hashable {
        /// Memory kernel of the delays between a share and its reshares.
        public var kernel: SeismicKernel = .twitter
        /// Range of the branching factor p·n* (uniform); below 1 the cascades die out.
        public var branchingFactors: ClosedRange<Double> = 0.1...0.85
        /// Mean followers of a resharer (n*).
        public var meanFollowers: Double = 100
        /// Standard deviation of ln(followers) of resharers.
        public var followersLogSD: Double = 1.2
        /// Median followers of a root author.
        public var rootMedianFollowers: Double = 2000
        /// Standard deviation of ln(followers) of root authors.
        public var rootFollowersLogSD: Double = 1.5
        /// Reshares after this many seconds are not drawn (infinite: the true final size N∞).
        public var horizon: Double = .infinity
        /// Largest cascade drawn; a bigger one stops there and is marked `reachedCap`.
        public var maximumReshares: Int = 20_000

        /// The default world: Twitter kernel and n* = 100 as in R's `seismic`.
        public init() {}
    }

    /// The simulated world.
    public var configuration: Configuration
    /// Seed of the whole sequence of cascades.
    public var seed: UInt64

    /// A simulator of `configuration`'s world whose cascades are fixed by `seed`.
    public init(configuration: Configuration = .init(), seed: UInt64) {
        self.configuration = configuration
        self.seed = seed
    }

    /// Cascades `range` of this simulator's sequence.
    public func cascades(_ range: Range<Int>) -> [SimulatedCascade] { range.map { cascade($0) } }

    /// Cascade number `index` of this simulator's sequence.
    public func cascade(_ index: Int) -> SimulatedCascade {
        var random = RandomSource(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
        let world = configuration
        let branching = world.branchingFactors.lowerBound
            + random.uniform() * (world.branchingFactors.upperBound - world.branchingFactors.lowerBound)
        let p = branching / world.meanFollowers
        let rootFollowers = (world.rootMedianFollowers * exp(world.rootFollowersLogSD * random.normal())).rounded()
        let logMean = log(world.meanFollowers) - world.followersLogSD * world.followersLogSD / 2
        let mass = world.kernel.totalMass

        var shares: [CascadeShare] = []
        var queue = [CascadeShare(secondsSinceRoot: 0, followers: rootFollowers)]
        var next = 0
        var reachedCap = false
        generation: while next < queue.count {
            let parent = queue[next]
            next += 1
            let children = random.poisson(p * parent.followers)
            for _ in 0..<children {
                if shares.count >= world.maximumReshares {
                    reachedCap = true
                    break generation
                }
                let time = parent.secondsSinceRoot + world.kernel.time(atCumulative: random.uniform() * mass)
                let followers = exp(logMean + world.followersLogSD * random.normal()).rounded()
                guard time <= world.horizon else { continue }
                let share = CascadeShare(secondsSinceRoot: time, followers: followers)
                shares.append(share)
                queue.append(share)
            }
        }
        shares.sort { $0.secondsSinceRoot < $1.secondsSinceRoot }
        return SimulatedCascade(
            infectiousness: p, meanFollowers: world.meanFollowers, rootFollowers: rootFollowers, reshares: shares,
            finalReshares: shares.count, reachedCap: reachedCap)
    }

    /// xoshiro256** pseudo-random numbers seeded through SplitMix64: small, fast, reproducible everywhere.
    struct RandomSource: Sendable {
        private var state: (UInt64, UInt64, UInt64, UInt64)

        /// A generator whose stream is fixed by `seed`.
        init(seed: UInt64) {
            var mix = seed
            func splitMix() -> UInt64 {
                mix &+= 0x9E37_79B9_7F4A_7C15
                var z = mix
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return z ^ (z >> 31)
            }
            state = (splitMix(), splitMix(), splitMix(), splitMix())
        }

        /// The next 64 random bits.
        mutating func next() -> UInt64 {
            let result = rotate(state.1 &* 5, 7) &* 9
            let t = state.1 << 17
            state.2 ^= state.0
            state.3 ^= state.1
            state.1 ^= state.2
            state.0 ^= state.3
            state.2 ^= t
            state.3 = rotate(state.3, 45)
            return result
        }

        /// Uniform in the open interval (0, 1).
        mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

        /// Standard normal (Box–Muller).
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }

        /// Poisson with the given mean: multiplication for small means, Hörmann's PTRS for large ones.
        mutating func poisson(_ mean: Double) -> Int {
            if mean <= 0 { return 0 }
            if mean < 10 {
                let limit = exp(-mean)
                var product = uniform()
                var count = 0
                while product > limit {
                    product *= uniform()
                    count += 1
                }
                return count
            }
            let root = mean.squareRoot()
            let b = 0.931 + 2.53 * root
            let a = -0.059 + 0.02483 * b
            let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
            let acceptBox = 0.9277 - 3.6224 / (b - 2)
            while true {
                let u = uniform() - 0.5
                let v = uniform()
                let us = 0.5 - abs(u)
                let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
                if us >= 0.07 && v <= acceptBox { return Int(k) }
                if k < 0 || (us < 0.013 && v > us) { continue }
                if log(v) + log(inverseAlpha) - log(a / (us * us) + b) <= -mean + k * log(mean) - lgamma(k + 1) {
                    return Int(k)
                }
            }
        }

        private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
    }
}
