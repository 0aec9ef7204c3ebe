import BacklashCore
import Foundation
import Synchronization

/// The Alertmanager side of the background traffic: `clients` keep-alive connections POSTing batches of new alerts
/// to `/api/v2/alerts` at `rate` alerts/s in all (or as fast as Alertmanager answers, with no rate).
///
/// Each alert is new (its own `post` label), the equivalent of a new post: it is stored and grouped, and routed
/// (`kind="background"`) to a receiver with no integrations, as background posts page nobody.
final class PacedAlerts: Sendable {
    let port: UInt16
    let rate: Double?
    let clients: Int
    private let stopping = Atomic<Bool>(false)
    private let accepted = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)

    /// Prepares the load (nothing is sent before `start()`).
    init(port: UInt16, rate: Double?, clients: Int) {
        self.port = port
        self.rate = rate
        self.clients = clients
    }

    /// Connects every client and starts sending.
    func start() throws(BenchError) {
        let connections = try (0..<clients).map { _ throws(BenchError) in try HTTPConnection(port: port) }
        let start = WallClock.now()
        for (index, connection) in connections.enumerated() {
            let thread = Thread { [self] in send(client: index, on: connection, start: start) }
            thread.start()
        }
    }

    /// Stops sending and waits for the requests in flight.
    func stop() {
        stopping.store(true, ordering: .relaxed)
        try? waitFor("every alert client stopped", timeout: 60, poll: 0.05) {
            finished.load(ordering: .relaxed) == clients
        }
    }

    /// Alerts Alertmanager accepted (HTTP 200) so far, and alerts in refused requests.
    var counts: (accepted: Int, refused: Int) { (accepted.load(ordering: .relaxed), refused.load(ordering: .relaxed)) }

    private func send(client: Int, on connection: HTTPConnection, start: Double) {
        defer { finished.add(1, ordering: .relaxed) }
        var posts = BenchPosts(seed: 77 &+ UInt64(client))
        var sent = 0
        var skipped = 0
        let perClient = rate.map { $0 / Double(clients) }
        while !stopping.load(ordering: .relaxed) {
            let now = WallClock.now()
            var count = 100
            if let perClient {
                let due = Int((now - start) * perClient) - skipped
                let cap = max(1, Int(perClient * 0.2))
                if due - sent > cap { skipped += due - sent - cap }
                count = min(due - sent, cap)
            }
            if count > 0 {
                var body = "["
                for i in 0..<count {
                    if i > 0 { body += "," }
                    body += Self.alert(
                        labels: ["alertname": "Chatter", "kind": "background", "post": "bg-\(client)-\(sent)"],
                        text: posts.backgroundText(), at: now)
                    sent += 1
                }
                body += "]"
                let status = (try? connection.post("/api/v2/alerts", json: Array(body.utf8))) ?? 0
                if status == 200 {
                    accepted.add(count, ordering: .relaxed)
                } else {
                    refused.add(count, ordering: .relaxed)
                    if status == 0 { return }
                }
            }
            if perClient != nil { usleep(5_000) }
        }
    }

    /// One alert as the v2 API takes it, starting at `time` and ending (resolving) five minutes later.
    static func alert(labels: [String: String], text: String, at time: Double) -> String {
        let pairs = labels.sorted { $0.key < $1.key }.map { #""\#($0.key)":"\#($0.value)""# }.joined(separator: ",")
        return #"{"labels":{\#(pairs)},"annotations":{"summary":"\#(text)"},"#
            + #""startsAt":"\#(RFC3339.format(time))","endsAt":"\#(RFC3339.format(time + 300))","#
            + #""generatorURL":"http://127.0.0.1/backlash-bench"}"#
    }
}
