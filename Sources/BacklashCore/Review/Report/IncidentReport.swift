/// The period report: every incident with activity in `[since, until)`, counted by root cause, platform and
/// portrait; time to acknowledge and to resolve (p50/p90/max); gesture spend; the worst five; managers' load.
public struct IncidentReport: Sendable, Equatable {
    /// How many incidents share one value (a root cause, a platform, a portrait).
    public struct Count: Sendable, Equatable {
        /// The value (`defect`, `vk`, `high-roller`; `open` or `unknown` when there is none).
        public var key: String
        /// How many incidents.
        public var count: Int

        /// Creates a count.
        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    /// What one manager did in the period.
    public struct ManagerLoad: Sendable, Equatable {
        /// The manager id.
        public var manager: String
        /// Notifications sent to them.
        public var pages: Int
        /// Incidents they acknowledged.
        public var acks: Int
        /// Replies they recorded.
        public var replies: Int

        /// Creates a load line.
        public init(manager: String, pages: Int = 0, acks: Int = 0, replies: Int = 0) {
            self.manager = manager
            self.pages = pages
            self.acks = acks
            self.replies = replies
        }
    }

    /// Start of the period, seconds since the epoch (inclusive).
    public var since: Double
    /// End of the period, seconds since the epoch (exclusive).
    public var until: Double
    /// Reviews of the incidents with activity in the period, by opening time.
    public var incidents: [IncidentReview]
    /// Incidents per root cause (`open` for incidents not closed at the end of the log).
    public var byCause: [Count]
    /// Incidents per platform of the first post.
    public var byPlatform: [Count]
    /// Incidents per author portrait.
    public var byPortrait: [Count]
    /// Time to acknowledge over the incidents that were acknowledged (MTTA and friends).
    public var timeToAcknowledge: DurationPercentiles?
    /// Time to resolve over the incidents that were closed (MTTR and friends).
    public var timeToResolve: DurationPercentiles?
    /// Value of the gestures delivered in the period, per currency.
    public var gestureSpend: [ReviewFigures.Amount]
    /// Up to five incidents, worst first: by peak severity, then by peak audience, then by forecast.
    public var worst: [IncidentReview]
    /// Pages received, acknowledgements and replies per manager in the period, busiest first.
    public var managerLoad: [ManagerLoad]

    /// Creates a report from parts; normally produced by `build(events:since:until:)`.
    public init(
        since: Double, until: Double, incidents: [IncidentReview] = [], byCause: [Count] = [],
        byPlatform: [Count] = [], byPortrait: [Count] = [], timeToAcknowledge: DurationPercentiles? = nil,
        timeToResolve: DurationPercentiles? = nil, gestureSpend: [ReviewFigures.Amount] = [],
        worst: [IncidentReview] = [], managerLoad: [ManagerLoad] = []
    ) {
        self.since = since
        self.until = until
        self.incidents = incidents
        self.byCause = byCause
        self.byPlatform = byPlatform
        self.byPortrait = byPortrait
        self.timeToAcknowledge = timeToAcknowledge
        self.timeToResolve = timeToResolve
        self.gestureSpend = gestureSpend
        self.worst = worst
        self.managerLoad = managerLoad
    }

    /// Builds the report from an event log in log order. Each incident with at least one event in
    /// `[since, until)` is reviewed from all of its events (so an incident opened before the period still
    /// has its real time to acknowledge); gesture spend and managers' load count only what happened in the period.
    public static func build(events: [Event], since: Double, until: Double) -> IncidentReport {
        var byIncident: [String: [Event]] = [:]
        var active: [String] = []
        var seen: Set<String> = []
        var load: [String: ManagerLoad] = [:]
        for event in events {
            guard let id = event.incident else { continue }
            byIncident[id, default: []].append(event)
            guard event.time >= since && event.time < until else { continue }
            if seen.insert(id).inserted { active.append(id) }
            countLoad(event, into: &load)
        }
        let reviews = active.map { IncidentReview.build(incident: $0, events: byIncident[$0] ?? []) }
            .enumerated()
            .sorted { ($0.element.openedAt ?? .infinity, $0.offset) < ($1.element.openedAt ?? .infinity, $1.offset) }
            .map(\.element)
        var spend: [String: Double] = [:]
        for review in reviews {
            for gesture in review.gestures {
                guard let value = gesture.value,
                    let delivered = gesture.steps.first(where: { $0.name == "delivered" }),
                    delivered.time >= since && delivered.time < until
                else { continue }
                spend[gesture.currency ?? "", default: 0] += value
            }
        }
        return IncidentReport(
            since: since, until: until, incidents: reviews,
            byCause: counts(reviews.map { $0.isClosed ? ($0.cause ?? "unspecified") : "open" }),
            byPlatform: counts(reviews.map { $0.platform ?? "unknown" }),
            byPortrait: counts(reviews.map { $0.portrait ?? "unknown" }),
            timeToAcknowledge: DurationPercentiles(reviews.compactMap(\.figures.timeToAcknowledge)),
            timeToResolve: DurationPercentiles(reviews.compactMap(\.figures.timeToResolve)),
            gestureSpend: spend.sorted { $0.key < $1.key }.map {
                ReviewFigures.Amount(currency: $0.key, value: $0.value)
            },
            worst: Array(reviews.sorted(by: isWorse).prefix(5)),
            managerLoad: load.values.sorted {
                ($1.pages + $1.acks + $1.replies, $0.manager) < ($0.pages + $0.acks + $0.replies, $1.manager)
            })
    }

    /// Whether `a` is a worse incident than `b`: higher peak severity, then larger audience, then forecast.
    static func isWorse(_ a: IncidentReview, than b: IncidentReview) -> Bool {
        let severityA = ReviewFormat.severityRank(a.peakSeverity)
        let severityB = ReviewFormat.severityRank(b.peakSeverity)
        if severityA != severityB { return severityA > severityB }
        let audienceA = a.figures.peakAudience ?? -1
        let audienceB = b.figures.peakAudience ?? -1
        if audienceA != audienceB { return audienceA > audienceB }
        let forecastA = a.figures.lastForecastReach ?? -1
        let forecastB = b.figures.lastForecastReach ?? -1
        if forecastA != forecastB { return forecastA > forecastB }
        return a.incident < b.incident
    }

    private static func counts(_ keys: [String]) -> [Count] {
        var tally: [String: Int] = [:]
        for key in keys { tally[key, default: 0] += 1 }
        return tally.map { Count(key: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
    }

    private static func countLoad(_ event: Event, into load: inout [String: ManagerLoad]) {
        let details = ReviewDetails(event.details)
        switch event.kind {
        case .pageSent:
            guard let manager = details.string("manager") else { return }
            load[manager, default: ManagerLoad(manager: manager)].pages += 1
        case .incidentAcknowledged:
            let manager = details.string("manager") ?? event.actor
            load[manager, default: ManagerLoad(manager: manager)].acks += 1
        case .replyRecorded:
            guard event.actor != "backlashd" else { return }
            load[event.actor, default: ManagerLoad(manager: event.actor)].replies += 1
        default:
            return
        }
    }
}
