import Foundation
import Testing

@testable import BacklashCore

@Suite struct TelegramExportImporterTests {
    func importChannel(observedAt: Double? = nil) throws -> ImportResult {
        try TelegramExportImporter(observedAt: observedAt)
            .convert(ImportFixtures.data(ImportFixtures.telegramChannel), sourceName: "result.json")
    }

    func importSupergroup() throws -> ImportResult {
        try TelegramExportImporter()
            .convert(ImportFixtures.data(ImportFixtures.telegramSupergroup), sourceName: "group.json")
    }

    @Test("a channel message becomes a post chatID/messageID by the channel, dated by date_unixtime")
    func channelMessage() throws {
        let post = try #require(try importChannel().post("1789012345/2"))
        #expect(post.platform == "telegram")
        #expect(post.author == ImportedPost.Author(id: "channel1789012345", name: "Такси Быстро — новости"))
        #expect(post.createdAt == "2024-03-05T07:12:09Z", "date_unixtime wins over the local-time `date`")
        #expect(post.channel == .post)
        #expect(post.text == "Мы знаем о блокировке 1 ₽ при заказе и уже разбираемся.")
        #expect(post.source?["chat"] == .text("Такси Быстро — новости"))
    }

    @Test("all reactions together become metrics.likes")
    func reactionsAreLikes() throws {
        let post = try #require(try importChannel().post("1789012345/2"))
        #expect(post.metrics == ImportedPost.Metrics(likes: 40 + 12 + 3))
    }

    @Test("formatted text pieces are joined, and reply_to_message_id links the replied message")
    func formattedReply() throws {
        let post = try #require(try importChannel().post("1789012345/3"))
        #expect(post.text == "Подробности: https://taxi.example/faq и компенсация каждому.")
        #expect(post.replyTo == "1789012345/2")
        #expect(post.source?["signature"] == .text("Анна Смирнова"))
        #expect(post.metrics == nil, "no reactions, no metrics")
    }

    @Test("a forwarded message keeps its origin in source, is not linked as a repost, and a note says why")
    func forwardedMessage() throws {
        let result = try importChannel()
        let post = try #require(result.post("1789012345/4"))
        #expect(post.repostOf == nil)
        #expect(post.source?["forwarded_from"] == .text("Анна Петрова"))
        #expect(post.source?["forwarded_from_id"] == .text("user1234567"))
        #expect(result.notes.contains { $0.hasPrefix("1 forwarded message keeps its origin") })
    }

    @Test("without date_unixtime the zone-less date is read as UTC")
    func zonelessDate() throws {
        #expect(try importChannel().post("1789012345/5")?.createdAt == "2024-03-05T13:00:00Z")
    }

    @Test("a photo without caption is a post with empty text and its media noted")
    func photoWithoutCaption() throws {
        let post = try #require(try importChannel().post("1789012345/6"))
        #expect(post.text.isEmpty)
        #expect(post.source?["media"] == .text("photo"))
    }

    @Test("service messages are skipped and a message with a bad date is rejected by its id")
    func skipsServiceRejectsBadDate() throws {
        let result = try importChannel()
        #expect(result.skipped == 1)
        #expect(result.posts.map(\.id) == (2...6).map { "1789012345/\($0)" })
        let rejection = try #require(result.rejected.first)
        #expect(result.rejected.count == 1)
        #expect(rejection.index == 7)
        #expect(rejection.location == "message 7")
        #expect(rejection.reason.contains("'вчера'"))
    }

    @Test("observed_at is stamped only on messages with reactions")
    func observedAt() throws {
        let result = try importChannel(observedAt: 1_709_650_000)
        #expect(result.post("1789012345/2")?.observedAt == "2024-03-05T14:46:40Z")
        #expect(result.post("1789012345/3")?.observedAt == nil)
    }

    @Test("a supergroup's messages are chat posts by users, with replies linked")
    func supergroup() throws {
        let result = try importSupergroup()
        let first = try #require(result.post("1555000111/102"))
        #expect(first.channel == .chat)
        #expect(first.author == ImportedPost.Author(id: "user1234567", name: "Анна Петрова"))
        #expect(first.metrics?.likes == 4)
        let answer = try #require(result.post("1555000111/103"))
        #expect(answer.replyTo == "1555000111/102")
        #expect(answer.author.id == "user7654321")
    }

    @Test("a reply to another chat's message is not linked; its peer is kept in source")
    func crossChatReply() throws {
        let post = try #require(try importSupergroup().post("1555000111/104"))
        #expect(post.replyTo == nil)
        #expect(post.source?["reply_to_peer"] == .text("channel1789012345"))
        #expect(post.source?["reply_to_message"] == .integer(2))
    }

    @Test("a group message without from_id is rejected: its author is unknown")
    func rejectsMissingSender() throws {
        let result = try importSupergroup()
        #expect(result.skipped == 1)
        #expect(result.rejected.map(\.location) == ["message 105"])
        #expect(result.rejected.first?.reason.contains("`from_id`") == true)
    }

    @Test("a full account export is read chat by chat; a personal chat becomes dm")
    func fullAccountExport() throws {
        let json = """
            {"about": "Here is the data you requested.", "chats": {"about": "This page lists all chats.", "list": [
              {"name": "Ivan", "type": "personal_chat", "id": 42, "messages": [
                {"id": 1, "type": "message", "date": "2024-03-05T10:00:00", "date_unixtime": 1709632800,
                 "from": "Ivan", "from_id": "user42", "text": "Привет"}]},
              {"name": "Клиенты", "type": "public_supergroup", "id": 77, "messages": [
                {"id": 9, "type": "message", "date": "2024-03-05T10:00:00", "date_unixtime": "1709632800",
                 "from": "Olga", "from_id": "user5", "text": "!!!"}]}
            ]}}
            """
        let result = try TelegramExportImporter().convert(Data(text: json), sourceName: "result.json")
        #expect(result.posts.map(\.id) == ["42/1", "77/9"])
        #expect(result.posts.map(\.channel) == [.dm, .chat])
        #expect(result.posts.map(\.createdAt) == ["2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"])
    }

    @Test("a CSV file is refused as not JSON with a hint to use format csv")
    func refusesCSV() throws {
        let data = try ImportFixtures.data(ImportFixtures.csvStandard)
        let error = try #require(throws: ImportError.self) {
            try TelegramExportImporter().convert(data, sourceName: "posts.csv")
        }
        let text = error.description
        #expect(
            text.hasPrefix(
                "'posts.csv' is not a Telegram Desktop export: it is not JSON "
                    + "(expected a value, found 'p' at line 1, column 1)"))
        #expect(text.contains("expected the `result.json` object of a chat export"))
        #expect(text.hasSuffix("It looks like a CSV file: import it with format `csv`."))
    }

    @Test("a VK response is refused with a hint to use format vk")
    func refusesVK() throws {
        let data = try ImportFixtures.data(ImportFixtures.vkComments)
        let error = try #require(throws: ImportError.self) {
            try TelegramExportImporter().convert(data, sourceName: "comments.json")
        }
        guard case .wrongShape(_, .telegram, _, .vk) = error else {
            Issue.record("expected wrongShape hinting vk, got \(error)")
            return
        }
    }

    @Test("a truncated export is refused with the line where the text ends")
    func refusesTruncated() throws {
        let data = try ImportFixtures.data(ImportFixtures.telegramChannel)
        let error = try #require(throws: ImportError.self) {
            try TelegramExportImporter().convert(data.prefix(600), sourceName: "result.json")
        }
        guard case .notJSON(_, .telegram, let problem, nil) = error else {
            Issue.record("expected notJSON, got \(error)")
            return
        }
        #expect(problem.hasPrefix("a string is not terminated"))
        #expect(problem.contains("line \(data.prefix(600).filter { $0 == 0x0A }.count + 1), column"))
    }

    @Test("an export re-saved in Windows-1251 is refused as not UTF-8, naming the first bad byte")
    func refusesNonUTF8() throws {
        let prefix = Array("{\"name\": \"".utf8)
        let bytes = prefix + [0xD1, 0xEB] + Array("\", \"type\": \"public_channel\", \"id\": 1, \"messages\": []}".utf8)
        let error = try #require(throws: ImportError.self) {
            try TelegramExportImporter().convert(Data(bytes), sourceName: "result.json")
        }
        #expect(error == .notUTF8(source: "result.json", expected: .telegram, line: 1, byteOffset: prefix.count))
        #expect(error.description.contains("byte offset \(prefix.count)"))
        #expect(error.description.hasSuffix("Export it again, or convert it to UTF-8, and import it again."))
    }
}
