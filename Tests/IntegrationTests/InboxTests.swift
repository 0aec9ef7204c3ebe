import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("the inbox takes files Maildir-style", .serialized)
struct InboxTests {
    @Test("1,000 good files become 1,000 posts and every file ends in cur/")
    func thousandFiles() throws {
        let dir = try TestPaths.makeTemporaryDirectory("inbox1k")
        let daemon = try RunningDaemon(directory: dir)
        for i in 0..<1000 {
            try Fixtures.deliver(Fixtures.post("k\(i)"), name: String(format: "%010d.%d.test", i, i), inbox: daemon.inbox)
        }
        try waitUntil("cur/ holds 1,000 files", timeout: 60, poll: 0.2) {
            Fixtures.files(in: daemon.inbox.appendingPathComponent("cur")).count == 1000
        }
        #expect(Fixtures.files(in: daemon.inbox.appendingPathComponent("new")).isEmpty)
        #expect(Fixtures.files(in: daemon.inbox.appendingPathComponent("failed")).isEmpty)
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "1000")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(DISTINCT post_id) FROM posts") == "1000")
        try daemon.stop()
    }

    @Test("every bad kind of file is quarantined with a precise reason and the daemon stays healthy")
    func quarantine() throws {
        let dir = try TestPaths.makeTemporaryDirectory("inboxbad")
        let daemon = try RunningDaemon(directory: dir, config: """
            paths:
              state_directory: var
              inbox: var/inbox
              runtime_directory: var
            inbox:
              max_file_size: 4KiB
              rescan_interval: 5s   # a hard link or mknod in new/ raises no inotify event the daemon watches
            """)
        let new = daemon.inbox.appendingPathComponent("new")
        let secret = dir.appendingPathComponent("secret.txt")
        try "do not read".write(to: secret, atomically: true, encoding: .utf8)
        symlink(secret.path, new.appendingPathComponent("link-to-secret").path)
        symlink("/etc/shadow", new.appendingPathComponent("link-to-shadow").path)
        mkfifo(new.appendingPathComponent("a-fifo").path, 0o644)
        mkdir(new.appendingPathComponent("a-directory").path, 0o755)
        let big = Fixtures.post("big", text: String(repeating: "x", count: 5000))
        try Fixtures.deliver(big, name: "too-big.json", inbox: daemon.inbox)
        try Fixtures.deliver([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], name: "latin1.json", inbox: daemon.inbox)
        try Fixtures.deliver("{\"platform\": \"vk\", \"id\": ", name: "truncated.json", inbox: daemon.inbox)
        try Fixtures.deliver(#"{"platform":"vk","id":"1","text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
            name: "no-author.json", inbox: daemon.inbox)
        try Fixtures.deliver(#"{"platform":"vk","id":"1","author":{"id":"a"},"text":"t","created_at":"yesterday"}"#,
            name: "bad-date.json", inbox: daemon.inbox)
        try Fixtures.deliver("", name: "empty.json", inbox: daemon.inbox)
        let mixed = [Fixtures.post("m1"), "{\"oops\"", Fixtures.post("m2"), #"{"platform":"x"}"#].joined(separator: "\n")
        try Fixtures.deliver(mixed, name: "mixed.ndjson", inbox: daemon.inbox)
        let linked = dir.appendingPathComponent("hardlinked.json")
        try Fixtures.post("hl").write(to: linked, atomically: true, encoding: .utf8)
        link(linked.path, new.appendingPathComponent("hard-link.json").path)
        var expectDevice = false
        if getuid() == 0 {
            expectDevice = mknod(new.appendingPathComponent("a-device").path, S_IFCHR | 0o600, dev_t((1 << 8) | 3)) == 0
        }
        let expected: [String: String] = [
            "link-to-secret": "symbolic link", "link-to-shadow": "/etc/shadow", "a-fifo": "FIFO",
            "a-directory": "directory", "too-big.json": "4096-byte limit", "latin1.json": "UTF-8",
            "truncated.json": "line 1", "no-author.json": "`author`: missing",
            "bad-date.json": "`created_at`: expected an RFC 3339 time", "empty.json": "empty",
            "mixed.ndjson": "line 2", "hard-link.json": "hard links",
        ].merging(expectDevice ? ["a-device": "character device"] : [:]) { a, _ in a }
        let failed = daemon.inbox.appendingPathComponent("failed")
        try waitUntil("every bad file is in failed/ with its .error", timeout: 30, poll: 0.2) {
            expected.keys.allSatisfy { FileManager.default.fileExists(atPath: failed.appendingPathComponent($0 + ".error").path) }
        }
        for (name, reason) in expected {
            let report = try String(contentsOf: failed.appendingPathComponent(name + ".error"), encoding: .utf8)
            #expect(report.contains(reason), "\(name).error should say \(reason); it says: \(report)")
            var st = stat()
            #expect(lstat(failed.appendingPathComponent(name).path, &st) == 0, "\(name) is kept in failed/")
        }
        let mixedReport = try String(contentsOf: failed.appendingPathComponent("mixed.ndjson.error"), encoding: .utf8)
        #expect(mixedReport.contains("2 of 4 posts were stored"))
        #expect(mixedReport.contains("line 4"))
        // The good posts of the mixed file are stored; nothing was read through a link.
        #expect(try Fixtures.sql(daemon.database, "SELECT group_concat(post_id) FROM posts ORDER BY post_id") == "m1,m2")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts WHERE raw LIKE '%do not read%'") == "0")
        #expect(Fixtures.files(in: new).isEmpty)
        // Still healthy: a good file after all that is taken.
        try Fixtures.deliver(Fixtures.post("after"), name: "after.json", inbox: daemon.inbox)
        try waitUntil("the good file is taken", timeout: 15) {
            FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent("cur/after.json").path)
        }
        let status = try daemon.control(#"{"cmd":"status"}"#)
        #expect(status.contains("\"posts\":3"))
        try daemon.stop()
    }

    @Test("files dropped while the daemon is stopped are taken at start, before it reports ready")
    func backlogAtStart() throws {
        let dir = try TestPaths.makeTemporaryDirectory("backlog")
        let inbox = dir.appendingPathComponent("var/inbox")
        try Fixtures.makeInbox(inbox)
        for i in 0..<50 { try Fixtures.deliver(Fixtures.post("b\(i)"), name: "b\(i).json", inbox: inbox) }
        let listener = try NotifyListener(directory: dir)
        let daemon = try RunningDaemon(directory: dir, environment: ["NOTIFY_SOCKET": listener.path], waitForSockets: false)
        _ = try listener.waitFor("READY=1", timeout: 60)
        #expect(Fixtures.files(in: inbox.appendingPathComponent("cur")).count == 50)
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "50")
        try daemon.stop()
    }

    @Test("kill -9 in the middle of batches, then restart: every post is stored exactly once and no file is lost")
    func crashMidBatch() throws {
        let dir = try TestPaths.makeTemporaryDirectory("crash")
        let inbox = dir.appendingPathComponent("var/inbox")
        try Fixtures.makeInbox(inbox)
        let total = 3000
        for i in 0..<total {
            // Two posts per file, one of them shared with the next file: re-delivery must stay idempotent.
            let text = Fixtures.post("c\(i)") + "\n" + Fixtures.post("c\(i + 1)")
            try Fixtures.deliver(text, name: String(format: "%06d.crash", i), inbox: inbox)
        }
        var daemon = try RunningDaemon(directory: dir, waitForSockets: false)
        try waitUntil("some files were taken", timeout: 60, poll: 0.01) {
            Fixtures.files(in: inbox.appendingPathComponent("cur")).count > 200
        }
        try daemon.crash()
        let takenBeforeCrash = Fixtures.files(in: inbox.appendingPathComponent("cur")).count
        #expect(takenBeforeCrash < total, "the crash should land mid-way (took \(takenBeforeCrash))")
        daemon = try RunningDaemon(directory: dir)
        try waitUntil("all files are in cur/", timeout: 120, poll: 0.2) {
            Fixtures.files(in: inbox.appendingPathComponent("cur")).count == total
        }
        #expect(Fixtures.files(in: inbox.appendingPathComponent("failed")).isEmpty)
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts") == "\(total + 1)")
        #expect(try Fixtures.sql(daemon.database, "PRAGMA integrity_check") == "ok")
        try daemon.stop()
    }
}
