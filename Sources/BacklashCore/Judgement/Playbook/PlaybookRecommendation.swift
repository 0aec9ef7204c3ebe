/// What the playbook recommends for one author and post: where to answer, how, and what gesture fits.
public struct PlaybookRecommendation: Codable, Sendable, Hashable {
    /// The portrait the recommendation is for.
    public var portrait: Portrait
    /// Where and how to answer.
    public var responseMode: ResponseMode
    /// The handling in one sentence.
    public var headline: String
    /// The six reply steps as a checklist: greet, thank, apologise, clarify, solve, close-positively.
    public var steps: [String]
    /// How far a compensation gesture may go.
    public var gesture: GestureRange
    /// Why, one line per consideration.
    public var rationale: [String]
    /// Answer once and do not continue the thread (trolls, coordinated campaigns).
    public var answerOnce: Bool
    /// Speed of a concrete answer matters most (weighed complaints, opinion leaders).
    public var answerFast: Bool

    /// Creates a recommendation; normally produced by `Playbook`.
    public init(
        portrait: Portrait, responseMode: ResponseMode, headline: String, steps: [String], gesture: GestureRange,
        rationale: [String], answerOnce: Bool = false, answerFast: Bool = false
    ) {
        self.portrait = portrait
        self.responseMode = responseMode
        self.headline = headline
        self.steps = steps
        self.gesture = gesture
        self.rationale = rationale
        self.answerOnce = answerOnce
        self.answerFast = answerFast
    }
}
