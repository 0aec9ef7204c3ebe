import ArgumentParser
import BacklashCore
import Foundation

/// The benchmarks' post stream on a simulated clock, as NDJSON: feed it to `backlashctl replay` to see what the
/// daemon makes of it (the background alone opens no paging incident; every trigger opens one and pages).
struct SampleStream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-stream",
        abstract: "Print the benchmarks' background and trigger posts as NDJSON on a simulated clock.")

    @Option(help: "Background posts per simulated second.") var rate = 100.0
    @Option(help: "Simulated seconds.") var seconds = 600.0
    @Option(help: "Seconds between trigger posts (0: no triggers).") var triggerEvery = 5.0
    @Option(help: "Background clients (as in the benchmarks: reposts and replies stay within a client).")
    var clients = 4

    @Flag(help: "Instead, print the tone the detector reads in samples of each kind of background text.")
    var tone = false

    func run() {
        var posts = BenchPosts(seed: 1)
        if tone {
            printTones(&posts)
            return
        }
        let start = 1_795_849_200.0
        var counters = [Int](repeating: 0, count: clients)
        var nextTrigger = triggerEvery > 0 ? triggerEvery / 2 : .infinity
        var triggers = 0
        var out = ""
        let total = Int(rate * seconds)
        for i in 0..<total {
            let now = start + Double(i) / rate
            while now >= start + nextTrigger {
                out += posts.trigger(triggers, now: start + nextTrigger) + "\n"
                triggers += 1
                nextTrigger += triggerEvery
            }
            let client = i % clients
            out += posts.background(client: client, n: counters[client], now: now) + "\n"
            counters[client] += 1
            if out.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// Valence, request type and markers of the reposts' words and of 20 texts from each template: only the
    /// complaints should read as `problem`.
    func printTones(_ posts: inout BenchPosts) {
        let analyzer = ToneAnalyzer()
        var texts = ["RT"] + BenchPosts.repostComments
        for template in BenchPosts.thanks + BenchPosts.remarks + BenchPosts.complaints {
            for _ in 0..<20 { texts.append(posts.fill(template)) }
        }
        for text in texts {
            let a = analyzer.analyze(text)
            print(String(format: "%+.2f", a.valence), a.requestType, a.markers, text)
        }
    }
}
