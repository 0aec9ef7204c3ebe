import Foundation
import Testing

@testable import BacklashCore

@Suite struct ReviewJSONRendererTests {
    let review = IncidentReview.build(incident: TaxiStoryLog.incident, events: TaxiStoryLog.events)

    func parsed(_ review: IncidentReview) throws -> JSONObject {
        let text = ReviewJSONRenderer().render(review)
        return try #require(try JSONParser().parse(text).objectValue)
    }

    func at(_ value: JSONValue?, _ path: String...) -> JSONValue? {
        var current = value
        for step in path {
            if let index = Int(step), case .array(let items)? = current {
                current = index < items.count ? items[index] : nil
            } else {
                current = current?.objectValue?[step]
            }
        }
        return current
    }

    @Test("the JSON has the documented top-level keys in a fixed order")
    func topLevelKeys() throws {
        let json = try parsed(review)
        #expect(
            json.keys == [
                "format", "incident", "figures", "timeline", "pages", "replies", "gestures", "promises", "reach",
                "playbook", "actions", "what_we_change",
            ])
        #expect(json["format"]?.stringValue == ReviewJSONRenderer.format)
    }

    @Test("figures are seconds computed from the events")
    func figuresInSeconds() throws {
        let json = JSONValue.object(try parsed(review))
        let opened = TaxiStoryLog.first(.incidentOpened).time
        let tta = TaxiStoryLog.first(.incidentAcknowledged).time - TaxiStoryLog.first(.pageSent).time
        #expect(at(json, "figures", "time_to_acknowledge")?.doubleValue == tta)
        #expect(
            at(json, "figures", "time_to_resolve")?.doubleValue == TaxiStoryLog.first(.incidentClosed).time - opened)
        #expect(
            at(json, "figures", "time_to_first_public_reply")?.doubleValue
                == TaxiStoryLog.first(.replyRecorded).time - opened)
        #expect(at(json, "figures", "pages_sent")?.int64Value == 2)
        #expect(at(json, "figures", "pages_failed")?.int64Value == 1)
        #expect(at(json, "figures", "promises_kept")?.int64Value == 1)
        #expect(at(json, "figures", "gesture_cost", "0", "currency")?.stringValue == "RUB")
        let delivered = TaxiStoryLog.ownEvents.filter { $0.kind == .gestureDelivered }
        let cost = delivered.compactMap { $0.details["value"]?.doubleValue }.reduce(0, +)
        #expect(at(json, "figures", "gesture_cost", "0", "value")?.doubleValue == cost)
    }

    @Test("absent figures are null, not missing")
    func absentFiguresAreNull() throws {
        let early = TaxiStoryLog.ownEvents.prefix { $0.kind != .incidentAcknowledged }
        let json = JSONValue.object(
            try parsed(IncidentReview.build(incident: TaxiStoryLog.incident, events: Array(early))))
        #expect(at(json, "figures", "time_to_acknowledge") == .null)
        #expect(at(json, "figures", "time_to_resolve") == .null)
        #expect(at(json, "incident", "closed_at") == .null)
        #expect(at(json, "incident", "state")?.stringValue == "open")
    }

    @Test("timeline, replies with findings, gestures, promises and lessons are all there")
    func sections() throws {
        let json = JSONValue.object(try parsed(review))
        guard case .array(let timeline)? = at(json, "timeline") else {
            Issue.record("timeline is not an array")
            return
        }
        #expect(timeline.count == TaxiStoryLog.ownEvents.count)
        #expect(timeline.compactMap { at($0, "kind")?.stringValue } == TaxiStoryLog.ownEvents.map(\.kind.rawValue))
        #expect(at(json, "replies", "0", "status")?.stringValue == "blocked")
        #expect(at(json, "replies", "0", "findings", "0", "rule")?.stringValue == "legalese")
        #expect(
            at(json, "replies", "0", "findings", "0", "span", "end")?.int64Value
                == Int64(TaxiStoryLog.legalesePhrase.unicodeScalars.count))
        #expect(at(json, "replies", "1", "status")?.stringValue == "recorded")
        #expect(at(json, "gestures", "2", "id")?.stringValue == "g3")
        #expect(at(json, "gestures", "2", "delivered") == .bool(false))
        #expect(at(json, "gestures", "0", "steps", "3", "step")?.stringValue == "delivered")
        #expect(at(json, "promises", "0", "outcome")?.stringValue == "kept")
        #expect(at(json, "what_we_change", "0", "text")?.stringValue == TaxiStoryLog.lessonText)
        #expect(at(json, "pages", "by_recipient", "1", "failed")?.int64Value == 1)
        #expect(at(json, "reach", "samples", "2", "forecast", "high") == .null)
        #expect(at(json, "playbook", "response_mode")?.stringValue == "public-then-private")
        #expect(at(json, "incident", "title")?.stringValue?.contains("<script>") == true)
    }

    @Test("the same events always give byte-identical JSON")
    func stable() {
        var events = TaxiStoryLog.events
        events.append(
            Event(
                time: TaxiStoryLog.at("19:05:00"), kind: .gestureDelivered, incident: TaxiStoryLog.incident,
                message: "Refund delivered.",
                details: JSONObject(pairs: ["gesture": "g9", "kind": "refund", "value": 1, "currency": "EUR"])))
        let first = ReviewJSONRenderer().render(IncidentReview.build(incident: TaxiStoryLog.incident, events: events))
        let second = ReviewJSONRenderer().render(IncidentReview.build(incident: TaxiStoryLog.incident, events: events))
        #expect(first == second)
        #expect(first.range(of: "\"EUR\"")!.lowerBound < first.range(of: "\"RUB\"")!.lowerBound)
        #expect(first.hasSuffix("}\n"))
    }
}
