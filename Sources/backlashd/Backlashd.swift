import ArgumentParser
import BacklashDaemon
import Foundation
import Logging
import Systemd

@main
struct Backlashd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlashd",
        abstract: "Backlash: sees a customer flashmob early, pages the right named manager, tracks the response.",
        discussion: """
            Without --config and without /etc/backlash/backlash.yaml, backlashd runs on embedded defaults under
            ./var of the working directory: var/backlash.sqlite, var/inbox/{tmp,new,cur,failed}, var/ingest.sock
            and var/control.sock. Drop posts (one JSON post or NDJSON) into var/inbox/new/ or send NDJSON lines to
            var/ingest.sock.

            Under systemd: Type=notify (READY/STATUS/WATCHDOG/STOPPING), socket activation with
            FileDescriptorName=ingest|control, and `systemctl reload` (SIGHUP) re-reads the config: a broken file
            is rejected and the running configuration kept.

            After a crash, `backlashd --check-store` runs SQLite's integrity check on the database, rebuilds the
            incident, gesture and promise tables from the append-only event log and compares them with the stored
            rows (safe while the daemon runs: it reads one snapshot).

            Exit codes: 0 clean stop, valid config or consistent store; 1 invalid config or inconsistent store;
            2 bad arguments; 3 start-up failure or unreadable database.
            """,
        version: BacklashDaemonInfo.version
    )

    @Option(name: .long, help: ArgumentHelp("Configuration file (default: /etc/backlash/backlash.yaml if it exists).",
        valueName: "FILE"))
    var config: String?

    @Flag(name: .long, help: "Validate the configuration and exit: 0 valid, 1 invalid (errors as FILE:LINE:COLUMN).")
    var checkConfig = false

    @Flag(name: .long, help: ArgumentHelp(
        "Check the database and exit: 0 consistent, 1 differences (each on stderr), 3 unreadable.",
        discussion: "SQLite's integrity_check, then the incidents, gestures and promises rebuilt from the event log "
            + "compared with their tables."))
    var checkStore = false

    @Argument(help: ArgumentHelp(
        "With --check-config: the config file to check; with --check-store: the database (default: the one "
            + "backlashd would use).",
        valueName: "FILE"))
    var file: String?

    @Option(name: .long, help: "Where logs go: auto (journal under systemd, else stderr), journal or stderr.")
    var logTarget: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String?

    func validate() throws {
        if checkConfig && checkStore {
            throw ValidationError("--check-config and --check-store are separate checks; run them one at a time")
        }
        if file != nil && !checkConfig && !checkStore {
            throw ValidationError(
                "a FILE argument is only taken with --check-config or --check-store; use --config FILE to run")
        }
        if let t = logTarget, JournalLogHandler.Target(rawValue: t) == nil && t != "auto" {
            throw ValidationError("--log-target must be auto, journal or stderr")
        }
        if let l = logLevel, Logger.Level(rawValue: l) == nil {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cwd = FileManager.default.currentDirectoryPath
        if checkConfig {
            try runCheckConfig(environment: environment, cwd: cwd)
            return
        }
        if checkStore {
            try runCheckStore(environment: environment, cwd: cwd)
            return
        }
        let loaded: BacklashConfig
        do {
            loaded = try ConfigLoader.load(explicitPath: config, workingDirectory: cwd, environment: environment)
        } catch {
            FileHandle.standardError.write(Data("backlashd: invalid configuration:\n\(error)\n".utf8))
            throw ExitCode(1)
        }
        let journal = Journal()
        let targetName = logTarget ?? loaded.log.target
        let target = JournalLogHandler.Target(rawValue: targetName) ?? JournalLogHandler.automaticTarget()
        let level = Logger.Level(rawValue: logLevel ?? loaded.log.level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JournalLogHandler(label: label, target: target, journal: journal)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "backlashd")
        if loaded.sourceFile == nil {
            logger.notice("no configuration file: running on embedded defaults under \(cwd)/var")
        }
        do {
            try await Daemon(config: loaded, logger: logger, journal: journal, environment: environment).run()
        } catch let error as DaemonError {
            logger.critical("\(error)")
            FileHandle.standardError.write(Data("backlashd: \(error)\n".utf8))
            throw ExitCode(3)
        }
    }

    func runCheckConfig(environment: [String: String], cwd: String) throws {
        let path = file ?? config ?? (FileManager.default.fileExists(atPath: ConfigLoader.systemPath)
            ? ConfigLoader.systemPath : nil)
        guard let path else {
            print("no configuration file (\(ConfigLoader.systemPath) does not exist): the embedded defaults are used, "
                + "state under \(cwd)/var")
            return
        }
        do {
            let c = try ConfigLoader.load(file: path, environment: environment)
            print("\(path): valid (\(c.managers.count) managers; database \(c.paths.database); inbox \(c.paths.inbox))")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            let n = error.issues.count
            FileHandle.standardError.write(Data("\(path): \(n) error\(n == 1 ? "" : "s")\n".utf8))
            throw ExitCode(1)
        }
    }
}
