extension IncidentReview {
    /// One promise made to the customer (call back at 18:00) and whether it was kept.
    public struct PromiseRecord: Sendable, Equatable {
        /// Whether the promise was kept.
        public enum Outcome: String, Sendable, Equatable {
            /// Neither kept nor missed yet.
            case open
            /// Kept in time.
            case kept
            /// Missed.
            case missed
        }

        /// The promise id.
        public var id: String
        /// What was promised.
        public var text: String?
        /// Who owns it.
        public var owner: String?
        /// Where it was promised (`public`, `dm`…).
        public var channel: String?
        /// When it is due.
        public var due: Double?
        /// When it was recorded.
        public var recordedAt: Double?
        /// Kept, missed or open.
        public var outcome: Outcome
        /// When it was kept or missed.
        public var outcomeAt: Double?

        /// Creates a promise record.
        public init(
            id: String, text: String? = nil, owner: String? = nil, channel: String? = nil, due: Double? = nil,
            recordedAt: Double? = nil, outcome: Outcome = .open, outcomeAt: Double? = nil
        ) {
            self.id = id
            self.text = text
            self.owner = owner
            self.channel = channel
            self.due = due
            self.recordedAt = recordedAt
            self.outcome = outcome
            self.outcomeAt = outcomeAt
        }
    }
}
