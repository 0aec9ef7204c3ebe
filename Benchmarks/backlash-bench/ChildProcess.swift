import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program the benchmark starts (backlashd, Alertmanager), its output going to a log file, never a pipe.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    /// Where its stdout and stderr go.
    let logPath: String

    /// Starts `executable` in `directory` with the environment `environment` added to (or, with nil values,
    /// removed from) the benchmark's own.
    init(
        _ executable: String, _ arguments: [String], directory: String, environment: [String: String?] = [:],
        log: String
    ) throws {
        logPath = log
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// The end of its log, for error messages.
    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(2000))
    }

    /// Sends `signal` and waits up to `timeout` seconds for the exit; SIGKILL after that. Returns the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Double = 30) -> Int32 {
        if process.isRunning { kill(pid, signal) }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Runs a program to completion with its output in a temporary file; returns (status, output).
@discardableResult
func runToCompletion(_ executable: String, _ arguments: [String], input: String? = nil) throws -> (Int32, String) {
    let base = NSTemporaryDirectory() + "backlash-bench-\(UUID().uuidString)"
    let outPath = base + ".out", inPath = base + ".in"
    defer { for p in [outPath, inPath] { try? FileManager.default.removeItem(atPath: p) } }
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let inp = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
    p.standardOutput = out
    p.standardError = out
    p.standardInput = inp
    try p.run()
    p.waitUntilExit()
    try? out.close()
    try? inp.close()
    return (p.terminationStatus, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "")
}

/// Polls `condition` every `poll` seconds until it holds, or throws after `timeout` seconds saying what was awaited.
func waitFor(_ what: String, timeout: Double, poll: Double = 0.02, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(useconds_t(poll * 1e6))
    }
    throw BenchError("timed out after \(Int(timeout)) s waiting until \(what)")
}
