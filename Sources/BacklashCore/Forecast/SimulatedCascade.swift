/// One cascade drawn by `CascadeSimulator`, with the truth a forecast is judged against.
public struct SimulatedCascade: Sendable, Hashable, Codable {
    /// True infectiousness p: expected reshares per follower reached.
    public var infectiousness: Double
    /// Mean followers of a resharer in the simulated world (the true n*).
    public var meanFollowers: Double
    /// Followers of the root post's author.
    public var rootFollowers: Double
    /// Reshares up to the horizon, by increasing time.
    public var reshares: [CascadeShare]
    /// True final size: number of reshares by the horizon (all of them when the horizon is infinite).
    public var finalReshares: Int
    /// True when the simulation stopped at the configured maximum size (the final size is then censored).
    public var reachedCap: Bool

    /// Creates a simulated cascade from its parts.
    public init(
        infectiousness: Double, meanFollowers: Double, rootFollowers: Double, reshares: [CascadeShare],
        finalReshares: Int, reachedCap: Bool
    ) {
        self.infectiousness = infectiousness
        self.meanFollowers = meanFollowers
        self.rootFollowers = rootFollowers
        self.reshares = reshares
        self.finalReshares = finalReshares
        self.reachedCap = reachedCap
    }

    /// True branching factor p·n*: expected direct reshares of one reshare.
    public var branchingFactor: Double { infectiousness * meanFollowers }

    /// The reshares made at or before `t` seconds after the root.
    public func reshares(through t: Double) -> ArraySlice<CascadeShare> {
        var low = 0
        var high = reshares.count
        while low < high {
            let middle = (low + high) / 2
            if reshares[middle].secondsSinceRoot <= t { low = middle + 1 } else { high = middle }
        }
        return reshares[..<low]
    }
}
