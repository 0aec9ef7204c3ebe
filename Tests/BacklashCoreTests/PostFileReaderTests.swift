import Foundation
import Testing

@testable import BacklashCore

@Suite("files of posts: one post, an array, or NDJSON")
struct InboxFileParserTests {
    let parser = PostFileReader()
    static let good = #"{"platform":"vk","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#

    @Test("one pretty-printed post spread over lines is one post")
    func pretty() {
        let text = "{\n  \"platform\": \"vk\",\n  \"id\": \"1\",\n  \"author\": {\"id\": \"a\"},\n"
            + "  \"text\": \"t\",\n  \"created_at\": \"2026-11-28T09:00:00Z\"\n}\n"
        let c = parser.parse(Array(text.utf8))
        #expect(c.posts.count == 1)
        #expect(c.fileError == nil)
    }

    @Test("NDJSON with a bad line keeps the good posts and names the bad line")
    func mixed() {
        let c = parser.parse(Array((Self.good + "\n\n{broken\n" + Self.good.replacingOccurrences(of: "\"1\"", with: "\"2\"")).utf8))
        #expect(c.posts.map(\.id) == ["1", "2"])
        #expect(c.rejected.map(\.line) == [3])
        #expect(c.rejected.first?.error.hasPrefix("line 3: invalid JSON") == true)
    }

    @Test("a JSON array of posts is accepted item by item")
    func array() {
        let c = parser.parse(Array("[\(Self.good), {\"x\":1}]".utf8))
        #expect(c.posts.count == 1)
        #expect(c.rejected.first?.error.contains("item 2") == true)
    }

    @Test("a broken single document reports its line and column")
    func brokenDocument() {
        let c = parser.parse(Array("{\n  \"platform\": \"vk\",\n  \"id\" 1\n}".utf8))
        #expect(c.fileError == "line 3, column 8: expected ':' after the key \"id\"")
    }

    @Test("a UTF-8 byte-order mark is ignored; invalid UTF-8 is located")
    func encoding() {
        #expect(parser.parse([0xEF, 0xBB, 0xBF] + Array(Self.good.utf8)).posts.count == 1)
        let c = parser.parse(Array("{\n\"a\": \"".utf8) + [0xFF] + Array("\"}".utf8))
        #expect(c.fileError?.contains("line 2") == true)
    }
}
