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
///
/// Its fields live behind one reference, copied on write: a post passes through every stage of ingest (event loop,
/// group commit, storage, judge) and is copied at each, and a reference costs one retain where a dozen strings and
/// a JSON object cost one each (retains and releases were a sixth of the daemon's work).
public struct Post: Sendable, Equatable {
    final class Fields: @unchecked Sendable {  // changed only while uniquely referenced (copy on write)
        var platform: String
        var id: String
        var author: Author
        var text: String
        var createdAt: Double
        var url: String?
        var replyTo: String?
        var repostOf: String?
        var quoteOf: String?
        var channel: PostChannel?
        var lang: String?
        var metrics: PostMetrics?
        var observedAt: Double?
        var raw: JSONObject

        init(
            platform: String, id: String, author: Author, text: String, createdAt: Double, url: String?,
            replyTo: String?, repostOf: String?, quoteOf: String?, channel: PostChannel?, lang: String?,
            metrics: PostMetrics?, observedAt: Double?, raw: JSONObject
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

        func copy() -> Fields {
            Fields(
                platform: platform, id: id, author: author, text: text, createdAt: createdAt, url: url,
                replyTo: replyTo, repostOf: repostOf, quoteOf: quoteOf, channel: channel, lang: lang, metrics: metrics,
                observedAt: observedAt, raw: raw)
        }
    }

    private var fields: Fields

    private mutating func unique() -> Fields {
        if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
        return fields
    }

    public var platform: String {
        get { fields.platform }
        set { unique().platform = newValue }
    }
    public var id: String {
        get { fields.id }
        set { unique().id = newValue }
    }
    public var author: Author {
        get { fields.author }
        set { unique().author = newValue }
    }
    public var text: String {
        get { fields.text }
        set { unique().text = newValue }
    }
    /// When the post was written, seconds since the epoch.
    public var createdAt: Double {
        get { fields.createdAt }
        set { unique().createdAt = newValue }
    }
    public var url: String? {
        get { fields.url }
        set { unique().url = newValue }
    }
    public var replyTo: String? {
        get { fields.replyTo }
        set { unique().replyTo = newValue }
    }
    public var repostOf: String? {
        get { fields.repostOf }
        set { unique().repostOf = newValue }
    }
    public var quoteOf: String? {
        get { fields.quoteOf }
        set { unique().quoteOf = newValue }
    }
    public var channel: PostChannel? {
        get { fields.channel }
        set { unique().channel = newValue }
    }
    public var lang: String? {
        get { fields.lang }
        set { unique().lang = newValue }
    }
    public var metrics: PostMetrics? {
        get { fields.metrics }
        set { unique().metrics = newValue }
    }
    /// When `metrics` were observed, seconds since the epoch.
    public var observedAt: Double? {
        get { fields.observedAt }
        set { unique().observedAt = newValue }
    }
    /// The whole object as received, unknown fields included.
    public var raw: JSONObject {
        get { fields.raw }
        set { unique().raw = newValue }
    }

    /// Creates a post.
    public init(
        platform: String, id: String, author: Author, text: String, createdAt: Double, url: String? = nil,
        replyTo: String? = nil, repostOf: String? = nil, quoteOf: String? = nil, channel: PostChannel? = nil,
        lang: String? = nil, metrics: PostMetrics? = nil, observedAt: Double? = nil, raw: JSONObject = JSONObject()
    ) {
        fields = Fields(
            platform: platform, id: id, author: author, text: text, createdAt: createdAt, url: url, replyTo: replyTo,
            repostOf: repostOf, quoteOf: quoteOf, channel: channel, lang: lang, metrics: metrics,
            observedAt: observedAt, raw: raw)
    }

    public static func == (a: Post, b: Post) -> Bool {
        if a.fields === b.fields { return true }
        return a.platform == b.platform && a.id == b.id && a.author == b.author && a.text == b.text
            && a.createdAt == b.createdAt && a.url == b.url && a.replyTo == b.replyTo
            && a.repostOf == b.repostOf && a.quoteOf == b.quoteOf && a.channel == b.channel
            && a.lang == b.lang && a.metrics == b.metrics && a.observedAt == b.observedAt && a.raw == b.raw
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
