import BacklashCore
import BacklashStore
import NIOCore

/// One ingest connection: decodes each line, hands it to the group commit, and answers every line in order,
/// only after its transaction committed. Stops reading while too many replies are outstanding or the peer is
/// not reading its replies, so a slow client cannot grow the daemon's memory.
final class IngestHandler: ChannelDuplexHandler {
    typealias InboundIn = LineFrame
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    let batcher: IngestBatcher
    let maxPending: Int
    let maxLineBytes: Int
    let decoder = PostDecoder()
    let source: String
    /// The connection's entry in the server's table (told how many replies are owed).
    let record: ConnectionTable.Record?
    var lineNumber = 0
    /// Replies not yet written, in line order.
    var slots = CircularBuffer<Slot>()
    /// This connection's end of the group commit, made when the handler joins the pipeline.
    var replies: IngestReplies?
    var firstSlotLine = 1
    var readHeld = false
    var closed = false
    /// The last reply write handed to the channel; closing waits for it, or NIO would drop replies still queued.
    var lastWrite: EventLoopFuture<Void>?
    var closing = false

    /// A line's reply: written, or waiting for its commit with what the reply will need.
    enum Slot {
        case ready(String)
        case waiting(key: String?, errorReply: String?)
    }

    init(
        batcher: IngestBatcher, maxPending: Int, maxLineBytes: Int, source: String,
        record: ConnectionTable.Record? = nil
    ) {
        self.batcher = batcher
        self.maxPending = maxPending
        self.maxLineBytes = maxLineBytes
        self.source = source
        self.record = record
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        replies = IngestReplies { results in
            loop.execute {
                let (handler, context) = bound.value
                handler.complete(results, context: context)
            }
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        replies = nil  // the closure refers back to this handler; commits still in flight keep it until they answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lineNumber += 1
        let number = lineNumber
        let frame = unwrapInboundIn(data)
        let item: IngestItem
        var immediate: String?
        var key: String?
        switch frame {
        case .tooLong(let bytes):
            let error = "the line is \(bytes) bytes, over the \(maxLineBytes)-byte limit; it was discarded"
            item = .reject(RejectedInput(source: source, line: number, error: error, input: []))
            immediate = Self.errorReply(line: number, error)
        case .line(let buffer):
            if buffer.readableBytes == 0 || buffer.readableBytesView.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                // Blank lines are keep-alives: answered, nothing stored.
                slots.append(.ready(Self.errorReply(line: number, "the line is empty; expected one JSON post per line")))
                writeReadyReplies(context: context)
                return
            }
            let result: Result<(Post, String), PostInputError> = buffer.withUnsafeReadableBytes { raw in
                raw.withMemoryRebound(to: UInt8.self) { bytes in
                    if let bad = UTF8Validation.firstInvalidOffset(buffer: bytes) {
                        return .failure(.invalidUTF8(offset: bad))
                    }
                    return decoder.decode(bytes: bytes).map { ($0, String(decoding: bytes, as: UTF8.self)) }
                }
            }
            switch result {
            case .success(let (post, text)):
                key = post.key.description
                item = .post(IncomingPost(post: post, source: source, rawText: text))
            case .failure(let error):
                let kept = Array(buffer.readableBytesView.prefix(4096))
                item = .reject(RejectedInput(source: source, line: number, error: error.description, input: kept))
                immediate = Self.errorReply(line: number, error.description)
            }
        }
        guard let replies else { return }
        slots.append(.waiting(key: key, errorReply: immediate))
        record?.setInFlight(slots.count)
        batcher.submit(item, line: number, replies: replies)
    }

    /// Fills in the replies of a committed batch's lines and writes every reply now ready, in one write.
    func complete(_ results: [IngestResult], context: ChannelHandlerContext) {
        guard !closed else { return }
        for result in results {
            let slot = result.line - firstSlotLine
            guard slot >= 0, slot < slots.count else { continue }
            let index = slots.index(slots.startIndex, offsetBy: slot)
            guard case .waiting(let key, let errorReply) = slots[index] else { continue }
            let reply: String
            switch result.outcome {
            case .stored(let status): reply = Self.storedReply(status: status, key: key ?? "")
            case .rejectKept: reply = errorReply ?? Self.errorReply(line: result.line, "rejected")
            case .failed(let message): reply = Self.errorReply(line: result.line, message)
            }
            slots[index] = .ready(reply)
        }
        writeReadyReplies(context: context)
    }

    static func storedReply(status: IngestStatus, key: String) -> String {
        var out = "{\"ok\":true,\"post\":"
        JSONWriter.writeString(key, into: &out)
        out += ",\"status\":\"\(status.rawValue)\"}\n"
        return out
    }

    static func errorReply(line: Int, _ error: String) -> String {
        var out = "{\"ok\":false,\"line\":\(line),\"error\":"
        JSONWriter.writeString(error, into: &out)
        out += "}\n"
        return out
    }

    /// Writes every reply at the head of the queue that is ready. (Not named `flush`: that would catch the
    /// outbound flush of writes from outside this handler, such as the server's notice to an evicted connection.)
    func writeReadyReplies(context: ChannelHandlerContext) {
        var wrote = false
        var buffer = context.channel.allocator.buffer(capacity: 0)
        while let first = slots.first, case .ready(let reply) = first {
            buffer.writeString(reply)
            slots.removeFirst()
            firstSlotLine += 1
            wrote = true
        }
        if wrote {
            lastWrite = context.writeAndFlush(wrapOutboundOut(buffer))
            record?.setInFlight(slots.count)
        }
        resumeReadingIfPossible(context: context)
        closeIfDone(context: context)
    }

    func read(context: ChannelHandlerContext) {
        if halfClosed { return }
        if slots.count >= maxPending || !context.channel.isWritable {
            readHeld = true
        } else {
            context.read()
        }
    }

    func resumeReadingIfPossible(context: ChannelHandlerContext) {
        if readHeld, !halfClosed, slots.count < maxPending, context.channel.isWritable {
            readHeld = false
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        resumeReadingIfPossible(context: context)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent, slots.isEmpty {
            closeAfterWrites(context: context)
            return
        }
        if let timedOut = event as? LineTimedOut {
            // A slowloris client: answer what it sent whole, say why, and close once every reply is written.
            lineNumber += 1
            slots.append(.ready(Self.errorReply(line: lineNumber,
                "the line was not finished within \(DurationText.format(timedOut.seconds)) (ingest.line_timeout); "
                    + "its bytes were discarded and the connection is closed: send whole lines")))
            halfClosed = true
            writeReadyReplies(context: context)
            return
        }
        if let e = event as? ChannelEvent, e == .inputClosed {
            // Half-close: the client finished sending; close once every reply is written.
            halfClosed = true
            closeIfDone(context: context)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    var halfClosed = false

    func closeIfDone(context: ChannelHandlerContext) {
        if halfClosed, slots.isEmpty { closeAfterWrites(context: context) }
    }

    /// Closes once every reply written so far has reached the socket (a slow reader still gets all of them).
    func closeAfterWrites(context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        let channel = context.channel
        if let lastWrite {
            lastWrite.whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.close(promise: nil)
        }
    }
}
