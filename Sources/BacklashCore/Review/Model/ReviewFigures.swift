/// The numbers of a post-incident review; a figure the events cannot support is nil (shown as "—").
public struct ReviewFigures: Sendable, Equatable {
    /// An amount of money in one currency.
    public struct Amount: Sendable, Equatable {
        /// ISO currency code as recorded (empty when the gesture named none).
        public var currency: String
        /// The total.
        public var value: Double

        /// Creates an amount.
        public init(currency: String, value: Double) {
            self.currency = currency
            self.value = value
        }
    }

    /// First post → incident opened, seconds.
    public var timeToDetect: Double?
    /// Incident opened → first escalation or page, seconds.
    public var timeToEscalate: Double?
    /// First page sent (at or before the acknowledgement; the opening when none was) → first acknowledgement.
    public var timeToAcknowledge: Double?
    /// Incident opened → first public reply recorded, seconds.
    public var timeToFirstPublicReply: Double?
    /// Incident opened → first reply recorded on any channel, seconds.
    public var timeToFirstReply: Double?
    /// Incident opened → final closure, seconds; nil while the incident is open.
    public var timeToResolve: Double?
    /// Notifications that went out.
    public var pagesSent: Int
    /// Notifications that failed.
    public var pagesFailed: Int
    /// Failed notifications tried again.
    public var pagesRetried: Int
    /// Failures with no retry left.
    public var pagesGivenUp: Int
    /// Replies recorded (sent).
    public var repliesRecorded: Int
    /// Replies the linter blocked.
    public var repliesBlocked: Int
    /// Promises kept.
    public var promisesKept: Int
    /// Promises missed.
    public var promisesMissed: Int
    /// Promises neither kept nor missed yet.
    public var promisesOpen: Int
    /// Value of the gestures that were delivered, per currency, sorted by currency.
    public var gestureCost: [Amount]
    /// Largest observed audience.
    public var peakAudience: Double?
    /// Largest number of posts.
    public var peakPosts: Double?
    /// The last forecast of the final audience.
    public var lastForecastReach: Double?

    /// Creates figures; everything absent or zero by default.
    public init(
        timeToDetect: Double? = nil, timeToEscalate: Double? = nil, timeToAcknowledge: Double? = nil,
        timeToFirstPublicReply: Double? = nil, timeToFirstReply: Double? = nil, timeToResolve: Double? = nil,
        pagesSent: Int = 0, pagesFailed: Int = 0, pagesRetried: Int = 0, pagesGivenUp: Int = 0,
        repliesRecorded: Int = 0, repliesBlocked: Int = 0, promisesKept: Int = 0, promisesMissed: Int = 0,
        promisesOpen: Int = 0, gestureCost: [Amount] = [], peakAudience: Double? = nil, peakPosts: Double? = nil,
        lastForecastReach: Double? = nil
    ) {
        self.timeToDetect = timeToDetect
        self.timeToEscalate = timeToEscalate
        self.timeToAcknowledge = timeToAcknowledge
        self.timeToFirstPublicReply = timeToFirstPublicReply
        self.timeToFirstReply = timeToFirstReply
        self.timeToResolve = timeToResolve
        self.pagesSent = pagesSent
        self.pagesFailed = pagesFailed
        self.pagesRetried = pagesRetried
        self.pagesGivenUp = pagesGivenUp
        self.repliesRecorded = repliesRecorded
        self.repliesBlocked = repliesBlocked
        self.promisesKept = promisesKept
        self.promisesMissed = promisesMissed
        self.promisesOpen = promisesOpen
        self.gestureCost = gestureCost
        self.peakAudience = peakAudience
        self.peakPosts = peakPosts
        self.lastForecastReach = lastForecastReach
    }

    /// The duration figures in reading order: JSON key, label, what is measured, value.
    public var durations: [(key: String, label: String, measures: String, seconds: Double?)] {
        [
            ("time_to_detect", "Time to detect", "first post → incident opened", timeToDetect),
            ("time_to_escalate", "Time to escalate", "opened → first escalation or page", timeToEscalate),
            ("time_to_acknowledge", "Time to acknowledge", "first page → first acknowledgement", timeToAcknowledge),
            (
                "time_to_first_public_reply", "Time to first public reply", "opened → first public reply",
                timeToFirstPublicReply
            ),
            ("time_to_first_reply", "Time to first reply", "opened → first reply on any channel", timeToFirstReply),
            ("time_to_resolve", "Time to resolve", "opened → closed", timeToResolve),
        ]
    }
}
