/// One post in Backlash post format v1, as an importer produced it from a platform export.
///
/// The stored properties mirror the v1 JSON object field for field; `jsonLine()` writes it.
/// Dates are kept as the RFC 3339 UTC text v1 carries (`2024-01-02T15:04:05Z`).
public struct ImportedPost: Sendable, Hashable, Codable {
    /// The network the post lives on: "twitter", "vk", "telegram", or what a CSV names.
    public var platform: String
    /// The post's id on its platform; `(platform, id)` identifies a post.
    public var id: String
    /// Who wrote the post.
    public var author: Author
    /// The post's text (may be empty for a photo without a caption).
    public var text: String
    /// When the post was published, RFC 3339 in UTC.
    public var createdAt: String
    /// A link to the post on its platform, when the export allows building one.
    public var url: String?
    /// Id of the post this one answers (same platform).
    public var replyTo: String?
    /// Id of the post this one reshares (same platform).
    public var repostOf: String?
    /// Id of the post this one quotes (same platform).
    public var quoteOf: String?
    /// The kind of place the post appeared in.
    public var channel: Channel?
    /// Language tag the platform detected (BCP 47, e.g. "ru").
    public var lang: String?
    /// Engagement counts, when the export has them.
    public var metrics: Metrics?
    /// When `metrics` were observed, RFC 3339 in UTC; set only when the caller knows it.
    public var observedAt: String?
    /// Platform-specific extras kept for people reading the post (format, file, forward origin...).
    public var source: [String: SourceValue]?

    /// The author fields of post format v1.
    public struct Author: Sendable, Hashable, Codable {
        /// The author's id on the platform.
        public var id: String
        /// The public handle people mention the author by ("@username").
        public var handle: String?
        /// The display name.
        public var name: String?
        /// Follower (or community member) count.
        public var followers: Int?
        /// How many accounts the author follows.
        public var following: Int?
        /// Whether the platform marks the account as verified.
        public var verified: Bool?
        /// When the account was created, RFC 3339 in UTC.
        public var createdAt: String?

        /// An author with the given id and optional profile fields.
        public init(
            id: String, handle: String? = nil, name: String? = nil, followers: Int? = nil,
            following: Int? = nil, verified: Bool? = nil, createdAt: String? = nil
        ) {
            self.id = id
            self.handle = handle
            self.name = name
            self.followers = followers
            self.following = following
            self.verified = verified
            self.createdAt = createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, handle, name, followers, following, verified
            case createdAt = "created_at"
        }
    }

    /// The engagement counts of post format v1.
    public struct Metrics: Sendable, Hashable, Codable {
        /// Reshares (retweets, VK reposts).
        public var reposts: Int?
        /// Likes (Telegram: all reactions together).
        public var likes: Int?
        /// Replies or comments.
        public var replies: Int?
        /// Views or impressions.
        public var views: Int?

        /// Counts as far as they are known.
        public init(reposts: Int? = nil, likes: Int? = nil, replies: Int? = nil, views: Int? = nil) {
            self.reposts = reposts
            self.likes = likes
            self.replies = replies
            self.views = views
        }

        /// True when no count is known (such metrics are left out of the post).
        public var isEmpty: Bool { reposts == nil && likes == nil && replies == nil && views == nil }
    }

    /// Where a post appeared, as post format v1 names it.
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        /// A post on a feed, wall or channel.
        case post
        /// A comment or reply under a post.
        case comment
        /// A review on a map or geo service.
        case review
        /// A direct or private message.
        case dm
        /// An e-mail.
        case email
        /// A message in a group chat.
        case chat
    }

    /// A scalar kept in `source`: text, a whole number or a flag.
    public enum SourceValue: Sendable, Hashable, Codable {
        /// A piece of text.
        case text(String)
        /// A whole number.
        case integer(Int)
        /// A yes/no flag.
        case flag(Bool)

        /// Reads a JSON string, integer or boolean.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let integer = try? container.decode(Int.self) {
                self = .integer(integer)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        /// Writes the scalar as a plain JSON value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .integer(let integer): try container.encode(integer)
            case .flag(let flag): try container.encode(flag)
            }
        }
    }

    /// A post with the v1 required fields and any optional ones.
    public init(
        platform: String, id: String, author: Author, text: String, createdAt: String,
        url: String? = nil, replyTo: String? = nil, repostOf: String? = nil, quoteOf: String? = nil,
        channel: Channel? = nil, lang: String? = nil, metrics: Metrics? = nil, observedAt: String? = nil,
        source: [String: SourceValue]? = nil
    ) {
        self.platform = platform
        self.id = id
        self.author = author
        self.text = text
        self.createdAt = createdAt
        self.url = url
        self.replyTo = replyTo
        self.repostOf = repostOf
        self.quoteOf = quoteOf
        self.channel = channel
        self.lang = lang
        self.metrics = metrics
        self.observedAt = observedAt
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case platform, id, author, text, url, channel, lang, metrics, source
        case createdAt = "created_at"
        case replyTo = "reply_to"
        case repostOf = "repost_of"
        case quoteOf = "quote_of"
        case observedAt = "observed_at"
    }

    /// `platform:id`, the post's identity as Backlash prints it.
    public var key: String { platform + ":" + id }

    /// The post as one compact v1 JSON object with sorted keys and no trailing newline (an NDJSON line).
    public func jsonLine() -> String {
        JSONWriter(sortKeys: true).string(.object(jsonObject))
    }

    /// The v1 JSON object of the post; fields that are nil are left out.
    var jsonObject: JSONObject {
        var post = JSONObject(pairs: [
            "platform": .string(platform), "id": .string(id), "author": .object(author.jsonObject),
            "text": .string(text), "created_at": .string(createdAt),
        ])
        post["url"] = url.map(JSONValue.string)
        post["reply_to"] = replyTo.map(JSONValue.string)
        post["repost_of"] = repostOf.map(JSONValue.string)
        post["quote_of"] = quoteOf.map(JSONValue.string)
        post["channel"] = channel.map { .string($0.rawValue) }
        post["lang"] = lang.map(JSONValue.string)
        post["metrics"] = metrics.map { .object($0.jsonObject) }
        post["observed_at"] = observedAt.map(JSONValue.string)
        post["source"] = source.map { values in
            .object(JSONObject(values.map { JSONObject.Member(key: $0.key, value: $0.value.json) }))
        }
        return post
    }
}

extension ImportedPost.Author {
    /// The v1 `author` object; fields that are nil are left out.
    var jsonObject: JSONObject {
        var author = JSONObject(pairs: ["id": .string(id)])
        author["handle"] = handle.map(JSONValue.string)
        author["name"] = name.map(JSONValue.string)
        author["followers"] = followers.map(JSONValue.init(_:))
        author["following"] = following.map(JSONValue.init(_:))
        author["verified"] = verified.map(JSONValue.bool)
        author["created_at"] = createdAt.map(JSONValue.string)
        return author
    }
}

extension ImportedPost.Metrics {
    /// The v1 `metrics` object; counts that are unknown are left out.
    var jsonObject: JSONObject {
        var metrics = JSONObject()
        metrics["reposts"] = reposts.map(JSONValue.init(_:))
        metrics["likes"] = likes.map(JSONValue.init(_:))
        metrics["replies"] = replies.map(JSONValue.init(_:))
        metrics["views"] = views.map(JSONValue.init(_:))
        return metrics
    }
}

extension ImportedPost.SourceValue {
    /// The scalar as a JSON value.
    var json: JSONValue {
        switch self {
        case .text(let text): .string(text)
        case .integer(let integer): JSONValue(integer)
        case .flag(let flag): .bool(flag)
        }
    }
}
