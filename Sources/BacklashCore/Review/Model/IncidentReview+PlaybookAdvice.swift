extension IncidentReview {
    /// What the playbook recommended for the incident (the `playbook` detail of its last assessment).
    public struct PlaybookAdvice: Sendable, Equatable {
        /// The handling in one sentence.
        public var headline: String?
        /// The reply checklist.
        public var steps: [String]
        /// Where and how to answer (`public-then-private`…).
        public var responseMode: String?

        /// Creates advice.
        public init(headline: String? = nil, steps: [String] = [], responseMode: String? = nil) {
            self.headline = headline
            self.steps = steps
            self.responseMode = responseMode
        }
    }
}
