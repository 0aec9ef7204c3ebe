import Foundation

/// How well each virality model forecasts the final size of simulated cascades.
///
/// The Szabo–Huberman baseline and the improved model's prior of p are fitted on the training cascades only
/// (the improved model uses that baseline for young cascades); the reference model keeps R's settings.
/// At each checkpoint t every test cascade with at least one reshare by t is forecast; the error of a
/// forecast is |predicted − final| / final (infinite when the forecast is explosive) and the coverage is
/// the share of cascades whose final size lies in [low, high].
public struct ForecastEvaluation: Sendable {
    /// The score of one model at one checkpoint.
    public struct Score: Sendable, Hashable {
        /// The model scored.
        public var model: ForecastModel
        /// Seconds after the root at which the forecasts were made.
        public var t: Double
        /// Number of test cascades with at least one reshare by `t`.
        public var cascades: Int
        /// Median absolute percentage error of the predicted final reshares (0.25 = 25%).
        public var medianAbsolutePercentageError: Double
        /// Share of cascades whose final size lies within the forecast's 90% interval.
        public var intervalCoverage: Double
        /// Share of cascades forecast as explosive (no finite prediction).
        public var explosiveShare: Double
    }

    /// Scores by checkpoint, then model.
    public var scores: [Score]
    /// The baseline fitted on the training cascades.
    public var baseline: SzaboHubermanBaseline
    /// The configuration the models ran with (baseline and p prior fitted on the training cascades).
    public var configuration: ViralityForecaster.Configuration

    /// Scores the three models on `test` at each of `times`, fitting the baseline on `training`.
    public init(
        training: [SimulatedCascade], test: [SimulatedCascade], at times: [Double] = [600, 3600, 21600],
        configuration: ViralityForecaster.Configuration = .init()
    ) {
        baseline = SzaboHubermanBaseline.fit(
            examples: training.map {
                SzaboHubermanBaseline.Example(
                    rootFollowers: $0.rootFollowers, reshareTimes: $0.reshares.map(\.secondsSinceRoot),
                    finalReshares: Double($0.finalReshares))
            },
            at: times)
        var configuration = configuration
        configuration.baseline = baseline
        configuration.fitInfectiousnessPrior(
            finalReshares: training.map { Double($0.finalReshares) },
            finalAudiences: training.map { $0.reshares.reduce($0.rootFollowers) { $0 + $1.followers } })
        self.configuration = configuration
        var forecasts: [ForecastModel: [[(ViralityForecast, Int)]]] = [:]
        for model in ForecastModel.allCases {
            forecasts[model] = Array(repeating: [], count: times.count)
        }
        for cascade in test {
            for model in ForecastModel.allCases {
                let forecaster = ViralityForecaster(model: model, configuration: configuration)
                let results = forecaster.forecast(
                    rootFollowers: cascade.rootFollowers, reshares: cascade.reshares, at: times)
                for (index, forecast) in results.enumerated() where forecast.observed > 0 {
                    forecasts[model]?[index].append((forecast, cascade.finalReshares))
                }
            }
        }
        scores = times.indices.flatMap { index in
            ForecastModel.allCases.map { model in
                Self.score(model: model, t: times[index], pairs: forecasts[model]?[index] ?? [])
            }
        }
    }

    /// The score of `model` at checkpoint `t`, if it was evaluated.
    public func score(_ model: ForecastModel, at t: Double) -> Score? {
        scores.first { $0.model == model && $0.t == t }
    }

    /// A small table of the scores for people.
    public var summary: String {
        var lines = ["model            t(s)  cascades  MdAPE   90%-coverage  explosive"]
        for score in scores {
            let name = score.model.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
            lines.append(
                "\(name) \(pad(Int(score.t), 6)) \(pad(score.cascades, 9))  "
                    + "\(percent(score.medianAbsolutePercentageError))  \(percent(score.intervalCoverage))"
                    + "        \(percent(score.explosiveShare))")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func percent(_ value: Double) -> String {
        guard value.isFinite else { return "   inf" }
        let text = String(Double(Int((value * 1000).rounded())) / 10) + "%"
        return String(repeating: " ", count: max(0, 6 - text.count)) + text
    }

    private static func score(model: ForecastModel, t: Double, pairs: [(ViralityForecast, Int)]) -> Score {
        let errors = pairs.map { forecast, final in
            forecast.prediction.map { abs($0 - Double(final)) / Double(final) } ?? .infinity
        }.sorted()
        let median: Double
        if errors.isEmpty {
            median = .nan
        } else if errors.count % 2 == 1 {
            median = errors[errors.count / 2]
        } else {
            median = (errors[errors.count / 2 - 1] + errors[errors.count / 2]) / 2
        }
        let covered = pairs.filter { forecast, final in
            forecast.low <= Double(final) && Double(final) <= forecast.high
        }.count
        let explosive = pairs.filter { $0.0.explosive }.count
        let count = Double(max(pairs.count, 1))
        return Score(
            model: model, t: t, cascades: pairs.count, medianAbsolutePercentageError: median,
            intervalCoverage: Double(covered) / count, explosiveShare: Double(explosive) / count)
    }
}
