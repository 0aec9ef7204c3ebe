import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 client on swift-nio that POSTs one body and reads the status and the start of the answer.
///
/// Plain `http://` only: TLS would need swift-nio-ssl, which Backlash does not carry; an `https://` URL fails with
/// a sentence saying to use a local relay. One connection per request (`Connection: close`); the whole exchange,
/// name lookup and connect included, is bounded by the timeout; cancelling the calling task aborts it.
public struct HTTPPostClient: Sendable {
    /// The status line and the first bytes of the body of an answer.
    public struct Response: Sendable, Equatable {
        /// HTTP status code.
        public var status: Int
        /// Reason phrase of the status line.
        public var reasonPhrase: String
        /// The start of the body, decoded as UTF-8 (at most `bodyExcerptLimit` bytes).
        public var body: String
    }

    /// Why a request got no answer.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The URL cannot be used.
        case invalidURL(String, why: String)
        /// The URL is `https://`.
        case httpsNeedsRelay
        /// The connection could not be made.
        case connectionFailed(String, String)
        /// No complete answer within the timeout.
        case timedOut(seconds: Double)
        /// The server closed the connection before a complete answer.
        case closedEarly
        /// The server's answer was not valid HTTP.
        case protocolError(String)
        /// The calling task was cancelled.
        case cancelled

        /// The failure as a sentence saying what to do.
        public var description: String {
            switch self {
            case .invalidURL(let url, let why): "webhook URL '\(url)' cannot be used: \(why)"
            case .httpsNeedsRelay: "https webhooks need a local relay; use exec with curl"
            case .connectionFailed(let origin, let why): "cannot connect to \(origin): \(why)"
            case .timedOut(let seconds): "no answer within \(ExecNotifier.seconds(seconds)) s"
            case .closedEarly: "the server closed the connection before answering"
            case .protocolError(let why): "the server's answer is not valid HTTP: \(why)"
            case .cancelled: "the request was cancelled"
            }
        }
    }

    /// Where a URL points.
    struct Target: Sendable, Equatable {
        var host: String
        var port: Int
        /// Path and query, starting with `/`.
        var path: String
        /// `Host` header value.
        var hostHeader: String

        /// `http://host:port`, with no path (paths of webhook URLs often carry secrets).
        var origin: String { "http://" + hostHeader }

        /// Reads `http://host[:port][/path][?query]`.
        static func parse(_ url: String) -> Swift.Result<Target, Failure> {
            let lower = url.lowercased()
            if lower.hasPrefix("https://") { return .failure(.httpsNeedsRelay) }
            guard lower.hasPrefix("http://") else {
                return .failure(.invalidURL(url, why: "it must start with http://"))
            }
            guard url.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                let why = "it has spaces, control or non-ASCII characters (percent-encode them)"
                return .failure(.invalidURL(url, why: why))
            }
            var rest = Substring(url.dropFirst("http://".count))
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            var path = String(rest[authorityEnd...])
            if path.isEmpty || path.hasPrefix("?") { path = "/" + path }
            if authority.contains("@") {
                return .failure(.invalidURL(url, why: "user names and passwords in the URL are not supported"))
            }
            var host = Substring(authority)
            var port = 80
            if authority.hasPrefix("[") {
                guard let close = authority.firstIndex(of: "]") else {
                    return .failure(.invalidURL(url, why: "the IPv6 address has no closing ]"))
                }
                host = authority[authority.index(after: authority.startIndex)..<close]
                let after = authority[authority.index(after: close)...]
                if !after.isEmpty {
                    guard after.hasPrefix(":"), let value = Int(after.dropFirst()) else {
                        return .failure(.invalidURL(url, why: "the port is not a number"))
                    }
                    port = value
                }
            } else if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                guard let value = Int(authority[authority.index(after: colon)...]) else {
                    return .failure(.invalidURL(url, why: "the port is not a number"))
                }
                port = value
            }
            guard !host.isEmpty else { return .failure(.invalidURL(url, why: "it has no host")) }
            guard (1...65_535).contains(port) else {
                return .failure(.invalidURL(url, why: "the port must be between 1 and 65535"))
            }
            let hostText = authority.hasPrefix("[") ? "[\(host)]" : String(host)
            let header = port == 80 ? hostText : "\(hostText):\(port)"
            return .success(Target(host: String(host), port: port, path: path, hostHeader: header))
        }
    }

    /// The event loops the connections run on.
    public let eventLoopGroup: any EventLoopGroup
    /// `User-Agent` header value.
    public var userAgent: String
    /// How much of a response body is kept.
    public var bodyExcerptLimit: Int

    /// Creates a client on the given event loops (by default NIO's shared ones).
    public init(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, userAgent: String = "backlashd",
        bodyExcerptLimit: Int = 2048
    ) {
        self.eventLoopGroup = eventLoopGroup
        self.userAgent = userAgent
        self.bodyExcerptLimit = bodyExcerptLimit
    }

    /// POSTs the body and waits for the complete answer, at most `timeout` seconds; any status is a `.success`.
    public func post(
        _ body: [UInt8], to url: String, contentType: String = "application/json", timeout: Double
    ) async -> Swift.Result<Response, Failure> {
        let target: Target
        switch Target.parse(url) {
        case .success(let parsed): target = parsed
        case .failure(let failure): return .failure(failure)
        }
        let loop = eventLoopGroup.next()
        let promise = loop.makePromise(of: Response.self)
        let seconds = timeout.isNaN ? 0.001 : min(max(0.001, timeout), 1e6)
        let budget = TimeAmount.nanoseconds(Int64(seconds * 1_000_000_000))
        let timer = loop.scheduleTask(in: budget) { promise.fail(Failure.timedOut(seconds: timeout)) }
        promise.futureResult.whenComplete { _ in timer.cancel() }

        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path)
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: userAgent)
        head.headers.add(name: "Content-Type", value: contentType)
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Accept", value: "*/*")
        head.headers.add(name: "Connection", value: "close")
        let payload = ByteBuffer(bytes: body)
        let limit = bodyExcerptLimit
        let requestHead = head
        ClientBootstrap(group: loop)
            .connectTimeout(budget)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        Exchange(head: requestHead, body: payload, excerptLimit: limit, promise: promise))
                }
            }
            .connect(host: target.host, port: target.port)
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
                case .failure(let error):
                    promise.fail(Failure.connectionFailed(target.origin, Self.describe(error)))
                }
            }
        return await withTaskCancellationHandler {
            do {
                return .success(try await promise.futureResult.get())
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(.protocolError(String(describing: error)))
            }
        } onCancel: {
            promise.fail(Failure.cancelled)
        }
    }

    /// A connection error as a short phrase ("Connection refused").
    static func describe(_ error: any Error) -> String {
        if let connection = error as? NIOConnectionError {
            if let first = connection.connectionErrors.first { return describe(first.error) }
            if let dns = connection.dnsAError ?? connection.dnsAAAAError {
                return "cannot resolve '\(connection.host)': \(dns)"
            }
            return "no address found for '\(connection.host)'"
        }
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        if case ChannelError.connectTimeout = error { return "connecting timed out" }
        return String(describing: error)
    }

    /// Writes the request when connected and collects the answer into the promise.
    private final class Exchange: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPClientResponsePart
        typealias OutboundOut = HTTPClientRequestPart

        private let head: HTTPRequestHead
        private let body: ByteBuffer
        private let excerptLimit: Int
        private let promise: EventLoopPromise<Response>
        private var status: HTTPResponseStatus?
        private var excerpt: [UInt8] = []

        init(head: HTTPRequestHead, body: ByteBuffer, excerptLimit: Int, promise: EventLoopPromise<Response>) {
            self.head = head
            self.body = body
            self.excerptLimit = excerptLimit
            self.promise = promise
        }

        func channelActive(context: ChannelHandlerContext) {
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let response):
                if (100..<200).contains(response.status.code) && response.status != .switchingProtocols { return }
                status = response.status
            case .body(var chunk):
                let room = excerptLimit - excerpt.count
                if room > 0, let bytes = chunk.readBytes(length: min(room, chunk.readableBytes)) { excerpt += bytes }
            case .end:
                guard let status else { return }
                promise.succeed(
                    Response(
                        status: Int(status.code), reasonPhrase: status.reasonPhrase,
                        body: String(decoding: excerpt, as: UTF8.self)))
                context.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            promise.fail(Failure.closedEarly)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            promise.fail(Failure.protocolError(String(describing: error)))
            context.close(promise: nil)
        }
    }
}
