extension IncidentReview {
    /// How many notifications one manager got on one channel.
    public struct PageCount: Sendable, Equatable {
        /// The manager.
        public var manager: String
        /// The channel, when known.
        public var channel: String?
        /// Notifications sent.
        public var sent: Int
        /// Notifications that failed.
        public var failed: Int
        /// Retries.
        public var retried: Int

        /// Creates a count.
        public init(manager: String, channel: String?, sent: Int = 0, failed: Int = 0, retried: Int = 0) {
            self.manager = manager
            self.channel = channel
            self.sent = sent
            self.failed = failed
            self.retried = retried
        }
    }
}
