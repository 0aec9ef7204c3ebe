import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("the ingest socket under connection floods", .serialized)
struct ConnectionFloodTests {
    static let config = """
        paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
        """

    /// Lets this test process hold a few thousand sockets.
    static func allowDescriptors(_ n: Int) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < rlim_t(n) {
            limit.rlim_cur = min(limit.rlim_max, rlim_t(n))
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    /// The hard open-file limit allows this process 1,000 clients and the daemon 1,100 connections.
    static let enoughDescriptors: Bool = {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return limit.rlim_max >= 2400
    }()

    static func openDescriptors(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    /// The next line if one arrives within `timeout` seconds (nil: nothing yet, or the connection closed).
    static func lineIfReady(_ client: UnixLineClient, timeout: Double) throws -> String? {
        var pfd = pollfd(fd: client.fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) > 0 else { return nil }
        return try client.readLine()
    }

    /// Sends `n` posts on a fresh connection and returns how many were acknowledged, and how long it took.
    static func serve(_ daemon: RunningDaemon, _ prefix: String, _ n: Int) throws -> (acked: Int, seconds: Double) {
        let started = Date()
        let posts = (0..<n).map { Fixtures.post("\(prefix)-\($0)") }
        let replies = try IngestSocketTests.sendAll(posts, to: daemon.ingestSocket)
        return (replies.filter { $0.hasPrefix(#"{"ok":true"#) }.count, Date().timeIntervalSince(started))
    }

    @Test("1,000 idle connections under a 1024 soft limit: others are served, the idle timeout frees them",
        .enabled(if: enoughDescriptors, "the hard open-file limit is below 2400: 1,000 clients do not fit"))
    func thousandIdle() throws {
        Self.allowDescriptors(4096)
        let dir = try TestPaths.makeTemporaryDirectory("idle1k")
        // Started the way systemd starts services: soft limit 1024, hard limit higher; backlashd raises it.
        let daemon = try RunningDaemon(directory: dir, config: Self.config + """

            ingest: {max_connections: 1100, idle_timeout: 4s}
            """, wrapper: ["/usr/bin/prlimit", "--nofile=1024:", "--"])
        let pid = daemon.process.processIdentifier
        var idle: [UnixLineClient] = []
        for _ in 0..<1000 { idle.append(try UnixLineClient(path: daemon.ingestSocket, timeout: 20)) }
        let served = try Self.serve(daemon, "beside-idle", 200)
        #expect(served.acked == 200, "a client with posts is served beside 1,000 idle connections")
        #expect(Self.openDescriptors(pid) > 1000, "the daemon holds the 1,000 connections (it raised its limit)")
        var closedQuietly = 0
        for client in idle {
            // The idle timeout closes them without a word; a refusal would have said "limit".
            if try client.readLine() == nil { closedQuietly += 1 }
        }
        #expect(closedQuietly == 1000)
        try waitUntil("the daemon let go of the connections", timeout: 20) { Self.openDescriptors(pid) < 200 }
        #expect(try Self.serve(daemon, "after-idle", 10).acked == 10)
        #expect(try daemon.stop() == 0)
    }

    @Test("slowloris clients are cut at the line timeout; a full table of idle clients makes room for one with posts")
    func slowlorisAndFullTable() throws {
        Self.allowDescriptors(4096)
        let dir = try TestPaths.makeTemporaryDirectory("slowloris")
        let daemon = try RunningDaemon(directory: dir, config: Self.config + """

            ingest: {max_connections: 100, idle_timeout: 10m, line_timeout: 2s}
            """)
        let slow = try (0..<60).map { _ in try UnixLineClient(path: daemon.ingestSocket, timeout: 20) }
        let slowStart = Date()
        for client in slow { try client.send(#"{"platform":"twitter","#) }
        let dripping = UnsafeSendableBox(true)
        let drip = Thread {
            while dripping.withLock({ $0 }) {
                for client in slow { try? client.send(" ") }
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
        drip.start()
        defer { dripping.withLock { $0 = false } }
        var idle = try (0..<40).map { _ in try UnixLineClient(path: daemon.ingestSocket, timeout: 20) }
        Thread.sleep(forTimeInterval: 1.5)
        // The table is full (60 slow + 40 idle); the 40 idle ones have been quiet for over a second.
        let served = try Self.serve(daemon, "past-the-crowd", 100)
        #expect(served.acked == 100, "a client with posts takes the place of an idle one")
        idle += try (0..<39).map { _ in try UnixLineClient(path: daemon.ingestSocket, timeout: 20) }
        for client in slow {
            let reply = try client.readLine() ?? ""
            #expect(reply.contains("was not finished within 2s"), "\(reply)")
            // Closed: an end of file, or a reset when the daemon closed with dripped bytes still unread.
            #expect((try? client.readLine()) ?? nil == nil, "then the connection is closed")
        }
        let cut = Date().timeIntervalSince(slowStart)
        #expect(cut < 15, "slow clients are cut near the 2 s line timeout, whatever they drip (\(cut) s)")
        dripping.withLock { $0 = false }
        var evicted = 0
        for client in idle.prefix(40) {
            if let line = try Self.lineIfReady(client, timeout: 0.2), line.contains("idle the longest") { evicted += 1 }
        }
        #expect(evicted >= 30, "idle connections made room, each told why (\(evicted) of the first 40)")
        #expect(try Self.serve(daemon, "after-slowloris", 10).acked == 10)
        #expect(try daemon.stop() == 0)
    }
}
