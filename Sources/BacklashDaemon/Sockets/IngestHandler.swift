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
    /// Replies not yet written, in line order; nil while that line's commit is pending.
    var slots = CircularBuffer<String?>()
    var firstSlotLine = 1
    var readHeld = false
    var closed = false

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
                slots.append(Self.errorReply(line: number, "the line is empty; expected one JSON post per line"))
                writeReadyReplies(context: context)
                return
            }
            let bytes = Array(buffer.readableBytesView)
            let result: Result<Post, PostInputError>
            if let bad = UTF8Validation.firstInvalidOffset(bytes) {
                result = .failure(.invalidUTF8(offset: bad))
            } else {
                result = bytes.withUnsafeBufferPointer { decoder.decode(bytes: $0) }
            }
            switch result {
            case .success(let post):
                key = post.key.description
                item = .post(IncomingPost(post: post, source: source))
            case .failure(let error):
                let kept = bytes.count > 4096 ? Array(bytes[..<4096]) : bytes
                item = .reject(RejectedInput(source: source, line: number, error: error.description, input: kept))
                immediate = Self.errorReply(line: number, error.description)
            }
        }
        slots.append(nil)
        record?.setInFlight(slots.count)
        let promise = context.eventLoop.makePromise(of: IngestOutcome.self)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let errorReply = immediate
        let postKey = key
        promise.futureResult.whenSuccess { outcome in
            let (handler, context) = loopBound.value
            handler.complete(line: number, key: postKey, outcome: outcome, errorReply: errorReply, context: context)
        }
        batcher.submit(item, promise: promise)
    }

    func complete(line: Int, key: String?, outcome: IngestOutcome, errorReply: String?, context: ChannelHandlerContext) {
        guard !closed else { return }
        let slot = line - firstSlotLine
        guard slot >= 0, slot < slots.count else { return }
        switch outcome {
        case .stored(let status):
            slots[slots.index(slots.startIndex, offsetBy: slot)] = Self.storedReply(status: status, key: key ?? "")
        case .rejectKept:
            slots[slots.index(slots.startIndex, offsetBy: slot)] = errorReply ?? Self.errorReply(line: line, "rejected")
        case .failed(let message):
            slots[slots.index(slots.startIndex, offsetBy: slot)] = Self.errorReply(line: line, message)
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
        while let first = slots.first, let reply = first {
            buffer.writeString(reply)
            slots.removeFirst()
            firstSlotLine += 1
            wrote = true
        }
        if wrote {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
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
            context.close(promise: nil)
            return
        }
        if let timedOut = event as? LineTimedOut {
            // A slowloris client: answer what it sent whole, say why, and close once every reply is written.
            lineNumber += 1
            slots.append(Self.errorReply(line: lineNumber,
                "the line was not finished within \(DurationText.format(timedOut.seconds)) (ingest.line_timeout); "
                    + "its bytes were discarded and the connection is closed: send whole lines"))
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
        if halfClosed, slots.isEmpty { context.close(promise: nil) }
    }
}
