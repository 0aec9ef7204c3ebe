import Foundation
import Testing

@testable import BacklashCore

@Suite struct VKImporterTests {
    func importWall(observedAt: Double? = nil) throws -> ImportResult {
        try VKImporter(observedAt: observedAt)
            .convert(ImportFixtures.data(ImportFixtures.vkWall), sourceName: "wall.json")
    }

    func importComments() throws -> ImportResult {
        try VKImporter().convert(ImportFixtures.data(ImportFixtures.vkComments), sourceName: "comments.json")
    }

    @Test("a wall post gets the id owner_id_id, its author from profiles and its counts as metrics")
    func wallPost() throws {
        let post = try #require(try importWall().post("1234567_310"))
        #expect(post.platform == "vk")
        #expect(post.text == "Такси Быстро списывает 1 рубль ещё до поездки!!! Как так-то????")
        #expect(post.createdAt == "2024-03-05T07:12:09Z")
        #expect(post.url == "https://vk.com/wall1234567_310")
        #expect(post.channel == .post)
        #expect(
            post.author
                == ImportedPost.Author(
                    id: "1234567", handle: "@apetrova", name: "Анна Петрова", followers: 48210, verified: true))
        #expect(post.metrics == ImportedPost.Metrics(reposts: 23, likes: 157, replies: 40, views: 12840))
        #expect(post.observedAt == nil)
        #expect(post.repostOf == nil)
    }

    @Test("a repost links copy_history[0], and every original in the chain is imported linked to the next")
    func repostChain() throws {
        let result = try importWall()
        let repost = try #require(result.post("1234567_311"))
        #expect(repost.repostOf == "-30022666_4519")
        #expect(repost.source?["post_type"] == .text("copy"))
        let groupPost = try #require(result.post("-30022666_4519"))
        #expect(groupPost.repostOf == "555_90")
        #expect(groupPost.source?["embedded"] == .flag(true))
        #expect(groupPost.createdAt == "2024-03-05T07:30:00Z")
        #expect(
            groupPost.author
                == ImportedPost.Author(
                    id: "-30022666", handle: "@taxi_bystro", name: "Такси Быстро", followers: 250000, verified: true))
        let first = try #require(result.post("555_90"))
        #expect(first.repostOf == nil)
        #expect(first.author == ImportedPost.Author(id: "555"), "an author missing from profiles keeps only the id")
        #expect(result.posts.map(\.id) == ["1234567_310", "1234567_311", "1234567_312", "-30022666_4519", "555_90"])
    }

    @Test("a post someone else wrote on the wall is authored by from_id, not the wall owner")
    func postByVisitor() throws {
        let post = try #require(try importWall().post("1234567_312"))
        #expect(post.author.id == "7654321")
        #expect(post.author.name == "Игорь Соколов")
        #expect(post.author.verified == false)
        #expect(post.metrics == ImportedPost.Metrics(likes: 9))
    }

    @Test("an item without a date is rejected with its position; the others are imported")
    func rejectsItemWithoutDate() throws {
        let result = try importWall()
        let expected = ImportRejection(index: 4, location: "item 4 (id 313)", reason: "has no `date` (unix seconds)")
        #expect(result.rejected == [expected])
        #expect(result.posts.count == 5)
    }

    @Test("observed_at is stamped on posts with counts when the caller knows the fetch time")
    func observedAt() throws {
        let result = try importWall(observedAt: 1_709_700_000)
        #expect(result.post("1234567_310")?.observedAt == "2024-03-06T04:40:00Z")
        #expect(result.post("555_90")?.observedAt == nil, "copy_history originals carry no counts")
    }

    @Test("comments get ids owner_post_cID and answer their parent comment or the post")
    func commentThread() throws {
        let result = try importComments()
        let ids = result.posts.map(\.id)
        #expect(
            ids == ["-30022666_4521_c4530", "-30022666_4521_c4533", "-30022666_4521_c4535", "-30022666_4521_c4532"])
        let top = try #require(result.post("-30022666_4521_c4530"))
        #expect(top.replyTo == "-30022666_4521")
        #expect(top.channel == .comment)
        #expect(top.url == "https://vk.com/wall-30022666_4521?reply=4530")
        #expect(top.metrics == ImportedPost.Metrics(likes: 31, replies: 2))
        #expect(top.author.handle == "@apetrova")
        let brandAnswer = try #require(result.post("-30022666_4521_c4533"))
        #expect(brandAnswer.replyTo == "-30022666_4521_c4530", "a thread reply answers the thread's root comment")
        #expect(brandAnswer.author.id == "-30022666")
        #expect(brandAnswer.author.name == "Такси Быстро")
        #expect(result.post("-30022666_4521_c4535")?.replyTo == "-30022666_4521_c4533", "reply_to_comment wins")
        #expect(result.post("-30022666_4521_c4532")?.replyTo == "-30022666_4521")
        #expect(result.post("-30022666_4521_c4532")?.createdAt == "2024-03-05T07:20:00Z")
    }

    @Test("a deleted comment is skipped, not rejected")
    func deletedCommentSkipped() throws {
        let result = try importComments()
        #expect(result.skipped == 1)
        #expect(result.rejected.isEmpty)
        #expect(result.post("-30022666_4521_c4531") == nil)
    }

    @Test("a response without the `response` wrapper is read the same way")
    func unwrappedResponse() throws {
        let json =
            #"{"count":1,"items":[{"id":5,"owner_id":-1,"from_id":-1,"date":0,"text":"x"}],"#
            + #""groups":[{"id":1,"name":"API","screen_name":"apiclub"}]}"#
        let result = try VKImporter().convert(Data(text: json), sourceName: "bare.json")
        let post = try #require(result.post("-1_5"))
        #expect(post.author.handle == "@apiclub")
        #expect(post.createdAt == "1970-01-01T00:00:00Z")
    }

    @Test("a newsfeed.get item (source_id and post_id) is read as a wall post")
    func newsfeedItem() throws {
        let json =
            #"{"response":{"items":[{"type":"post","source_id":-30022666,"post_id":4600,"#
            + #""date":1709622729,"text":"news","likes":{"count":1}}],"#
            + #""groups":[{"id":30022666,"name":"Такси Быстро","screen_name":"taxi_bystro"}]}}"#
        let result = try VKImporter().convert(Data(text: json), sourceName: "feed.json")
        let post = try #require(result.post("-30022666_4600"))
        #expect(post.channel == .post)
        #expect(post.author.id == "-30022666")
        #expect(post.author.handle == "@taxi_bystro")
        #expect(post.metrics?.likes == 1)
    }

    @Test("a VK error reply is reported with its code and message")
    func errorReply() throws {
        let json =
            #"{"error":{"error_code":5,"#
            + #""error_msg":"User authorization failed: invalid access_token (4).","request_params":[]}}"#
        let error = try #require(throws: ImportError.self) {
            try VKImporter().convert(Data(text: json), sourceName: "wall.json")
        }
        #expect(
            error
                == .platformError(
                    source: "wall.json", expected: .vk,
                    message: "VK error code 5: User authorization failed: invalid access_token (4)."))
    }

    @Test("a Twitter response is refused with the expected VK shape and a hint to use format twitter-v2")
    func refusesTwitter() throws {
        let data = try ImportFixtures.data(ImportFixtures.twitterSearch)
        let error = try #require(throws: ImportError.self) {
            try VKImporter().convert(data, sourceName: "search.json")
        }
        #expect(
            error.description.hasPrefix(
                "'search.json' is not a VK API response: expected `{\"response\": {\"items\""))
        #expect(error.description.contains("import it with format `twitter-v2`"))
    }

    @Test("a Telegram export is refused with a hint to use format telegram")
    func refusesTelegram() throws {
        let data = try ImportFixtures.data(ImportFixtures.telegramChannel)
        let error = try #require(throws: ImportError.self) {
            try VKImporter().convert(data, sourceName: "result.json")
        }
        guard case .wrongShape(_, .vk, _, .telegram) = error else {
            Issue.record("expected wrongShape hinting telegram, got \(error)")
            return
        }
    }

    @Test("an `items` list of something else (no date, no owner) is refused as the wrong shape")
    func refusesForeignItems() throws {
        let json = #"{"response":{"count":1,"items":[{"id":1,"first_name":"Pavel"}]}}"#
        let error = try #require(throws: ImportError.self) {
            try VKImporter().convert(Data(text: json), sourceName: "users.json")
        }
        guard case .wrongShape(_, .vk, let found, _) = error else {
            Issue.record("expected wrongShape, got \(error)")
            return
        }
        #expect(found.contains("items without `date`"))
    }
}
