/// Where and how to answer a public post (seed 002).
public enum ResponseMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// Answer in public, in the thread where the post is.
    case answerPublicly = "answer-publicly"
    /// Ask for details in private messages, saying publicly that it will be solved.
    case moveToDM = "move-to-dm"
    /// Solve it off the platform: a phone call, a meeting.
    case takeOffline = "take-offline"
    /// Do not feed: answer once with facts, or not at all.
    case doNotFeed = "do-not-feed"
    /// Say promptly in public that it is being solved, then continue privately or offline.
    case publicThenPrivate = "public-then-private"
}
