import Foundation

/// Small post fixtures in format v1.
enum Fixtures {
    /// One valid post as a JSON line (no newline).
    static func post(_ id: String, platform: String = "twitter", text: String = "Такси списало рубль до поездки!",
        followers: Int = 120, createdAt: String = "2026-11-28T09:00:00Z") -> String
    {
        """
        {"platform":"\(platform)","id":"\(id)","author":{"id":"u\(id)","handle":"@user\(id)","followers":\(followers)},\
        "text":"\(text)","created_at":"\(createdAt)","channel":"post","lang":"ru"}
        """
    }

    /// Writes a file the Maildir way: into tmp/, then renamed into new/.
    static func deliver(_ contents: [UInt8], name: String, inbox: URL) throws {
        let tmp = inbox.appendingPathComponent("tmp/\(name)")
        try Data(contents).write(to: tmp)
        try FileManager.default.moveItem(at: tmp, to: inbox.appendingPathComponent("new/\(name)"))
    }

    static func deliver(_ text: String, name: String, inbox: URL) throws {
        try deliver(Array(text.utf8), name: name, inbox: inbox)
    }

    /// Creates the inbox folders (for files dropped before the daemon first starts).
    static func makeInbox(_ inbox: URL) throws {
        for d in ["tmp", "new", "cur", "failed"] {
            try FileManager.default.createDirectory(at: inbox.appendingPathComponent(d), withIntermediateDirectories: true)
        }
    }

    static func files(in dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    /// `SELECT` through the sqlite3 CLI (a real reader of the daemon's file).
    static func sql(_ database: String, _ query: String) throws -> String {
        let r = try runProgram("/usr/bin/sqlite3", [database, query])
        guard r.status == 0 else { throw TestFailure("sqlite3 failed: \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
