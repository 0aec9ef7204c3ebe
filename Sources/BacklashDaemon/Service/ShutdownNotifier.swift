import BacklashCore
import Logging
import ServiceLifecycle
import Systemd

/// The first service told about shutdown: says STOPPING=1 and records it, while the others finish their work.
struct ShutdownNotifier: Service {
    let engine: Engine
    let notify: Notify
    let logger: Logger

    func run() async throws {
        // Returns when graceful shutdown starts (throws only on cancellation).
        try? await gracefulShutdown()
        notify.stopping(status: "stopping: finishing the current batch")
        logger.info("stopping: finishing the current batch")
        try? await engine.record([Event(time: engine.now(), kind: .daemonStopping, message: "backlashd is stopping")])
    }
}
