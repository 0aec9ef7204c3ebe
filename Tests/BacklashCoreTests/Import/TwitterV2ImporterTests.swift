import Foundation
import Testing

@testable import BacklashCore

@Suite struct TwitterV2ImporterTests {
    let root = "1765012345678901201"
    let retweet = "1765012345678901302"
    let quote = "1765012345678901415"
    let reply = "1765012345678901533"

    func importSearch(observedAt: Double? = nil) throws -> ImportResult {
        try TwitterV2Importer(observedAt: observedAt)
            .convert(ImportFixtures.data(ImportFixtures.twitterSearch), sourceName: "search.json")
    }

    @Test("a retweet becomes a post reposting its original, with the author from includes.users")
    func retweetWithAuthor() throws {
        let post = try #require(try importSearch().post(retweet))
        #expect(post.platform == "twitter")
        #expect(post.text.hasPrefix("RT @anna_k:"))
        #expect(post.createdAt == "2024-03-05T07:20:41Z")
        #expect(post.repostOf == root)
        #expect(post.replyTo == nil)
        #expect(post.quoteOf == nil)
        #expect(post.channel == .post)
        #expect(post.lang == "ru")
        #expect(post.url == "https://x.com/fan_of_anna/status/\(retweet)")
        #expect(post.author.id == "2002")
        #expect(post.author.handle == "@fan_of_anna")
        #expect(post.author.name == "Mikhail")
        #expect(post.author.followers == 3)
        #expect(post.author.following == 250)
        #expect(post.author.verified == false)
        #expect(post.author.createdAt == "2024-02-28T18:02:11Z")
    }

    @Test("a quote links `quote_of` and a reply links `reply_to` with channel comment")
    func quoteAndReply() throws {
        let result = try importSearch()
        let quoted = try #require(result.post(quote))
        #expect(quoted.quoteOf == root)
        #expect(quoted.repostOf == nil)
        #expect(quoted.channel == .post)
        let answer = try #require(result.post(reply))
        #expect(answer.replyTo == root)
        #expect(answer.channel == .comment)
        #expect(answer.author.handle == "@taxi_bystro")
        #expect(answer.author.verified == true, "verified_type business counts as verified")
        #expect(answer.source?["conversation_id"] == .text(root))
    }

    @Test("public_metrics map to reposts, likes, replies and views; quotes stay in source")
    func metrics() throws {
        let post = try #require(try importSearch().post(quote))
        #expect(post.metrics == ImportedPost.Metrics(reposts: 4, likes: 19, replies: 1, views: 2210))
        #expect(post.source?["quote_count"] == .integer(0))
        #expect(post.observedAt == nil, "no observation time was given")
    }

    @Test("observed_at is the time the caller gives, on posts that have metrics")
    func observedAt() throws {
        let result = try importSearch(observedAt: 1_709_630_000)
        #expect(result.post(quote)?.observedAt == "2024-03-05T09:13:20Z")
        #expect(result.post(root)?.observedAt == "2024-03-05T09:13:20Z")
    }

    @Test("the original tweet from includes.tweets is imported after the data tweets, once")
    func embeddedRoot() throws {
        let result = try importSearch()
        #expect(result.posts.map(\.id) == [retweet, quote, reply, root])
        let original = try #require(result.post(root))
        #expect(original.author.handle == "@anna_k")
        #expect(original.author.followers == 48210)
        #expect(original.author.verified == true)
        #expect(original.createdAt == "2024-03-05T07:12:09Z")
        #expect(original.metrics?.likes == 88)
        #expect(original.source?["embedded"] == .flag(true))
        // The quote is also in includes.tweets without metrics; the data copy wins.
        #expect(result.post(quote)?.metrics?.likes == 19)
        #expect(result.post(quote)?.source?["embedded"] == nil)
    }

    @Test("a tweet without author_id is rejected with its position and what to request")
    func rejectsTweetWithoutAuthor() throws {
        let result = try importSearch()
        #expect(result.rejected.count == 1)
        let rejection = try #require(result.rejected.first)
        #expect(rejection.index == 4)
        #expect(rejection.location == "tweet 4 (id 1765012345678901600)")
        #expect(rejection.reason.contains("`author_id`"))
        #expect(rejection.reason.contains("tweet.fields=author_id"))
    }

    @Test("API errors listed beside the data are reported as a note")
    func partialErrorsBecomeNotes() throws {
        let result = try importSearch()
        #expect(result.notes.contains { $0.contains("Could not find tweet") })
    }

    @Test("JSON Lines of pages import every page; a tweet repeated by overlapping pages is skipped")
    func paginatedJSONLines() throws {
        let result = try TwitterV2Importer()
            .convert(ImportFixtures.data(ImportFixtures.twitterPages), sourceName: "pages.jsonl")
        #expect(result.posts.map(\.id) == ["1765012345678902001", "1765012345678902002", "1765012345678902003"])
        #expect(result.skipped == 1)
        #expect(result.notes.first?.contains("1 item repeats an id") == true)
        #expect(result.post("1765012345678902003")?.createdAt == "2024-03-05T08:02:30.500Z")
        #expect(result.post("1765012345678902003")?.author.handle == "@one")
        #expect(result.post("1765012345678902001")?.metrics == nil)
    }

    @Test("a single-tweet lookup (`data` is an object) imports that tweet")
    func singleTweetLookup() throws {
        let json = #"{"data":{"id":"7","text":"hi","author_id":"1","created_at":"2024-01-02T03:04:05.000Z"}}"#
        let result = try TwitterV2Importer().convert(Data(text: json), sourceName: "lookup.json")
        #expect(result.posts.map(\.id) == ["7"])
        #expect(result.posts.first?.url == "https://x.com/i/web/status/7", "no username known")
    }

    @Test("a long tweet's full note_tweet text is used, and an undetermined language is left out")
    func noteTweetAndUndeterminedLanguage() throws {
        let json =
            #"{"data":[{"id":"8","text":"Short…","note_tweet":{"text":"Short, then the full long story."},"#
            + #""author_id":"1","created_at":"2024-01-02T03:04:05.000Z","lang":"und"}]}"#
        let post = try #require(try TwitterV2Importer().convert(Data(text: json), sourceName: "t.json").posts.first)
        #expect(post.text == "Short, then the full long story.")
        #expect(post.lang == nil)
    }

    @Test("a search page with no results imports nothing without an error")
    func emptySearchPage() throws {
        let result = try TwitterV2Importer().convert(Data(text: #"{"meta":{"result_count":0}}"#), sourceName: "s.json")
        #expect(result.posts.isEmpty)
        #expect(result.rejected.isEmpty)
    }

    @Test("an error-only response is reported as the API's error, not as data")
    func errorOnlyResponse() throws {
        let json = #"{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Authentication failed"}"#
        let error = try #require(throws: ImportError.self) {
            try TwitterV2Importer().convert(Data(text: json), sourceName: "r.json")
        }
        let message = "Unauthorized: Authentication failed"
        #expect(error == .platformError(source: "r.json", expected: .twitterV2, message: message))
        #expect(error.description.contains("Repeat the request"))
    }

    @Test("a VK response is refused with the expected shape and a hint to use format vk")
    func refusesVK() throws {
        let data = try ImportFixtures.data(ImportFixtures.vkWall)
        let error = try #require(throws: ImportError.self) {
            try TwitterV2Importer().convert(data, sourceName: "wall.json")
        }
        let text = error.description
        #expect(
            text.hasPrefix(
                "'wall.json' is not a Twitter API v2 response: "
                    + "expected a top-level `data` array of tweets"))
        #expect(text.contains("found an object with keys `response`"))
        #expect(text.contains("import it with format `vk`"))
    }

    @Test("a users lookup (data items without text) is refused as the wrong shape")
    func refusesUsersLookup() throws {
        let json = #"{"data":[{"id":"1","name":"A","username":"a"}]}"#
        let error = try #require(throws: ImportError.self) {
            try TwitterV2Importer().convert(Data(text: json), sourceName: "users.json")
        }
        guard case .wrongShape(_, .twitterV2, let found, _) = error else {
            Issue.record("expected wrongShape, got \(error)")
            return
        }
        #expect(found.contains("without `text`"))
    }

    @Test("a CSV file is refused as not JSON, with the parse position and a hint to use format csv")
    func refusesCSV() throws {
        let data = try ImportFixtures.data(ImportFixtures.csvStandard)
        let error = try #require(throws: ImportError.self) {
            try TwitterV2Importer().convert(data, sourceName: "posts.csv")
        }
        guard case .notJSON(_, .twitterV2, let problem, .csv) = error else {
            Issue.record("expected notJSON with a csv hint, got \(error)")
            return
        }
        #expect(problem.contains("line 1, column 1"))
        #expect(error.description.contains("import it with format `csv`"))
    }

    @Test("an empty file is refused as empty")
    func refusesEmpty() {
        #expect(throws: ImportError.empty(source: "e.json", expected: .twitterV2)) {
            try TwitterV2Importer().convert(Data(text: " \n"), sourceName: "e.json")
        }
    }
}
