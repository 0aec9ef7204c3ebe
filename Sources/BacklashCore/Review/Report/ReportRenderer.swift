/// Renders a period report as an aligned text table for a terminal, as Markdown, or as stable JSON.
///
/// JSON shape (`format` `"backlash-report/1"`, keys in this order): `since`, `until` (RFC 3339), `incidents`
/// (`[{id, title, state, peak_severity, platform, portrait, cause, opened_at, closed_at, time_to_acknowledge,
/// time_to_resolve, peak_audience, last_forecast_reach}]`), `by_cause`, `by_platform`, `by_portrait`
/// (`[{key, count}]`), `time_to_acknowledge`, `time_to_resolve` (`{count, p50, p90, max}` in seconds, or null),
/// `gesture_spend` (`[{currency, value}]`), `worst` (incident ids, worst first), `manager_load`
/// (`[{manager, pages, acks, replies}]`).
public struct ReportRenderer: Sendable {
    /// The value of the JSON `format` key.
    public static let format = "backlash-report/1"

    /// Creates a renderer.
    public init() {}

    /// The report as plain text with aligned columns, for a terminal.
    public func text(_ report: IncidentReport) -> String {
        var out = "Backlash report \(ReviewFormat.time(report.since)) – \(ReviewFormat.time(report.until))\n"
        out += "\(report.incidents.count) incident\(report.incidents.count == 1 ? "" : "s") with activity\n\n"
        out += Self.aligned(durationRows(report), numericFrom: 1)
        out +=
            "\n"
            + Self.aligned(
                [["Root cause", "Incidents"]] + report.byCause.map { [$0.key, "\($0.count)"] },
                numericFrom: 1)
        out +=
            "\n"
            + Self.aligned(
                [["Platform", "Incidents"]] + report.byPlatform.map { [$0.key, "\($0.count)"] },
                numericFrom: 1)
        out +=
            "\n"
            + Self.aligned(
                [["Portrait", "Incidents"]] + report.byPortrait.map { [$0.key, "\($0.count)"] },
                numericFrom: 1)
        out += "\nGesture spend: \(ReviewRows.cost(report.gestureSpend))\n"
        out += "\nWorst incidents\n"
        out += Self.aligned(
            [worstHeader] + report.worst.map { worstRow($0, titleLimit: 48) }, numericFrom: 3,
            numericUntil: 5)
        out += "\nManagers' load\n"
        out += Self.aligned([loadHeader] + report.managerLoad.map(loadRow), numericFrom: 1)
        return out
    }

    /// The report as Markdown.
    public func markdown(_ report: IncidentReport) -> String {
        var out = "# Backlash report \(ReviewFormat.time(report.since)) – \(ReviewFormat.time(report.until))\n\n"
        out += "\(report.incidents.count) incident\(report.incidents.count == 1 ? "" : "s") with activity.\n\n"
        out += "## Response times\n\n" + Self.markdownTable(durationRows(report))
        out += "\n## Incidents by root cause\n\n"
        out += Self.markdownTable([["Root cause", "Incidents"]] + report.byCause.map { [$0.key, "\($0.count)"] })
        out += "\n## Incidents by platform\n\n"
        out += Self.markdownTable([["Platform", "Incidents"]] + report.byPlatform.map { [$0.key, "\($0.count)"] })
        out += "\n## Incidents by portrait\n\n"
        out += Self.markdownTable([["Portrait", "Incidents"]] + report.byPortrait.map { [$0.key, "\($0.count)"] })
        out += "\n## Gesture spend\n\n\(ReviewFormat.markdown(ReviewRows.cost(report.gestureSpend)))\n"
        out += "\n## Worst incidents\n\n"
        out += Self.markdownTable([worstHeader] + report.worst.map { worstRow($0, titleLimit: nil) })
        out += "\n## Managers' load\n\n"
        out += Self.markdownTable([loadHeader] + report.managerLoad.map(loadRow))
        return out
    }

    /// The report as indented, stable JSON.
    public func json(_ report: IncidentReport) -> String {
        ReviewJSONText.pretty(value(report))
    }

    /// The report as a JSON value.
    public func value(_ report: IncidentReport) -> JSONValue {
        func counts(_ list: [IncidentReport.Count]) -> JSONValue {
            .array(list.map { .object(JSONObject(pairs: ["key": .string($0.key), "count": JSONValue($0.count)])) })
        }
        func percentiles(_ p: DurationPercentiles?) -> JSONValue {
            guard let p else { return .null }
            return .object(
                JSONObject(pairs: [
                    "count": JSONValue(p.count), "p50": JSONValue(p.p50), "p90": JSONValue(p.p90),
                    "max": JSONValue(p.max),
                ]))
        }
        let incidents = report.incidents.map { r in
            JSONValue.object(
                JSONObject(pairs: [
                    "id": .string(r.incident), "title": .string(r.title),
                    "state": .string(r.isClosed ? "closed" : "open"),
                    "peak_severity": ReviewJSONRenderer.text(r.peakSeverity),
                    "platform": ReviewJSONRenderer.text(r.platform), "portrait": ReviewJSONRenderer.text(r.portrait),
                    "cause": ReviewJSONRenderer.text(r.cause), "opened_at": ReviewJSONRenderer.time(r.openedAt),
                    "closed_at": ReviewJSONRenderer.time(r.closedAt),
                    "time_to_acknowledge": ReviewJSONRenderer.number(r.figures.timeToAcknowledge),
                    "time_to_resolve": ReviewJSONRenderer.number(r.figures.timeToResolve),
                    "peak_audience": ReviewJSONRenderer.number(r.figures.peakAudience),
                    "last_forecast_reach": ReviewJSONRenderer.number(r.figures.lastForecastReach),
                ]))
        }
        let load = report.managerLoad.map { m in
            JSONValue.object(
                JSONObject(pairs: [
                    "manager": .string(m.manager), "pages": JSONValue(m.pages), "acks": JSONValue(m.acks),
                    "replies": JSONValue(m.replies),
                ]))
        }
        return .object(
            JSONObject(pairs: [
                "format": .string(Self.format),
                "since": ReviewJSONRenderer.time(report.since),
                "until": ReviewJSONRenderer.time(report.until),
                "incidents": .array(incidents),
                "by_cause": counts(report.byCause),
                "by_platform": counts(report.byPlatform),
                "by_portrait": counts(report.byPortrait),
                "time_to_acknowledge": percentiles(report.timeToAcknowledge),
                "time_to_resolve": percentiles(report.timeToResolve),
                "gesture_spend": ReviewJSONRenderer.amounts(report.gestureSpend),
                "worst": .array(report.worst.map { .string($0.incident) }),
                "manager_load": .array(load),
            ]))
    }

    // MARK: - Rows

    private func durationRows(_ report: IncidentReport) -> [[String]] {
        func row(_ label: String, _ p: DurationPercentiles?) -> [String] {
            guard let p else { return [label, "—", "—", "—", "0"] }
            return [
                label, ReviewFormat.duration(p.p50), ReviewFormat.duration(p.p90), ReviewFormat.duration(p.max),
                "\(p.count)",
            ]
        }
        return [
            ["", "p50", "p90", "max", "incidents"],
            row("Time to acknowledge", report.timeToAcknowledge),
            row("Time to resolve", report.timeToResolve),
        ]
    }

    private var worstHeader: [String] {
        ["Incident", "Severity", "Cause", "Audience", "Forecast", "Title"]
    }

    private func worstRow(_ r: IncidentReview, titleLimit: Int?) -> [String] {
        var title = r.title
        if let titleLimit, title.count > titleLimit { title = String(title.prefix(titleLimit - 1)) + "…" }
        return [
            r.incident, r.peakSeverity ?? "—", r.isClosed ? (r.cause ?? "unspecified") : "open",
            r.figures.peakAudience.map(ReviewFormat.compact) ?? "—",
            r.figures.lastForecastReach.map(ReviewFormat.compact) ?? "—", title,
        ]
    }

    private var loadHeader: [String] { ["Manager", "Pages", "Acks", "Replies"] }

    private func loadRow(_ m: IncidentReport.ManagerLoad) -> [String] {
        [m.manager, "\(m.pages)", "\(m.acks)", "\(m.replies)"]
    }

    // MARK: - Tables

    /// Columns padded to equal width; columns in `numericFrom..<numericUntil` are right-aligned.
    static func aligned(_ rows: [[String]], numericFrom: Int, numericUntil: Int = .max) -> String {
        let flat = rows.map { $0.map { $0.replacing("\n", with: " ") } }
        let columns = flat.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in flat {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in flat {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let right = i >= numericFrom && i < numericUntil
                line += (i == 0 ? "" : "  ") + (right ? pad + cell : cell + pad)
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    static func markdownTable(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var out = "| " + header.map(ReviewFormat.markdown).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows.dropFirst() {
            out += "| " + row.map(ReviewFormat.markdown).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
