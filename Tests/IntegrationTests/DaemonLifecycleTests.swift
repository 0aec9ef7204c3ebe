import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("backlashd under systemd's protocols", .serialized)
struct DaemonLifecycleTests {
    @Test("READY=1 comes after start-up, WATCHDOG=1 pings follow when WATCHDOG_USEC is set, STOPPING=1 on SIGTERM")
    func notifyProtocol() throws {
        let dir = try TestPaths.makeTemporaryDirectory("notify")
        let listener = try NotifyListener(directory: dir)
        let daemon = try RunningDaemon(
            directory: dir, environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"],
            waitForSockets: false)
        let untilReady = try listener.waitFor("READY=1", timeout: 60)
        #expect(untilReady.last?.contains("STATUS=") == true)
        #expect(daemon.controlAnswers(), "READY=1 must only come once the sockets answer")
        var pings = 0
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, pings < 3 {
            if let m = listener.receive(timeout: 1), m.contains("WATCHDOG=1") { pings += 1 }
        }
        #expect(pings >= 3, "expected WATCHDOG=1 every 200 ms")
        kill(daemon.process.processIdentifier, SIGTERM)
        _ = try listener.waitFor("STOPPING=1", timeout: 10)
        #expect(try daemon.stop() == 0, "a SIGTERM stop exits 0; log:\n\(daemon.log)")
    }

    @Test("no WATCHDOG=1 is sent when the service manager did not ask for one")
    func noWatchdogUnlessAsked() throws {
        let dir = try TestPaths.makeTemporaryDirectory("nowd")
        let listener = try NotifyListener(directory: dir)
        let daemon = try RunningDaemon(directory: dir, environment: ["NOTIFY_SOCKET": listener.path])
        _ = try listener.waitFor("READY=1", timeout: 60)
        var got: [String] = []
        while let m = listener.receive(timeout: 1.0) { got.append(m) }
        #expect(!got.contains { $0.contains("WATCHDOG=1") })
        try daemon.stop()
    }

    @Test("under systemd-socket-activate the daemon serves the passed ingest socket")
    func socketActivation() throws {
        let dir = try TestPaths.makeTemporaryDirectory("sockact")
        let passed = dir.appendingPathComponent("activated.sock").path
        let config = """
            paths:
              state_directory: \(dir.path)/state
              inbox: \(dir.path)/inbox
              ingest_socket: \(dir.path)/unused-ingest.sock
              control_socket: \(dir.path)/control.sock
            """
        let cfg = dir.appendingPathComponent("backlash.yaml")
        try config.write(to: cfg, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-socket-activate")
        p.arguments = ["-l", passed, "--fdname=ingest", "-E", "BACKLASH_TEST=1", TestPaths.backlashd, "--config", cfg.path]
        let log = dir.appendingPathComponent("activate.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: log)
        p.standardOutput = p.standardError
        try p.run()
        defer {
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        }
        try waitUntil("the activation socket exists", timeout: 10) { FileManager.default.fileExists(atPath: passed) }
        // Nothing runs until the first connection: this connection starts backlashd, which then answers on it.
        let client = try UnixLineClient(path: passed, timeout: 60)
        let reply = try client.request(Fixtures.post("act-1"))
        #expect(reply == #"{"ok":true,"post":"twitter:act-1","status":"new"}"#)
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/unused-ingest.sock"),
            "the configured path must not be bound when a socket is passed")
        let logText = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(logText.contains("using the socket passed by systemd"))
        kill(p.processIdentifier, SIGTERM)
        try waitUntil("backlashd exits", timeout: 20) { !p.isRunning }
    }

    @Test("a second daemon on the same state directory refuses to start and says why")
    func singleInstance() throws {
        let dir = try TestPaths.makeTemporaryDirectory("single")
        let first = try RunningDaemon(directory: dir)
        let second = try runProgram(TestPaths.backlashd, [], directory: dir)
        #expect(second.status == 3)
        #expect(second.stderr.contains("another"))
        #expect(first.controlAnswers(), "the first daemon keeps running")
        try first.stop()
    }
}
