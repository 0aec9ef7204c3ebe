/// The median, 90th percentile and maximum of a set of durations (nearest-rank: every value is one that
/// really occurred, which is what people expect of "p90 = 12m" on a handful of incidents).
public struct DurationPercentiles: Sendable, Equatable {
    /// How many durations were summarised.
    public var count: Int
    /// The median, seconds.
    public var p50: Double
    /// The 90th percentile, seconds.
    public var p90: Double
    /// The longest, seconds.
    public var max: Double

    /// Creates a summary from its values.
    public init(count: Int, p50: Double, p90: Double, max: Double) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.max = max
    }

    /// Summarises durations; nil when there are none (non-finite values are skipped).
    public init?(_ durations: [Double]) {
        let sorted = durations.filter(\.isFinite).sorted()
        guard let longest = sorted.last else { return nil }
        self.init(
            count: sorted.count, p50: Self.nearestRank(0.5, of: sorted), p90: Self.nearestRank(0.9, of: sorted),
            max: longest)
    }

    /// The nearest-rank percentile `p` (0…1) of ascending, non-empty values: the ⌈p·n⌉-th smallest.
    public static func nearestRank(_ p: Double, of sorted: [Double]) -> Double {
        precondition(!sorted.isEmpty, "a percentile of no values")
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
