import Foundation

/// Imports Twitter/X API v2 tweet responses (search, timelines, lookups) into post format v1.
///
/// Reads one response, or several one per line as paginating tools save them. Each tweet in
/// `data` becomes a post; its author comes from `includes.users`; `referenced_tweets` become
/// `repost_of` (retweeted), `quote_of` (quoted) and `reply_to` (replied_to). Referenced tweets
/// the response embeds in `includes.tweets` are imported too, after the `data` tweets, so a
/// cascade keeps its root. Replies get channel `comment`, everything else `post`.
public struct TwitterV2Importer: PostImporter {
    /// When the response was fetched, in seconds since the Unix epoch; becomes `observed_at` of posts
    /// with `public_metrics`. Nil leaves `observed_at` out.
    public var observedAt: Double?

    /// An importer stamping metrics with `observedAt` when given.
    public init(observedAt: Double? = nil) {
        self.observedAt = observedAt
    }

    /// Always `.twitterV2`.
    public var format: ImportFormat { .twitterV2 }

    /// Converts a v2 response (or JSON Lines of responses) to posts.
    public func convert(_ data: Data, sourceName: String) throws(ImportError) -> ImportResult {
        let documents = try format.jsonDocuments(in: data, sourceName: sourceName)
        var builder = ImportResult.Builder()
        var position = 0
        var errorPages: [String] = []
        var embeddedLeftOut = 0

        for document in documents {
            guard document.isObject else {
                throw format.wrongShape(sourceName, found: document.shapeDescription, documents: documents)
            }
            let tweets: [JSONValue]
            switch document["data"] {
            case .array(let items)?:
                tweets = items
            case .object(let tweet)?:
                tweets = [.object(tweet)]  // a single-tweet lookup: `{"data": {tweet}}`
            case nil:
                if let message = Self.apiErrorMessage(document) {
                    errorPages.append(message)
                    continue
                }
                guard document["meta"] != nil else {
                    throw format.wrongShape(sourceName, found: document.shapeDescription, documents: documents)
                }
                tweets = []  // a search page with no results
            case let other?:
                throw format.wrongShape(
                    sourceName, found: "`data` as \(other.shapeDescription)", documents: documents)
            }
            if !tweets.isEmpty, !tweets.contains(where: { $0["text"] != nil || $0["note_tweet"] != nil }) {
                throw format.wrongShape(
                    sourceName, found: "`data` items without `text` (the first is \(tweets[0].shapeDescription))",
                    documents: documents)
            }

            let users = Self.index(document.value(at: "includes.users")?.arrayValue ?? [])
            let context = Context(users: users, sourceName: sourceName, observedAt: observedAt)
            for tweet in tweets {
                position += 1
                do throws(ImportRejection.Problem) {
                    builder.add(try context.post(from: tweet, embedded: false))
                } catch {
                    let location = tweet["id"]?.identifier.map { "tweet \(position) (id \($0))" } ?? "tweet \(position)"
                    builder.reject(index: position, location: location, error)
                }
            }
            for tweet in document.value(at: "includes.tweets")?.arrayValue ?? [] {
                if let post = try? context.post(from: tweet, embedded: true) {
                    builder.addEmbedded(post)
                } else {
                    embeddedLeftOut += 1
                }
            }
            if document["data"] != nil, let errors = document["errors"]?.arrayValue, !errors.isEmpty {
                builder.note(
                    "The response also lists \(errors.count) API error(s), e.g. tweets that were deleted or are "
                        + "protected: \(Self.apiErrorMessage(document) ?? "no detail given").")
            }
        }

        if errorPages.count == documents.count {
            throw .platformError(source: sourceName, expected: format, message: errorPages[0])
        }
        if !errorPages.isEmpty {
            builder.note(
                "\(errorPages.count) of \(documents.count) responses are API errors without tweets "
                    + "(first: \(errorPages[0])); fetch those pages again.")
        }
        if embeddedLeftOut > 0 {
            builder.note(
                "\(embeddedLeftOut) referenced tweet(s) in `includes.tweets` lack `author_id` or `created_at` and "
                    + "were left out; request `tweet.fields=author_id,created_at` to import them.")
        }
        return builder.finish()
    }

    /// The message of an error-only response (`{"errors": [...]}` or a problem object `{"title", "detail"}`).
    static func apiErrorMessage(_ document: JSONValue) -> String? {
        if let first = document["errors"]?.arrayValue?.first {
            let text = first["detail"]?.stringValue ?? first["message"]?.stringValue ?? first["title"]?.stringValue
            return text ?? "an unnamed error"
        }
        if document["data"] == nil, let title = document["title"]?.stringValue {
            let detail = document["detail"]?.stringValue
            return detail.map { "\(title): \($0)" } ?? title
        }
        return nil
    }

    private static func index(_ users: [JSONValue]) -> [String: JSONValue] {
        var byID: [String: JSONValue] = [:]
        for user in users {
            if let id = user["id"]?.identifier { byID[id] = user }
        }
        return byID
    }

    /// What converting one tweet needs from the response around it.
    private struct Context {
        var users: [String: JSONValue]
        var sourceName: String
        var observedAt: Double?

        func post(from tweet: JSONValue, embedded: Bool) throws(ImportRejection.Problem) -> ImportedPost {
            guard tweet.isObject else {
                throw ImportRejection.Problem("is \(tweet.shapeDescription), not a tweet object")
            }
            guard let id = tweet["id"]?.identifier else { throw ImportRejection.Problem("has no `id`") }
            guard let text = tweet.value(at: "note_tweet.text")?.stringValue ?? tweet["text"]?.stringValue else {
                throw ImportRejection.Problem("has no `text`")
            }
            guard let authorID = tweet["author_id"]?.identifier else {
                throw ImportRejection.Problem(
                    "has no `author_id`; request the tweets with `tweet.fields=author_id,created_at`")
            }
            guard let createdText = tweet["created_at"]?.stringValue else {
                throw ImportRejection.Problem(
                    "has no `created_at`; request the tweets with `tweet.fields=author_id,created_at`")
            }
            guard let created = ImportTimestamp.seconds(fromDate: createdText) else {
                throw ImportRejection.Problem("has `created_at` '\(createdText)', which is not an RFC 3339 date")
            }

            let user = users[authorID]
            let username = user?["username"]?.stringValue
            var post = ImportedPost(
                platform: "twitter", id: id, author: Self.author(id: authorID, user: user), text: text,
                createdAt: ImportTimestamp.rfc3339(created),
                url: username.map { "https://x.com/\($0)/status/\(id)" } ?? "https://x.com/i/web/status/\(id)")
            for reference in tweet["referenced_tweets"]?.arrayValue ?? [] {
                guard let parent = reference["id"]?.identifier else { continue }
                switch reference["type"]?.stringValue {
                case "retweeted": post.repostOf = parent
                case "quoted": post.quoteOf = parent
                case "replied_to": post.replyTo = parent
                default: break
                }
            }
            post.channel = post.replyTo == nil ? .post : .comment
            if let lang = tweet["lang"]?.stringValue, lang != "und", !lang.isEmpty { post.lang = lang }

            let counts = tweet["public_metrics"]
            post.attach(
                ImportedPost.Metrics(
                    reposts: counts?["retweet_count"]?.looseInteger, likes: counts?["like_count"]?.looseInteger,
                    replies: counts?["reply_count"]?.looseInteger, views: counts?["impression_count"]?.looseInteger),
                observedAt: observedAt)

            var source: [String: ImportedPost.SourceValue] = ["format": .text("twitter-v2"), "file": .text(sourceName)]
            if let conversation = tweet["conversation_id"]?.identifier, conversation != id {
                source["conversation_id"] = .text(conversation)
            }
            if let quotes = counts?["quote_count"]?.looseInteger { source["quote_count"] = .integer(quotes) }
            if embedded { source["embedded"] = .flag(true) }
            post.source = source
            return post
        }

        static func author(id: String, user: JSONValue?) -> ImportedPost.Author {
            var author = ImportedPost.Author(id: id)
            guard let user else { return author }
            author.handle = user["username"]?.stringValue.map { "@" + $0 }
            author.name = user["name"]?.stringValue
            author.followers = user.value(at: "public_metrics.followers_count")?.looseInteger
            author.following = user.value(at: "public_metrics.following_count")?.looseInteger
            if let verified = user["verified"]?.looseBool {
                author.verified = verified
            } else if let kind = user["verified_type"]?.stringValue {
                author.verified = kind != "none"
            }
            if let created = user["created_at"]?.stringValue.flatMap(ImportTimestamp.seconds(fromDate:)) {
                author.createdAt = ImportTimestamp.rfc3339(created)
            }
            return author
        }
    }
}
