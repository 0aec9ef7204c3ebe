import BacklashCore
import NIOCore

/// Answers one JSON request per line on the control socket, strictly in order (one at a time).
final class ControlHandler: ChannelInboundHandler {
    typealias InboundIn = LineFrame
    typealias OutboundOut = ByteBuffer

    let commands: ControlCommands
    let peer: PeerCredentials?
    var queue: [LineFrame] = []
    var busy = false

    init(commands: ControlCommands, peer: PeerCredentials?) {
        self.commands = commands
        self.peer = peer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        queue.append(unwrapInboundIn(data))
        next(context: context)
    }

    func next(context: ChannelHandlerContext) {
        guard !busy, !queue.isEmpty else { return }
        busy = true
        let frame = queue.removeFirst()
        let commands = self.commands
        let peer = self.peer
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let future = context.eventLoop.makeFutureWithTask { () -> String in
            switch frame {
            case .tooLong(let bytes):
                return ControlCommands.errorReply(ControlRequestError.tooLong(bytes: bytes).description)
            case .line(let buffer):
                return await commands.handle(Array(buffer.readableBytesView), peer: peer)
            }
        }
        future.whenSuccess { reply in
            let (handler, context) = loopBound.value
            var buffer = context.channel.allocator.buffer(capacity: reply.utf8.count + 1)
            buffer.writeString(reply)
            buffer.writeString("\n")
            context.writeAndFlush(handler.wrapOutboundOut(buffer), promise: nil)
            handler.busy = false
            handler.next(context: context)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
