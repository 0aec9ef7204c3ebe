import Logging
import ServiceLifecycle
import Systemd

/// Pings the systemd watchdog at half its interval (only while the engine answers), refreshes STATUS=, and says
/// when journal writes start being lost (journald stopped) and when they get through again.
struct HealthService: Service {
    let engine: Engine
    let notify: Notify
    let journal: Journal
    let watchdogInterval: Double?
    let statusInterval = 5.0
    let logger: Logger

    func run() async throws {
        let tick = min(watchdogInterval.map { $0 / 2 } ?? statusInterval, statusInterval)
        var sinceStatus = 0.0
        var watch = JournalLossWatch(lost: journal.lostCount)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let slept: Void? = try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(tick * 1000)))
            }
            if slept == nil || Task.isShuttingDownGracefully { return }
            // Only a responsive engine earns a ping: if the actor is wedged, systemd restarts us.
            let status = await engine.currentStatus()
            if watchdogInterval != nil { notify.watchdog() }
            switch watch.update(lost: journal.lostCount, latestLost: journal.isLosing) {
            case .startedLosing(let lost)?:
                logger.warning("""
                    journald does not take our entries (is it running?); events stay in the database, \
                    \(lost) journal entries lost so far
                    """)
            case .recovered(let lost)?:
                logger.notice("journald takes our entries again; \(lost) journal entries were lost while it was away")
            case nil: break
            }
            sinceStatus += tick
            if sinceStatus >= statusInterval {
                let lost = journal.lostCount
                notify.status(status.line + (lost > 0 ? ", \(lost) journal entries lost" : ""))
                sinceStatus = 0
            }
        }
    }
}
