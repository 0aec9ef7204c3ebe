import ArgumentParser
import Foundation

/// A long run at a steady rate with escalations flowing (issue 9): RSS, open fds and ingest-ack latency sampled
/// every interval, printed as a table and sparklines (and an SVG). Benchmarks/soak.sh runs it.
struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run backlashd at a steady post rate with escalations and print RSS, fds and ack latency over time.")

    @Option(help: "The backlashd binary (release build).") var backlashd: String
    @Option(help: "Minutes to run.") var minutes = 30.0
    @Option(help: "Background posts per second.") var rate = 5_000.0
    @Option(help: "Background connections.") var clients = 4
    @Option(help: "Seconds between trigger posts (each opens an incident that pages by exec).") var triggerEvery = 2.0
    @Option(help: "Seconds between samples.") var sample = 10.0
    @Option(help: "Working directory (kept).") var work: String
    @Option(help: "Write the curves as an SVG here.") var svg: String?
    @Option(help: "Stop early when backlashd's RSS passes this many MiB (the machine is shared).")
    var maxRSS = 6_144

    struct Row {
        var t: Double
        var rss: Int
        var fds: Int
        var offered: Double
        var acked: Double
        var acknowledged: Int
        var refused: Int
        var acks: LatencySummary
        var pages: Int
        /// backlashd's CPU time in the window, in cores (1.0 = one core busy).
        var cores: Double
        /// Microseconds of backlashd CPU per acknowledged post.
        var cpuPerPost: Double
    }

    func run() throws {
        let dir = work + "/soak"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let pages = dir + "/exec-pages.log"
        _ = FileManager.default.createFile(atPath: pages, contents: nil)
        let config = EscalationLatency.pagingConfig(pages: pages, webhookPort: nil)
        let notify = try NotifyListener(path: dir + "/notify.sock")
        let daemon = try DaemonUnderTest(binary: backlashd, directory: dir, config: config, notify: notify)
        print("soak: \(Int(rate)) posts/s over \(clients) connections, a trigger every \(triggerEvery) s, "
            + "\(minutes) min, sampled every \(Int(sample)) s; \(ProcessInfo.processInfo.activeProcessorCount) cores; "
            + "READY in \(LatencySummary.ms(daemon.startup))")
        let load = PacedIngest(socket: daemon.ingestSocket, rate: rate, clients: clients)
        try load.start()
        let stopTriggers = StopFlag()
        let triggersDone = StopFlag()
        let triggerThread = Thread {
            defer { triggersDone.raise() }
            guard let connection = try? SocketConnection(unixPath: daemon.ingestSocket) else { return }
            var posts = BenchPosts(seed: 42)
            var buffer = [UInt8](repeating: 0, count: 4096)
            var i = 0
            let first = WallClock.now() + 1
            while !stopTriggers.isRaised {
                WallClock.sleep(until: first + Double(i) * triggerEvery)
                guard connection.send(Array((posts.trigger(i, now: WallClock.now()) + "\n").utf8)) else { return }
                var got = 0
                while got == 0 || !buffer[0..<got].contains(0x0A) {
                    let n = connection.receive(into: &buffer)
                    if n <= 0 { return }
                    got = n
                }
                i += 1
            }
        }
        triggerThread.start()

        print("")
        print("| t | RSS | fds | offered posts/s | acked posts/s | ack p50 | ack p99 | ack max | pages | CPU "
            + "| CPU/post |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        var rows: [Row] = []
        let start = WallClock.now()
        var last = start
        var lastPages = 0
        var lastCPU = daemon.stats?.cpuSeconds ?? 0
        let end = start + minutes * 60
        while WallClock.now() < end {
            WallClock.sleep(until: min(last + sample, end))
            let now = WallClock.now()
            let window = load.takeWindow()
            guard let stats = daemon.stats else { throw BenchError("backlashd died: \(daemon.process.logTail)") }
            let pageCount = ((try? String(contentsOfFile: pages, encoding: .utf8)) ?? "").split(separator: "\n").count
            let seconds = now - last
            let row = Row(t: now - start, rss: stats.rss, fds: stats.openFDs, offered: Double(window.sent) / seconds,
                acked: Double(window.acknowledged) / seconds, acknowledged: window.acknowledged,
                refused: window.refused,
                acks: LatencySummary(window.latencies), pages: pageCount - lastPages,
                cores: (stats.cpuSeconds - lastCPU) / seconds,
                cpuPerPost: (stats.cpuSeconds - lastCPU) * 1e6 / Double(max(window.acknowledged, 1)))
            rows.append(row)
            lastPages = pageCount
            lastCPU = stats.cpuSeconds
            last = now
            print(String(format: "| %.0f s | %@ | %d | %.0f | %.0f | %@ | %@ | %@ | %d | %.2f | %.0f µs |", row.t,
                ProcessStats.mib(row.rss), row.fds, row.offered, row.acked, LatencySummary.ms(row.acks.p50),
                LatencySummary.ms(row.acks.p99), LatencySummary.ms(row.acks.max), row.pages, row.cores,
                row.cpuPerPost))
            fflush(nil)
            if stats.rss > maxRSS << 20 {
                print("stopping early: backlashd's RSS passed \(maxRSS) MiB (--max-rss)")
                break
            }
        }
        stopTriggers.raise()
        load.stop()
        try? waitFor("the trigger client stopped", timeout: 30) { triggersDone.isRaised }
        let final = daemon.stats
        let total = load.total
        daemon.stop()

        print("")
        print("RSS   " + Self.sparkline(rows.map { Double($0.rss) }) + "  "
            + "\(ProcessStats.mib(rows.first?.rss ?? 0)) → \(ProcessStats.mib(rows.last?.rss ?? 0))")
        print("fds   " + Self.sparkline(rows.map { Double($0.fds) }) + "  "
            + "\(rows.first?.fds ?? 0) → \(rows.last?.fds ?? 0)")
        print("p99   " + Self.sparkline(rows.map { $0.acks.p99 ?? 0 }) + "  max "
            + LatencySummary.ms(rows.compactMap(\.acks.p99).max()))
        print("CPU/post " + Self.sparkline(rows.map(\.cpuPerPost)) + String(format: "  %.0f → %.0f µs",
            rows.first?.cpuPerPost ?? 0, rows.last?.cpuPerPost ?? 0))
        print("acked " + Self.sparkline(rows.map(\.acked)) + String(format: "  %.0f posts/s on average",
            Double(total.acknowledged) / max(1, rows.last?.t ?? 1)))
        if let first = rows.first, let last = rows.last, rows.count > 1 {
            let posts = Double(rows.dropFirst().map(\.acknowledged).reduce(0, +))
            print(String(format: "RSS grew %.0f bytes per post acknowledged after the first sample",
                Double(last.rss - first.rss) / max(posts, 1)))
        }
        print("total: \(total.sent) posts sent, \(total.acknowledged) acknowledged, \(total.refused) refused; "
            + "\(rows.map(\.pages).reduce(0, +)) pages; peak RSS \(ProcessStats.mib(final?.peakRSS ?? 0))")
        if let svg {
            try Self.svg(rows).write(toFile: svg, atomically: true, encoding: .utf8)
            print("curves: \(svg)")
        }
    }

    /// One block character per sample, scaled from the smallest to the largest value.
    static func sparkline(_ values: [Double]) -> String {
        let blocks = Array("▁▂▃▄▅▆▇█")
        guard let lo = values.min(), let hi = values.max() else { return "" }
        return String(values.map { v in
            hi > lo ? blocks[min(7, Int((v - lo) / (hi - lo) * 7.999))] : blocks[0]
        })
    }

    /// Three stacked line charts (RSS MiB, open fds, ack p99 ms) against minutes.
    static func svg(_ rows: [Row]) -> String {
        let width = 720.0, height = 150.0, left = 60.0
        let series: [(String, [Double])] = [
            ("RSS (MiB)", rows.map { Double($0.rss) / 1_048_576 }),
            ("open fds", rows.map { Double($0.fds) }),
            ("ack p99 (ms)", rows.map { ($0.acks.p99 ?? 0) * 1000 }),
        ]
        let tMax = max(rows.last?.t ?? 1, 1)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Int(width + left + 20))" "#
            + #"height="\#(Int(Double(series.count) * (height + 30) + 20))" font-family="sans-serif" font-size="12">"#
        for (index, (name, values)) in series.enumerated() {
            let top = 20 + Double(index) * (height + 30)
            let hi = max(values.max() ?? 1, 1e-9) * 1.1
            let points = zip(rows, values).map { row, v in
                String(format: "%.1f,%.1f", left + row.t / tMax * width, top + height - v / hi * height)
            }.joined(separator: " ")
            out += #"<text x="\#(left)" y="\#(top - 5)">\#(name), max \#(String(format: "%.1f", values.max() ?? 0))"#
                + #" — \#(String(format: "%.1f", tMax / 60)) min</text>"#
            out += #"<rect x="\#(left)" y="\#(top)" width="\#(width)" height="\#(height)" fill="none" "#
                + #"stroke="silver"/>"#
            out += #"<polyline fill="none" stroke="firebrick" stroke-width="1.5" points="\#(points)"/>"#
            out += #"<text x="5" y="\#(top + 12)">\#(String(format: "%.0f", hi))</text><text x="5" "#
                + #"y="\#(top + height)">0</text>"#
        }
        return out + "</svg>\n"
    }
}
