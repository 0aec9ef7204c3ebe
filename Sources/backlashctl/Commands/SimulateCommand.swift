import ArgumentParser
import BacklashCore
import Foundation

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate a realistic, labelled post stream as NDJSON (taxi, campaign, background, mixed).",
        discussion: """
            taxi: seed 003's story: a 120k-follower customer's post about a 1-rouble hold spreads as a self-exciting
            cascade (SEISMIC kernel) with copies and comments that demand an answer from Анна Петрова (manager id
            anna); campaign: 25 near-identical texts from young, empty accounts; background: ordinary complaints,
            questions and thanks; mixed: all of them over one day. Each post has a `label` with the truth.
            Pipe it into the daemon: backlashctl simulate --scenario taxi | socat - UNIX-CONNECT:var/ingest.sock
            """)

    @Option(help: "taxi, campaign, background or mixed.") var scenario: String
    @Option(help: "Random seed (the same seed gives the same stream).") var seed: UInt64 = 1
    @Option(help: "Start time (RFC 3339; default: now minus one hour, so the posts are recent).") var start: String?

    func run() throws {
        let t0: Double
        if let start {
            guard let t = RFC3339.parse(start) else { throw ValidationError("--start takes an RFC 3339 time") }
            t0 = t
        } else {
            t0 = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 3600
        }
        guard let posts = ScenarioGenerator(seed: seed, start: t0).posts(scenario) else {
            throw ValidationError("--scenario must be one of \(ScenarioGenerator.scenarios.joined(separator: ", "))")
        }
        let writer = JSONWriter()
        var out = ""
        for p in posts {
            out += writer.string(.object(p.raw))
            out += "\n"
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
