import Logging
import ServiceLifecycle
import Systemd

/// Pings the systemd watchdog at half its interval (only while the engine answers) and refreshes STATUS=.
struct HealthService: Service {
    let engine: Engine
    let notify: Notify
    let watchdogInterval: Double?
    let statusInterval = 5.0
    let logger: Logger

    func run() async throws {
        let tick = min(watchdogInterval.map { $0 / 2 } ?? statusInterval, statusInterval)
        var sinceStatus = 0.0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let slept: Void? = try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(tick * 1000)))
            }
            if slept == nil || Task.isShuttingDownGracefully { return }
            // Only a responsive engine earns a ping: if the actor is wedged, systemd restarts us.
            let status = await engine.currentStatus()
            if watchdogInterval != nil { notify.watchdog() }
            sinceStatus += tick
            if sinceStatus >= statusInterval {
                notify.status(status.line)
                sinceStatus = 0
            }
        }
    }
}
