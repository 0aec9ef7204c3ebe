import NIOCore
import NIOEmbedded
import Testing

@testable import BacklashDaemon

@Suite("a line started and not finished in time")
struct LineDeadlineHandlerTests {
    /// Records the deadline events that reach the end of the pipeline.
    final class EventCollector: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        var timedOut: [Double] = []

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if let e = event as? LineTimedOut { timedOut.append(e.seconds) }
        }
    }

    static func channel() throws -> (EmbeddedChannel, EventCollector) {
        let collector = EventCollector()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([LineDeadlineHandler(timeout: 2, record: nil), collector])
        return (channel, collector)
    }

    static func send(_ channel: EmbeddedChannel, _ text: String) throws {
        try channel.writeInbound(channel.allocator.buffer(string: text))
    }

    @Test("the deadline runs from the line's first byte: a byte now and then does not extend it")
    func slowlorisTimesOut() throws {
        let (channel, collector) = try Self.channel()
        try Self.send(channel, #"{"platform":"#)
        for _ in 0..<3 {
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(600))
            try Self.send(channel, "x")
        }
        #expect(collector.timedOut.isEmpty)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(300))
        #expect(collector.timedOut == [2])
    }

    @Test("whole lines, however slow the pauses between them, never time out")
    func wholeLinesAreFine() throws {
        let (channel, collector) = try Self.channel()
        for _ in 0..<5 {
            try Self.send(channel, "{}\n")
            channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        }
        try Self.send(channel, "{}\n{\"a\"")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1900))
        try Self.send(channel, ":1}\n")
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(collector.timedOut.isEmpty)
    }
}
