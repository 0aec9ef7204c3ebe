import Foundation

extension ViralityForecast {
    /// The few distribution functions the forecasts need (gamma, chi-squared, normal), in double precision.
    enum Probability {
        /// Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), the Gamma(a, 1) distribution function.
        static func gammaCDF(_ x: Double, shape a: Double) -> Double {
            if x.isNaN || a.isNaN { return .nan }
            if x <= 0 { return 0 }
            if x == .infinity { return 1 }
            let logPrefix = a * log(x) - x - lgamma(a)
            if x < a + 1 {
                var term = 1 / a
                var sum = term
                var ap = a
                for _ in 0..<100_000 {
                    ap += 1
                    term *= x / ap
                    sum += term
                    if abs(term) < abs(sum) * 1e-17 { break }
                }
                return min(1, sum * exp(logPrefix))
            }
            return max(0, 1 - upperGammaContinuedFraction(x, shape: a) * exp(logPrefix))
        }

        /// Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far upper tail.
        static func gammaSurvival(_ x: Double, shape a: Double) -> Double {
            if x <= 0 { return 1 }
            if x == .infinity { return 0 }
            if x < a + 1 { return 1 - gammaCDF(x, shape: a) }
            let logPrefix = a * log(x) - x - lgamma(a)
            return min(1, upperGammaContinuedFraction(x, shape: a) * exp(logPrefix))
        }

        /// Lentz's continued fraction for Γ(a, x)·eˣ·x⁻ᵃ (valid for x ≥ a + 1).
        private static func upperGammaContinuedFraction(_ x: Double, shape a: Double) -> Double {
            let tiny = 1e-300
            var b = x + 1 - a
            var c = 1 / tiny
            var d = 1 / b
            var h = d
            for i in 1..<100_000 {
                let an = -Double(i) * (Double(i) - a)
                b += 2
                d = an * d + b
                if abs(d) < tiny { d = tiny }
                c = b + an / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                let delta = d * c
                h *= delta
                if abs(delta - 1) < 1e-16 { break }
            }
            return h
        }

        /// Quantile of Gamma(shape, 1): the x with P(shape, x) = q, to about 1e-14 relative.
        static func gammaQuantile(_ q: Double, shape a: Double) -> Double {
            precondition(a > 0, "a gamma quantile needs a positive shape")
            if q <= 0 { return 0 }
            if q >= 1 { return .infinity }
            var x = wilsonHilferty(q, shape: a)
            if !(x > 0) || !x.isFinite {
                // Lower-tail start for small shapes: P(a, x) ≈ xᵃ/Γ(a + 1).
                x = exp((log(q) + lgamma(a + 1)) / a)
            }
            var low = 0.0
            var high = Double.infinity
            for _ in 0..<200 {
                let cdf = gammaCDF(x, shape: a)
                if cdf < q { low = x } else { high = x }
                let logDensity = (a - 1) * log(x) - x - lgamma(a)
                var next = x - (cdf - q) / exp(logDensity)
                if !(next > low && next < high) {
                    next = high.isFinite ? (low + high) / 2 : max(2 * x, x + 1)
                }
                if abs(next - x) <= 1e-15 * x { return next }
                x = next
            }
            return x
        }

        /// Gamma(shape, 1) quantile for forecasts: exact below shape 100, Wilson–Hilferty above (relative error
        /// under 10⁻⁵ there, at a fraction of the cost of inverting the incomplete gamma for large shapes).
        static func fastGammaQuantile(_ q: Double, shape a: Double) -> Double {
            a >= 100 ? wilsonHilferty(q, shape: a) : gammaQuantile(q, shape: a)
        }

        /// Wilson–Hilferty approximation of the Gamma(shape, 1) quantile; good to ~1e-3 for shape ≥ 5.
        static func wilsonHilferty(_ q: Double, shape a: Double) -> Double {
            let z = normalQuantile(q)
            let v = 1 / (9 * a)
            let cube = 1 - v + z * v.squareRoot()
            return a * cube * cube * cube
        }

        /// Quantile of R's `qchisq(q, df)` for the chi-squared distribution.
        static func chiSquaredQuantile(_ q: Double, degreesOfFreedom df: Double) -> Double {
            2 * gammaQuantile(q, shape: df / 2)
        }

        /// Standard normal distribution function Φ(z).
        static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

        /// Standard normal upper tail 1 − Φ(z), accurate far into the tail.
        static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

        private static let acklamA = [
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00,
        ]
        private static let acklamB = [
            -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01,
        ]
        private static let acklamC = [
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00,
        ]
        private static let acklamD = [
            7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00,
        ]

        /// Standard normal quantile (Acklam's rational approximation refined by one Halley step).
        static func normalQuantile(_ q: Double) -> Double {
            if q <= 0 { return -.infinity }
            if q >= 1 { return .infinity }
            let a = acklamA
            let b = acklamB
            let c = acklamC
            let d = acklamD
            let lowBreak = 0.02425
            var x: Double
            if q < lowBreak {
                let r = (-2 * log(q)).squareRoot()
                x = (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
            } else if q <= 1 - lowBreak {
                let u = q - 0.5
                let r = u * u
                x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
            } else {
                let r = (-2 * log(1 - q)).squareRoot()
                x = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1)
            }
            let error = normalCDF(x) - q
            let step = error * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            x -= step / (1 + x * step / 2)
            return x
        }
    }
}
