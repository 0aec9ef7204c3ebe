import ArgumentParser
import BacklashCore
import Foundation

/// Reference SEISMIC vs the improved model vs Szabo–Huberman on simulated cascades with known final sizes.
struct ForecastAccuracy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Median absolute percentage error at 10 min / 1 h / 6 h: reference vs improved vs Szabo–Huberman.")

    @Option(help: "Simulated cascades to fit the baselines on.") var training = 1000
    @Option(help: "Simulated cascades to score.") var test = 1000
    @Option(help: "Seed of the training set.") var trainingSeed: UInt64 = 2015
    @Option(help: "Seed of the test set.") var testSeed: UInt64 = 99

    func run() {
        let start = Date()
        let train = CascadeSimulator(seed: trainingSeed).cascades(0..<training)
        let scored = CascadeSimulator(seed: testSeed).cascades(0..<test)
        let evaluation = ForecastEvaluation(training: train, test: scored)
        print("simulated cascades: \(training) training (seed \(trainingSeed)), \(test) test (seed \(testSeed))")
        print(evaluation.summary)
        print("")
        print("t(s)   improved/reference  improved/szabo-huberman   (MdAPE ratios; < 1 means improved is better)")
        for t in [600.0, 3600, 21600] {
            guard let improved = evaluation.score(.improved, at: t), let reference = evaluation.score(.reference, at: t),
                let sh = evaluation.score(.szaboHuberman, at: t)
            else { continue }
            let r1 = improved.medianAbsolutePercentageError / reference.medianAbsolutePercentageError
            let r2 = improved.medianAbsolutePercentageError / sh.medianAbsolutePercentageError
            print(String(format: "%-6d %18.3f %24.3f", Int(t), r1, r2))
        }
        print(String(format: "elapsed %.1f s", Date().timeIntervalSince(start)))
    }
}
