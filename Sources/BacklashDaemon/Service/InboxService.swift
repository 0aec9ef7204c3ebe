import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Watches `new/` and takes files as they arrive; a periodic full rescan catches anything inotify missed.
struct InboxService: Service {
    let directory: InboxDirectory
    let engine: Engine
    let config: ConfigBox
    let logger: Logger

    func run() async throws {
        let watcher: InotifyWatcher?
        do {
            watcher = try InotifyWatcher(directory: directory.new)
        } catch {
            logger.warning("\(error)")
            watcher = nil
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // Files that arrived between the start-up scan and the inotify watch raise no event: scan once now that
        // the watch is in place (watch first, then scan, so nothing falls in the gap).
        continuation.yield()
        let stop = Mutex(false)
        let nextRescan = Mutex(0.0)
        let interval = config.current.inbox.rescanInterval
        let thread = Thread {
            var last = Date().timeIntervalSince1970
            while !stop.withLock({ $0 }) {
                let now = Date().timeIntervalSince1970
                let due = nextRescan.withLock { $0 }
                var fire = false
                if let watcher {
                    fire = watcher.wait(timeout: 0.5)
                } else {
                    Thread.sleep(forTimeInterval: 0.5)
                }
                if now - last >= interval || (due > 0 && now >= due) {
                    fire = true
                    nextRescan.withLock { $0 = 0 }
                }
                if fire {
                    last = now
                    continuation.yield()
                }
            }
            continuation.finish()
        }
        thread.name = "inbox-inotify"
        thread.start()
        defer { stop.withLock { $0 = true } }
        let isShuttingDown = ShutdownFlag()
        await withGracefulShutdownHandler {
            for await _ in stream {
                if isShuttingDown.value { break }
                let processor = InboxProcessor(
                    directory: directory, engine: engine, settings: config.current.inbox, logger: logger)
                do {
                    let pass = try await processor.drain(shouldStop: { isShuttingDown.value })
                    if pass.accepted + pass.quarantined > 0 {
                        logger.debug(
                            "inbox pass",
                            metadata: ["accepted": "\(pass.accepted)", "quarantined": "\(pass.quarantined)",
                                "posts": "\(pass.posts)"])
                    }
                } catch {
                    // Nothing moved: the files stay in new/ and are retried on the next pass.
                    logger.error("inbox batch could not be committed; files stay in new/ for a retry",
                        metadata: ["error": "\(error)"])
                    nextRescan.withLock { $0 = Date().timeIntervalSince1970 + 5 }
                }
            }
        } onGracefulShutdown: {
            isShuttingDown.set()
            continuation.yield()
            continuation.finish()
        }
    }
}

/// A one-way flag set on graceful shutdown.
final class ShutdownFlag: Sendable {
    private let flag = Mutex(false)
    var value: Bool { flag.withLock { $0 } }
    func set() { flag.withLock { $0 = true } }
}
