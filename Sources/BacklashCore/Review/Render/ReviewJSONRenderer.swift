/// Renders a review as stable JSON for tools (`backlashctl review --format json`); the shape is documented in
/// `docs/review-json.md`.
///
/// Top level, in this order: `format` (`"backlash-review/1"`), `incident`, `figures` (durations in seconds,
/// null when absent), `timeline`, `pages`, `replies`, `gestures`, `promises`, `reach`, `playbook`, `actions`,
/// `what_we_change`. Times are RFC 3339 UTC strings; keys never move; arrays keep log order; an unknown value
/// is `null`, never a missing key. Output is indented with two spaces and ends with a newline, so two reviews
/// of the same events are byte-identical and diff well.
public struct ReviewJSONRenderer: Sendable {
    /// The value of the `format` key; changes only when a key changes meaning or goes away.
    public static let format = "backlash-review/1"

    /// Creates a renderer.
    public init() {}

    /// The review as indented JSON text.
    public func render(_ review: IncidentReview) -> String {
        ReviewJSONText.pretty(value(review))
    }

    /// The review as a JSON value.
    public func value(_ review: IncidentReview) -> JSONValue {
        .object(
            JSONObject(pairs: [
                "format": .string(Self.format),
                "incident": incident(review),
                "figures": figures(review.figures),
                "timeline": .array(review.timeline.map(Self.entry)),
                "pages": pages(review),
                "replies": .array(review.replies.map(reply)),
                "gestures": .array(review.gestures.map(gesture)),
                "promises": .array(review.promises.map(promise)),
                "reach": reach(review),
                "playbook": playbook(review.playbook),
                "actions": .array(review.actions.map(Self.entry)),
                "what_we_change": .array(
                    review.whatWeChange.map { note in
                        .object(
                            JSONObject(pairs: [
                                "time": Self.time(note.time), "actor": .string(note.actor), "text": .string(note.text),
                            ]))
                    }),
            ]))
    }

    private func incident(_ r: IncidentReview) -> JSONValue {
        .object(
            JSONObject(pairs: [
                "id": .string(r.incident),
                "title": .string(r.title),
                "root": Self.text(r.root),
                "platform": Self.text(r.platform),
                "state": .string(r.isClosed ? "closed" : "open"),
                "peak_severity": Self.text(r.peakSeverity),
                "last_severity": Self.text(r.lastSeverity),
                "portrait": Self.text(r.portrait),
                "coordinated": .bool(r.coordinated),
                "named_managers": .array(r.namedManagers.map(JSONValue.string)),
                "acknowledged_by": .array(r.acknowledgedBy.map(JSONValue.string)),
                "merged": .array(r.merged.map(JSONValue.string)),
                "first_post_at": Self.time(r.firstPostAt),
                "opened_at": Self.time(r.openedAt),
                "closed_at": Self.time(r.closedAt),
                "cause": Self.text(r.cause),
                "resolution": Self.text(r.resolution),
                "closed_by_force": .bool(r.closedByForce),
            ]))
    }

    private func figures(_ f: ReviewFigures) -> JSONValue {
        var object = JSONObject()
        for duration in f.durations { object[duration.key] = Self.number(duration.seconds) }
        let counts: KeyValuePairs<String, Int> = [
            "pages_sent": f.pagesSent, "pages_failed": f.pagesFailed, "pages_retried": f.pagesRetried,
            "pages_given_up": f.pagesGivenUp, "replies_recorded": f.repliesRecorded,
            "replies_blocked": f.repliesBlocked, "promises_kept": f.promisesKept,
            "promises_missed": f.promisesMissed, "promises_open": f.promisesOpen,
        ]
        for (key, count) in counts { object[key] = JSONValue(count) }
        object["gesture_cost"] = Self.amounts(f.gestureCost)
        object["peak_audience"] = Self.number(f.peakAudience)
        object["peak_posts"] = Self.number(f.peakPosts)
        object["last_forecast_reach"] = Self.number(f.lastForecastReach)
        return .object(object)
    }

    private func pages(_ r: IncidentReview) -> JSONValue {
        let recipients = r.pageCounts.map { count in
            JSONValue.object(
                JSONObject(pairs: [
                    "manager": .string(count.manager), "channel": Self.text(count.channel),
                    "sent": JSONValue(count.sent), "failed": JSONValue(count.failed),
                    "retried": JSONValue(count.retried),
                ]))
        }
        let attempts = r.pages.map { page in
            JSONValue.object(
                JSONObject(pairs: [
                    "time": Self.time(page.time), "manager": .string(page.manager), "channel": Self.text(page.channel),
                    "outcome": .string(page.outcome.rawValue), "attempt": Self.number(page.attempt.map(Double.init)),
                    "step": Self.number(page.step.map(Double.init)), "reason": Self.text(page.reason),
                    "error": Self.text(page.error), "retry_at": Self.time(page.retryAt),
                ]))
        }
        return .object(JSONObject(pairs: ["by_recipient": .array(recipients), "attempts": .array(attempts)]))
    }

    private func reply(_ reply: ReviewReply) -> JSONValue {
        let findings = reply.findings.map { finding in
            JSONValue.object(
                JSONObject(pairs: [
                    "rule": .string(finding.rule), "severity": .string(finding.severity),
                    "span": .object(
                        JSONObject(pairs: [
                            "start": JSONValue(finding.spanStart), "end": JSONValue(finding.spanEnd),
                            "text": .string(finding.spanText),
                        ])),
                    "message": .string(finding.message), "suggestion": .string(finding.suggestion),
                ]))
        }
        return .object(
            JSONObject(pairs: [
                "time": Self.time(reply.time), "actor": .string(reply.actor), "channel": Self.text(reply.channel),
                "status": .string(reply.blocked ? "blocked" : "recorded"), "forced": .bool(reply.forced),
                "reason": Self.text(reply.reason), "text": .string(reply.text), "findings": .array(findings),
            ]))
    }

    private func gesture(_ g: IncidentReview.GestureRecord) -> JSONValue {
        let steps = g.steps.map { step in
            JSONValue.object(
                JSONObject(pairs: [
                    "step": .string(step.name), "time": Self.time(step.time), "actor": .string(step.actor),
                ]))
        }
        return .object(
            JSONObject(pairs: [
                "id": .string(g.id), "kind": Self.text(g.kind), "value": Self.number(g.value),
                "currency": Self.text(g.currency), "note": Self.text(g.note), "deadline": Self.time(g.deadline),
                "state": .string(g.state), "delivered": .bool(g.delivered), "steps": .array(steps),
            ]))
    }

    private func promise(_ p: IncidentReview.PromiseRecord) -> JSONValue {
        .object(
            JSONObject(pairs: [
                "id": .string(p.id), "text": Self.text(p.text), "owner": Self.text(p.owner),
                "channel": Self.text(p.channel), "due": Self.time(p.due), "recorded_at": Self.time(p.recordedAt),
                "outcome": .string(p.outcome.rawValue), "outcome_at": Self.time(p.outcomeAt),
            ]))
    }

    private func reach(_ r: IncidentReview) -> JSONValue {
        let samples = r.reach.map { s in
            let forecast: JSONValue =
                s.forecastReach == nil && s.forecastLow == nil && s.forecastHigh == nil
                ? .null
                : .object(
                    JSONObject(pairs: [
                        "reach": Self.number(s.forecastReach), "low": Self.number(s.forecastLow),
                        "high": Self.number(s.forecastHigh),
                    ]))
            return JSONValue.object(
                JSONObject(pairs: [
                    "time": Self.time(s.time), "posts": Self.number(s.posts), "reshares": Self.number(s.reshares),
                    "audience": Self.number(s.audience), "forecast": forecast,
                ]))
        }
        let scale = ReachChart(review: r).usesLogScale ? "log" : "linear"
        return .object(JSONObject(pairs: ["scale": .string(scale), "samples": .array(samples)]))
    }

    private func playbook(_ advice: IncidentReview.PlaybookAdvice?) -> JSONValue {
        guard let advice else { return .null }
        return .object(
            JSONObject(pairs: [
                "headline": Self.text(advice.headline), "response_mode": Self.text(advice.responseMode),
                "steps": .array(advice.steps.map(JSONValue.string)),
            ]))
    }

    static func entry(_ e: ReviewTimelineEntry) -> JSONValue {
        .object(
            JSONObject(pairs: [
                "sequence": e.sequence.map { .number(String($0)) } ?? .null, "time": time(e.time),
                "actor": .string(e.actor), "kind": .string(e.kind.rawValue), "message": .string(e.message),
                "channel": text(e.channel),
            ]))
    }

    static func amounts(_ amounts: [ReviewFigures.Amount]) -> JSONValue {
        .array(
            amounts.map {
                .object(JSONObject(pairs: ["currency": .string($0.currency), "value": JSONValue($0.value)]))
            })
    }

    static func time(_ seconds: Double?) -> JSONValue { seconds.map { .string(RFC3339.format($0)) } ?? .null }
    static func text(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    static func number(_ value: Double?) -> JSONValue { value.map { JSONValue($0) } ?? .null }
}
