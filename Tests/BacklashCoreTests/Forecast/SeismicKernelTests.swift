import Foundation
import Testing

@testable import BacklashCore

@Suite struct SeismicKernelTests {
    let kernel = SeismicKernel.twitter

    /// ∫ φ from a to b by Simpson's rule in u = ln s (the power-law tail is smooth there), s ≥ cutoff.
    func tailIntegral(from a: Double, to b: Double, steps: Int = 20_000) -> Double {
        let (lo, hi) = (log(a), log(b))
        let h = (hi - lo) / Double(steps)
        var sum = 0.0
        for i in 0...steps {
            let u = lo + Double(i) * h
            let weight: Double = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)
            sum += weight * kernel.density(at: exp(u)) * exp(u)
        }
        return sum * h / 3
    }

    /// ∫ φ from 0 to s numerically (Simpson on the flat part, then the tail in log time).
    func numericCumulative(_ s: Double) -> Double {
        let flat = min(s, kernel.cutoff)
        let steps = 1000
        var head = 0.0
        for i in 0...steps {
            let weight: Double = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)
            // Sample just inside the flat part so the cutoff itself is not read from the tail.
            head += weight * kernel.density(at: min(Double(i) * flat / Double(steps), kernel.cutoff - 1e-9))
        }
        head *= flat / Double(steps) / 3
        return s <= kernel.cutoff ? head : head + tailIntegral(from: kernel.cutoff, to: s)
    }

    @Test("the reaction-time density integrates to one within 1e-6")
    func densityIntegratesToOne() {
        // ∫₀^∞ = ∫₀^s0 + ∫_s0^(s0·e⁸⁰) numerically; what lies beyond e⁸⁰·s0 is below 1e-8.
        let total = numericCumulative(kernel.cutoff * exp(80))
        #expect(abs(total - 1) < 1e-6)
        #expect(abs(kernel.totalMass - 1) < 1e-6)
    }

    @Test("the closed-form Φ matches numeric integration of φ from seconds to weeks")
    func closedFormMatchesIntegration() {
        for s in [1.0, 150, 299.9, 300, 300.1, 600, 3600, 86400, 604_800, 1e9] {
            let numeric = numericCumulative(s)
            #expect(abs(kernel.cumulative(at: s) - numeric) < 1e-9 + 1e-9 * numeric, "Φ(\(s))")
        }
    }

    @Test("R's survival function differs from 1 − Φ only by its 1.8e-7 jump at the cutoff")
    func referenceSurvivalIsOneMinusPhi() {
        for s in [0.0, 100, 300, 301, 5000, 1e6] {
            #expect(abs(kernel.referenceSurvival(at: s) - kernel.survival(at: s)) < 2e-7)
        }
        // Below the cutoff both are 1 − c·s exactly.
        #expect(kernel.referenceSurvival(at: 120) == 1 - 6.265725e-4 * 120)
    }

    @Test("drawing a delay inverts Φ, so the simulator's delays follow the kernel")
    func timeInvertsCumulative() {
        for s in [10.0, 299, 301, 7200, 1e7] {
            let u = kernel.cumulative(at: s)
            #expect(abs(kernel.time(atCumulative: u) - s) <= 1e-6 * s)
        }
        #expect(kernel.time(atCumulative: kernel.totalMass) == .infinity)
    }
}
