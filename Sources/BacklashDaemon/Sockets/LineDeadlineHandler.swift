import NIOCore

/// Told to the handlers after it when a client started a line and did not finish it in time.
struct LineTimedOut: Sendable {
    /// The limit that was passed, in seconds.
    let seconds: Double
}

/// Watches raw bytes for a line that is started and not finished within `timeout` (a slowloris client keeps a
/// connection by sending a byte now and then, which no idle timeout catches); then stops reading and passes
/// `LineTimedOut` on. Also tells the connection table when the connection was last active.
final class LineDeadlineHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer

    let timeout: TimeAmount
    let record: ConnectionTable.Record?
    var partialSince: NIODeadline?
    var check: Scheduled<Void>?
    var expired = false

    init(timeout: Double, record: ConnectionTable.Record?) {
        self.timeout = .nanoseconds(Int64(timeout * 1_000_000_000))
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !expired else { return }
        let view = unwrapInboundIn(data).readableBytesView
        let now = context.eventLoop.now
        if let last = view.lastIndex(of: UInt8(ascii: "\n")) {
            partialSince = last == view.index(before: view.endIndex) ? nil : now
        } else if partialSince == nil && !view.isEmpty {
            partialSince = now
        }
        record?.received(partialLine: partialSince != nil, now: now)
        schedule(context: context)
        context.fireChannelRead(data)
    }

    func schedule(context: ChannelHandlerContext) {
        guard let since = partialSince, check == nil else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        check = context.eventLoop.scheduleTask(deadline: since + timeout) {
            let (handler, context) = loopBound.value
            handler.check = nil
            guard let since = handler.partialSince else { return }
            if since + handler.timeout <= context.eventLoop.now {
                handler.expired = true
                let seconds = Double(handler.timeout.nanoseconds) / 1_000_000_000
                context.fireUserInboundEventTriggered(LineTimedOut(seconds: seconds))
            } else {
                handler.schedule(context: context)
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        if !expired { context.read() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        context.fireChannelInactive()
    }
}
