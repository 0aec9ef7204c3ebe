import Foundation
import Testing

@testable import Systemd

@Suite("libsystemd binding")
struct SystemdTests {
    @Test("journal field names follow journald's rules", arguments: [
        ("BACKLASH_INCIDENT", true), ("MESSAGE_ID", true), ("_PID", false), ("lower", false), ("9LIVES", false),
        (String(repeating: "A", count: 65), false), ("WITH-DASH", false),
    ])
    func fieldNames(name: String, valid: Bool) {
        #expect(Journal.isValidFieldName(name) == valid)
    }

    @Test("without journald's socket an entry is counted as lost, not silently dropped")
    func lostWhenNoSocket() {
        let journal = Journal(socketPath: "/nonexistent/journal/socket")
        #expect(journal.send(message: "x", priority: 6, fields: []) == false)
        #expect(journal.lostCount == 1)
        #expect(journal.sentCount == 0)
        #expect(journal.isLosing)
    }

    @Test("an entry sent through sd_journal_sendv is read back with its custom fields")
    func roundTrip() throws {
        try #require(ProcessInfo.processInfo.environment["BACKLASH_IN_JOURNALD_NS"] == "1",
            "run under scripts/with-journald (scripts/test does)")
        let marker = "marker-\(UInt64.random(in: 0...UInt64.max))"
        let journal = Journal(identifier: "backlash-systemd-test")
        #expect(journal.send(message: "hello ж\nsecond line", priority: 5, fields: [
            ("BACKLASH_MARKER", marker), ("MESSAGE_ID", "0123456789abcdef0123456789abcdef"), ("bad name", "dropped"),
        ]))
        var found: [String: Any]?
        for _ in 0..<100 where found == nil {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
            p.arguments = ["-o", "json", "--no-pager", "BACKLASH_MARKER=\(marker)"]
            let outPath = "/tmp/blt-journalctl-\(marker).out"
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            try p.run()
            p.waitUntilExit()
            let data = FileManager.default.contents(atPath: outPath) ?? Data()
            try? FileManager.default.removeItem(atPath: outPath)
            if let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first {
                found = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            } else {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        let entry = try #require(found)
        #expect(entry["MESSAGE"] as? String == "hello ж\nsecond line")
        #expect(entry["PRIORITY"] as? String == "5")
        #expect(entry["SYSLOG_IDENTIFIER"] as? String == "backlash-systemd-test")
        #expect(entry["MESSAGE_ID"] as? String == "0123456789abcdef0123456789abcdef")
    }

    @Test("Notify does nothing and says so when NOTIFY_SOCKET is not set")
    func notifyDisabled() {
        unsetenv("NOTIFY_SOCKET")
        let notify = Notify()
        #expect(notify.isEnabled == false)
        #expect(notify.send("READY=1") == false)
    }
}
