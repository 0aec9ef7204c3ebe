import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging
import Testing

@testable import BacklashDaemon

@Suite("inbox files taken again after a crash")
struct InboxProcessorTests {
    struct Setup {
        let harness: EngineEscalationTests.Harness
        let directory: InboxDirectory
        let processor: InboxProcessor

        init() throws {
            harness = try EngineEscalationTests.Harness(config: try EngineEscalationTests.config())
            let root = "/tmp/blt-inboxproc-\(UInt32.random(in: 0...UInt32.max))"
            directory = InboxDirectory(root: root)
            try directory.create()
            processor = InboxProcessor(directory: directory, engine: harness.engine,
                settings: BacklashConfig.InboxSettings(), logger: Logger(label: "test"))
        }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory.tmp + "/" + name))
            try FileManager.default.moveItem(atPath: directory.tmp + "/" + name, toPath: directory.new + "/" + name)
        }

        func count(_ sql: String) async throws -> Int {
            try await harness.engine.read { try Int.fetchOne($0, sql: sql) ?? -1 }
        }
    }

    static let good = #"{"platform":"vk","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#
    static let bad = #"{"platform":"vk","id":"x","author":{},"text":"t"}"#

    @Test("a file whose quarantine committed but whose move did not happen is recorded once when taken again")
    func quarantineCommittedMoveLost() async throws {
        let s = try Setup()
        try s.write("partial.json", Self.good + "\n" + Self.bad + "\n")
        try s.write("broken.json", "{\"platform\": ")
        // The moves fail (as if the daemon died right after the commit): failed/ is missing.
        try FileManager.default.removeItem(atPath: s.directory.failed)
        _ = try await s.processor.process(["broken.json", "partial.json"])
        #expect(FileManager.default.fileExists(atPath: s.directory.new + "/partial.json"), "still in new/")
        try FileManager.default.createDirectory(atPath: s.directory.failed, withIntermediateDirectories: true)
        _ = try await s.processor.process(s.directory.pendingNames())
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: s.directory.failed))
            == ["broken.json", "broken.json.error", "partial.json", "partial.json.error"])
        #expect(try await s.count("SELECT count(*) FROM events WHERE kind = 'inbox.quarantined'") == 2,
            "one event per file, not one per attempt")
        #expect(try await s.count("SELECT count(*) FROM rejects") == 2)
        #expect(try await s.count("SELECT count(*) FROM posts") == 1)
    }

    @Test("a new file delivered under a name quarantined before is a new delivery and is recorded")
    func sameNameNewFile() async throws {
        let s = try Setup()
        try s.write("again.json", "{\"platform\": ")
        _ = try await s.processor.process(["again.json"])
        try s.write("again.json", "[1, 2")
        _ = try await s.processor.process(["again.json"])
        #expect(try await s.count("SELECT count(*) FROM events WHERE kind = 'inbox.quarantined'") == 2)
        #expect(FileManager.default.fileExists(atPath: s.directory.failed + "/again.json.1"))
    }

    @Test("temporary .error files a crash left in tmp/ are removed at start; writers' files are not touched")
    func staleTemporaryFiles() throws {
        let s = try Setup()
        _ = FileManager.default.createFile(atPath: s.directory.tmp + "/.backlash-error-123-456", contents: Data("x".utf8))
        _ = FileManager.default.createFile(atPath: s.directory.tmp + "/writer-in-progress", contents: Data("y".utf8))
        s.directory.removeStaleTemporaryFiles()
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.directory.tmp) == ["writer-in-progress"])
    }
}
