/// The post-incident review of one incident, computed from its events: header, figures, timeline, pages,
/// replies, gestures, promises, reach, playbook and what we change. Build it with `build(incident:events:)`.
public struct IncidentReview: Sendable, Equatable {
    /// The incident id.
    public var incident: String
    /// A one-line title: the opening event's sentence, else the root post, else "Incident N".
    public var title: String
    /// The root post (`platform:id`), when known.
    public var root: String?
    /// The platform of the first post, when known.
    public var platform: String?
    /// The highest severity the incident reached.
    public var peakSeverity: String?
    /// The severity at the end of the log.
    public var lastSeverity: String?
    /// The author's portrait as last assessed.
    public var portrait: String?
    /// Whether the incident was flagged as a coordinated campaign.
    public var coordinated: Bool
    /// Managers the crowd named, in the order they were first named.
    public var namedManagers: [String]
    /// Managers who acknowledged, in order.
    public var acknowledgedBy: [String]
    /// Incidents folded into this one.
    public var merged: [String]
    /// When the first post was made, when known.
    public var firstPostAt: Double?
    /// When the incident was opened, when the log has the opening.
    public var openedAt: Double?
    /// When the incident was closed for the last time; nil while open.
    public var closedAt: Double?
    /// Root cause given at closure (`defect`, `attention`, `terms`, `coordinated`, `other`).
    public var cause: String?
    /// Resolution note given at closure.
    public var resolution: String?
    /// Whether the closure overrode a rule (`--force`).
    public var closedByForce: Bool
    /// The numbers.
    public var figures: ReviewFigures
    /// Every event of the incident, in log order.
    public var timeline: [ReviewTimelineEntry]
    /// Every notification attempt, in log order.
    public var pages: [ReviewPage]
    /// Replies, recorded and blocked, in log order.
    public var replies: [ReviewReply]
    /// Gestures in the order they were proposed.
    public var gestures: [GestureRecord]
    /// Promises in the order they were recorded.
    public var promises: [PromiseRecord]
    /// The cascade's size and forecast over time.
    public var reach: [ReachSample]
    /// The playbook's last recommendation, when the events carry one.
    public var playbook: PlaybookAdvice?
    /// What people did, in order: acknowledgements, assignments, replies, promises, gesture steps, closure.
    public var actions: [ReviewTimelineEntry]
    /// Notes marked for the review: what we change.
    public var whatWeChange: [ChangeNote]

    /// Creates a review from parts; normally produced by `build(incident:events:)`.
    public init(
        incident: String, title: String, root: String? = nil, platform: String? = nil, peakSeverity: String? = nil,
        lastSeverity: String? = nil, portrait: String? = nil, coordinated: Bool = false, namedManagers: [String] = [],
        acknowledgedBy: [String] = [], merged: [String] = [], firstPostAt: Double? = nil, openedAt: Double? = nil,
        closedAt: Double? = nil, cause: String? = nil, resolution: String? = nil, closedByForce: Bool = false,
        figures: ReviewFigures = ReviewFigures(), timeline: [ReviewTimelineEntry] = [], pages: [ReviewPage] = [],
        replies: [ReviewReply] = [], gestures: [GestureRecord] = [], promises: [PromiseRecord] = [],
        reach: [ReachSample] = [], playbook: PlaybookAdvice? = nil, actions: [ReviewTimelineEntry] = [],
        whatWeChange: [ChangeNote] = []
    ) {
        self.incident = incident
        self.title = title
        self.root = root
        self.platform = platform
        self.peakSeverity = peakSeverity
        self.lastSeverity = lastSeverity
        self.portrait = portrait
        self.coordinated = coordinated
        self.namedManagers = namedManagers
        self.acknowledgedBy = acknowledgedBy
        self.merged = merged
        self.firstPostAt = firstPostAt
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.cause = cause
        self.resolution = resolution
        self.closedByForce = closedByForce
        self.figures = figures
        self.timeline = timeline
        self.pages = pages
        self.replies = replies
        self.gestures = gestures
        self.promises = promises
        self.reach = reach
        self.playbook = playbook
        self.actions = actions
        self.whatWeChange = whatWeChange
    }

    /// Whether the incident is closed at the end of the log.
    public var isClosed: Bool { closedAt != nil }

    /// Notifications per manager and channel, in the order each pair was first paged.
    public var pageCounts: [PageCount] {
        var counts: [PageCount] = []
        for page in pages {
            let index: Int
            if let found = counts.firstIndex(where: { $0.manager == page.manager && $0.channel == page.channel }) {
                index = found
            } else {
                counts.append(PageCount(manager: page.manager, channel: page.channel))
                index = counts.count - 1
            }
            switch page.outcome {
            case .sent: counts[index].sent += 1
            case .failed: counts[index].failed += 1
            case .retried: counts[index].retried += 1
            }
        }
        return counts
    }

    /// Gestures that were proposed but never delivered.
    public var undeliveredGestures: [GestureRecord] { gestures.filter { !$0.delivered } }
}
