import NIOCore
import NIOEmbedded
import Testing

@testable import BacklashDaemon

@Suite("bounded line decoder")
struct BoundedLineDecoderTests {
    func frames(_ chunks: [String], max: Int) throws -> [String] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(BoundedLineDecoder(maxLineBytes: max)))
        for chunk in chunks {
            try channel.writeInbound(channel.allocator.buffer(string: chunk))
        }
        _ = try channel.finish()
        var out: [String] = []
        while let frame = try channel.readInbound(as: LineFrame.self) {
            switch frame {
            case .line(let b): out.append(String(buffer: b))
            case .tooLong(let n): out.append("<too long: \(n)>")
            }
        }
        return out
    }

    @Test("splits lines across chunk boundaries and strips CR")
    func splits() throws {
        #expect(try frames(["ab", "c\nde\r\n", "f"], max: 10) == ["abc", "de", "f"])
    }

    @Test("an over-long line is reported once with its size and the next line still comes through")
    func tooLong() throws {
        let long = String(repeating: "x", count: 25)
        #expect(try frames(["ok\n", String(long.prefix(12)), String(long.dropFirst(12)) + "\nnext\n"], max: 10)
            == ["ok", "<too long: 25>", "next"])
    }

    @Test("an over-long line that arrives whole is still refused")
    func tooLongWhole() throws {
        #expect(try frames([String(repeating: "y", count: 11) + "\nz\n"], max: 10) == ["<too long: 11>", "z"])
    }
}
