/// Where a post was written: a public post, a comment, a review on a map service, a private channel.
public enum PostChannel: String, Sendable, Codable, CaseIterable {
    case post, comment, review, dm, email, chat
}

/// Engagement counts observed on a post at `observedAt`.
public struct PostMetrics: Sendable, Equatable, Codable {
    public var reposts: Int64?
    public var likes: Int64?
    public var replies: Int64?
    public var views: Int64?

    /// Creates metrics.
    public init(reposts: Int64? = nil, likes: Int64? = nil, replies: Int64? = nil, views: Int64? = nil) {
        self.reposts = reposts
        self.likes = likes
        self.replies = replies
        self.views = views
    }
}

/// The person or account that wrote a post, as the platform describes them.
public struct Author: Sendable, Equatable {
    public var id: String
    public var handle: String?
    public var name: String?
    public var followers: Int64?
    public var following: Int64?
    public var verified: Bool?
    /// Account creation time, seconds since the epoch.
    public var createdAt: Double?

    /// Creates an author.
    public init(
        id: String, handle: String? = nil, name: String? = nil, followers: Int64? = nil,
        following: Int64? = nil, verified: Bool? = nil, createdAt: Double? = nil
    ) {
        self.id = id
        self.handle = handle
        self.name = name
        self.followers = followers
        self.following = following
        self.verified = verified
        self.createdAt = createdAt
    }
}

/// Identity of a post: `(platform, id)`; printed as `platform:id`.
public struct PostKey: Sendable, Hashable, CustomStringConvertible, Comparable {
    public var platform: String
    public var id: String

    /// Creates a key.
    public init(platform: String, id: String) {
        self.platform = platform
        self.id = id
    }

    /// Parses `platform:id` (the id may itself contain ':').
    public init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex,
            text.index(after: colon) != text.endIndex
        else { return nil }
        platform = String(text[..<colon])
        id = String(text[text.index(after: colon)...])
    }

    /// `platform:id`.
    public var description: String { platform + ":" + id }

    /// Orders by platform, then id.
    public static func < (a: PostKey, b: PostKey) -> Bool { (a.platform, a.id) < (b.platform, b.id) }
}

/// A social post about the company in post format v1 (see docs/post-format.md).
public struct Post: Sendable, Equatable {
    public var platform: String
    public var id: String
    public var author: Author
    public var text: String
    /// When the post was written, seconds since the epoch.
    public var createdAt: Double
    public var url: String?
    public var replyTo: String?
    public var repostOf: String?
    public var quoteOf: String?
    public var channel: PostChannel?
    public var lang: String?
    public var metrics: PostMetrics?
    /// When `metrics` were observed, seconds since the epoch.
    public var observedAt: Double?
    /// The whole object as received, unknown fields included.
    public var raw: JSONObject

    /// Creates a post.
    public init(
        platform: String, id: String, author: Author, text: String, createdAt: Double, url: String? = nil,
        replyTo: String? = nil, repostOf: String? = nil, quoteOf: String? = nil, channel: PostChannel? = nil,
        lang: String? = nil, metrics: PostMetrics? = nil, observedAt: Double? = nil, raw: JSONObject = JSONObject()
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
        self.raw = raw
    }

    /// `(platform, id)`.
    public var key: PostKey { PostKey(platform: platform, id: id) }

    /// The parent this post reshares, quotes or answers (repost first), as a key on the same platform.
    public var parentKey: PostKey? {
        guard let parent = repostOf ?? quoteOf ?? replyTo else { return nil }
        return PostKey(platform: platform, id: parent)
    }

    /// The time the post's metrics describe: `observed_at`, else `created_at`.
    public var observationTime: Double { observedAt ?? createdAt }
}
