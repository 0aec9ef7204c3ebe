import Foundation
import Synchronization

/// Traffic on backlashd's ingest socket from `clients` connections that together offer `rate` posts/s (or as
/// many as the daemon takes, with no rate), each post stamped when sent so its acknowledgement's latency is known.
///
/// Acknowledgements come back in order on each connection, so the oldest stamp of a connection belongs to the
/// next reply line. A client that falls more than 0.2 s behind its schedule skips ahead rather than bursting:
/// `sent` then tells the rate actually offered.
final class PacedIngest: Sendable {
    /// What happened since the last `takeWindow()`.
    struct Window: Sendable {
        var sent = 0
        var acknowledged = 0
        var refused = 0
        var latencies: [Double] = []
    }

    let socket: String
    let rate: Double?
    let clients: Int
    let seed: UInt64
    private let stopping = Atomic<Bool>(false)
    private let window = Mutex(Window())
    private let totals = Mutex(Window())
    private let finished = Atomic<Int>(0)

    /// Prepares the load (nothing is sent before `start()`).
    init(socket: String, rate: Double?, clients: Int, seed: UInt64 = 1) {
        self.socket = socket
        self.rate = rate
        self.clients = clients
        self.seed = seed
    }

    /// Connects every client and starts sending.
    func start() throws(BenchError) {
        let connections = try (0..<clients).map { _ throws(BenchError) in try SocketConnection(unixPath: socket) }
        let start = WallClock.now()
        for (index, connection) in connections.enumerated() {
            let stamps = SendStamps()
            let writer = Thread { [self] in send(client: index, on: connection, stamps: stamps, start: start) }
            let reader = Thread { [self] in receive(on: connection, stamps: stamps) }
            writer.start()
            reader.start()
        }
    }

    /// Stops sending, then waits up to `timeout` seconds for the outstanding acknowledgements.
    func stop(timeout: Double = 60) {
        stopping.store(true, ordering: .relaxed)
        try? waitFor("every client's acknowledgements arrived", timeout: timeout, poll: 0.05) {
            finished.load(ordering: .relaxed) == clients
        }
    }

    /// The counts and latencies since the previous call (and resets them).
    func takeWindow() -> Window {
        window.withLock { w in
            let taken = w
            w = Window()
            return taken
        }
    }

    /// The counts since `start()` (latencies are not kept here).
    var total: Window { totals.withLock { $0 } }

    private func send(client: Int, on connection: SocketConnection, stamps: SendStamps,
        start: Double)
    {
        var posts = BenchPosts(seed: seed &* 1_000_003 &+ UInt64(client))
        var sent = 0
        var skipped = 0
        let perClient = rate.map { $0 / Double(clients) }
        while !stopping.load(ordering: .relaxed) {
            let now = WallClock.now()
            var count: Int
            if let perClient {
                let due = Int((now - start) * perClient) - skipped
                let cap = max(1, Int(perClient * 0.2))
                if due - sent > cap {
                    skipped += due - sent - cap
                }
                count = min(due - sent, cap)
            } else {
                count = 200
            }
            if count > 0 {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(count * 420)
                for _ in 0..<count {
                    bytes += Array(posts.background(client: client, n: sent, now: now).utf8)
                    bytes.append(0x0A)
                    sent += 1
                }
                let stamp = WallClock.now()
                stamps.add(stamp, count: count)
                window.withLock { $0.sent += count }
                totals.withLock { $0.sent += count }
                guard connection.send(bytes) else { break }
            }
            if perClient != nil { usleep(5_000) }
        }
        connection.finishSending()
    }

    private func receive(on connection: SocketConnection, stamps: SendStamps) {
        defer { finished.add(1, ordering: .relaxed) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var lineStart = true
        var head: [UInt8] = []
        let ok = Array(#"{"ok":true"#.utf8)
        while true {
            let n = connection.receive(into: &buffer)
            if n <= 0 { return }
            let now = WallClock.now()
            var latencies: [Double] = []
            var acked = 0, refused = 0
            for i in 0..<n {
                let b = buffer[i]
                if b == 0x0A {
                    if head == ok { acked += 1 } else { refused += 1 }
                    head.removeAll(keepingCapacity: true)
                    lineStart = true
                    if let sentAt = stamps.next() { latencies.append(now - sentAt) }
                } else if lineStart || head.count < ok.count {
                    lineStart = false
                    if head.count < ok.count { head.append(b) }
                }
            }
            window.withLock { w in
                w.acknowledged += acked
                w.refused += refused
                w.latencies += latencies
            }
            totals.withLock { t in
                t.acknowledged += acked
                t.refused += refused
            }
        }
    }
}

/// The send times of one connection's posts not yet acknowledged, oldest first.
final class SendStamps: Sendable {
    private let state = Mutex<(times: [Double], head: Int)>(([], 0))

    /// Records `count` posts sent at `time`.
    func add(_ time: Double, count: Int) {
        state.withLock { s in s.times.append(contentsOf: repeatElement(time, count: count)) }
    }

    /// The send time of the oldest unacknowledged post, now acknowledged.
    func next() -> Double? {
        state.withLock { s in
            guard s.head < s.times.count else { return nil }
            let t = s.times[s.head]
            s.head += 1
            if s.head > 65_536 {
                s.times.removeFirst(s.head)
                s.head = 0
            }
            return t
        }
    }
}
