import ArgumentParser
import BacklashCore
import BacklashDaemon
import Foundation

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score detection and forecasting on labelled streams (from `simulate`), beside two baselines.",
        discussion: """
            Replays each labelled stream through the real engine on the posts' clock and reports, each next to the
            Szabo–Huberman forecast and a plain "N posts in 10 minutes" count rule measured on the same stream:
            median absolute percentage error of the final-size forecast at 10 min / 1 h / 6 h and 90% interval
            coverage (cascades with a labelled final size and at least one reshare), detection lead time (how long
            before the cascade reached half its final size the first page went out), false escalations per
            simulated day (pages for unlabelled background traffic), and precision/recall of the coordination flag.
            """)

    @Argument(help: ArgumentHelp("Labelled NDJSON streams (backlashctl simulate …).", valueName: "FILE")) var files: [String]
    @Option(help: ArgumentHelp("Configuration for the engine (managers, thresholds).", valueName: "FILE")) var config: String?
    @Option(help: "The count rule's N (posts within 10 minutes in one cascade).") var countRule: Int = 10

    func run() async throws {
        var loaded = BacklashConfig(paths: .development(base: "var"))
        if let config { loaded = try ConfigLoader.load(file: config, environment: [:]) }
        if loaded.managers.isEmpty {
            loaded = try ConfigLoader.parse(
                text: "managers:\n  - id: oncall\n    name: On Call\n", file: "eval.yaml", environment: [:])
        }
        var report = EvalReport()
        for file in files {
            let posts = try PostInput.load([file])
            let result = try await Replayer(config: loaded, dbPath: nil).run(posts)
            report.add(posts: posts, events: result.events, countRule: countRule)
        }
        print(report.render(countRule: countRule))
    }
}

/// Accumulates the evaluation figures over streams.
struct EvalReport {
    var errors: [String: [Double: [Double]]] = [:]
    var covered: [Double: (hit: Int, total: Int)] = [:]
    var leads: [Double] = []
    var countLeads: [Double] = []
    var missed = 0
    var countMissed = 0
    var falsePages = 0
    var countFalse = 0
    var days = 0.0
    var coordinationTP = 0, coordinationFP = 0, coordinationFN = 0
    let checkpoints: [Double] = [600, 3600, 21_600]

    static func label(_ p: Post) -> JSONObject? { p.raw["label"]?.objectValue }

    mutating func add(posts: [Post], events: [Event], countRule: Int) {
        guard let first = posts.map(\.createdAt).min(), let last = posts.map(\.createdAt).max() else { return }
        days += max((last - first) / 86_400, 1.0 / 24)
        // Forecast accuracy per labelled cascade with at least one reshare by t.
        let (cascades, _) = CascadeBuilder().assemble(posts)
        let baseline = SzaboHubermanBaseline.standard
        for c in cascades {
            guard let truth = Self.label(c.root)?["final_reshares"]?.doubleValue, truth > 0 else { continue }
            var tracker = CascadeTracker(rootFollowers: Double(c.root.author.followers ?? 0))
            var i = 0
            for t in checkpoints {
                while i < c.shares.count, c.shares[i].secondsSinceRoot <= t {
                    tracker.addShare(at: c.shares[i].secondsSinceRoot, followers: c.shares[i].followers)
                    i += 1
                }
                guard i > 0 else { continue }
                let f = tracker.forecast(at: t)
                let improved = f.prediction ?? f.low
                errors["improved", default: [:]][t, default: []].append(abs(improved - truth) / truth)
                let sh = baseline.forecast(at: t, observed: i, rootFollowers: Double(c.root.author.followers ?? 0),
                    audience: tracker.audience, meanFollowers: tracker.meanFollowersEstimate)
                errors["szabo-huberman", default: [:]][t, default: []].append(abs((sh.prediction ?? sh.low) - truth) / truth)
                var cov = covered[t] ?? (0, 0)
                cov.total += 1
                if f.low <= truth && (truth <= f.high || !f.high.isFinite) { cov.hit += 1 }
                covered[t] = cov
            }
        }
        // Which incident each labelled root ended in, from the engine's events.
        var incidentOfRoot: [String: String] = [:]
        var firstPage: [String: Double] = [:]
        var coordinated: Set<String> = []
        for e in events {
            guard let incident = e.incident else { continue }
            if e.kind == .incidentOpened, let root = e.details["root"]?.stringValue { incidentOfRoot[root] = incident }
            if e.kind == .pageSent, firstPage[incident] == nil { firstPage[incident] = e.time }
            if e.kind == .incidentCoordinated { coordinated.insert(incident) }
        }
        var incidentLabel: [String: String] = [:]
        var labelledIncidents: [String: (root: Post, half: Double?)] = [:]
        for c in cascades {
            guard let l = Self.label(c.root) else { continue }
            let name = l["incident"]?.stringValue
            if let i = incidentOfRoot[c.key.description] { incidentLabel[i] = name ?? "" }
            if let name, labelledIncidents[name] == nil || c.shares.count > 0 {
                let total = Int(l["final_reshares"]?.doubleValue ?? Double(c.shares.count))
                let half = total > 1 && c.shares.count >= total / 2 ? c.root.createdAt + c.shares[total / 2].secondsSinceRoot : nil
                if labelledIncidents[name] == nil || half != nil { labelledIncidents[name] = (c.root, half) }
            }
        }
        // Incidents opened from a copy, not the root, still carry their posts' labels.
        for p in posts {
            guard let name = Self.label(p)?["incident"]?.stringValue, let i = incidentOfRoot[p.key.description] else { continue }
            incidentLabel[i] = name
        }
        for (name, info) in labelledIncidents {
            let incidents = incidentLabel.filter { $0.value == name }.map(\.key)
            let page = incidents.compactMap { firstPage[$0] }.min()
            let reference = info.half ?? (info.root.createdAt + 3600)
            if let page { leads.append(reference - page) } else { missed += 1 }
            // The count rule: N posts of this labelled incident within 10 minutes.
            let times = posts.filter { Self.label($0)?["incident"]?.stringValue == name }.map(\.createdAt).sorted()
            var fired: Double?
            for (k, t) in times.enumerated() where k + 1 >= countRule && t - times[k + 1 - countRule] <= 600 {
                fired = t
                break
            }
            if let fired { countLeads.append(reference - fired) } else { countMissed += 1 }
            let flagged = incidents.contains { coordinated.contains($0) }
            let truth = posts.contains { Self.label($0)?["incident"]?.stringValue == name && Self.label($0)?["coordinated"] == .bool(true) }
            if flagged && truth { coordinationTP += 1 } else if flagged { coordinationFP += 1 } else if truth { coordinationFN += 1 }
        }
        for (incident, _) in firstPage where (incidentLabel[incident] ?? "").isEmpty { falsePages += 1 }
        // Count-rule false alarms: background cascades (no incident label) with N posts within 10 minutes.
        var byCascade: [String: [Double]] = [:]
        for p in posts where Self.label(p)?["incident"] == .null || Self.label(p)?["incident"] == nil {
            byCascade[Self.label(p)?["cascade"]?.stringValue ?? p.key.description, default: []].append(p.createdAt)
        }
        for times in byCascade.values.map({ $0.sorted() }) where times.count >= countRule {
            if times.indices.contains(where: { $0 + 1 >= countRule && times[$0] - times[$0 + 1 - countRule] <= 600 }) {
                countFalse += 1
            }
        }
    }

    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    func render(countRule: Int) -> String {
        func pct(_ x: Double?) -> String { x.map { String(format: "%5.1f%%", $0 * 100) } ?? "    -" }
        func mins(_ x: Double?) -> String { x.map { String(format: "%+.1f min", $0 / 60) } ?? "-" }
        var out = ["forecast of final reshares (MdAPE; 90% coverage of the improved interval):"]
        out.append("  t        improved   szabo-huberman   coverage   cascades")
        for t in checkpoints {
            let n = errors["improved"]?[t]?.count ?? 0
            let cov = covered[t].map { Double($0.hit) / Double(max($0.total, 1)) }
            out.append("  " + "\(Int(t / 60)) min".padding(toLength: 8, withPad: " ", startingAt: 0)
                + " \(pct(Self.median(errors["improved"]?[t] ?? [])))     \(pct(Self.median(errors["szabo-huberman"]?[t] ?? [])))"
                + "          \(pct(cov))     \(n)")
        }
        out.append("detection (lead = how long before the cascade reached half its final size the first page went out):")
        out.append("  backlash:              median lead \(mins(Self.median(leads))), missed \(missed), "
            + String(format: "false escalations %.2f per day", Double(falsePages) / max(days, 1e-9)))
        out.append("  count rule (\(countRule) in 10 min): median lead \(mins(Self.median(countLeads))), missed \(countMissed), "
            + String(format: "false escalations %.2f per day", Double(countFalse) / max(days, 1e-9)))
        let precision = coordinationTP + coordinationFP == 0 ? nil : Double(coordinationTP) / Double(coordinationTP + coordinationFP)
        let recall = coordinationTP + coordinationFN == 0 ? nil : Double(coordinationTP) / Double(coordinationTP + coordinationFN)
        out.append("coordination flag: precision \(pct(precision)), recall \(pct(recall)) "
            + "(\(coordinationTP) true, \(coordinationFP) false, \(coordinationFN) missed)")
        out.append(String(format: "streams span %.2f simulated days", days))
        return out.joined(separator: "\n")
    }
}
