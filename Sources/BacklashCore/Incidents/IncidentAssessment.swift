/// The judgement of one incident at a moment: how bad, why, how far it will spread, who it is about.
public struct IncidentAssessment: Sendable, Equatable {
    public var severity: Severity
    /// 0…1; severity is a banding of it.
    public var score: Double
    /// Sentences a manager reads: why this severity.
    public var reasons: [String]
    /// Posts in the incident.
    public var posts: Int
    /// Reshares (reposts and quotes) observed.
    public var reshares: Int
    /// Sum of followers of everyone who posted or reshared: the audience reached so far.
    public var audience: Double
    /// Forecast final audience with its 90% interval (`high` nil when unbounded).
    public var reach: Double
    public var reachLow: Double
    public var reachHigh: Double?
    /// Forecast final reshares of the main cascade (nil when explosive).
    public var finalReshares: Double?
    public var explosive: Bool
    /// Infectiousness of the main cascade.
    public var p: Double
    /// P(final audience > the configured threshold).
    public var probabilityOverThreshold: Double
    public var portrait: Portrait
    public var playbook: PlaybookRecommendation
    public var coordinated: Bool
    public var coordinationEvidence: [String]
    /// Manager ids the crowd names.
    public var namedManagers: [String]
    public var platforms: [String]
    public var channels: [String]
    public var topics: [String]

    /// The forecast as the event contract's object.
    public var forecastObject: JSONObject {
        JSONObject(pairs: [
            "reach": JSONValue(reach.rounded()), "low": JSONValue(reachLow.rounded()),
            "high": reachHigh.map { JSONValue($0.rounded()) } ?? .null,
            "reshares": finalReshares.map { JSONValue(($0 * 10).rounded() / 10) } ?? .null,
            "p": JSONValue(p), "explosive": .bool(explosive), "model": "improved",
        ])
    }
}
