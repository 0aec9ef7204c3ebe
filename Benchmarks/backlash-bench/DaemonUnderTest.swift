import Foundation

/// A release backlashd started for a benchmark in its own directory (state under `var/`), with a NOTIFY_SOCKET
/// of ours so that start-up is timed to its READY=1.
final class DaemonUnderTest: @unchecked Sendable {
    let directory: String
    let process: ChildProcess
    /// Wall-clock time just before the process was spawned, and when READY=1 arrived.
    let spawnedAt: Double
    let readyAt: Double

    var ingestSocket: String { directory + "/var/ingest.sock" }
    var database: String { directory + "/var/backlash.sqlite" }
    var pid: Int32 { process.pid }
    /// Seconds from spawn to READY=1.
    var startup: Double { readyAt - spawnedAt }

    /// Starts `binary` in `directory` with `config` (YAML; its paths should be relative: `var/…`) and waits for
    /// READY=1 on `notify`.
    init(binary: String, directory: String, config: String, notify: NotifyListener, readyTimeout: Double = 300) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configPath = directory + "/backlash.yaml"
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        let spawned = WallClock.now()
        process = try ChildProcess(
            binary, ["--config", configPath, "--log-level", "warning"], directory: directory,
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": nil, "LISTEN_FDS": nil, "LISTEN_PID": nil],
            log: directory + "/backlashd.log")
        spawnedAt = spawned
        var ready: Double?
        let process = self.process
        try waitFor("backlashd says READY=1 (log: \(directory)/backlashd.log)", timeout: readyTimeout, poll: 0.002) {
            guard process.isRunning else { throw BenchError("backlashd exited at start: \(process.logTail)") }
            ready = notify.arrival(of: "READY=1", since: spawned)
            return ready != nil
        }
        readyAt = ready!
        cpuAtReady = ProcessStats.cpu(process.pid)
    }

    /// CPU seconds (user + system) the daemon had used when READY=1 arrived.
    private(set) var cpuAtReady = 0.0

    /// The daemon's figures now (nil once it exited).
    var stats: ProcessStats? { ProcessStats.of(pid) }

    /// SIGTERM, and wait for the exit.
    func stop() {
        process.stop()
    }

    /// The YAML every daemon benchmark starts from: state, inbox and sockets under `var/`; `extra` appended.
    static func config(_ extra: String = "") -> String {
        """
        paths:
          state_directory: var
          inbox: var/inbox
          runtime_directory: var

        """ + extra
    }
}
