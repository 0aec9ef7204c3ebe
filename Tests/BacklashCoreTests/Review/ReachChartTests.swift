import Foundation
import FoundationXML
import Testing

@testable import BacklashCore

@Suite struct ReachChartTests {
    let review = IncidentReview.build(incident: TaxiStoryLog.incident, events: TaxiStoryLog.events)

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test("there is one marker per detection, page, ack, reply, gesture step and closure")
    func markerCounts() {
        let svg = ReachChart(review: review).svg()
        let own = TaxiStoryLog.ownEvents
        let gestureSteps = own.count { $0.kind.rawValue.hasPrefix("gesture.") }
        #expect(count("class=\"marker marker-detection\"", in: svg) == own.count { $0.kind == .incidentOpened })
        #expect(count("class=\"marker marker-page\"", in: svg) == own.count { $0.kind == .pageSent })
        #expect(count("class=\"marker marker-ack\"", in: svg) == own.count { $0.kind == .incidentAcknowledged })
        #expect(count("class=\"marker marker-reply\"", in: svg) == own.count { $0.kind == .replyRecorded })
        #expect(count("class=\"marker marker-gesture\"", in: svg) == gestureSteps)
        #expect(count("class=\"marker marker-closure\"", in: svg) == own.count { $0.kind == .incidentClosed })
        let marked = own.count {
            [.incidentOpened, .pageSent, .incidentAcknowledged, .replyRecorded, .incidentClosed].contains($0.kind)
                || $0.kind.rawValue.hasPrefix("gesture.")
        }
        #expect(count("class=\"marker marker-", in: svg) == marked)
        #expect(count("\"><title>", in: svg.replacing("data-event=\"", with: "")) >= marked)
    }

    @Test("markers stand in time order from left to right")
    func markersInTimeOrder() {
        let svg = ReachChart(review: review).svg()
        let xs = svg.components(separatedBy: "class=\"marker marker-").dropFirst().compactMap { chunk -> Double? in
            guard let start = chunk.range(of: "<line x1=\"") else { return nil }
            return Double(chunk[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(xs.count == ReachChart(review: review).markers.count)
        #expect(xs == xs.sorted())
        #expect(xs.allSatisfy { $0 >= 72 && $0 <= 780 })
    }

    @Test("the SVG is well-formed XML with a fixed view box and escaped text")
    func wellFormed() throws {
        let svg = ReachChart(review: review).svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 420\""))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the chart is not well-formed XML: \(String(describing: parser.parserError))")
    }

    @Test("the value axis is logarithmic only when the values span two orders of magnitude")
    func scaleChoice() {
        let wide = ReachChart(
            samples: [
                ReachSample(time: 0, audience: 120, forecastReach: 900),
                ReachSample(time: 600, audience: 4_000, forecastReach: 80_000, forecastLow: 20_000),
            ], markers: [])
        #expect(wide.usesLogScale)
        let svg = wide.svg()
        #expect(svg.contains("log scale"))
        for label in [">100<", ">1k<", ">10k<", ">100k<"] { #expect(svg.contains(label), "missing tick \(label)") }
        let narrow = ReachChart(
            samples: [ReachSample(time: 0, audience: 40_000), ReachSample(time: 600, audience: 90_000)], markers: [])
        #expect(!narrow.usesLogScale)
        #expect(narrow.svg().contains("linear scale"))
        #expect(!review.usesLogScaleForTest)
    }

    @Test("a chart with no reach still draws its markers and says so")
    func noReach() throws {
        let events = [
            Event(time: 1000, kind: .incidentOpened, incident: "4", message: "Opened."),
            Event(
                time: 1300, kind: .pageSent, incident: "4", message: "Paged.",
                details: JSONObject(pairs: ["manager": "a"])),
        ]
        let svg = ReachChart(review: IncidentReview.build(incident: "4", events: events)).svg()
        #expect(svg.contains("No reach was recorded"))
        #expect(count("class=\"marker marker-", in: svg) == 2)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(ReachChart(samples: [], markers: []).svg().contains("</svg>"))
    }
}

extension IncidentReview {
    fileprivate var usesLogScaleForTest: Bool { ReachChart(review: self).usesLogScale }
}
