/// The size of an incident's cascade at one moment, with the forecast made at that moment.
public struct ReachSample: Sendable, Equatable {
    /// When, seconds since the epoch.
    public var time: Double
    /// Posts in the incident so far.
    public var posts: Double?
    /// Reshares so far.
    public var reshares: Double?
    /// Observed audience so far (followers of everyone who posted or reshared).
    public var audience: Double?
    /// Forecast final audience.
    public var forecastReach: Double?
    /// Lower bound of the forecast's 90% interval.
    public var forecastLow: Double?
    /// Upper bound of the forecast's 90% interval; nil when unbounded or unknown.
    public var forecastHigh: Double?

    /// Creates a sample.
    public init(
        time: Double, posts: Double? = nil, reshares: Double? = nil, audience: Double? = nil,
        forecastReach: Double? = nil, forecastLow: Double? = nil, forecastHigh: Double? = nil
    ) {
        self.time = time
        self.posts = posts
        self.reshares = reshares
        self.audience = audience
        self.forecastReach = forecastReach
        self.forecastLow = forecastLow
        self.forecastHigh = forecastHigh
    }

    /// Whether the sample carries a forecast.
    public var hasForecast: Bool { forecastReach != nil }
}
