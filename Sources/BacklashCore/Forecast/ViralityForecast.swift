/// How far one cascade is expected to spread, forecast at a moment `t` seconds after its root post.
///
/// Two kinds of figures appear here:
/// - **reshares** (`observed`, `prediction`, `low`, `high`): how many reposts/quotes the cascade has or will
///   have, not counting the root post;
/// - **reach** (`reachForecast`): how many people it will have been shown to, the *audience* — the sum of the
///   followers of the root author and of every resharer, i.e. reshares × mean audience per reshare.
/// `p` (infectiousness) is the probability that one follower who saw the post reshares it; with a mean of n*
/// followers per resharer each reshare begets p·n* further reshares, and the cascade is explosive (no finite
/// expected size) when p·n* ≥ 1.
///
/// Infinite figures (`high`, `reachForecast` of an explosive cascade; `p` of a cascade whose accounts all
/// have 0 followers) are encoded as JSON `null` and decoded back as `+infinity`.
public struct ViralityForecast: Sendable, Hashable {
    /// Seconds after the root post at which the forecast is made.
    public var t: Double
    /// Reshares seen by `t` (root post excluded).
    public var observed: Int
    /// Estimated infectiousness: expected reshares per follower reached.
    public var p: Double
    /// Lower end of the 90% interval of `p`.
    public var pLow: Double
    /// Upper end of the 90% interval of `p`.
    public var pUp: Double
    /// Expected final number of reshares; `nil` when the cascade is explosive.
    public var prediction: Double?
    /// True when the estimated branching factor p·n* reaches 1 (the expected size is unbounded).
    public var explosive: Bool
    /// Lower end of the 90% interval of final reshares.
    public var low: Double
    /// Upper end of the 90% interval of final reshares; `+infinity` when it is unbounded.
    public var high: Double
    /// Expected final audience (followers of root and all resharers); `+infinity` when explosive.
    public var reachForecast: Double
    /// Which model produced the figures.
    public var model: ForecastModel
    /// What is known about the final size beyond the point figures, for `probabilityFinalAbove(_:)`.
    public var uncertainty: Uncertainty

    /// Creates a forecast from its figures.
    public init(
        t: Double, observed: Int, p: Double, pLow: Double, pUp: Double, prediction: Double?, explosive: Bool,
        low: Double, high: Double, reachForecast: Double, model: ForecastModel, uncertainty: Uncertainty
    ) {
        self.t = t
        self.observed = observed
        self.p = p
        self.pLow = pLow
        self.pUp = pUp
        self.prediction = prediction
        self.explosive = explosive
        self.low = low
        self.high = high
        self.reachForecast = reachForecast
        self.model = model
        self.uncertainty = uncertainty
    }

    /// The distribution of the final number of reshares a forecast rests on.
    public enum Uncertainty: Sendable, Hashable, Codable {
        /// SEISMIC reference: final = observed + p·pending/(1 − p·n*) with only p uncertain, p ~ Gamma(shape, rate).
        case infectiousness(shape: Double, rate: Double, pendingExposure: Double, nStar: Double)
        /// Improved mode: p ~ Gamma(shape, rate) and the future cascade a branching process whose resharers have
        /// `meanFollowers` followers on average (second moment `followersSecondMoment`).
        case selfExciting(
            shape: Double, rate: Double, pendingExposure: Double, meanFollowers: Double,
            followersSecondMoment: Double)
        /// Szabo–Huberman: ln(1 + final reshares) ~ Normal(mean, sd²).
        case logNormal(mean: Double, sd: Double)
    }

    /// Probability that the final number of reshares exceeds `k` under this forecast's model.
    public func probabilityFinalAbove(_ k: Double) -> Double {
        FinalSizeDistribution(observed: Double(observed), uncertainty: uncertainty).probabilityAbove(k)
    }
}

extension ViralityForecast: Codable {
    private enum CodingKeys: String, CodingKey {
        case t, observed, p, pLow = "p_low", pUp = "p_up", prediction, explosive, low, high
        case reachForecast = "reach_forecast", model, uncertainty
    }

    /// Decodes a forecast; a `null` figure means unbounded (`+infinity`), a `null` prediction explosive.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        t = try container.decode(Double.self, forKey: .t)
        observed = try container.decode(Int.self, forKey: .observed)
        p = try container.decodeIfPresent(Double.self, forKey: .p) ?? .infinity
        pLow = try container.decodeIfPresent(Double.self, forKey: .pLow) ?? .infinity
        pUp = try container.decodeIfPresent(Double.self, forKey: .pUp) ?? .infinity
        prediction = try container.decodeIfPresent(Double.self, forKey: .prediction)
        explosive = try container.decode(Bool.self, forKey: .explosive)
        low = try container.decodeIfPresent(Double.self, forKey: .low) ?? .infinity
        high = try container.decodeIfPresent(Double.self, forKey: .high) ?? .infinity
        reachForecast = try container.decodeIfPresent(Double.self, forKey: .reachForecast) ?? .infinity
        model = try container.decode(ForecastModel.self, forKey: .model)
        uncertainty = try container.decode(Uncertainty.self, forKey: .uncertainty)
    }

    /// Encodes a forecast; unbounded figures become `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(t, forKey: .t)
        try container.encode(observed, forKey: .observed)
        try container.encode(p.isFinite ? p : nil, forKey: .p)
        try container.encode(pLow.isFinite ? pLow : nil, forKey: .pLow)
        try container.encode(pUp.isFinite ? pUp : nil, forKey: .pUp)
        try container.encode(prediction, forKey: .prediction)
        try container.encode(explosive, forKey: .explosive)
        try container.encode(low.isFinite ? low : nil, forKey: .low)
        try container.encode(high.isFinite ? high : nil, forKey: .high)
        try container.encode(reachForecast.isFinite ? reachForecast : nil, forKey: .reachForecast)
        try container.encode(model, forKey: .model)
        try container.encode(uncertainty, forKey: .uncertainty)
    }
}
