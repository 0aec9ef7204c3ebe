import Foundation
import Testing

@testable import BacklashCore

@Suite struct ReviewTextRendererTests {
    let review = IncidentReview.build(incident: TaxiStoryLog.incident, events: TaxiStoryLog.events)

    var expectedTTA: String {
        DurationText.format(TaxiStoryLog.first(.incidentAcknowledged).time - TaxiStoryLog.first(.pageSent).time)
    }

    var expectedMarkers: Int {
        let marked: Set<EventKind> = [
            .incidentOpened, .pageSent, .incidentAcknowledged, .replyRecorded, .incidentClosed,
        ]
        return TaxiStoryLog.ownEvents.count { marked.contains($0.kind) || $0.kind.rawValue.hasPrefix("gesture.") }
    }

    @Test("the Markdown shows the figures in a table and every event in the timeline")
    func markdownFiguresAndTimeline() {
        let md = ReviewMarkdownRenderer().render(review)
        #expect(md.contains("| Time to acknowledge | \(expectedTTA) |"))
        let ttr = TaxiStoryLog.first(.incidentClosed).time - TaxiStoryLog.first(.incidentOpened).time
        #expect(md.contains("| Time to resolve | \(DurationText.format(ttr)) |"))
        #expect(md.contains("| Gesture cost | 5500 RUB |"))
        for event in TaxiStoryLog.ownEvents {
            let row = "| \(ReviewFormat.clock(event.time, withDate: true)) | \(event.actor) | \(event.kind.rawValue) |"
            #expect(md.contains(row), "no timeline row for \(event.kind.rawValue) at \(event.time)")
        }
        #expect(md.contains("## What we change"))
        #expect(md.contains(TaxiStoryLog.lessonText))
        #expect(!md.contains("Марина довольна"))
        #expect(md.contains("| `legalese` | block | `\(TaxiStoryLog.legalesePhrase)` |"))
    }

    @Test("the Markdown escapes markup from posts and points to the chart")
    func markdownEscapingAndChart() {
        let md = ReviewMarkdownRenderer().render(review)
        #expect(!md.contains("<script>"))
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(md.contains("see HTML for the chart"))
        let withFile = ReviewMarkdownRenderer(chartPath: "incident-17 reach.svg").render(review)
        #expect(withFile.contains("](incident-17%20reach.svg)"))
        #expect(!withFile.contains("see HTML for the chart"))
    }

    @Test("a review of an open incident shows dashes where figures are absent")
    func markdownOpenIncident() {
        let early = TaxiStoryLog.ownEvents.prefix { $0.kind != .incidentAcknowledged }
        let md = ReviewMarkdownRenderer().render(
            IncidentReview.build(incident: TaxiStoryLog.incident, events: Array(early)))
        #expect(md.contains("| Time to acknowledge | — |"))
        #expect(md.contains("| Time to resolve | — |"))
        #expect(md.contains("| **Closed** | still open |"))
        #expect(md.contains("No gesture was proposed."))
    }

    @Test("the HTML is one self-contained file: inline CSS with a print style, inline SVG, no script")
    func htmlSelfContained() {
        let html = ReviewHTMLRenderer().render(review)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>") && html.contains("@media print"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        for external in ["src=", "href=", "@import", "url(", "<link"] {
            #expect(!lower.contains(external), "the HTML refers to something outside itself: \(external)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("the HTML carries figures, highlighted findings, markers and every event")
    func htmlContent() {
        let html = ReviewHTMLRenderer().render(review)
        #expect(html.contains("<td>Time to acknowledge</td><td>\(expectedTTA)</td>"))
        #expect(html.contains("<mark title=\"legalese\">\(TaxiStoryLog.legalesePhrase)</mark>"))
        #expect(html.components(separatedBy: "class=\"marker marker-").count - 1 == expectedMarkers)
        for event in TaxiStoryLog.ownEvents {
            #expect(html.contains("<td>\(ReviewFormat.xml(event.message))</td>"))
        }
        #expect(html.contains(ReviewFormat.xml(TaxiStoryLog.lessonText)))
    }

    @Test("reply text with markup is shown, not interpreted")
    func htmlEscapesReplies() {
        let events = [
            Event(time: 0, kind: .incidentOpened, incident: "3", message: "Opened."),
            Event(
                time: 60, kind: .replyRecorded, incident: "3", actor: "anna\" onclick=\"x", message: "Replied.",
                details: JSONObject(pairs: [
                    "channel": "public", "text": "<b>Sorry</b> & \"thanks\" <img src=x onerror=alert(1)>",
                    "findings": .array([
                        .object(
                            JSONObject(pairs: [
                                "rule": "<i>", "severity": "warn",
                                "span": .object(JSONObject(pairs: ["start": 0, "end": 8, "text": "<b>Sorry"])),
                            ]))
                    ]),
                ])),
        ]
        let html = ReviewHTMLRenderer().render(IncidentReview.build(incident: "3", events: events))
        #expect(!html.contains("<b>Sorry"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>"))
        #expect(html.contains("&lt;b&gt;Sorry"))
        #expect(html.contains("anna&quot; onclick=&quot;x"))
    }
}
