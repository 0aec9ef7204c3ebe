/// Which virality model produced a forecast.
public enum ForecastModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The R package `seismic` 1.1 (Zhao et al., KDD 2015), reproduced exactly.
    case reference
    /// The daemon's default: incremental SEISMIC with estimated n*, a Bayesian interval and process noise.
    case improved
    /// Szabo–Huberman log-linear extrapolation from the current count and the author's followers.
    case szaboHuberman = "szabo-huberman"
}
