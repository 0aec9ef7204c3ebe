import Foundation

/// The SEISMIC memory kernel φ(s): how strongly a reshare made `s` seconds ago still draws new reshares.
///
/// φ(s) = c for 0 ≤ s < s0 and c·(s/s0)^−(1+θ) after, with the constants Zhao et al. (KDD 2015) measured on
/// Twitter. Its total mass is c·s0·(1 + 1/θ), which for the published constants is 1 − 1.8·10⁻⁷.
public struct SeismicKernel: Sendable, Hashable, Codable {
    /// Constant density before the cutoff, per second.
    public var c: Double
    /// Cutoff s0 in seconds where the density turns from constant to a power law.
    public var cutoff: Double
    /// Power-law exponent θ of the tail (density falls as s^−(1+θ)).
    public var theta: Double

    /// Creates a kernel; the defaults are the Twitter constants of the R package `seismic` 1.1.
    public init(c: Double = 6.265725e-4, cutoff: Double = 300, theta: Double = 0.2314843) {
        self.c = c
        self.cutoff = cutoff
        self.theta = theta
    }

    /// The kernel measured on Twitter and used by the R package `seismic` 1.1.
    public static let twitter = SeismicKernel()

    /// Total mass ∫₀^∞ φ(s) ds in closed form: c·s0·(1 + 1/θ).
    public var totalMass: Double { c * cutoff * (1 + 1 / theta) }

    /// Density φ(s) per second; zero before the reshare (s < 0).
    public func density(at s: Double) -> Double {
        if s < 0 { return 0 }
        if s < cutoff { return c }
        return c * exp((log(s) - log(cutoff)) * -(1 + theta))
    }

    /// Closed-form Φ(s) = ∫₀^s φ: the share of a reshare's eventual pull already spent after `s` seconds.
    public func cumulative(at s: Double) -> Double {
        if s <= 0 { return 0 }
        if s <= cutoff { return c * s }
        return c * cutoff + tailScale * (1 - pow(s / cutoff, -theta))
    }

    /// 1 − Φ(s): the share of a reshare's pull still to come after `s` seconds.
    public func survival(at s: Double) -> Double { 1 - cumulative(at: s) }

    /// Time by which the fraction `u` (0 ≤ u < total mass) of the kernel is spent: the inverse of Φ.
    public func time(atCumulative u: Double) -> Double {
        if u <= 0 { return 0 }
        if u <= c * cutoff { return u / c }
        let inner = 1 - (u - c * cutoff) / tailScale
        if inner <= 0 { return .infinity }
        return cutoff * pow(inner, -1 / theta)
    }

    /// The survival function exactly as R's `memory.ccdf` computes it (1 − c·s below the cutoff, and
    /// c·s0^(1+θ)/θ·s^−θ above); it jumps by 1.8·10⁻⁷ at the cutoff, which the reference mode keeps.
    public func referenceSurvival(at s: Double) -> Double {
        let s = s < 0 ? 0 : s
        if s <= cutoff { return 1 - c * s }
        return c * pow(cutoff, 1 + theta) / theta * pow(s, -theta)
    }

    /// c·s0/θ, the weight of the power-law part of Φ.
    var tailScale: Double { c * cutoff / theta }
}
