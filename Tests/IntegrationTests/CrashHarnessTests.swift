import Foundation
import Testing

@Suite("kill -9 at random moments loses and doubles nothing", .serialized)
struct CrashHarnessTests {
    @Test("scripts/crash-harness 10: every acknowledged post once, every inbox file taken once, store consistent")
    func tenCycles() throws {
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/crash-harness").path
        let r = try runProgram("/usr/bin/python3", [script, "10", "--bin", TestPaths.binDirectory.path])
        let summaryLine = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let summary = try JSONSerialization.jsonObject(with: Data(summaryLine.utf8)) as? [String: Any] ?? [:]
        #expect(r.status == 0, "the harness found failures:\n\(r.stdout)\n\(r.stderr)")
        #expect(summary["failures"] as? [String] == [])
        #expect(summary["cycles"] as? Int == 10)
        let kills = summary["kills"] as? [String: Int] ?? [:]
        #expect(kills.values.reduce(0, +) == 10, "\(kills)")
        #expect((summary["socket_posts"] as? Int ?? 0) > 1000, "\(summaryLine)")
        #expect((summary["inbox_files"] as? Int ?? 0) > 100, "\(summaryLine)")
        #expect((summary["inbox_files_failed"] as? Int ?? 0) > 0, "bad files were part of the stream")
        #expect((summary["deadlines_checked"] as? Int ?? 0) > 0, "incidents kept escalation deadlines across restarts")
        #expect((summary["store"] as? String ?? "").contains("store consistent"), "\(summaryLine)")
    }
}
