import Foundation

/// Exact percentiles of a set of latencies (seconds).
///
/// The samples are kept and sorted: exact, with no dependency, and cheap at the sizes the benchmarks collect
/// (hundreds of trigger latencies; at most ~50,000 ack latencies per 10 s soak window, ~10⁶ per run). An
/// HdrHistogram would only pay off for streams too long to keep, which these are not.
struct LatencySummary: Sendable {
    /// The samples, ascending.
    let sorted: [Double]

    /// Summarises the samples (any order).
    init(_ samples: [Double]) {
        sorted = samples.sorted()
    }

    var count: Int { sorted.count }

    /// The nearest-rank percentile (`p` in 0…100): the smallest sample with at least p% of the samples at or below
    /// it; nil without samples.
    func percentile(_ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    var p50: Double? { percentile(50) }
    var p99: Double? { percentile(99) }
    var max: Double? { sorted.last }

    /// Milliseconds with one decimal, or "–" when there is no value.
    static func ms(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return String(format: "%.1f ms", seconds * 1000)
    }

    /// "p50 X, p99 Y, max Z (n samples)".
    var line: String {
        "p50 \(Self.ms(p50)), p99 \(Self.ms(p99)), max \(Self.ms(max)) (\(count) samples)"
    }
}
