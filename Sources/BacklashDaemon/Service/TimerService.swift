import Logging
import ServiceLifecycle

/// Drives the engine's timers (escalation steps, snoozes, reply clocks, promises, gesture deadlines) once a second.
struct TimerService: Service {
    let engine: Engine
    let logger: Logger
    var interval = 1.0

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await engine.tick()
            } catch {
                logger.error("timers could not run; retrying in a second", metadata: ["error": "\(error)"])
            }
            let slept: Void? = try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
            }
            if slept == nil { return }
        }
    }
}
