/// How much an author's voice carries, from 0 (nobody hears it) to 1 (an opinion leader), with the reasons.
public struct InfluenceScore: Codable, Sendable, Hashable {
    /// The score, 0...1.
    public var value: Double
    /// Why, in words a care lead reads: "120k followers", "verified", "account 6 days old", "VIP: journalist".
    public var reasons: [String]
    /// Followers the score was computed from.
    public var followers: Int
    /// Whether the account is verified.
    public var verified: Bool
    /// Age of the account in days, if known.
    public var accountAgeDays: Double?
    /// The VIP role, if the author has one.
    public var vipNote: String?

    /// Scores at or above this mark an opinion leader.
    public static let opinionLeaderThreshold = 0.6

    /// Creates a score; normally produced by `InfluenceScorer`.
    public init(
        value: Double, reasons: [String] = [], followers: Int = 0, verified: Bool = false,
        accountAgeDays: Double? = nil, vipNote: String? = nil
    ) {
        self.value = value
        self.reasons = reasons
        self.followers = followers
        self.verified = verified
        self.accountAgeDays = accountAgeDays
        self.vipNote = vipNote
    }

    /// Whether the author is an opinion leader: a high score or a VIP role.
    public var isOpinionLeader: Bool { value >= Self.opinionLeaderThreshold || vipNote != nil }

    /// Whether few people will hear the author: a low score, or a new account with few followers.
    public var isLowReach: Bool {
        value < 0.25 || (followers < 50 && (accountAgeDays ?? .infinity) < 30)
    }
}
