import Testing

@testable import BacklashCore

@Suite("post format v1 decoding")
struct PostDecoderTests {
    let decoder = PostDecoder()

    @Test("a full post decodes every documented field and keeps unknown ones")
    func fullPost() throws {
        let json = """
            {"platform":"twitter","id":"1860000000000000001","author":{"id":"42","handle":"@olga","name":"Ольга",
            "followers":120000,"following":300,"verified":true,"created_at":"2015-03-01T00:00:00Z"},
            "text":"Такси списало рубль!","created_at":"2026-11-28T09:00:00+03:00","url":"https://x.com/olga/status/1",
            "repost_of":"77","channel":"post","lang":"ru","metrics":{"reposts":12,"likes":40,"replies":3,"views":9000},
            "observed_at":"2026-11-28T06:30:00Z","x_collector":{"run":7}}
            """
        let post = try decoder.decode(json).get()
        #expect(post.key.description == "twitter:1860000000000000001")
        #expect(post.author.followers == 120_000)
        #expect(post.author.verified == true)
        #expect(post.createdAt == RFC3339.parse("2026-11-28T06:00:00Z"))
        #expect(post.parentKey == PostKey(platform: "twitter", id: "77"))
        #expect(post.channel == .post)
        #expect(post.metrics == PostMetrics(reposts: 12, likes: 40, replies: 3, views: 9000))
        #expect(post.raw["x_collector"] != nil, "unknown fields are kept")
    }

    @Test("numeric ids are accepted and kept as their digits")
    func numericIDs() throws {
        let post = try decoder.decode(
            #"{"platform":"vk","id":-123456789012,"author":{"id":5},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#
        ).get()
        #expect(post.id == "-123456789012")
        #expect(post.author.id == "5")
    }

    @Test("every field error names its JSON path", arguments: [
        (#"{"id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#, "`platform`: missing"),
        (#"{"platform":"x","id":"1","author":"olga","text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`author`: expected an object, got a string"),
        (#"{"platform":"x","id":"1","author":{"id":"a","verified":"yes"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`author.verified`: expected true or false"),
        (#"{"platform":"x","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z","metrics":{"likes":-1}}"#,
         "`metrics.likes`: expected a non-negative integer"),
        (#"{"platform":"x","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28 09:00"}"#,
         "`created_at`: expected an RFC 3339 time"),
        (#"{"platform":"x","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z","channel":"fax"}"#,
         "`channel`: expected one of post, comment, review, dm, email, chat"),
        (#"{"platform":"a:b","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`platform`: must not contain ':'"),
        (#"{"platform":"vk com","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`platform`: must not contain ':'"),
        (#"{"platform":"vk\tcom","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`platform`: must not contain ':'"),
        (#"{"platform":"вк\u00a0ру","id":"1","author":{"id":"a"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`platform`: must not contain ':'"),
        (#"{"platform":"x","id":"1","author":{"id":"a"},"text":"до\u0000ставка","created_at":"2026-11-28T09:00:00Z"}"#,
         "`text`: contains a NUL character"),
        (#"{"platform":"x","id":"1","author":{"id":"a","handle":"\u0000"},"text":"t","created_at":"2026-11-28T09:00:00Z"}"#,
         "`author.handle`: contains a NUL character"),
        (#"[1,2]"#, "expected a JSON object"),
    ])
    func fieldErrors(json: String, expected: String) {
        switch decoder.decode(json) {
        case .success: Issue.record("should fail: \(json)")
        case .failure(let e): #expect(e.description.contains(expected), "\(e)")
        }
    }

    @Test("all problems of a post are reported together")
    func allProblems() {
        guard case .failure(.fields(let issues)) = decoder.decode(#"{"author":{}}"#) else {
            Issue.record("expected field issues")
            return
        }
        #expect(Set(issues.map(\.path)) == ["platform", "id", "text", "created_at", "author.id"])
    }
}
