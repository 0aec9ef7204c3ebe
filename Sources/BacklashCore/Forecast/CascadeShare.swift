/// One reshare (or the root post) of a cascade: when it happened and how many followers saw it.
public struct CascadeShare: Sendable, Hashable, Codable {
    /// Seconds since the root post (the root itself is at 0).
    public var secondsSinceRoot: Double
    /// Followers of the account that shared: the audience this share exposed the post to.
    public var followers: Double

    /// Creates a share `secondsSinceRoot` seconds after the root by an account with `followers` followers.
    public init(secondsSinceRoot: Double, followers: Double) {
        self.secondsSinceRoot = secondsSinceRoot
        self.followers = followers
    }
}
