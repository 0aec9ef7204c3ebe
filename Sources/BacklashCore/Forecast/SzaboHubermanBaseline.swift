import Foundation

/// Szabo–Huberman log-linear extrapolation, widened with the author's followers.
///
/// Szabo and Huberman (2010) found ln N∞ ≈ ln N(t) + β(t). Here, at each checkpoint time t,
/// ln(1 + N∞) = a(t) + b(t)·ln(1 + N(t)) + g(t)·ln(1 + author's followers) + ε, ε ~ Normal(0, σ(t)²),
/// fitted by least squares on past cascades (N counts reshares). The `+1`s let it speak before the first
/// reshare, when only the author's reach is known. Between checkpoints the coefficients are interpolated
/// in ln t; before the first and after the last they are held.
public struct SzaboHubermanBaseline: Sendable, Hashable, Codable {
    /// Coefficients of the log-linear model at one forecast time.
    public struct Checkpoint: Sendable, Hashable, Codable {
        /// Seconds after the root post.
        public var t: Double
        /// a(t): the intercept (β(t) of Szabo–Huberman when b = 1 and g = 0).
        public var intercept: Double
        /// b(t): weight of ln(1 + reshares so far).
        public var countSlope: Double
        /// g(t): weight of ln(1 + author's followers).
        public var followersSlope: Double
        /// σ(t): standard deviation of the residual of ln(1 + final reshares).
        public var residualSD: Double

        /// Creates the coefficients for time `t`.
        public init(t: Double, intercept: Double, countSlope: Double, followersSlope: Double, residualSD: Double) {
            self.t = t
            self.intercept = intercept
            self.countSlope = countSlope
            self.followersSlope = followersSlope
            self.residualSD = residualSD
        }
    }

    /// A past cascade to fit on: its author's followers, its reshare times and its final size.
    public struct Example: Sendable, Hashable {
        /// Followers of the root post's author.
        public var rootFollowers: Double
        /// Seconds after the root of each reshare, in increasing order.
        public var reshareTimes: [Double]
        /// Final number of reshares.
        public var finalReshares: Double

        /// Creates a training example.
        public init(rootFollowers: Double, reshareTimes: [Double], finalReshares: Double) {
            self.rootFollowers = rootFollowers
            self.reshareTimes = reshareTimes
            self.finalReshares = finalReshares
        }
    }

    /// Coefficients by increasing time.
    public var checkpoints: [Checkpoint]

    /// A baseline with the given coefficients (sorted by time here).
    public init(checkpoints: [Checkpoint]) {
        precondition(!checkpoints.isEmpty, "a Szabo–Huberman baseline needs at least one checkpoint")
        self.checkpoints = checkpoints.sorted { $0.t < $1.t }
    }

    /// Fits the coefficients at each of `times` by least squares on `examples`.
    public static func fit(examples: [Example], at times: [Double]) -> SzaboHubermanBaseline {
        precondition(examples.count > 3, "fitting the baseline needs more than three example cascades")
        let checkpoints = times.map { t -> Checkpoint in
            var normal = [[Double]](repeating: [0, 0, 0], count: 3)
            var right = [0.0, 0.0, 0.0]
            var rows: [([Double], Double)] = []
            for example in examples {
                let observed = Double(countAtOrBefore(t, in: example.reshareTimes))
                let x = [1, log1p(observed), log1p(example.rootFollowers)]
                let y = log1p(example.finalReshares)
                rows.append((x, y))
                for i in 0..<3 {
                    right[i] += x[i] * y
                    for j in 0..<3 { normal[i][j] += x[i] * x[j] }
                }
            }
            // A whisper of ridge keeps the system solvable when a column is constant (no reshares yet).
            for i in 1..<3 { normal[i][i] += 1e-9 * Double(examples.count) }
            let beta = solve(normal, right)
            let residual = rows.reduce(0.0) { sum, row in
                let fitted = zip(row.0, beta).reduce(0.0) { $0 + $1.0 * $1.1 }
                return sum + (row.1 - fitted) * (row.1 - fitted)
            }
            return Checkpoint(
                t: t, intercept: beta[0], countSlope: beta[1], followersSlope: beta[2],
                residualSD: (residual / Double(examples.count - 3)).squareRoot())
        }
        return SzaboHubermanBaseline(checkpoints: checkpoints)
    }

    /// Mean and standard deviation of ln(1 + final reshares) at `t` given the count and the author's reach.
    public func logFinal(at t: Double, observed: Int, rootFollowers: Double) -> (mean: Double, sd: Double) {
        let c = coefficients(at: t)
        return (c.intercept + c.countSlope * log1p(Double(observed)) + c.followersSlope * log1p(rootFollowers),
                c.residualSD)
    }

    /// A forecast from the count alone: the median of the log-normal, never below what is already seen.
    ///
    /// `audience` is the audience reached so far and `meanFollowers` the expected followers of a future
    /// resharer (for `reachForecast`). The model has no infectiousness, so `p`, `pLow`, `pUp` are 0.
    public func forecast(
        at t: Double, observed: Int, rootFollowers: Double, audience: Double, meanFollowers: Double
    ) -> ViralityForecast {
        let (mean, sd) = logFinal(at: t, observed: observed, rootFollowers: rootFollowers)
        let seen = Double(observed)
        let z = 1.6448536269514722
        let prediction = max(seen, expm1(mean))
        return ViralityForecast(
            t: t, observed: observed, p: 0, pLow: 0, pUp: 0, prediction: prediction, explosive: false,
            low: max(seen, expm1(mean - z * sd).rounded(.down)), high: max(seen, expm1(mean + z * sd).rounded(.up)),
            reachForecast: audience + (prediction - seen) * meanFollowers, model: .szaboHuberman,
            uncertainty: .logNormal(mean: mean, sd: sd))
    }

    /// Coefficients at `t`, interpolated in ln t between checkpoints.
    func coefficients(at t: Double) -> Checkpoint {
        guard let first = checkpoints.first, let last = checkpoints.last else { preconditionFailure() }
        if t <= first.t { return first }
        if t >= last.t { return last }
        let upper = checkpoints.firstIndex { $0.t >= t } ?? checkpoints.count - 1
        let a = checkpoints[upper - 1]
        let b = checkpoints[upper]
        let w = (log(t) - log(a.t)) / (log(b.t) - log(a.t))
        func mix(_ x: Double, _ y: Double) -> Double { x + (y - x) * w }
        return Checkpoint(
            t: t, intercept: mix(a.intercept, b.intercept), countSlope: mix(a.countSlope, b.countSlope),
            followersSlope: mix(a.followersSlope, b.followersSlope), residualSD: mix(a.residualSD, b.residualSD))
    }

    /// Number of reshares at or before `t` in a sorted list of times.
    static func countAtOrBefore(_ t: Double, in times: [Double]) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= t { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Solves a 3×3 linear system by Gaussian elimination with partial pivoting.
    private static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(a[$0][column]) < abs(a[$1][column]) } ?? column
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<n { sum -= a[row][k] * x[k] }
            x[row] = sum / a[row][row]
        }
        return x
    }

    /// Coefficients fitted with `fit` on 2,000 cascades of `CascadeSimulator`'s default configuration
    /// (seed 2015); refit on the platform's own history when it is available.
    public static let standard = SzaboHubermanBaseline(checkpoints: [
        Checkpoint(t: 600, intercept: -0.2665, countSlope: 1.0886, followersSlope: 0.2001, residualSD: 0.7328),
        Checkpoint(t: 3600, intercept: 0.3854, countSlope: 1.1658, followersSlope: 0.0167, residualSD: 0.5521),
        Checkpoint(t: 21600, intercept: 0.3805, countSlope: 1.1352, followersSlope: -0.0194, residualSD: 0.4332),
    ])
}
