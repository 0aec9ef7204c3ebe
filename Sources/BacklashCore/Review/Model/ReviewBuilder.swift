/// Folds one incident's events, in log order, into an `IncidentReview`.
struct ReviewBuilder {
    private var review: IncidentReview
    private var openingTitle: String?
    private var firstEscalation: Double?
    private var firstAck: Double?
    private var firstPublicReply: Double?
    private var firstReply: Double?
    private var gestureIndex: [String: Int] = [:]
    private var promiseIndex: [String: Int] = [:]

    init(incident: String) {
        review = IncidentReview(incident: incident, title: "Incident \(incident)")
    }

    mutating func add(_ event: Event) {
        let details = ReviewDetails(event.details)
        review.timeline.append(
            ReviewTimelineEntry(
                sequence: event.sequence, time: event.time, actor: event.actor, kind: event.kind,
                message: event.message, channel: details.string("channel")))
        if Self.isAction(event.kind) { review.actions.append(review.timeline[review.timeline.count - 1]) }

        switch event.kind {
        case .incidentOpened: addOpening(event, details)
        case .incidentUpdated: addAssessment(event, details)
        case .incidentReopened, .snoozeBroken:
            noteSeverity(details.string("severity"))
            if event.kind == .incidentReopened { reopen() }
        case .incidentMerged:
            if let merged = details.string("merged") ?? details.number("merged").map(ReviewFormat.number) {
                review.merged.append(merged)
            }
        case .managerNamed:
            if let manager = details.string("manager") { name(manager) }
        case .incidentCoordinated: review.coordinated = true
        case .incidentEscalated: firstEscalation = firstEscalation ?? event.time
        case .pageSent, .pageFailed, .pageRetried: addPage(event, details)
        case .incidentAcknowledged:
            firstAck = firstAck ?? event.time
            let manager = details.string("manager") ?? event.actor
            if !review.acknowledgedBy.contains(manager) { review.acknowledgedBy.append(manager) }
        case .replyRecorded, .replyBlocked: addReply(event, details)
        case .promiseRecorded, .promiseKept, .promiseMissed: addPromise(event, details)
        case .gestureProposed, .gestureApproved, .gestureDispatched, .gestureDelivered, .gestureDeclined,
            .gestureFailed, .gestureCancelled, .gestureOverdue:
            addGesture(event, details)
        case .noteAdded:
            if details.bool("review") == true {
                let text = details.string("text") ?? event.message
                review.whatWeChange.append(IncidentReview.ChangeNote(time: event.time, actor: event.actor, text: text))
            }
        case .incidentClosed:
            review.closedAt = event.time
            review.cause = details.string("cause")
            review.resolution = details.string("resolution")
            review.closedByForce = details.bool("forced") ?? false
        default:
            break
        }
    }

    func finish() -> IncidentReview {
        var result = review
        if let title = openingTitle ?? review.root { result.title = title }
        var figures = ReviewFigures()
        let opened = review.openedAt
        if let opened, let first = review.firstPostAt, opened >= first { figures.timeToDetect = opened - first }
        let firstPage = review.pages.first { $0.outcome == .sent }?.time
        let escalation = [firstEscalation, firstPage].compactMap { $0 }.min()
        figures.timeToEscalate = Self.span(from: opened, to: escalation)
        if let firstAck {
            let start = firstPage.flatMap { $0 <= firstAck ? $0 : nil } ?? opened
            figures.timeToAcknowledge = Self.span(from: start, to: firstAck)
        }
        figures.timeToFirstPublicReply = Self.span(from: opened, to: firstPublicReply)
        figures.timeToFirstReply = Self.span(from: opened, to: firstReply)
        figures.timeToResolve = Self.span(from: opened, to: review.closedAt)
        figures.pagesSent = review.pages.count { $0.outcome == .sent }
        figures.pagesFailed = review.pages.count { $0.outcome == .failed }
        figures.pagesRetried = review.pages.count { $0.outcome == .retried }
        figures.pagesGivenUp = review.pages.count(where: \.isGivenUp)
        figures.repliesRecorded = review.replies.count { !$0.blocked }
        figures.repliesBlocked = review.replies.count(where: \.blocked)
        figures.promisesKept = review.promises.count { $0.outcome == .kept }
        figures.promisesMissed = review.promises.count { $0.outcome == .missed }
        figures.promisesOpen = review.promises.count { $0.outcome == .open }
        figures.gestureCost = Self.cost(of: review.gestures.filter(\.delivered))
        figures.peakAudience = review.reach.compactMap(\.audience).max()
        figures.peakPosts = review.reach.compactMap(\.posts).max()
        figures.lastForecastReach = review.reach.last(where: \.hasForecast)?.forecastReach
        result.figures = figures
        return result
    }

    /// Total value of gestures per currency, sorted by currency code.
    static func cost(of gestures: [IncidentReview.GestureRecord]) -> [ReviewFigures.Amount] {
        var totals: [String: Double] = [:]
        for gesture in gestures {
            guard let value = gesture.value else { continue }
            totals[gesture.currency ?? "", default: 0] += value
        }
        return totals.sorted { $0.key < $1.key }.map { ReviewFigures.Amount(currency: $0.key, value: $0.value) }
    }

    private static func span(from start: Double?, to end: Double?) -> Double? {
        guard let start, let end, end >= start else { return nil }
        return end - start
    }

    private static func isAction(_ kind: EventKind) -> Bool {
        switch kind {
        case .incidentAcknowledged, .incidentUnacknowledged, .incidentAssigned, .incidentSnoozed, .replyRecorded,
            .promiseRecorded, .promiseKept, .gestureProposed, .gestureApproved, .gestureDispatched,
            .gestureDelivered, .gestureDeclined, .gestureFailed, .gestureCancelled, .incidentClosed,
            .incidentReopened:
            true
        default:
            false
        }
    }

    // MARK: - Assessments

    private mutating func addOpening(_ event: Event, _ details: ReviewDetails) {
        guard review.openedAt == nil else {
            addAssessment(event, details)
            return
        }
        review.openedAt = event.time
        let message = event.message.trimmingCharactersInSet()
        openingTitle = message.isEmpty ? nil : message
        review.root = details.string("root") ?? details.string("post")
        review.platform = details.string("platform") ?? review.root.flatMap(Self.platform(ofKey:))
        review.firstPostAt = details.time("first_post_at")
        if details.bool("coordinated") == true { review.coordinated = true }
        for manager in details.strings("named_managers") { name(manager) }
        for named in details.objects("named_managers") {
            if let id = named.string("id") ?? named.string("manager") { name(id) }
        }
        addAssessment(event, details)
    }

    private mutating func addAssessment(_ event: Event, _ details: ReviewDetails) {
        noteSeverity(details.string("severity"))
        if let portrait = details.string("portrait") ?? details.object("portrait")?.string("portrait") {
            review.portrait = portrait
        }
        if let playbook = details.object("playbook") {
            review.playbook = IncidentReview.PlaybookAdvice(
                headline: playbook.string("headline"), steps: playbook.strings("steps"),
                responseMode: playbook.string("response_mode") ?? playbook.string("responseMode"))
        }
        let forecast = details.object("forecast")
        let sample = ReachSample(
            time: event.time, posts: details.number("posts"), reshares: details.number("reshares"),
            audience: details.number("audience"),
            forecastReach: forecast?.number("reach") ?? details.number("reach_forecast"),
            forecastLow: forecast?.number("low"), forecastHigh: forecast?.number("high"))
        let values = [sample.posts, sample.reshares, sample.audience, sample.forecastReach]
        if values.contains(where: { $0 != nil }) { review.reach.append(sample) }
    }

    private mutating func noteSeverity(_ severity: String?) {
        guard let severity else { return }
        review.lastSeverity = severity
        if ReviewFormat.severityRank(severity) > ReviewFormat.severityRank(review.peakSeverity) {
            review.peakSeverity = severity
        } else if review.peakSeverity == nil {
            review.peakSeverity = severity
        }
    }

    private mutating func name(_ manager: String) {
        if !review.namedManagers.contains(manager) { review.namedManagers.append(manager) }
    }

    private mutating func reopen() {
        review.closedAt = nil
        review.cause = nil
        review.resolution = nil
        review.closedByForce = false
    }

    private static func platform(ofKey key: String) -> String? {
        guard let colon = key.firstIndex(of: ":"), colon != key.startIndex else { return nil }
        return String(key[..<colon])
    }

    // MARK: - People's work

    private mutating func addPage(_ event: Event, _ details: ReviewDetails) {
        let outcome: ReviewPage.Outcome
        switch event.kind {
        case .pageFailed: outcome = .failed
        case .pageRetried: outcome = .retried
        default: outcome = .sent
        }
        review.pages.append(
            ReviewPage(
                time: event.time, manager: details.string("manager") ?? "unknown", channel: details.string("channel"),
                outcome: outcome, attempt: details.number("attempt").map { Int($0) },
                step: details.number("step").map { Int($0) }, reason: details.string("reason"),
                error: details.string("error"), retryAt: details.time("retry_at")))
    }

    private mutating func addReply(_ event: Event, _ details: ReviewDetails) {
        let findings = details.objects("findings").map { finding in
            let span = finding.object("span")
            return ReviewReply.Finding(
                rule: finding.string("rule") ?? "unknown", severity: finding.string("severity") ?? "warn",
                spanStart: span?.number("start").map { Int($0) } ?? 0,
                spanEnd: span?.number("end").map { Int($0) } ?? 0,
                spanText: span?.string("text") ?? "", message: finding.string("message") ?? "",
                suggestion: finding.string("suggestion") ?? "")
        }
        let reply = ReviewReply(
            time: event.time, actor: event.actor, channel: details.string("channel"),
            text: details.string("text") ?? "",
            blocked: event.kind == .replyBlocked, forced: details.bool("forced") ?? false,
            reason: details.string("reason"), findings: findings)
        review.replies.append(reply)
        guard !reply.blocked else { return }
        firstReply = firstReply ?? event.time
        if reply.isPublic { firstPublicReply = firstPublicReply ?? event.time }
    }

    private mutating func addPromise(_ event: Event, _ details: ReviewDetails) {
        let id = details.string("promise") ?? details.number("promise").map(ReviewFormat.number) ?? "unknown"
        let index: Int
        if let known = promiseIndex[id] {
            index = known
        } else {
            review.promises.append(IncidentReview.PromiseRecord(id: id))
            index = review.promises.count - 1
            promiseIndex[id] = index
        }
        var promise = review.promises[index]
        promise.text = details.string("text") ?? promise.text
        promise.owner = details.string("owner") ?? promise.owner
        promise.channel = details.string("channel") ?? promise.channel
        promise.due = details.time("due") ?? promise.due
        switch event.kind {
        case .promiseKept:
            promise.outcome = .kept
            promise.outcomeAt = event.time
        case .promiseMissed:
            promise.outcome = .missed
            promise.outcomeAt = event.time
        default:
            promise.recordedAt = promise.recordedAt ?? event.time
        }
        review.promises[index] = promise
    }

    private mutating func addGesture(_ event: Event, _ details: ReviewDetails) {
        let id = details.string("gesture") ?? details.number("gesture").map(ReviewFormat.number) ?? "unknown"
        let index: Int
        if let known = gestureIndex[id] {
            index = known
        } else {
            review.gestures.append(IncidentReview.GestureRecord(id: id))
            index = review.gestures.count - 1
            gestureIndex[id] = index
        }
        var gesture = review.gestures[index]
        gesture.kind = details.string("kind") ?? gesture.kind
        gesture.value = details.number("value") ?? gesture.value
        gesture.currency = details.string("currency") ?? gesture.currency
        gesture.note = details.string("note") ?? gesture.note
        gesture.deadline = details.time("deadline") ?? gesture.deadline
        let step = String(event.kind.rawValue.dropFirst("gesture.".count))
        gesture.steps.append(.init(name: step, time: event.time, actor: event.actor))
        review.gestures[index] = gesture
    }
}
