/// One cascade assembled from a stream: its root post and every reshare (repost or quote) of it, in time order.
public struct AssembledCascade: Sendable {
    public var root: Post
    /// Reshares with their time after the root and the resharer's followers.
    public var shares: [CascadeShare]
    /// Posts that answered the cascade (replies); they are conversation, not reshares.
    public var replies: Int

    /// `platform:id` of the root.
    public var key: PostKey { root.key }
}

/// Groups posts into cascades by following `repost_of`/`quote_of`/`reply_to` links up to the root.
public struct CascadeBuilder: Sendable {
    /// Creates a builder.
    public init() {}

    /// Cascades whose root is in the stream, ordered by root time; reshares of missing roots are counted in `orphans`.
    public func assemble(_ posts: [Post]) -> (cascades: [AssembledCascade], orphans: Int) {
        var byKey: [PostKey: Post] = [:]
        for p in posts where byKey[p.key] == nil { byKey[p.key] = p }
        func root(of post: Post) -> Post? {
            var current = post
            var seen: Set<PostKey> = [post.key]
            while let parent = current.parentKey {
                guard let next = byKey[parent], !seen.contains(parent) else { return nil }
                seen.insert(parent)
                current = next
            }
            return current
        }
        var cascades: [PostKey: AssembledCascade] = [:]
        var orphans = 0
        for post in byKey.values where post.parentKey == nil {
            cascades[post.key] = AssembledCascade(root: post, shares: [], replies: 0)
        }
        for post in byKey.values where post.parentKey != nil {
            guard let r = root(of: post), var c = cascades[r.key] else {
                orphans += 1
                continue
            }
            if post.repostOf != nil || post.quoteOf != nil {
                c.shares.append(CascadeShare(
                    secondsSinceRoot: max(0, post.createdAt - r.createdAt), followers: Double(post.author.followers ?? 0)))
            } else {
                c.replies += 1
            }
            cascades[r.key] = c
        }
        var out = Array(cascades.values)
        for i in out.indices { out[i].shares.sort { $0.secondsSinceRoot < $1.secondsSinceRoot } }
        out.sort { ($0.root.createdAt, $0.key) < ($1.root.createdAt, $1.key) }
        return (out, orphans)
    }
}
