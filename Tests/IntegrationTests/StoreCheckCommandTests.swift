import Foundation
import Testing

@Suite("backlashd --check-store", .serialized)
struct StoreCheckCommandTests {
    @Test("a daemon's store is consistent; a tampered projection exits 1 naming the column; no database exits 3")
    func checkStore() throws {
        let dir = try TestPaths.makeTemporaryDirectory("checkstore")
        let daemon = try RunningDaemon(directory: dir, config: WorkflowTests.config)
        _ = try IngestSocketTests.sendAll(WorkflowTests.taxiPosts().split(separator: "\n").map(String.init),
            to: daemon.ingestSocket)
        let running = try runProgram(TestPaths.backlashd, ["--check-store", "--config", daemon.configPath!.path])
        #expect(running.status == 0, "\(running.stdout)\(running.stderr)")
        #expect(running.stdout.contains("store consistent: integrity_check ok"))
        #expect(try daemon.stop() == 0)

        _ = try Fixtures.sql(daemon.database, "UPDATE incidents SET state = 'closed' WHERE id = 1")
        let tampered = try runProgram(TestPaths.backlashd, ["--check-store", daemon.database])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("incident #1: state is 'closed' in its table, but the event log says 'open'"),
            "\(tampered.stderr)")
        #expect(tampered.stdout.contains("store INCONSISTENT"))

        let none = dir.appendingPathComponent("none.sqlite").path
        let missing = try runProgram(TestPaths.backlashd, ["--check-store", none])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("there is no database at"))
    }
}
