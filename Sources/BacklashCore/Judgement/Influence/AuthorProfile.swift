/// What is known about a post's author, as input to influence scoring.
public struct AuthorProfile: Codable, Sendable, Hashable {
    /// The author's handle on the platform ("@apetrova"), if known; matched against VIP handles.
    public var handle: String?
    /// Followers or subscribers.
    public var followers: Int
    /// Accounts the author follows.
    public var following: Int
    /// Whether the platform verified the account.
    public var verified: Bool
    /// When the account was created, in seconds since the Unix epoch, if known.
    public var accountCreatedAt: Double?
    /// The time of scoring, in seconds since the Unix epoch.
    public var now: Double
    /// Likes on the author's observed posts, summed.
    public var likes: Int
    /// Reposts and quotes of the author's observed posts, summed.
    public var reposts: Int
    /// Replies to the author's observed posts, summed.
    public var replies: Int
    /// Number of the author's posts the engagement counts come from.
    public var postsObserved: Int
    /// A known role that makes the author matter ("journalist", "high position").
    public var vipNote: String?
    /// Earlier incidents this author started.
    public var priorIncidents: Int
    /// Earlier complaints from this author.
    public var priorComplaints: Int

    /// Creates a profile; everything but the time is optional.
    public init(
        handle: String? = nil, followers: Int = 0, following: Int = 0, verified: Bool = false,
        accountCreatedAt: Double? = nil, now: Double, likes: Int = 0, reposts: Int = 0, replies: Int = 0,
        postsObserved: Int = 0, vipNote: String? = nil, priorIncidents: Int = 0, priorComplaints: Int = 0
    ) {
        self.handle = handle
        self.followers = followers
        self.following = following
        self.verified = verified
        self.accountCreatedAt = accountCreatedAt
        self.now = now
        self.likes = likes
        self.reposts = reposts
        self.replies = replies
        self.postsObserved = postsObserved
        self.vipNote = vipNote
        self.priorIncidents = priorIncidents
        self.priorComplaints = priorComplaints
    }

    /// Age of the account in days, when its creation time is known.
    public var accountAgeDays: Double? {
        accountCreatedAt.map { max(0, now - $0) / 86_400 }
    }
}
