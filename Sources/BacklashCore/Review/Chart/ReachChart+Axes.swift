extension ReachChart {
    /// Maps times to x and picks readable UTC tick times.
    struct TimeAxis {
        let start: Double
        let end: Double
        let left: Double
        let right: Double

        /// An axis covering `times`, padded a little on both sides; at least ten minutes wide.
        init(times: [Double], left: Double, right: Double) {
            var low = times.min() ?? 0
            var high = times.max() ?? 0
            if high - low < 600 {
                let middle = (low + high) / 2
                low = middle - 300
                high = middle + 300
            }
            let pad = (high - low) * 0.03
            start = low - pad
            end = high + pad
            self.left = left
            self.right = right
        }

        func x(_ time: Double) -> Double {
            left + (time - start) / (end - start) * (right - left)
        }

        /// Tick step in seconds: the smallest round step giving at most eight ticks.
        var step: Double {
            let steps: [Double] = [
                60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800,
            ]
            let span = end - start
            return steps.first { span / $0 <= 8 } ?? (span / 8 / 86_400).rounded(.up) * 86_400
        }

        /// Tick times aligned to the step in UTC.
        var ticks: [Double] {
            let step = self.step
            var tick = (start / step).rounded(.up) * step
            var result: [Double] = []
            while tick <= end {
                result.append(tick)
                tick += step
            }
            return result
        }

        /// `HH:MM` for steps under a day, `MM-DD` otherwise.
        func label(_ time: Double) -> String {
            let text = RFC3339.format(time)
            if step >= 86_400 { return String(text.dropFirst(5).prefix(5)) }
            return String(text.dropFirst(11).prefix(5))
        }
    }

    /// Maps values to y, linear from zero or logarithmic by powers of ten.
    struct ValueAxis {
        let isLog: Bool
        let low: Double
        let high: Double
        let top: Double
        let bottom: Double

        static func prefersLog(_ values: [Double]) -> Bool {
            let positive = values.filter { $0 > 0 }
            guard let low = positive.min(), let high = positive.max() else { return false }
            return high / low >= 100
        }

        init(values: [Double], top: Double, bottom: Double) {
            self.top = top
            self.bottom = bottom
            isLog = Self.prefersLog(values)
            let positive = values.filter { $0 > 0 }
            if isLog, let least = positive.min(), let most = positive.max() {
                low = Self.power(floorOf: least)
                high = Self.power(ceilOf: most)
            } else {
                low = 0
                high = Self.niceCeiling((values.max() ?? 0) * 1.05)
            }
        }

        func y(_ value: Double) -> Double {
            let fraction: Double
            if isLog {
                let clamped = min(max(value, low), high)
                fraction = (log10(clamped) - log10(low)) / (log10(high) - log10(low))
            } else {
                fraction = (min(max(value, low), high) - low) / (high - low)
            }
            return bottom - fraction * (bottom - top)
        }

        var ticks: [Double] {
            if isLog {
                var result: [Double] = []
                var tick = low
                while tick <= high * 1.000_001 {
                    result.append(tick)
                    tick *= 10
                }
                return result
            }
            let step = Self.niceStep(high / 5)
            return stride(from: 0.0, through: high + step / 1000, by: step).map { $0 }
        }

        static func power(floorOf value: Double) -> Double { pow10(Int((log10(value) + 1e-9).rounded(.down))) }
        static func power(ceilOf value: Double) -> Double { pow10(Int((log10(value) - 1e-9).rounded(.up))) }

        static func pow10(_ exponent: Int) -> Double {
            var result = 1.0
            if exponent >= 0 {
                for _ in 0..<exponent { result *= 10 }
            } else {
                for _ in 0..<(-exponent) { result /= 10 }
            }
            return result
        }

        /// A 1-2-5 step not below `rough`.
        static func niceStep(_ rough: Double) -> Double {
            guard rough > 0 else { return 1 }
            let base = power(floorOf: rough)
            for multiple in [1.0, 2, 5, 10] where base * multiple >= rough { return base * multiple }
            return base * 10
        }

        /// The smallest multiple of a 1-2-5 step (five steps) not below `value`; 1 for nothing to show.
        static func niceCeiling(_ value: Double) -> Double {
            guard value > 0 else { return 1 }
            let step = niceStep(value / 5)
            return (value / step).rounded(.up) * step
        }

        private func log10(_ value: Double) -> Double { Self.log10(value) }

        /// Base-10 logarithm without Foundation.
        static func log10(_ value: Double) -> Double {
            guard value > 0 else { return -.infinity }
            // log10(x) = exponent·log10(2) + log10(significand), significand in [1, 2).
            let exponent = Double(value.exponent)
            let significand = value.significand
            return exponent * 0.301_029_995_663_981_2 + naturalLog(significand) / 2.302_585_092_994_046
        }

        /// ln(x) for x in [1, 2) by the atanh series, accurate to double precision.
        static func naturalLog(_ x: Double) -> Double {
            let z = (x - 1) / (x + 1)
            let z2 = z * z
            var term = z
            var sum = 0.0
            var n = 1.0
            while abs(term / n) > 1e-17 {
                sum += term / n
                term *= z2
                n += 2
            }
            return 2 * sum
        }
    }
}
