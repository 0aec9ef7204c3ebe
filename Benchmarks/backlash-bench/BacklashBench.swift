import ArgumentParser

@main
struct BacklashBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlash-bench",
        abstract: "Benchmarks for Backlash; each prints its figures beside a peer measured in the same run.",
        discussion: "Build and run in release: swift run -c release backlash-bench SUBCOMMAND. Results: BENCHMARKS.md.",
        subcommands: [
            ForecastAccuracy.self, ScoringThroughput.self, IngestLoad.self, EscalationLatency.self, RestartReady.self,
            Soak.self, DetectorMemory.self, SampleStream.self,
        ])
}
