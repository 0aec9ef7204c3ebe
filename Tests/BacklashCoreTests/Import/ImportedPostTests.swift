import Foundation
import Testing

@testable import BacklashCore

@Suite struct ImportedPostTests {
    let post = ImportedPost(
        platform: "twitter", id: "2", author: .init(id: "u1", handle: "@anna_k", verified: true),
        text: "Ссылка: https://t.co/x \"цитата\"", createdAt: "2024-03-05T07:12:09Z", replyTo: "1",
        channel: .comment, metrics: .init(likes: 3), observedAt: "2024-03-05T08:00:00Z",
        source: ["format": .text("twitter-v2"), "embedded": .flag(true), "quote_count": .integer(0)])

    @Test("jsonLine is one compact v1 object with sorted keys and v1 field names")
    func jsonLine() {
        let line = post.jsonLine()
        #expect(!line.contains("\n"))
        #expect(
            line == #"{"author":{"handle":"@anna_k","id":"u1","verified":true},"channel":"comment","#
                + #""created_at":"2024-03-05T07:12:09Z","id":"2","metrics":{"likes":3},"#
                + #""observed_at":"2024-03-05T08:00:00Z","platform":"twitter","reply_to":"1","#
                + #""source":{"embedded":true,"format":"twitter-v2","quote_count":0},"#
                + #""text":"Ссылка: https://t.co/x \"цитата\""}"#)
    }

    @Test("a post with only the required fields writes only them")
    func minimalPost() throws {
        let minimal = ImportedPost(
            platform: "vk", id: "1_2", author: .init(id: "1"), text: "", createdAt: "1970-01-01T00:00:00Z")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(minimal.jsonLine().utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["platform", "id", "author", "text", "created_at"])
    }

    @Test("a JSON line decodes back to the same post")
    func roundTrip() throws {
        let decoded = try JSONDecoder().decode(ImportedPost.self, from: Data(post.jsonLine().utf8))
        #expect(decoded == post)
    }

    @Test("every fixture's posts write lines that decode back to the same posts")
    func fixturesRoundTrip() throws {
        let inputs: [(any PostImporter, String)] = [
            (TwitterV2Importer(observedAt: 1_709_700_000), ImportFixtures.twitterSearch),
            (VKImporter(), ImportFixtures.vkWall), (VKImporter(), ImportFixtures.vkComments),
            (TelegramExportImporter(), ImportFixtures.telegramChannel),
            (CSVImporter(defaultPlatform: "x"), ImportFixtures.csvStandard),
        ]
        for (importer, name) in inputs {
            let result = try importer.convert(ImportFixtures.data(name), sourceName: name)
            #expect(!result.posts.isEmpty)
            for post in result.posts {
                #expect(try JSONDecoder().decode(ImportedPost.self, from: Data(post.jsonLine().utf8)) == post)
            }
        }
    }

    @Test("quotes, backslashes, control characters and line separators are escaped and decode back unchanged")
    func escaping() throws {
        var awkward = post
        awkward.text = "a\"b\\c\nd\te\u{01}\u{08}\u{0C}\u{7F} \u{2028}\u{2029} — «😀» /"
        awkward.author.name = "\u{1F}"
        let line = awkward.jsonLine()
        #expect(!line.contains("\n") && !line.contains("\u{2028}"), "one physical line, safe for JavaScript too")
        #expect(try JSONDecoder().decode(ImportedPost.self, from: Data(line.utf8)) == awkward)
        #expect(try JSONParser().parse(line)["text"] == .string(awkward.text))
    }

    @Test("channel names are the v1 channel names")
    func channelNames() {
        #expect(ImportedPost.Channel.allCases.map(\.rawValue) == ["post", "comment", "review", "dm", "email", "chat"])
    }
}
