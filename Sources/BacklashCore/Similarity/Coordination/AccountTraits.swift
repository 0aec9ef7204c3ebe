/// What the platform tells about the account behind a post, as far as coordination checks need it.
///
/// Every field is optional because platforms and exports differ; an unknown trait counts neither for nor against
/// coordination.
public struct AccountTraits: Sendable, Hashable {
    /// Followers of the account.
    public var followers: Int64?
    /// Accounts it follows.
    public var following: Int64?
    /// When the account was created, seconds since the Unix epoch.
    public var accountCreatedAt: Double?
    /// Whether the platform verified the account.
    public var verified: Bool?

    /// Creates account traits.
    public init(
        followers: Int64? = nil, following: Int64? = nil, accountCreatedAt: Double? = nil, verified: Bool? = nil
    ) {
        self.followers = followers
        self.following = following
        self.accountCreatedAt = accountCreatedAt
        self.verified = verified
    }

    /// The account's age in seconds at `time`, when its creation time is known.
    public func age(at time: Double) -> Double? {
        accountCreatedAt.map { time - $0 }
    }
}
