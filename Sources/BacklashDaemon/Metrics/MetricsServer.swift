import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Binds the metrics listener (TCP, loopback unless allowed otherwise) with an HTTP/1.1 pipeline per connection.
struct MetricsServer: Sendable {
    let settings: MetricsSettings
    let metrics: DaemonMetrics
    let logger: Logger

    /// Listens; a failure to bind is a startup error that names the address and what to do.
    func start() async throws -> any Channel {
        let metrics = self.metrics
        let logger = self.logger
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(metrics: metrics, logger: logger))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: settings.host, port: settings.port).get()
        } catch {
            throw DaemonError.startup(
                "cannot serve metrics on \(settings.listenText) (`metrics.listen`): \(error). Another program may "
                    + "use that port: choose a free one, or remove the `metrics` section to serve no metrics")
        }
        logger.info("serving metrics", metadata: ["listen": "\(Self.address(of: channel) ?? settings.listenText)"])
        return channel
    }

    /// `host:port` the channel is bound to (the real port when the config said 0).
    static func address(of channel: any Channel) -> String? {
        guard let local = channel.localAddress, let ip = local.ipAddress, let port = local.port else { return nil }
        return MetricsSettings.text(host: ip, port: port)
    }
}
