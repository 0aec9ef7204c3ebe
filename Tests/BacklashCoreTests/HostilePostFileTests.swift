import Testing

@testable import BacklashCore

/// Files built to make the reader do a lot of work for nothing.
@Suite("files of posts built to amplify work")
struct HostilePostFileTests {
    let reader = PostFileReader()
    static let good = #"{"platform":"vk","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#

    @Test("an 8 MiB array of four million zeros lists 100 rejections and counts the rest")
    func arrayOfZeros() {
        var bytes = Array("[".utf8)
        bytes.reserveCapacity(8 << 20)
        for _ in 0..<(4 << 20) - 1 { bytes += [UInt8(ascii: "0"), UInt8(ascii: ",")] }
        bytes += Array(Self.good.utf8) + [UInt8(ascii: "]")]
        let content = reader.parse(bytes)
        #expect(content.posts.count == 1)
        #expect(content.rejected.count == PostFileReader.maxListedRejections)
        #expect(content.rejectedCount == (4 << 20) - 1)
        #expect(content.rejected.last?.error == "item 100: expected a JSON object (one post), found a number")
    }

    @Test("NDJSON of junk lines lists 100 rejections and counts the rest")
    func junkLines() {
        let text = Self.good + "\n" + String(repeating: "1\n", count: 5000)
        let content = reader.parse(Array(text.utf8))
        #expect(content.posts.count == 1)
        #expect(content.rejectedCount == 5000)
        #expect(content.rejected.map(\.line) == Array(2...101))
    }

    @Test("a syntax error late in a big array still makes the whole file unreadable, with its position")
    func lateSyntaxError() {
        let text = "[" + Array(repeating: Self.good, count: 50).joined(separator: ",\n") + ",\n}"
        let content = reader.parse(Array(text.utf8))
        #expect(content.posts.isEmpty)
        #expect(content.fileError == "line 51, column 1: expected a value, found '}'")
    }

    @Test("an array followed by more data is read as NDJSON of arrays, each line rejected")
    func arraysAsLines() {
        let content = reader.parse(Array("[1]\n[2]\n".utf8))
        #expect(content.fileError == nil)
        #expect(
            content.rejected.map(\.error) == [
                "line 1: expected a JSON object (one post), found an array",
                "line 2: expected a JSON object (one post), found an array",
            ])
    }
}
