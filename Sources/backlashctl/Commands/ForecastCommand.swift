import ArgumentParser
import BacklashCore
import Foundation

struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast each cascade's final size at given times after its root post (SEISMIC).",
        discussion: """
            Reads NDJSON (or JSON) posts; a cascade is a root post and every post that reposts or quotes it
            (replies are conversation, not reshares). For each cascade and each --at time t (seconds after the
            root) prints: reshares observed by t, the infectiousness p with its 90% bounds, the predicted final
            number of reshares (null and explosive when p·n* ≥ 1) and its interval.

            --model reference reproduces the R package `seismic` 1.1 exactly (n* = 100; shares at t count as
            observed, the p estimate uses shares strictly before t). --model default is the daemon's improved
            model: n* from the resharers' followers, p with a Gamma prior, a calibrated interval, and a
            Szabo–Huberman prior below 5 reshares.
            """)

    @Argument(help: ArgumentHelp("NDJSON files of posts.", valueName: "FILE"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Seconds after each root, comma-separated (e.g. 600,3600,21600).",
        valueName: "SECONDS"))
    var at: String

    @Option(name: .long, help: ArgumentHelp("Only this cascade (its root).", valueName: "PLATFORM:ID"))
    var cascade: String?

    @Option(name: .long, help: "reference (R seismic 1.1) or default (the daemon's model).")
    var model: String = "default"

    @Flag(name: .long, help: "One JSON object per line.")
    var json = false

    func validate() throws {
        guard ["reference", "default"].contains(model) else { throw ValidationError("--model must be reference or default") }
        guard !times.isEmpty, times.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw ValidationError("--at takes non-negative seconds, e.g. --at 600,3600")
        }
        if let cascade, PostKey(cascade) == nil { throw ValidationError("--cascade takes PLATFORM:ID") }
    }

    var times: [Double] { at.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) } }

    func run() throws {
        let posts = try PostInput.load(files)
        var (cascades, orphans) = CascadeBuilder().assemble(posts)
        if let cascade, let key = PostKey(cascade) {
            cascades = cascades.filter { $0.key == key }
            if cascades.isEmpty {
                printError("no cascade with root \(cascade) in the input")
                throw ExitCode(1)
            }
        }
        if orphans > 0 { printError("\(orphans) reshares whose root is not in the input were left out") }
        if !json {
            print(["cascade", "t", "observed", "p", "p_low", "p_up", "prediction", "low", "high"]
                .map { $0.padding(toLength: $0 == "cascade" ? 28 : 11, withPad: " ", startingAt: 0) }.joined())
        }
        let ts = times.sorted()
        for c in cascades {
            let forecasts = forecast(c, at: ts)
            for f in forecasts { print(json ? Self.jsonLine(c.key, f) : Self.textLine(c.key, f)) }
        }
    }

    func forecast(_ c: AssembledCascade, at times: [Double]) -> [ViralityForecast] {
        let rootFollowers = Double(c.root.author.followers ?? 0)
        if model == "reference" {
            let shares = [CascadeShare(secondsSinceRoot: 0, followers: rootFollowers)] + c.shares
            return SeismicReference.forecast(shares: shares, at: times)
        }
        var tracker = CascadeTracker(rootFollowers: rootFollowers)
        var i = 0
        var out: [ViralityForecast] = []
        for t in times {
            while i < c.shares.count, c.shares[i].secondsSinceRoot <= t {
                tracker.addShare(at: c.shares[i].secondsSinceRoot, followers: c.shares[i].followers)
                i += 1
            }
            out.append(tracker.forecast(at: t))
        }
        return out
    }

    static func number(_ x: Double?) -> JSONValue {
        guard let x, x.isFinite else { return .null }
        return .number(String(x))
    }

    static func jsonLine(_ key: PostKey, _ f: ViralityForecast) -> String {
        JSONWriter().string(.object(JSONObject(pairs: [
            "cascade": .string(key.description), "t": number(f.t), "observed": JSONValue(f.observed),
            "p": number(f.p), "p_low": number(f.pLow), "p_up": number(f.pUp), "prediction": number(f.prediction),
            "explosive": .bool(f.explosive), "low": number(f.low), "high": number(f.high),
            "reach_forecast": number(f.reachForecast), "model": .string(f.model.rawValue),
        ])))
    }

    static func textLine(_ key: PostKey, _ f: ViralityForecast) -> String {
        func fmt(_ x: Double?) -> String {
            guard let x else { return "explosive" }
            if !x.isFinite { return "inf" }
            return abs(x) < 0.01 && x != 0 ? String(format: "%.3e", x) : String(format: "%.2f", x)
        }
        let cells = [
            key.description, fmt(f.t), String(f.observed), fmt(f.p), fmt(f.pLow), fmt(f.pUp),
            f.explosive ? "explosive" : fmt(f.prediction), fmt(f.low), fmt(f.high),
        ]
        return cells.enumerated().map { $0.element.padding(toLength: $0.offset == 0 ? 28 : 11, withPad: " ", startingAt: 0) }
            .joined()
    }
}
