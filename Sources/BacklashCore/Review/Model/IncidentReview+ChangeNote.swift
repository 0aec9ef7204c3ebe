extension IncidentReview {
    /// A note marked for the review: something we change so it does not happen again.
    public struct ChangeNote: Sendable, Equatable {
        /// When it was written.
        public var time: Double
        /// Who wrote it.
        public var actor: String
        /// The note.
        public var text: String

        /// Creates a note.
        public init(time: Double, actor: String, text: String) {
            self.time = time
            self.actor = actor
            self.text = text
        }
    }
}
