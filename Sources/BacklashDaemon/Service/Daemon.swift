import BacklashCore
import BacklashStore
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
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
        // Trap SIGHUP before anything else: its default action kills the process, and `systemctl reload` may come
        // the moment READY=1 is sent (before the reload service runs). Hangups that arrive meanwhile wait here.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // Likewise SIGTERM/SIGINT: a stop asked for while starting (judging what a crash left, taking the inbox
        // backlog) is remembered and honoured gracefully once the services run, instead of killing the process.
        let earlyStops = await UnixSignalsSequence(trapping: .sigterm, .sigint)
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
        let journalSink = JournalEventSink(journal: journal)
        let metrics = config.metrics.map { _ in DaemonMetrics(database: database) }
        let engine = try Engine(
            database: database, sink: metrics.map { MetricsEventSink(metrics: $0, next: journalSink) } ?? journalSink,
            time: SystemTime(), logger: logger, config: config)
        if let metrics {
            engine.onCommit { metrics.observe($0) }
            let judgement = engine.judgement
            metrics.unjudgedSource.withLock { $0 = { judgement.backlog } }
        }
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

        // First of the listeners: a port in use stops the start before any socket file is made.
        var metricsChannel: (any Channel)?
        if let settings = config.metrics, let metrics {
            metricsChannel = try await MetricsServer(settings: settings, metrics: metrics, logger: logger).start()
        }
        let metricsAddress = metricsChannel.flatMap(MetricsServer.address(of:))

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
                "managers": JSONValue(c.managers.count), "metrics": metricsAddress.map { .string($0) } ?? .null,
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
                    ByteToMessageHandler(BoundedLineDecoder(maxLineBytes: ControlRequest.maxLineBytes)),
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
                signals: hangups, config: box, engine: engine, notify: notify, logger: logger, environment: environment),
            ShutdownNotifier(engine: engine, notify: notify, logger: logger),
        ] + (metricsChannel.map { [ServerChannelService(channel: $0)] } ?? [])
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        let stopper = Task {
            for await _ in earlyStops {
                await group.triggerGracefulShutdown()
                return
            }
        }
        defer { stopper.cancel() }
        try await group.run()
        withExtendedLifetime(lock) {}
        logger.info("stopped")
    }
}
