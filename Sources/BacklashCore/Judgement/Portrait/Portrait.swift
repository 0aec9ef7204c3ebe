/// The kind of unhappy customer behind a post (seeds 002 and 004); each calls for its own handling.
public enum Portrait: String, Codable, Sendable, Hashable, CaseIterable {
    /// Rarely complains; when they do, they were pushed too far and want to be heard.
    case meek
    /// Complains loudly, often with profanity, and tells everyone.
    case aggressive
    /// An opinion leader used to the best; others watch how the company handles them.
    case highRoller = "high-roller"
    /// Looks for a discount or a bonus more than for a fix.
    case ripOff = "rip-off"
    /// Complains again and again.
    case chronic
    /// Provokes and mocks; not looking for a solution.
    case troll
    /// Wants to hurt the brand: calls for a boycott, promises to tell everyone.
    case killer
    /// A long-time or big-spending client.
    case heavyClient = "heavy-client"
    /// An ordinary client with a real problem.
    case ordinary
}
