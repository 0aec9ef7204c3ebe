import NIOCore

/// One newline-terminated frame from a socket, or the notice that a line was longer than the limit.
enum LineFrame {
    case line(ByteBuffer)
    /// A line over the limit; its bytes were discarded up to the next newline.
    case tooLong(bytes: Int)
}

/// Splits a byte stream into lines with a hard length limit; memory stays under the limit plus one read.
struct BoundedLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = LineFrame
    let maxLineBytes: Int
    /// While discarding an over-long line: how many bytes of it were seen so far.
    var discarding: Int?
    /// Bytes of the current buffer already scanned without finding a newline.
    var scanned = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let from = view.startIndex + scanned
        if let newline = view[from...].firstIndex(of: UInt8(ascii: "\n")) {
            let length = newline - view.startIndex
            scanned = 0
            if let seen = discarding {
                buffer.moveReaderIndex(forwardBy: length + 1)
                discarding = nil
                context.fireChannelRead(wrapInboundOut(.tooLong(bytes: seen + length)))
                return .continue
            }
            if length > maxLineBytes {
                buffer.moveReaderIndex(forwardBy: length + 1)
                context.fireChannelRead(wrapInboundOut(.tooLong(bytes: length)))
                return .continue
            }
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytes > 0, line.getInteger(at: line.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            context.fireChannelRead(wrapInboundOut(.line(line)))
            return .continue
        }
        // No newline yet: drop what cannot become a valid line, keep the rest.
        if discarding != nil || view.count > maxLineBytes {
            discarding = (discarding ?? 0) + view.count
            buffer.moveReaderIndex(forwardBy: view.count)
            scanned = 0
        } else {
            scanned = view.count
        }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        // A last line without a trailing newline still counts.
        if try decode(context: context, buffer: &buffer) == .continue { return .continue }
        if let seen = discarding {
            discarding = nil
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            context.fireChannelRead(wrapInboundOut(.tooLong(bytes: seen)))
        } else if buffer.readableBytes > 0 {
            let line = buffer.readSlice(length: buffer.readableBytes)!
            scanned = 0
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        return .needMoreData
    }
}
