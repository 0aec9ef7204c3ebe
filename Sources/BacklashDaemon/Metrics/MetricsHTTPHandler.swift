import Logging
import NIOCore
import NIOHTTP1

/// Serves `GET /metrics` (and `HEAD`) in the Prometheus text format 0.0.4; 404 for any other path, 405 for any
/// other method on it. Pipelined requests are answered in order by NIO's server pipeline handler.
final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The media type Prometheus asks for and parses as its text format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: DaemonMetrics
    let logger: Logger
    private var request: HTTPRequestHead?

    init(metrics: DaemonMetrics, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else {
            write(.notFound, text: "not found: the metrics are at /metrics\n", to: head, context: context)
            return
        }
        guard head.method == .GET || head.method == .HEAD else {
            write(.methodNotAllowed, text: "only GET and HEAD are allowed on /metrics\n", to: head, context: context,
                extra: [("Allow", "GET, HEAD")])
            return
        }
        let promise = context.eventLoop.makePromise(of: [UInt8].self)
        let metrics = self.metrics
        promise.completeWithTask { try await metrics.exposition() }
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        promise.futureResult.whenComplete { result in
            let (handler, context) = bound.value
            switch result {
            case .success(let body):
                handler.write(.ok, body: body, contentType: Self.contentType, to: head, context: context)
            case .failure(let error):
                handler.logger.error("metrics scrape failed", metadata: ["error": "\(error)"])
                handler.write(.internalServerError, text: "the metrics could not be read: \(error)\n", to: head,
                    context: context)
            }
        }
    }

    func write(
        _ status: HTTPResponseStatus, text: String, to request: HTTPRequestHead, context: ChannelHandlerContext,
        extra: [(String, String)] = []
    ) {
        write(status, body: Array(text.utf8), contentType: "text/plain; charset=utf-8", to: request, context: context,
            extra: extra)
    }

    func write(
        _ status: HTTPResponseStatus, body: [UInt8], contentType: String, to request: HTTPRequestHead,
        context: ChannelHandlerContext, extra: [(String, String)] = []
    ) {
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(body.count))] + extra)
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: status,
            headers: headers))), promise: nil)
        if request.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !request.isKeepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
