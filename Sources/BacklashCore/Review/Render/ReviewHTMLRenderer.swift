/// Renders a review as one self-contained HTML file: inline CSS (screen and print), the inline SVG reach
/// chart, tables; no scripts, no external fonts or images, every piece of recorded text escaped.
public struct ReviewHTMLRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The review as an HTML document.
    public func render(_ r: IncidentReview) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Incident \(h(r.incident)) review: \(h(r.title))</title>\n"
        out += "<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n<main>\n"
        out += "<header><p class=\"kicker\">Post-incident review · incident \(h(r.incident))</p>\n"
        out += "<h1>\(h(r.title))</h1>\n"
        out += "<p class=\"badges\">\(badge(r.peakSeverity ?? "unknown", "severity-\(r.peakSeverity ?? "unknown")"))"
        out += badge(r.isClosed ? "closed" : "open", r.isClosed ? "state-closed" : "state-open")
        if r.coordinated { out += badge("coordinated campaign", "coordinated") }
        out += "</p></header>\n"
        out += "<section class=\"facts\"><h2>Incident</h2>\n<dl>\n"
        for (label, value) in ReviewRows.header(r) { out += "<dt>\(h(label))</dt><dd>\(h(value))</dd>\n" }
        out += "</dl></section>\n"
        out += "<section><h2>Figures</h2>\n"
        out += table(
            ["Figure", "Value", "Measured"], ReviewRows.figures(r.figures).map { [$0.0, $0.1, $0.2] },
            className: "figures")
        out += "</section>\n"
        out += reach(r)
        out += pages(r)
        out += replies(r)
        out += gestures(r)
        out += promises(r)
        out += playbook(r)
        out += "<section><h2>What we change</h2>\n"
        if r.whatWeChange.isEmpty {
            out += "<p class=\"empty\">Nothing was marked for the review.</p>\n"
        } else {
            out += "<ul class=\"changes\">\n"
            for note in r.whatWeChange {
                out += "<li>\(h(note.text)) <span class=\"who\">— \(h(note.actor)), "
                out += "\(h(ReviewFormat.time(note.time)))</span></li>\n"
            }
            out += "</ul>\n"
        }
        out += "</section>\n<section><h2>Timeline</h2>\n"
        out += table(
            ["Time (UTC)", "Actor", "Event", "Channel", "What happened"],
            r.timeline.map {
                [ReviewFormat.clock($0.time, withDate: true), $0.actor, $0.kind.rawValue, $0.channel ?? "", $0.message]
            }, className: "timeline")
        out += "</section>\n<footer>Built from \(r.timeline.count) events of incident \(h(r.incident)). "
        out += "Times are UTC.</footer>\n</main>\n</body>\n</html>\n"
        return out
    }

    private func reach(_ r: IncidentReview) -> String {
        var out = "<section class=\"reach\"><h2>Reach</h2>\n<figure>\n"
        out += ReachChart(review: r).svg()
        out += "<figcaption>Observed audience (solid) against the forecast of the final audience made at each "
        out += "moment (dashed, with its 90% interval); below, every detection, page, acknowledgement, reply, "
        out += "gesture step and closure. Hover a mark for details.</figcaption>\n</figure>\n"
        if !r.reach.isEmpty {
            out += table(
                ["Time (UTC)", "Posts", "Reshares", "Audience", "Forecast final reach"],
                r.reach.map {
                    [
                        ReviewFormat.clock($0.time, withDate: true), $0.posts.map(ReviewFormat.number) ?? "—",
                        $0.reshares.map(ReviewFormat.number) ?? "—", $0.audience.map(ReviewFormat.compact) ?? "—",
                        ReviewRows.forecast($0),
                    ]
                }, className: "samples")
        }
        return out + "</section>\n"
    }

    private func pages(_ r: IncidentReview) -> String {
        var out = "<section><h2>Who was notified</h2>\n"
        guard !r.pages.isEmpty else { return out + "<p class=\"empty\">Nobody was paged.</p></section>\n" }
        out += table(ReviewRows.pageCounts(r), className: "page-counts")
        out += table(ReviewRows.pages(r), className: "pages")
        return out + "</section>\n"
    }

    private func replies(_ r: IncidentReview) -> String {
        var out = "<section><h2>Replies</h2>\n"
        guard !r.replies.isEmpty else { return out + "<p class=\"empty\">No reply was recorded.</p></section>\n" }
        for reply in r.replies {
            let state = reply.blocked ? "blocked" : "recorded"
            out += "<article class=\"reply reply-\(state)\">\n<h3>\(h(ReviewRows.replyHeading(reply)))</h3>\n"
            out += "<blockquote>\(highlighted(reply))</blockquote>\n"
            if reply.findings.isEmpty {
                out += "<p class=\"empty\">The linter found nothing to change.</p>\n"
            } else {
                out += "<table class=\"findings\"><thead><tr><th>Rule</th><th>Severity</th><th>Flagged text</th>"
                out += "<th>Why</th><th>Better</th></tr></thead>\n<tbody>\n"
                for finding in reply.findings {
                    out += "<tr class=\"finding-\(h(finding.severity))\"><td><code>\(h(finding.rule))</code></td>"
                    out += "<td>\(h(finding.severity))</td>"
                    out += "<td>\(finding.spanText.isEmpty ? "—" : "<q>" + h(finding.spanText) + "</q>")</td>"
                    out += "<td>\(h(finding.message))</td><td>\(h(finding.suggestion))</td></tr>\n"
                }
                out += "</tbody></table>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    /// The reply text with each finding's span wrapped in `<mark>` (overlapping spans merged), escaped.
    private func highlighted(_ reply: ReviewReply) -> String {
        let scalars = Array(reply.text.unicodeScalars)
        let spans = reply.findings
            .map { (max(0, min($0.spanStart, scalars.count)), max(0, min($0.spanEnd, scalars.count)), $0.rule) }
            .filter { $0.0 < $0.1 }
            .sorted { $0.0 < $1.0 }
        var out = ""
        var position = 0
        func text(_ range: Range<Int>) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[range])
            return h(String(s)).replacing("\n", with: "<br>\n")
        }
        for (start, end, rule) in spans where end > position {
            let from = max(start, position)
            out += text(position..<from)
            out += "<mark title=\"\(h(rule))\">" + text(from..<end) + "</mark>"
            position = end
        }
        out += text(position..<scalars.count)
        return out
    }

    private func gestures(_ r: IncidentReview) -> String {
        var out = "<section><h2>Gestures</h2>\n"
        guard !r.gestures.isEmpty else { return out + "<p class=\"empty\">No gesture was proposed.</p></section>\n" }
        out += table(ReviewRows.gestures(r), className: "gestures")
        out += "<p><strong>Cost of delivered gestures:</strong> \(h(ReviewRows.cost(r.figures.gestureCost)))</p>\n"
        if let undelivered = ReviewRows.undelivered(r) {
            out += "<p><strong>Proposed but not delivered:</strong> \(h(undelivered))</p>\n"
        }
        return out + "</section>\n"
    }

    private func promises(_ r: IncidentReview) -> String {
        var out = "<section><h2>Promises</h2>\n"
        guard !r.promises.isEmpty else { return out + "<p class=\"empty\">No promise was recorded.</p></section>\n" }
        out += table(ReviewRows.promises(r), className: "promises")
        return out + "</section>\n"
    }

    private func playbook(_ r: IncidentReview) -> String {
        var out = "<section class=\"playbook\"><h2>Playbook</h2>\n<div class=\"columns\">\n<div><h3>Recommended</h3>\n"
        if let advice = r.playbook {
            out += "<p>\(h(advice.headline ?? "—"))"
            if let mode = advice.responseMode { out += " <code>\(h(mode))</code>" }
            out += "</p>\n"
            if !advice.steps.isEmpty {
                out += "<ol>\n" + advice.steps.map { "<li>\(h($0))</li>\n" }.joined() + "</ol>\n"
            }
        } else {
            out += "<p class=\"empty\">No playbook recommendation was recorded.</p>\n"
        }
        out += "</div>\n<div><h3>What was done</h3>\n"
        if r.actions.isEmpty {
            out += "<p class=\"empty\">Nothing was recorded.</p>\n"
        } else {
            out += "<ul>\n"
            for action in r.actions {
                out += "<li><time>\(h(ReviewFormat.clock(action.time, withDate: false)))</time> "
                out += "\(h(action.message)) <span class=\"who\">(\(h(action.actor)))</span></li>\n"
            }
            out += "</ul>\n"
        }
        return out + "</div>\n</div>\n</section>\n"
    }

    private func table(_ t: ReviewRows.Table, className: String) -> String {
        table(t.header, t.rows, className: className)
    }

    private func table(_ header: [String], _ rows: [[String]], className: String) -> String {
        var out = "<table class=\"\(className)\"><thead><tr>"
        out += header.map { "<th>\(h($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(h($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table>\n"
    }

    private func badge(_ text: String, _ className: String) -> String {
        "<span class=\"badge \(h(className))\">\(h(text))</span> "
    }

    private func h(_ text: String) -> String { ReviewFormat.xml(text) }
}
