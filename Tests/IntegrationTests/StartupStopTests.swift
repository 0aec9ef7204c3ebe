import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("SIGTERM while starting", .serialized)
struct StartupStopTests {
    @Test("a SIGTERM that arrives while the inbox backlog is taken, before READY=1, stops the daemon gracefully")
    func stopDuringStartup() throws {
        let dir = try TestPaths.makeTemporaryDirectory("stopstart")
        let inbox = dir.appendingPathComponent("var/inbox")
        try Fixtures.makeInbox(inbox)
        let files = 5_000
        for i in 0..<files { try Fixtures.deliver(Fixtures.post("s\(i)"), name: "s\(i).json", inbox: inbox) }
        let listener = try NotifyListener(directory: dir)
        let daemon = try RunningDaemon(directory: dir, environment: ["NOTIFY_SOCKET": listener.path], waitForSockets: false)
        // The sockets are bound before the backlog is taken: that is the window this test aims at.
        try waitUntil("the control socket exists", timeout: 60) {
            FileManager.default.fileExists(atPath: daemon.controlSocket) || !daemon.process.isRunning
        }
        var early: [String] = []
        while let m = listener.receive(timeout: 0) { early.append(m) }
        try #require(!early.contains { $0.contains("READY=1") }, "the backlog was taken before the signal: \(early)")
        kill(daemon.process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(120)
        while daemon.process.isRunning && Date() < deadline { usleep(20_000) }
        #expect(!daemon.process.isRunning, "the daemon stopped")
        #expect(daemon.process.terminationReason == .exit, "it exited rather than being killed by the signal")
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log.suffix(2000))")
        let taken = Fixtures.files(in: inbox.appendingPathComponent("cur")).count
        let waiting = Fixtures.files(in: inbox.appendingPathComponent("new")).count
        #expect(taken + waiting == files, "every file is in cur/ or still in new/ (\(taken) + \(waiting))")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "\(taken)")
    }
}
