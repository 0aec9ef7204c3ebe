import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("the state directory's disk fills up", .serialized)
struct DiskFullTests {
    /// Fills the file system holding `dir` with one file until the kernel says ENOSPC.
    static func fill(_ dir: URL) throws -> URL {
        let filler = dir.appendingPathComponent("filler")
        let fd = open(filler.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x5A, count: 64 * 1024)
        var small = false
        while true {
            let n = chunk.withUnsafeBytes { write(fd, $0.baseAddress, small ? 512 : $0.count) }
            if n < 0 {
                if errno == ENOSPC && !small { small = true; continue }
                break
            }
        }
        return filler
    }

    @Test("posts are refused with a clear error while the disk is full, nothing is half-written, ingest resumes",
        .enabled(if: runningAsRoot, "needs root to mount a small tmpfs as the state directory"))
    func diskFull() throws {
        let dir = try TestPaths.makeTemporaryDirectory("diskfull")
        let state = dir.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let mounted = try runProgram("/bin/mount", ["-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", state.path])
        try #require(mounted.status == 0, "mount: \(mounted.stderr)")
        defer { _ = try? runProgram("/bin/umount", ["-l", state.path]) }
        let daemon = try RunningDaemon(directory: dir, config: """
            managers:
              - id: anna
                name: "Анна Петрова"
            paths: {state_directory: state, inbox: var/inbox, runtime_directory: var}
            inbox: {rescan_interval: 1s}
            """)
        let ingest = daemon.ingestSocket
        let database = state.appendingPathComponent("backlash.sqlite").path
        let inbox = daemon.inbox
        let padding = String(repeating: "ж", count: 900)
        func batch(_ prefix: String, _ n: Int) -> [String] {
            (0..<n).map { Fixtures.post("\(prefix)-\($0)", text: "Такси списало рубль \(padding)") }
        }
        let before = try IngestSocketTests.sendAll(batch("before", 200), to: ingest)
        #expect(before.allSatisfy { $0.hasPrefix(#"{"ok":true"#) })

        let filler = try Self.fill(state)
        // Enough posts that the write-ahead log must grow: at some point every transaction is refused.
        let full = try IngestSocketTests.sendAll(batch("full", 600), to: ingest)
        #expect(full.count == 600, "every line is answered")
        let refused = full.filter { $0.hasPrefix(#"{"ok":false"#) }
        let stored = full.filter { $0.hasPrefix(#"{"ok":true"#) }
        #expect(!refused.isEmpty, "a full disk refuses posts")
        #expect(
            refused.allSatisfy { $0.contains("the state directory's disk is full") && $0.contains("send it again") },
            "\(refused.first ?? "")")
        try Fixtures.deliver(Fixtures.post("file-while-full") + "\n", name: "while-full.json", inbox: inbox)
        Thread.sleep(forTimeInterval: 2)
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("new/while-full.json").path),
            "an inbox file that cannot be committed stays in new/, neither taken nor quarantined")
        #expect(daemon.process.isRunning)

        // Nothing half-written: exactly the acknowledged posts are stored.
        let storedIDs = Set(try Fixtures.sql(database, "SELECT post_id FROM posts WHERE post_id LIKE 'full-%'")
            .split(separator: "\n").map(String.init))
        let ackedIDs = Set(stored.compactMap {
            $0.components(separatedBy: "twitter:").last?.components(separatedBy: "\"").first
        })
        #expect(storedIDs == ackedIDs, "stored \(storedIDs.count), acknowledged \(ackedIDs.count)")

        // Space returns: what was refused is taken when sent again, and the inbox file is taken.
        try FileManager.default.removeItem(at: filler)
        let retry = try IngestSocketTests.sendAll(batch("full", 600), to: ingest)
        #expect(retry.allSatisfy { $0.hasPrefix(#"{"ok":true"#) },
            "\(retry.first { !$0.hasPrefix(#"{"ok":true"#) } ?? "")")
        try waitUntil("the inbox file is taken once there is space", timeout: 30) {
            FileManager.default.fileExists(atPath: inbox.appendingPathComponent("cur/while-full.json").path)
        }
        #expect(try Fixtures.sql(database, "SELECT count(*) FROM posts") == "801")
        let check = try runProgram(TestPaths.backlashd, ["--check-store", database])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("integrity_check ok"))
        #expect(try daemon.stop() == 0)
    }
}
