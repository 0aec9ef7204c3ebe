import BacklashCore
import Foundation
import Logging
import ServiceLifecycle
import Systemd
import UnixSignals

/// Re-reads the config file on SIGHUP (`systemctl reload`): a valid file is applied, a broken one is rejected
/// with every error in the journal and the old configuration stays in force.
struct ReloadService: Service {
    let config: ConfigBox
    let engine: Engine
    let notify: Notify
    let logger: Logger
    let environment: [String: String]
    /// SIGHUP, trapped before READY=1 so an early `systemctl reload` cannot end the process.
    let hangups: UnixSignalsSequence

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await reload()
        }
    }

    func reload() async {
        let old = config.current
        guard let file = old.sourceFile else {
            logger.notice("SIGHUP: running on embedded defaults with no config file; nothing to reload")
            return
        }
        notify.reloading()
        defer { notify.ready(status: "configuration reloaded") }
        do {
            var new = try ConfigLoader.load(file: file, environment: environment)
            var ignored: [String] = []
            if new.paths != old.paths {
                ignored.append("paths (restart to move state, inbox or sockets)")
                new.paths = old.paths
            }
            if new.ingest.socketMode != old.ingest.socketMode || new.ingest.socketGroup != old.ingest.socketGroup
                || new.control != old.control
            {
                ignored.append("socket permissions (restart to apply)")
            }
            config.replace(new)
            await engine.apply(config: new)
            var message = "configuration reloaded from \(file): \(new.managers.count) managers"
            if !ignored.isEmpty { message += "; needs a restart to apply: " + ignored.joined(separator: ", ") }
            try? await engine.record([
                Event(
                    time: engine.now(), kind: .configReloaded, message: message,
                    details: JSONObject(pairs: ["file": .string(file), "managers": JSONValue(new.managers.count)]))
            ])
            logger.info("\(message)")
        } catch {
            let message = "new configuration in \(file) rejected; the previous one stays in force:\n\(error)"
            logger.error("\(message)")
            try? await engine.record([
                Event(
                    time: engine.now(), kind: .configRejected, message: message,
                    details: JSONObject(pairs: [
                        "file": .string(file),
                        "errors": .array(error.issues.map { .string($0.description) }),
                    ]))
            ])
        }
    }
}
