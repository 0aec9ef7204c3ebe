import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `backlashd` process started for one test in its own directory, with helpers to talk to it.
final class RunningDaemon: @unchecked Sendable {
    let directory: URL
    let process: Process
    let stderrPath: URL
    var configPath: URL?

    var varDirectory: URL { directory.appendingPathComponent("var") }
    var inbox: URL { varDirectory.appendingPathComponent("inbox") }
    var ingestSocket: String { varDirectory.appendingPathComponent("ingest.sock").path }
    var controlSocket: String { varDirectory.appendingPathComponent("control.sock").path }
    var database: String { varDirectory.appendingPathComponent("backlash.sqlite").path }

    /// Starts backlashd in `directory` (dev defaults there unless `config` YAML is given) and waits for its sockets.
    init(
        directory: URL, config: String? = nil, arguments: [String] = [], environment: [String: String] = [:],
        waitForSockets: Bool = true, executable: String = TestPaths.backlashd, wrapper: [String] = []
    ) throws {
        self.directory = directory
        let process = Process()
        var args = arguments
        if let config {
            let path = directory.appendingPathComponent("backlash.yaml")
            try config.write(to: path, atomically: true, encoding: .utf8)
            configPath = path
            args = ["--config", path.path] + args
        }
        if wrapper.isEmpty {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: wrapper[0])
            process.arguments = Array(wrapper.dropFirst()) + [executable] + args
        }
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        env.removeValue(forKey: "LISTEN_FDS")
        env["BACKLASH_TEST"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        stderrPath = directory.appendingPathComponent("daemon-\(UInt16.random(in: 0...UInt16.max)).log")
        _ = FileManager.default.createFile(atPath: stderrPath.path, contents: nil)
        let handle = try FileHandle(forWritingTo: stderrPath)
        process.standardError = handle
        process.standardOutput = handle
        process.standardInput = FileHandle.nullDevice
        self.process = process
        try process.run()
        if waitForSockets {
            try waitUntil("the control socket answers", timeout: 60) { self.controlAnswers() }
        }
    }

    var log: String { (try? String(contentsOf: stderrPath, encoding: .utf8)) ?? "" }

    func controlAnswers() -> Bool {
        guard process.isRunning else { return false }
        guard let client = try? UnixLineClient(path: controlSocket, timeout: 2) else { return false }
        return (try? client.request("{\"cmd\":\"ping\"}")).map { $0.contains("pong") } ?? false
    }

    /// Sends one control request and returns the reply line.
    func control(_ json: String) throws -> String {
        let client = try UnixLineClient(path: controlSocket, timeout: 10)
        return try client.request(json)
    }

    /// Returns once the daemon has judged every post it acknowledged (any control read waits for that), so the
    /// incidents those posts make can be read from the database.
    func settle() throws {
        let reply = try control(#"{"cmd":"status"}"#)
        guard reply.hasPrefix(#"{"ok":true"#) else { throw TestFailure("status failed: \(reply)") }
    }

    /// Sends SIGTERM and waits for the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Double = 30) throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        try waitUntil("backlashd exits", timeout: timeout) { !self.process.isRunning }
        return process.terminationStatus
    }

    /// kill -9, no chance to clean up.
    func crash() throws {
        kill(process.processIdentifier, SIGKILL)
        try waitUntil("backlashd dies", timeout: 10) { !self.process.isRunning }
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Polls `condition` until it holds or the timeout passes (then throws with what was awaited).
func waitUntil(_ what: String, timeout: Double, poll: Double = 0.05, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        Thread.sleep(forTimeInterval: poll)
    }
    throw TestFailure("timed out after \(timeout)s waiting until \(what)")
}

/// A test failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Runs a program to completion and returns its exit status, stdout and stderr.
///
/// Output goes through temporary files, not pipes: tests spawn processes from many threads at once, and a
/// pipe's write end inherited by an unrelated long-lived child (a daemon of another test) would keep the
/// reader waiting for an end of file that never comes.
@discardableResult
func runProgram(
    _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    directory: URL? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("blt-run-\(UUID().uuidString)")
    let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
    let inURL = base.appendingPathExtension("in")
    defer { for u in [outURL, errURL, inURL] { try? FileManager.default.removeItem(at: u) } }
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = directory }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let inp = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    p.waitUntilExit()
    try? out.close()
    try? err.close()
    try? inp.close()
    let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
    let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    return (p.terminationStatus, stdout, stderr)
}
