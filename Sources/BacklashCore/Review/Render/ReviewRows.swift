/// The plain-text rows every review format shows the same way (header facts, figures, steps), before escaping.
enum ReviewRows {
    /// Facts about the incident: label and value.
    static func header(_ r: IncidentReview) -> [(String, String)] {
        func list(_ items: [String]) -> String { items.isEmpty ? ReviewFormat.absent : items.joined(separator: ", ") }
        var rows: [(String, String)] = [
            ("Incident", r.incident),
            ("Root post", r.root ?? ReviewFormat.absent),
            ("Platform", r.platform ?? ReviewFormat.absent),
            ("Peak severity", r.peakSeverity ?? ReviewFormat.absent),
            ("Portrait", r.portrait ?? ReviewFormat.absent),
            ("Coordinated campaign", r.coordinated ? "yes" : "no"),
            ("Named by the crowd", list(r.namedManagers)),
            ("Acknowledged by", list(r.acknowledgedBy)),
            ("First post", ReviewFormat.time(r.firstPostAt)),
            ("Opened", ReviewFormat.time(r.openedAt)),
            ("Closed", r.closedAt.map(ReviewFormat.time) ?? "still open"),
            ("Root cause", r.cause ?? ReviewFormat.absent),
            ("Resolution", r.resolution ?? ReviewFormat.absent),
        ]
        if r.closedByForce { rows.append(("Closed with --force", "yes")) }
        if !r.merged.isEmpty { rows.append(("Merged incidents", list(r.merged))) }
        return rows
    }

    /// The figures: label, value, what is measured.
    static func figures(_ f: ReviewFigures) -> [(String, String, String)] {
        var rows = f.durations.map { ($0.label, ReviewFormat.duration($0.seconds), $0.measures) }
        rows += [
            (
                "Pages sent / failed / retried", "\(f.pagesSent) / \(f.pagesFailed) / \(f.pagesRetried)",
                f.pagesGivenUp == 0 ? "notifications" : "\(f.pagesGivenUp) given up"
            ),
            ("Replies recorded / blocked", "\(f.repliesRecorded) / \(f.repliesBlocked)", "blocked by the linter"),
            (
                "Promises kept / missed / open", "\(f.promisesKept) / \(f.promisesMissed) / \(f.promisesOpen)",
                "promises to the customer"
            ),
            ("Gesture cost", cost(f.gestureCost), "gestures delivered"),
            ("Peak audience", f.peakAudience.map(ReviewFormat.compact) ?? ReviewFormat.absent, "observed"),
            ("Peak posts", f.peakPosts.map(ReviewFormat.number) ?? ReviewFormat.absent, "observed"),
            (
                "Last forecast of final reach", f.lastForecastReach.map(ReviewFormat.compact) ?? ReviewFormat.absent,
                "audience"
            ),
        ]
        return rows
    }

    /// `3500 RUB + 20 EUR`, or "—" for nothing.
    static func cost(_ amounts: [ReviewFigures.Amount]) -> String {
        if amounts.isEmpty { return ReviewFormat.absent }
        return amounts.map { ReviewFormat.money($0.value, $0.currency.isEmpty ? nil : $0.currency) }
            .joined(separator: " + ")
    }

    /// `proposed 08:40 (anna) → approved 08:44 (boris) → …`.
    static func steps(_ g: IncidentReview.GestureRecord) -> String {
        g.steps.map { "\($0.name) \(ReviewFormat.clock($0.time, withDate: false)) (\($0.actor))" }
            .joined(separator: " → ")
    }

    /// The gesture in words: `car — business class, 3500 RUB`.
    static func gesture(_ g: IncidentReview.GestureRecord) -> String {
        var text = g.kind ?? "gesture"
        if let note = g.note { text += " — " + note }
        if let value = g.value { text += ", " + ReviewFormat.money(value, g.currency) }
        return text
    }

    /// A page attempt's outcome in words.
    static func outcome(_ page: ReviewPage) -> String {
        switch page.outcome {
        case .sent: return "sent"
        case .retried: return "retried"
        case .failed:
            let error = page.error.map { ": " + $0 } ?? ""
            let retry = page.retryAt.map { ", retry at " + ReviewFormat.clock($0, withDate: false) } ?? ", given up"
            return "failed" + error + retry
        }
    }

    /// A forecast in words: `150k (90%: 60k–400k)`.
    static func forecast(_ s: ReachSample) -> String {
        guard let reach = s.forecastReach else { return ReviewFormat.absent }
        let low = s.forecastLow.map(ReviewFormat.compact) ?? "?"
        let high = s.forecastHigh.map(ReviewFormat.compact) ?? "unbounded"
        return ReviewFormat.compact(reach) + " (90%: " + low + "–" + high + ")"
    }

    /// The reply's heading: `public reply by anna, 08:52:00 — blocked`.
    static func replyHeading(_ reply: ReviewReply) -> String {
        let channel = reply.channel.map { $0 + " reply" } ?? "reply"
        var status = reply.blocked ? "blocked by the linter" : "sent"
        if reply.forced { status += " (forced" + (reply.reason.map { ": " + $0 } ?? "") + ")" }
        return channel + " by " + reply.actor + ", " + ReviewFormat.time(reply.time) + " — " + status
    }

    /// A promise's outcome in words.
    static func promiseOutcome(_ p: IncidentReview.PromiseRecord) -> String {
        switch p.outcome {
        case .open: "open"
        case .kept: "kept" + (p.outcomeAt.map { " " + ReviewFormat.clock($0, withDate: false) } ?? "")
        case .missed: "missed" + (p.outcomeAt.map { " " + ReviewFormat.clock($0, withDate: false) } ?? "")
        }
    }

    /// A table as both renderers draw it: column titles and rows of cell text.
    typealias Table = (header: [String], rows: [[String]])

    /// Pages per manager and channel.
    static func pageCounts(_ r: IncidentReview) -> Table {
        (["Manager", "Channel", "Sent", "Failed", "Retried"],
         r.pageCounts.map { [$0.manager, $0.channel ?? "—", "\($0.sent)", "\($0.failed)", "\($0.retried)"] })
    }

    /// Every delivery attempt.
    static func pages(_ r: IncidentReview) -> Table {
        (["Time (UTC)", "Manager", "Channel", "Attempt", "Why", "Outcome"],
         r.pages.map {
             [
                 ReviewFormat.clock($0.time, withDate: true), $0.manager, $0.channel ?? "—",
                 $0.attempt.map(String.init) ?? "—", $0.reason ?? "—", outcome($0),
             ]
         })
    }

    /// The gesture ledger.
    static func gestures(_ r: IncidentReview) -> Table {
        (["Gesture", "What", "State", "Steps (UTC)"], r.gestures.map { [$0.id, gesture($0), $0.state, steps($0)] })
    }

    /// Gestures proposed but never delivered, as one line, or nil when there are none.
    static func undelivered(_ r: IncidentReview) -> String? {
        let list = r.undeliveredGestures.map { "\($0.id) (\(gesture($0)), \($0.state))" }
        return list.isEmpty ? nil : list.joined(separator: "; ")
    }

    /// Promises to the customer and what became of them.
    static func promises(_ r: IncidentReview) -> Table {
        (["Promise", "What", "Owner", "Due (UTC)", "Outcome"],
         r.promises.map {
             [
                 $0.id, $0.text ?? "—", $0.owner ?? "—", $0.due.map { ReviewFormat.clock($0, withDate: true) } ?? "—",
                 promiseOutcome($0),
             ]
         })
    }
}
