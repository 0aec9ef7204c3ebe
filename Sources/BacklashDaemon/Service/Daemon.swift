import BacklashCore
import BacklashStore
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
import Systemd

/// Starts every part of backlashd in order, says READY=1, runs until SIGTERM/SIGINT, and stops gracefully.
public struct Daemon: Sendable {
    let config: BacklashConfig
    let logger: Logger
    let journal: Journal
    let environment: [String: String]

    /// Creates a daemon for a loaded configuration.
    public init(config: BacklashConfig, logger: Logger, journal: Journal, environment: [String: String]) {
        self.config = config
        self.logger = logger
        self.journal = journal
        self.environment = environment
    }

    /// Connections the control socket (backlashctl) takes at once.
    static let controlConnections = 64

    /// Runs until shutdown.
    public func run() async throws {
        let notify = Notify()
        let paths = config.paths
        let stateDir = (paths.database as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        } catch {
            throw DaemonError.startup("cannot create the state directory \(stateDir): \(error.localizedDescription)")
        }
        let lock = try InstanceLock(path: paths.database + ".lock")
        let database: BacklashDatabase
        do {
            database = try BacklashDatabase.open(path: paths.database)
        } catch {
            throw DaemonError.startup("cannot open the database \(paths.database): \(error)")
        }
        let engine = try Engine(
            database: database, sink: JournalEventSink(journal: journal), time: SystemTime(), logger: logger,
            config: config)
        let box = ConfigBox(config)

        let delivery = PageDelivery(engine: engine, config: box, logger: logger)
        await engine.onPages({ pages in delivery.deliver(pages) }, cancel: { id in delivery.cancel(id) })

        let inbox = InboxDirectory(root: paths.inbox)
        do {
            try inbox.create()
        } catch {
            throw DaemonError.startup("cannot create the inbox under \(paths.inbox): \(error.localizedDescription)")
        }
        inbox.removeStaleTemporaryFiles()

        let passed = ListenFDs.take()
        FileDescriptorLimit.raise(toServe: config.ingest.maxConnections + Self.controlConnections, logger: logger)
        var ingestServer = UnixSocketServer(
            name: "ingest", path: paths.ingestSocket, mode: config.ingest.socketMode, group: config.ingest.socketGroup,
            maxConnections: config.ingest.maxConnections, logger: logger)
        ingestServer.evictIdle = true
        let batcher = IngestBatcher(engine: engine, maxBatch: config.ingest.batchMaxPosts, logger: logger)
        let ingest = config.ingest
        let ingestChannel = try await ingestServer.start(
            adoptedFD: passed.socket(named: "ingest", unnamedFallback: true)
        ) { channel, record in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandlers([
                    IdleStateHandler(allTimeout: .milliseconds(Int64(ingest.idleTimeout * 1000))),
                    LineDeadlineHandler(timeout: ingest.lineTimeout, record: record),
                    ByteToMessageHandler(BoundedLineDecoder(maxLineBytes: ingest.maxLineBytes)),
                    IngestHandler(
                        batcher: batcher, maxPending: ingest.maxPendingPerConnection,
                        maxLineBytes: ingest.maxLineBytes, source: "socket", record: record),
                ])
            }
        }
        let journal = self.journal
        let commands = ControlCommands(engine: engine) {
            let c = box.current
            return JSONObject(pairs: [
                "config": c.sourceFile.map { .string($0) } ?? .null, "database": .string(c.paths.database),
                "inbox": .string(c.paths.inbox), "ingest_socket": .string(c.paths.ingestSocket),
                "managers": JSONValue(c.managers.count),
                "journal": .object(JSONObject(pairs: [
                    "sent": JSONValue(journal.sentCount), "lost": JSONValue(journal.lostCount),
                    "losing": .bool(journal.isLosing),
                ])),
            ])
        }
        let controlServer = UnixSocketServer(
            name: "control", path: paths.controlSocket, mode: config.control.socketMode,
            group: config.control.socketGroup, maxConnections: Self.controlConnections, logger: logger)
        let controlChannel = try await controlServer.start(adoptedFD: passed.socket(named: "control")) { channel, _ in
            PeerCredentials.of(channel).flatMapThrowing { peer in
                try channel.pipeline.syncOperations.addHandlers([
                    ByteToMessageHandler(BoundedLineDecoder(maxLineBytes: 1 << 20)),
                    ControlHandler(commands: commands, peer: peer),
                ])
            }
        }

        // Take what arrived while we were down before saying READY.
        let processor = InboxProcessor(directory: inbox, engine: engine, settings: config.inbox, logger: logger)
        let backlog = inbox.pendingNames().count
        if backlog > 0 {
            notify.extendTimeout(seconds: max(30, Double(backlog) / 200))
            logger.info("taking the inbox backlog", metadata: ["files": "\(backlog)"])
        }
        let pass = try await processor.drain()
        try await engine.record([
            Event(
                time: engine.now(), kind: .daemonStarted,
                message: "backlashd \(BacklashDaemonInfo.version) ready: database \(paths.database), inbox "
                    + "\(paths.inbox), ingest socket \(paths.ingestSocket); \(pass.accepted + pass.quarantined) "
                    + "inbox files taken at start",
                details: JSONObject(pairs: [
                    "version": .string(BacklashDaemonInfo.version), "config": config.sourceFile.map { .string($0) } ?? .null,
                    "backlog_files": JSONValue(pass.accepted + pass.quarantined),
                ]))
        ])
        // Trap SIGHUP before saying READY: systemd may send `reload` at once, and SIGHUP's default action is to
        // end the process.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        let status = await engine.currentStatus()
        notify.ready(status: status.line)
        logger.info(
            "ready", metadata: ["database": "\(paths.database)", "inbox": "\(paths.inbox)/new",
                "ingest": "\(paths.ingestSocket)", "control": "\(paths.controlSocket)"])

        let services: [any Service] = [
            InboxService(directory: inbox, engine: engine, config: box, logger: logger),
            ServerChannelService(channel: ingestChannel),
            ServerChannelService(channel: controlChannel),
            HealthService(
                engine: engine, notify: notify, journal: journal, watchdogInterval: Notify.watchdogInterval(),
                logger: logger),
            TimerService(engine: engine, logger: logger),
            ReloadService(
                config: box, engine: engine, notify: notify, logger: logger, environment: environment,
                hangups: hangups),
            ShutdownNotifier(engine: engine, notify: notify, logger: logger),
        ]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }
}
