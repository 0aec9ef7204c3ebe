import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("SIGHUP storms during ingest", .serialized)
struct ReloadStormTests {
    @Test("a SIGHUP every few milliseconds while 8 clients send: every line answered once, in order, daemon up")
    func reloadStorm() throws {
        let dir = try TestPaths.makeTemporaryDirectory("hupstorm")
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
            paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
            """)
        let pid = daemon.process.processIdentifier
        let storming = UnsafeSendableBox(true)
        let signals = UnsafeSendableBox(0)
        let storm = Thread {
            while storming.withLock({ $0 }) {
                kill(pid, SIGHUP)
                signals.withLock { $0 += 1 }
                usleep(3000)
            }
        }
        storm.start()
        let clients = 8, perClient = 1000
        let results = UnsafeSendableBox<[[String]]>(Array(repeating: [], count: clients))
        DispatchQueue.concurrentPerform(iterations: clients) { c in
            let lines = (0..<perClient).map { Fixtures.post("hup\(c)-\($0)") }
            let replies = (try? IngestSocketTests.sendAll(lines, to: daemon.ingestSocket)) ?? []
            results.withLock { $0[c] = replies }
        }
        storming.withLock { $0 = false }
        Thread.sleep(forTimeInterval: 0.2)
        for c in 0..<clients {
            let replies = results.withLock { $0[c] }
            let expected = (0..<perClient).map { #"{"ok":true,"post":"twitter:hup\#(c)-\#($0)","status":"new"}"# }
            let odd = zip(replies, expected).first { $0 != $1 }.map { "\($0.0)" } ?? "-"
            #expect(replies == expected, "client \(c): \(replies.count) replies, first odd: \(odd)")
        }
        #expect(daemon.process.isRunning, "the daemon survived \(signals.withLock { $0 }) SIGHUPs")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "\(clients * perClient)")
        let reloads = Int(try Fixtures.sql(
            daemon.database, "SELECT count(*) FROM events WHERE kind = 'config.reloaded'")) ?? 0
        #expect(reloads >= 1, "the storm did reload the configuration (\(reloads) times)")
        #expect(try daemon.control(#"{"cmd":"ping"}"#).contains("pong"))
        let check = try runProgram(TestPaths.backlashd, ["--check-store", daemon.database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try daemon.stop() == 0)
    }
}

@Suite("SIGHUP right after start", .serialized)
struct EarlyReloadTests {
    @Test("SIGHUPs sent the instant READY=1 arrives reload the configuration instead of killing the daemon")
    func hangupAtReady() throws {
        for round in 0..<3 {
            let dir = try TestPaths.makeTemporaryDirectory("hupready")
            let listener = try NotifyListener(directory: dir)
            let daemon = try RunningDaemon(directory: dir, config: """
                managers:
                  - id: anna
                    name: "Анна Петрова"
                paths: {state_directory: var, inbox: var/inbox, runtime_directory: var}
                """, environment: ["NOTIFY_SOCKET": listener.path], waitForSockets: false)
            _ = try listener.waitFor("READY=1", timeout: 60)
            kill(daemon.process.processIdentifier, SIGHUP)
            _ = try listener.waitFor("RELOADING=1", timeout: 20)
            #expect(daemon.process.isRunning, "round \(round): the daemon is still up")
            try waitUntil("the reload is recorded", timeout: 20) {
                try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'config.reloaded'") == "1"
            }
            #expect(try daemon.stop() == 0)
        }
    }
}
