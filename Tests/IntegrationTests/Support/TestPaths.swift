import Foundation

/// Where the built binaries and the repository are, for tests that run the real programs.
enum TestPaths {
    /// The package root (two levels above this file's folder).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding `backlashd` and `backlashctl`: `BACKLASH_BIN_DIR`, else `.build/debug`.
    static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["BACKLASH_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        return packageRoot.appendingPathComponent(".build/debug")
    }

    static var backlashd: String { binDirectory.appendingPathComponent("backlashd").path }
    static var backlashctl: String { binDirectory.appendingPathComponent("backlashctl").path }

    /// Whether a real journald answers in this process's mount namespace (tests run under scripts/with-journald).
    static var journaldAvailable: Bool {
        ProcessInfo.processInfo.environment["BACKLASH_IN_JOURNALD_NS"] == "1"
            && FileManager.default.fileExists(atPath: "/run/systemd/journal/socket")
    }

    /// A fresh temporary directory (short path: unix socket paths are limited to 107 bytes).
    static func makeTemporaryDirectory(_ label: String) throws -> URL {
        let base = URL(fileURLWithPath: "/tmp/blt-\(label)-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }
}
