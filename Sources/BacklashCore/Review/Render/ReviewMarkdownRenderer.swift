/// Renders a review as Markdown that reads well on a code forge: headings, tables, quoted replies.
///
/// Markdown cannot carry the chart itself: give `chartPath` (an SVG file written next to the review from
/// `ReachChart.svg()`) to embed it as an image, otherwise the review says the chart is in the HTML review.
public struct ReviewMarkdownRenderer: Sendable {
    /// A relative path or URL of the chart's SVG file, or nil to point readers at the HTML review.
    public var chartPath: String?

    /// Creates a renderer.
    public init(chartPath: String? = nil) {
        self.chartPath = chartPath
    }

    /// The review as Markdown text.
    public func render(_ r: IncidentReview) -> String {
        var out = "# Incident \(md(r.incident)) review: \(md(r.title))\n\n"
        out += table(["", ""], ReviewRows.header(r).map { [$0.0, $0.1] }, bold: true)
        out += "\n## Figures\n\n"
        out += table(["Figure", "Value", "Measured"], ReviewRows.figures(r.figures).map { [$0.0, $0.1, $0.2] })
        out += reach(r)
        out += pages(r)
        out += replies(r)
        out += gestures(r)
        out += promises(r)
        out += playbook(r)
        out += "\n## What we change\n\n"
        if r.whatWeChange.isEmpty {
            out += "Nothing was marked for the review (`backlashctl note ID TEXT --review`).\n"
        }
        for note in r.whatWeChange {
            out += "- \(md(note.text)) — \(md(note.actor)), \(ReviewFormat.time(note.time))\n"
        }
        out += "\n## Timeline\n\n"
        out += table(
            ["Time (UTC)", "Actor", "Event", "Channel", "What happened"],
            r.timeline.map {
                [
                    ReviewFormat.clock($0.time, withDate: true), $0.actor, $0.kind.rawValue,
                    $0.channel ?? "", $0.message,
                ]
            })
        return out
    }

    private func reach(_ r: IncidentReview) -> String {
        var out = "\n## Reach\n\n"
        if let chartPath {
            out += "![Reach of incident \(md(r.incident)) over time](\(chartPath.replacing(" ", with: "%20")))\n\n"
        } else {
            out += "> The reach chart (audience, forecast and every page, reply and gesture on one time line) "
            out += "is in the HTML review: see HTML for the chart.\n\n"
        }
        guard !r.reach.isEmpty else { return out + "No reach was recorded.\n" }
        out += table(
            ["Time (UTC)", "Posts", "Reshares", "Audience", "Forecast final reach"],
            r.reach.map {
                [
                    ReviewFormat.clock($0.time, withDate: true), $0.posts.map(ReviewFormat.number) ?? "—",
                    $0.reshares.map(ReviewFormat.number) ?? "—", $0.audience.map(ReviewFormat.compact) ?? "—",
                    ReviewRows.forecast($0),
                ]
            })
        return out
    }

    private func pages(_ r: IncidentReview) -> String {
        var out = "\n## Who was notified\n\n"
        guard !r.pages.isEmpty else { return out + "Nobody was paged.\n" }
        out += table(ReviewRows.pageCounts(r))
        out += "\n"
        out += table(ReviewRows.pages(r))
        return out
    }

    private func replies(_ r: IncidentReview) -> String {
        var out = "\n## Replies\n\n"
        guard !r.replies.isEmpty else { return out + "No reply was recorded.\n" }
        for (index, reply) in r.replies.enumerated() {
            out += "### \(index + 1). \(md(ReviewRows.replyHeading(reply)))\n\n"
            let lines = reply.text.split(separator: "\n", omittingEmptySubsequences: false)
            out += lines.map { "> " + md(String($0)) }.joined(separator: "  \n") + "\n\n"
            if reply.findings.isEmpty {
                out += "The linter found nothing to change.\n\n"
                continue
            }
            out += table(
                ["Rule", "Severity", "Flagged text", "Why", "Better"],
                reply.findings.map {
                    [
                        $0.rule, $0.severity, $0.spanText.isEmpty ? "—" : $0.spanText, $0.message,
                        $0.suggestion,
                    ]
                },
                codeColumns: [0, 2])
            out += "\n"
        }
        return out
    }

    private func gestures(_ r: IncidentReview) -> String {
        var out = "\n## Gestures\n\n"
        guard !r.gestures.isEmpty else { return out + "No gesture was proposed.\n" }
        out += table(ReviewRows.gestures(r))
        out += "\n**Cost of delivered gestures:** \(md(ReviewRows.cost(r.figures.gestureCost)))\n"
        if let undelivered = ReviewRows.undelivered(r) {
            out += "\n**Proposed but not delivered:** \(md(undelivered))\n"
        }
        return out
    }

    private func promises(_ r: IncidentReview) -> String {
        var out = "\n## Promises\n\n"
        guard !r.promises.isEmpty else { return out + "No promise was recorded.\n" }
        out += table(ReviewRows.promises(r))
        return out
    }

    private func playbook(_ r: IncidentReview) -> String {
        var out = "\n## Playbook\n\n"
        if let advice = r.playbook {
            out += "**Recommended:** \(md(advice.headline ?? "—"))"
            if let mode = advice.responseMode { out += " (`\(md(mode))`)" }
            out += "\n\n"
            for (i, step) in advice.steps.enumerated() { out += "\(i + 1). \(md(step))\n" }
            if !advice.steps.isEmpty { out += "\n" }
        } else {
            out += "No playbook recommendation was recorded.\n\n"
        }
        out += "**What was done:**\n\n"
        if r.actions.isEmpty { out += "Nothing was recorded.\n" }
        for action in r.actions {
            out += "- \(ReviewFormat.clock(action.time, withDate: false)) — \(md(action.message))"
            out += " (\(md(action.actor)))\n"
        }
        return out
    }

    private func table(_ t: ReviewRows.Table) -> String {
        table(t.header, t.rows)
    }

    private func table(_ header: [String], _ rows: [[String]], bold: Bool = false, codeColumns: Set<Int> = [])
        -> String
    {
        var out = "| " + header.map(md).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows {
            let cells = row.enumerated().map { column, cell -> String in
                if codeColumns.contains(column), cell != "—" { return ReviewFormat.markdownCode(cell) }
                if bold && column == 0 && !cell.isEmpty { return "**" + md(cell) + "**" }
                return md(cell)
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private func md(_ text: String) -> String { ReviewFormat.markdown(text) }
}
