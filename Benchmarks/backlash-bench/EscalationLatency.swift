import ArgumentParser
import Foundation

/// Escalation latency under load (issue 6): from the arrival of the post that crosses the escalation threshold to
/// the notifier starting, with background traffic on the ingest socket; beside Prometheus Alertmanager taking the
/// equivalent alert stream on its API and notifying a webhook. Benchmarks/escalation.sh runs it.
struct EscalationLatency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation",
        abstract: "Trigger-to-notifier latency under background load, backlashd vs Alertmanager.",
        discussion: """
            backlashd (release) pages its on-call manager by an exec notifier (bash stamps $EPOCHREALTIME as its \
            first act) and a webhook to a receiver in this process (stamped when the request's first bytes \
            arrive). Alertmanager gets the same schedule of trigger alerts on /api/v2/alerts, tuned for speed \
            (group_wait 0s), notifying the same receiver, and at the first rate also with its default group_wait \
            of 30 s. Each rate in --rates is one round of both peers; after the first, each takes background \
            traffic as fast as it will (throughput).
            """)

    @Option(help: "The backlashd binary (release build).") var backlashd: String
    @Option(help: "The Alertmanager binary ('' to skip the peer).")
    var alertmanager = "/usr/bin/prometheus-alertmanager"
    @Option(help: "Directory with Alertmanager's tuned.yml and default.yml.")
    var alertmanagerConfigs = "Benchmarks/alertmanager"
    @Option(parsing: .upToNextOption, help: "Background posts (alerts) per second, one round each.")
    var rates: [Double] = [10_000, 2_000]
    @Option(help: "Background connections.") var clients = 4
    @Option(help: "Trigger posts (alerts) per round.") var triggers = 200
    @Option(help: "Seconds between triggers.") var interval = 0.25
    @Option(help: "Triggers for Alertmanager with its default group_wait of 30 s.") var defaultTriggers = 20
    @Option(help: "Seconds of the throughput phase of each peer.") var throughputSeconds = 10.0
    @Option(help: "Seconds of background load before the first trigger.") var warmup = 5.0
    @Option(help: "Working directory (kept).") var work: String
    @Option(help: "Port of the webhook receiver (Alertmanager's configs name 19094).") var webhookPort: UInt16 = 19094
    @Option(help: "Port Alertmanager listens on.") var alertmanagerPort: UInt16 = 19093

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let receiver = try WebhookReceiver(port: webhookPort)
        print("\(triggers) triggers every \(interval) s per round, background over \(clients) connections; "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores")
        var rounds: [(rate: Double, ours: BacklashRun, peers: [PeerRun])] = []
        for (index, rate) in rates.enumerated() {
            let first = index == 0
            let ours = try measureBacklash(receiver: receiver, rate: rate, throughput: first)
            print("backlashd at \(Int(rate))/s: exec \(ours.exec.line); trigger acks \(ours.acks.line); "
                + String(format: "background offered %.0f/s, acknowledged %.0f/s", ours.offered, ours.acknowledged))
            fflush(nil)
            var peers: [PeerRun] = []
            if !alertmanager.isEmpty {
                peers.append(try measureAlertmanager(receiver: receiver, config: "tuned.yml", rate: rate,
                    triggers: triggers, settle: 10, throughput: first))
                if first {
                    peers.append(try measureAlertmanager(receiver: receiver, config: "default.yml", rate: rate,
                        triggers: defaultTriggers, settle: 40, throughput: false))
                }
                for peer in peers { print("\(peer.name) at \(Int(rate))/s: \(peer.latency.line)") }
                fflush(nil)
            }
            rounds.append((rate, ours, peers))
        }
        report(rounds)
    }

    // MARK: backlashd

    struct BacklashRun {
        var exec: LatencySummary
        var webhook: LatencySummary
        var acks: LatencySummary
        var afterCommit: LatencySummary
        var background: LatencySummary
        var offered: Double
        var acknowledged: Double
        var otherPages: Int
        var throughput: Double?
        var cpuPerPost: Double?
        var peakRSS: Int
    }

    func measureBacklash(receiver: WebhookReceiver, rate: Double, throughput: Bool) throws -> BacklashRun {
        let dir = work + "/backlashd-\(Int(rate))"
        let pages = dir + "/exec-pages.log"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: pages, contents: nil)
        let notify = try NotifyListener(path: dir + "/notify.sock")
        let daemon = try DaemonUnderTest(
            binary: backlashd, directory: dir, config: Self.pagingConfig(pages: pages, webhookPort: webhookPort),
            notify: notify)
        receiver.reset()

        let background = PacedIngest(socket: daemon.ingestSocket, rate: rate, clients: clients)
        try background.start()
        Thread.sleep(forTimeInterval: warmup)
        _ = background.takeWindow()
        let windowStart = WallClock.now()

        let triggerConnection = try SocketConnection(unixPath: daemon.ingestSocket)
        var posts = BenchPosts(seed: 42)
        var sentAt: [String: Double] = [:]
        var ackedAt: [String: Double] = [:]
        var buffer = [UInt8](repeating: 0, count: 4096)
        let first = WallClock.now() + 0.1
        for i in 0..<triggers {
            WallClock.sleep(until: first + Double(i) * interval)
            let line = Array((posts.trigger(i, now: WallClock.now()) + "\n").utf8)
            let stamp = WallClock.now()
            guard triggerConnection.send(line) else { throw BenchError("backlashd closed the trigger connection") }
            let root = "twitter:trigger-\(i)"
            sentAt[root] = stamp
            var reply: [UInt8] = []
            while !reply.contains(0x0A) {
                let n = triggerConnection.receive(into: &buffer)
                guard n > 0 else { throw BenchError("backlashd closed the trigger connection") }
                reply += buffer[0..<n]
            }
            ackedAt[root] = WallClock.now()
        }
        try? waitFor("every trigger's page on both channels", timeout: 30, poll: 0.1) {
            Self.lines(pages).count >= triggers && receiver.received.count >= triggers
        }
        let window = background.takeWindow()
        let windowSeconds = WallClock.now() - windowStart
        background.stop()

        // Incident → root post, from the daemon's own database (sqlite3 CLI; WAL lets it read beside the daemon).
        let rootOf = try Self.incidentRoots(daemon.database)
        var exec: [Double] = [], afterCommit: [Double] = [], webhook: [Double] = []
        var seen: Set<String> = [], seenHooks: Set<String> = []
        var otherPages = 0
        for line in Self.lines(pages) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let t = Double(parts[0]) else { continue }
            let incident = String(parts[1])
            guard let root = rootOf[incident], let sent = sentAt[root] else {
                otherPages += 1
                continue
            }
            guard seen.insert(incident).inserted else { continue }
            exec.append(t - sent)
            if let acked = ackedAt[root] { afterCommit.append(t - acked) }
        }
        for arrival in receiver.received {
            guard let object = try? JSONSerialization.jsonObject(with: Data(arrival.body)) as? [String: Any],
                let incident = object["incident"] as? String, let root = rootOf[incident], let sent = sentAt[root],
                seenHooks.insert(incident).inserted
            else { continue }
            webhook.append(arrival.time - sent)
        }

        var rate: Double?, cpuPerPost: Double?
        if throughput {
            // The same background stream, as fast as the daemon acknowledges it.
            let blast = PacedIngest(socket: daemon.ingestSocket, rate: nil, clients: 8, seed: 99)
            let cpu = daemon.stats?.cpuSeconds ?? 0
            try blast.start()
            let start = WallClock.now()
            Thread.sleep(forTimeInterval: throughputSeconds)
            blast.stop()
            rate = Double(blast.total.acknowledged) / (WallClock.now() - start)
            cpuPerPost = ((daemon.stats?.cpuSeconds ?? 0) - cpu) / Double(max(blast.total.acknowledged, 1))
        }
        let peak = daemon.stats?.peakRSS ?? 0
        daemon.stop()
        return BacklashRun(
            exec: LatencySummary(exec), webhook: LatencySummary(webhook),
            acks: LatencySummary(sentAt.compactMap { root, sent in ackedAt[root].map { $0 - sent } }),
            afterCommit: LatencySummary(afterCommit), background: LatencySummary(window.latencies),
            offered: Double(window.sent) / windowSeconds, acknowledged: Double(window.acknowledged) / windowSeconds,
            otherPages: otherPages, throughput: rate, cpuPerPost: cpuPerPost, peakRSS: peak)
    }

    /// One manager, on call by the default policy, paged by exec (bash appends "$EPOCHREALTIME $BACKLASH_INCIDENT"
    /// to `pages` as its first act: no fork before the stamp) and, with a port, by webhook. The per-contact rate
    /// limit is off: it would hold every page after the third in a minute, and what is measured is each page's path.
    static func pagingConfig(pages: String, webhookPort: UInt16?) -> String {
        let hook = #"printf '%s %s\n' "$EPOCHREALTIME" "$BACKLASH_INCIDENT" >> "$0""#
        let webhook = webhookPort.map { "\n      webhook: \"http://127.0.0.1:\($0)/backlash\"" } ?? ""
        return DaemonUnderTest.config("""
            managers:
              - id: duty
                name: "Дежурный Менеджер"
                contacts:
                  exec: ["/bin/bash", "-c", \(yamlString(hook)), "\(pages)"]\(webhook)
            notifiers:
              timeout: 10s
              rate_limit: off
            """)
    }

    static func lines(_ path: String) -> [Substring] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    static func incidentRoots(_ database: String) throws -> [String: String] {
        let (status, rows) = try runToCompletion("/usr/bin/sqlite3", ["-readonly", database,
            "SELECT id || ' ' || root FROM incidents"])
        guard status == 0 else { throw BenchError("sqlite3 could not read the incidents: \(rows)") }
        var rootOf: [String: String] = [:]
        for row in rows.split(separator: "\n") {
            let parts = row.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { rootOf[String(parts[0])] = String(parts[1]) }
        }
        return rootOf
    }

    // MARK: Alertmanager

    struct PeerRun {
        var name: String
        var latency: LatencySummary
        var missing: Int
        var offered: Double
        var throughput: Double?
        var cpuPerAlert: Double?
        var peakRSS: Int
    }

    func measureAlertmanager(receiver: WebhookReceiver, config: String, rate: Double, triggers count: Int,
        settle: Double, throughput: Bool) throws -> PeerRun
    {
        let name = config == "tuned.yml" ? "Alertmanager, group_wait 0s" : "Alertmanager, default group_wait 30s"
        let dir = work + "/alertmanager-" + config.replacingOccurrences(of: ".yml", with: "") + "-\(Int(rate))"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
        let am = try ChildProcess(alertmanager, [
            "--config.file", URL(fileURLWithPath: alertmanagerConfigs).appendingPathComponent(config).path,
            "--storage.path", dir + "/data", "--web.listen-address", "127.0.0.1:\(alertmanagerPort)",
            "--cluster.listen-address=", "--log.level=warn",
        ], directory: dir, log: dir + "/alertmanager.log")
        defer { am.stop() }
        try waitFor("Alertmanager answers on 127.0.0.1:\(alertmanagerPort)", timeout: 30, poll: 0.05) {
            guard am.isRunning else { throw BenchError("Alertmanager exited at start: \(am.logTail)") }
            guard let probe = try? HTTPConnection(port: alertmanagerPort) else { return false }
            return (try? probe.post("/api/v2/alerts", json: Array("[]".utf8))) == 200
        }
        receiver.reset()
        let background = PacedAlerts(port: alertmanagerPort, rate: rate, clients: clients)
        try background.start()
        Thread.sleep(forTimeInterval: warmup)
        let before = background.counts.accepted
        let windowStart = WallClock.now()

        let triggerConnection = try HTTPConnection(port: alertmanagerPort)
        var posts = BenchPosts(seed: 42)
        var sentAt: [String: Double] = [:]
        let first = WallClock.now() + 0.1
        for i in 0..<count {
            WallClock.sleep(until: first + Double(i) * interval)
            let body = "[" + PacedAlerts.alert(
                labels: ["alertname": "Flashmob", "trigger": "trigger-\(i)", "severity": "page"],
                text: posts.triggerText(), at: WallClock.now()) + "]"
            let stamp = WallClock.now()
            let status = try triggerConnection.post("/api/v2/alerts", json: Array(body.utf8))
            guard status == 200 else { throw BenchError("Alertmanager refused trigger \(i) with HTTP \(status)") }
            sentAt["trigger-\(i)"] = stamp
        }
        try? waitFor("every trigger's notification", timeout: settle, poll: 0.1) { receiver.received.count >= count }
        let offered = Double(background.counts.accepted - before) / (WallClock.now() - windowStart)
        background.stop()
        var latencies: [Double] = []
        var seen: Set<String> = []
        for arrival in receiver.received {
            guard let object = try? JSONSerialization.jsonObject(with: Data(arrival.body)) as? [String: Any],
                let labels = object["groupLabels"] as? [String: Any], let trigger = labels["trigger"] as? String,
                let sent = sentAt[trigger], seen.insert(trigger).inserted
            else { continue }
            latencies.append(arrival.time - sent)
        }
        var accepted: Double?, cpuPerAlert: Double?
        if throughput {
            let blast = PacedAlerts(port: alertmanagerPort, rate: nil, clients: 8)
            let cpu = ProcessStats.cpu(am.pid)
            try blast.start()
            let start = WallClock.now()
            Thread.sleep(forTimeInterval: throughputSeconds)
            blast.stop()
            accepted = Double(blast.counts.accepted) / (WallClock.now() - start)
            cpuPerAlert = (ProcessStats.cpu(am.pid) - cpu) / Double(max(blast.counts.accepted, 1))
        }
        let peak = ProcessStats.of(am.pid)?.peakRSS ?? 0
        return PeerRun(name: name, latency: LatencySummary(latencies), missing: count - latencies.count,
            offered: offered, throughput: accepted, cpuPerAlert: cpuPerAlert, peakRSS: peak)
    }

    // MARK: report

    func report(_ rounds: [(rate: Double, ours: BacklashRun, peers: [PeerRun])]) {
        func row(_ name: String, _ s: LatencySummary, _ background: String) -> String {
            "| \(name) | \(background) | \(LatencySummary.ms(s.p50)) | \(LatencySummary.ms(s.p99)) "
                + "| \(LatencySummary.ms(s.max)) | \(s.count) |"
        }
        print("")
        print("| from trigger sent to … | background taken | p50 | p99 | max | n |")
        print("|---|---|---|---|---|---|")
        for (rate, ours, peers) in rounds {
            let taken = String(format: "%.0f of %.0f posts/s", ours.acknowledged, rate)
            print(row("backlashd: exec notifier started", ours.exec, taken))
            print(row("backlashd: webhook request arrived", ours.webhook, taken))
            print(row("backlashd: trigger acknowledged (committed)", ours.acks, taken))
            for peer in peers {
                print(row(peer.name + ": webhook request arrived", peer.latency,
                    String(format: "%.0f of %.0f alerts/s", peer.offered, rate)))
            }
        }
        print("")
        for (rate, ours, peers) in rounds {
            print("at \(Int(rate))/s: backlashd from its ack of the trigger to the exec notifier: "
                + "\(ours.afterCommit.line); background acks \(ours.background.line); pages not from triggers: "
                + "\(ours.otherPages)")
            for peer in peers where peer.missing > 0 {
                print("at \(Int(rate))/s: \(peer.name): \(peer.missing) triggers not notified within the wait")
            }
            if let tuned = peers.first, let a = tuned.latency.p99, let b = ours.webhook.p99, let c = ours.exec.p99,
                let a50 = tuned.latency.p50, let b50 = ours.webhook.p50
            {
                print(String(format: "at %.0f/s: ratio backlashd/Alertmanager(group_wait 0s), webhook to webhook: "
                    + "p50 %.2f, p99 %.2f (< 1: backlashd faster); exec p99 %.1f ms, target <= 50 ms: %@", rate,
                    b50 / a50, b / a, c * 1000, c <= 0.05 ? "met" : "NOT met"))
            }
        }
        if let ours = rounds.first?.ours, let ourRate = ours.throughput {
            let peer = rounds.first?.peers.first
            print(String(format: "throughput: backlashd %.0f posts/s (acknowledged after commit)", ourRate)
                + (peer?.throughput.map { String(format: ", Alertmanager %.0f alerts/s (accepted into memory); "
                    + "ratio %.2f", $0, ourRate / $0) } ?? ""))
            if let ours = ours.cpuPerPost {
                print(String(format: "CPU per item while saturated: backlashd %.0f µs per post", ours * 1e6)
                    + (peer?.cpuPerAlert.map { String(format: ", Alertmanager %.0f µs per alert; ratio %.2f",
                        $0 * 1e6, ours / $0) } ?? ""))
            }
            print("peak RSS: backlashd \(ProcessStats.mib(ours.peakRSS))"
                + (rounds.first?.peers ?? []).map { ", \($0.name) \(ProcessStats.mib($0.peakRSS))" }.joined())
        }
    }

    /// A YAML double-quoted scalar.
    static func yamlString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
