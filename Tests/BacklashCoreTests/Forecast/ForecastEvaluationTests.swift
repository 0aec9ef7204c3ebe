import Foundation
import Testing

@testable import BacklashCore

@Suite struct ForecastEvaluationTests {
    @Test("on 1,000 simulated cascades the improved 90% interval covers 85–95% and beats Szabo–Huberman at 1 h")
    func improvedModelIsCalibratedAndAccurate() throws {
        let training = CascadeSimulator(seed: 2015).cascades(0..<1000)
        let test = CascadeSimulator(seed: 99).cascades(0..<1000)
        let evaluation = ForecastEvaluation(training: training, test: test, at: [600, 3600, 21600])
        print(evaluation.summary)
        for t in [600.0, 3600, 21600] {
            let improved = try #require(evaluation.score(.improved, at: t))
            #expect((0.85...0.95).contains(improved.intervalCoverage), "coverage at \(t) s")
        }
        let improved = try #require(evaluation.score(.improved, at: 3600))
        let baseline = try #require(evaluation.score(.szaboHuberman, at: 3600))
        #expect(improved.cascades > 700)
        #expect(improved.medianAbsolutePercentageError < baseline.medianAbsolutePercentageError)
    }

    @Test("the standard baseline and p prior are what fitting the simulator's default world gives")
    func defaultsAreReproducible() {
        let training = CascadeSimulator(seed: 2015).cascades(0..<2000)
        let fitted = SzaboHubermanBaseline.fit(
            examples: training.map {
                SzaboHubermanBaseline.Example(
                    rootFollowers: $0.rootFollowers, reshareTimes: $0.reshares.map(\.secondsSinceRoot),
                    finalReshares: Double($0.finalReshares))
            },
            at: [600, 3600, 21600])
        for (ours, refit) in zip(SzaboHubermanBaseline.standard.checkpoints, fitted.checkpoints) {
            #expect(ours.t == refit.t)
            #expect(abs(ours.intercept - refit.intercept) < 1e-3)
            #expect(abs(ours.countSlope - refit.countSlope) < 1e-3)
            #expect(abs(ours.followersSlope - refit.followersSlope) < 1e-3)
            #expect(abs(ours.residualSD - refit.residualSD) < 1e-3)
        }
        var configuration = ViralityForecaster.Configuration()
        let standard = configuration
        configuration.fitInfectiousnessPrior(
            finalReshares: training.map { Double($0.finalReshares) },
            finalAudiences: training.map { $0.reshares.reduce($0.rootFollowers) { $0 + $1.followers } })
        #expect(abs(configuration.infectiousnessPriorShape - standard.infectiousnessPriorShape) < 0.01)
        #expect(abs(configuration.infectiousnessPriorRate - standard.infectiousnessPriorRate) < 1)
        // The fitted prior's mean is close to the simulated worlds' mean p, 0.00475.
        let mean = configuration.infectiousnessPriorShape / configuration.infectiousnessPriorRate
        #expect(abs(mean - 0.00475) < 0.0006)
    }
}
