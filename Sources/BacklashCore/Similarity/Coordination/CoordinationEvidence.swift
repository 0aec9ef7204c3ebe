/// The measurements a `CoordinationVerdict` rests on, for tools and reviews that want numbers rather than sentences.
///
/// "Burst" is the densest stretch of the near-identical group that fits in the detector's window; counts of
/// accounts are of distinct accounts in the burst (each account's first post).
public struct CoordinationEvidence: Sendable, Hashable {
    /// Posts the detector was given.
    public var clusterPosts: Int = 0
    /// Posts in the largest group of near-identical texts.
    public var nearIdenticalPosts: Int = 0
    /// Posts of that group inside the burst, repeats by the same account included.
    public var burstPosts: Int = 0
    /// Distinct accounts in the burst.
    public var accounts: Int = 0
    /// Seconds from the first to the last post of the burst.
    public var burstSeconds: Double = 0
    /// Seconds from the first to the last post of the whole group.
    public var groupSeconds: Double = 0
    /// Accounts in the burst younger than the detector's age limit when they posted.
    public var youngAccounts: Int = 0
    /// Accounts in the burst whose creation time is known.
    public var accountsWithKnownAge: Int = 0
    /// Accounts in the burst with fewer followers than the detector's limit.
    public var lowFollowerAccounts: Int = 0
    /// Accounts in the burst whose follower count is known.
    public var accountsWithKnownFollowers: Int = 0
    /// Verified accounts in the burst.
    public var verifiedAccounts: Int = 0
    /// Median followers of the burst's accounts with a known count.
    public var medianFollowers: Int64?
    /// Mean per-account suspicion, 0–1 (young with few followers 1, young 0.75, few followers 0.4–0.5, verified 0).
    public var accountSuspicion: Double = 0
    /// How verbatim the burst's copies are, 0–1 (1: word for word).
    public var verbatimShare: Double = 0
    /// How tightly the burst is packed in the window, 0–1 (1: all at once).
    public var compactness: Double = 0

    /// Creates empty evidence.
    public init() {}
}
