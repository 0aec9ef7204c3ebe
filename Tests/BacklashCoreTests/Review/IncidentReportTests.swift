import Foundation
import Testing

@testable import BacklashCore

@Suite struct IncidentReportTests {
    let log = TaxiStoryLog.events
    let wholeDay = (since: TaxiStoryLog.at("00:00:00"), until: TaxiStoryLog.at("00:00:00", day: 13))

    /// A small incident: opened, paged, acknowledged after `ack` seconds, closed after `close` seconds.
    static func incident(
        _ id: String, at start: Double, severity: String, audience: Int, cause: String?, platform: String = "vk",
        portrait: String = "ordinary", ack: Double? = nil, close: Double? = nil
    ) -> [Event] {
        var events = [
            Event(
                time: start, kind: .incidentOpened, incident: id, message: "Incident \(id) opened.",
                details: JSONObject(pairs: [
                    "severity": .string(severity), "audience": JSONValue(audience), "platform": .string(platform),
                    "portrait": .string(portrait),
                ])),
            Event(
                time: start + 60, kind: .pageSent, incident: id, message: "Paged ivan.",
                details: JSONObject(pairs: ["manager": "ivan", "channel": "email"])),
        ]
        if let ack {
            events.append(
                Event(
                    time: start + 60 + ack, kind: .incidentAcknowledged, incident: id, actor: "ivan",
                    message: "Acknowledged.", details: JSONObject(pairs: ["manager": "ivan"])))
        }
        if let close, let cause {
            events.append(
                Event(
                    time: start + close, kind: .incidentClosed, incident: id, actor: "ivan", message: "Closed.",
                    details: JSONObject(pairs: ["cause": .string(cause), "resolution": "Fixed."])))
        }
        return events
    }

    @Test("the report covers incidents with activity in the period and reviews them from all their events")
    func periodSelection() {
        let evening = IncidentReport.build(
            events: log, since: TaxiStoryLog.at("19:00:00"), until: TaxiStoryLog.at("20:00:00"))
        #expect(evening.incidents.map(\.incident) == [TaxiStoryLog.incident])
        let tta = TaxiStoryLog.first(.incidentAcknowledged).time - TaxiStoryLog.first(.pageSent).time
        #expect(evening.timeToAcknowledge?.p50 == tta)
        let night = IncidentReport.build(
            events: log, since: TaxiStoryLog.at("21:00:00"), until: TaxiStoryLog.at("23:00:00"))
        #expect(night.incidents.isEmpty)
        #expect(night.timeToAcknowledge == nil)
        #expect(night.managerLoad.isEmpty)
    }

    @Test("gesture spend counts gestures delivered inside the period only")
    func spendInPeriod() {
        let delivered = TaxiStoryLog.ownEvents.filter { $0.kind == .gestureDelivered }
        let firstOnly = IncidentReport.build(
            events: log, since: TaxiStoryLog.at("18:45:00"), until: delivered[1].time)
        #expect(
            firstOnly.gestureSpend == [
                ReviewFigures.Amount(currency: "RUB", value: delivered[0].details["value"]!.doubleValue!)
            ])
        let day = IncidentReport.build(events: log, since: wholeDay.since, until: wholeDay.until)
        #expect(
            day.gestureSpend.map(\.value) == [delivered.compactMap { $0.details["value"]?.doubleValue }.reduce(0, +)])
    }

    @Test("incidents are counted by root cause, platform and portrait")
    func counts() {
        let day = IncidentReport.build(events: log, since: wholeDay.since, until: wholeDay.until)
        #expect(day.byCause == [.init(key: "open", count: 1), .init(key: "terms", count: 1)])
        #expect(day.byPlatform == [.init(key: "telegram", count: 1), .init(key: "vk", count: 1)])
        #expect(day.byPortrait == [.init(key: "high-roller", count: 1), .init(key: "meek", count: 1)])
    }

    @Test("MTTA and MTTR percentiles summarise the incidents' own figures")
    func percentiles() {
        var events: [Event] = []
        for (i, ack) in [60.0, 120, 240, 480, 960].enumerated() {
            events += Self.incident(
                "\(i)", at: 1000 + Double(i) * 10_000, severity: "high", audience: 100, cause: "defect", ack: ack,
                close: ack * 10)
        }
        let report = IncidentReport.build(events: events, since: 0, until: 1e6)
        let reviews = report.incidents
        #expect(report.timeToAcknowledge == DurationPercentiles(reviews.compactMap(\.figures.timeToAcknowledge)))
        #expect(report.timeToAcknowledge?.p50 == 240)
        #expect(report.timeToAcknowledge?.max == 960)
        #expect(report.timeToResolve?.p90 == 9600)
        #expect(report.byCause == [.init(key: "defect", count: 5)])
    }

    @Test("the worst five are ranked by peak severity, then by reach")
    func worstFive() {
        var events: [Event] = []
        let cases: [(String, String, Int)] = [
            ("a", "low", 9_000_000), ("b", "critical", 1_000), ("c", "high", 50_000), ("d", "critical", 80_000),
            ("e", "medium", 10), ("f", "high", 70_000), ("g", "info", 1),
        ]
        for (i, (id, severity, audience)) in cases.enumerated() {
            events += Self.incident(id, at: Double(i) * 100, severity: severity, audience: audience, cause: nil)
        }
        let report = IncidentReport.build(events: events, since: 0, until: 10_000)
        #expect(report.worst.map(\.incident) == ["d", "b", "f", "c", "e"])
        #expect(report.incidents.count == 7)
    }

    @Test("managers' load counts pages received, acknowledgements and recorded replies in the period")
    func managersLoad() {
        let day = IncidentReport.build(events: log, since: wholeDay.since, until: wholeDay.until)
        for manager in ["anna", "ivan"] {
            let load = day.managerLoad.first { $0.manager == manager }
            #expect(load?.pages == log.count { $0.kind == .pageSent && $0.details["manager"]?.stringValue == manager })
            #expect(load?.acks == log.count { $0.kind == .incidentAcknowledged && $0.actor == manager })
            #expect(load?.replies == log.count { $0.kind == .replyRecorded && $0.actor == manager })
        }
        #expect(day.managerLoad.first?.manager == "anna")
    }

    @Test("the report renders as an aligned text table, Markdown and parseable JSON")
    func rendering() throws {
        let day = IncidentReport.build(events: log, since: wholeDay.since, until: wholeDay.until)
        let tta = try #require(day.timeToAcknowledge)
        let text = ReportRenderer().text(day)
        let ttaLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("Time to acknowledge") })
        #expect(ttaLine.contains(DurationText.format(tta.p50)))
        let loadLines = text.components(separatedBy: "Managers' load\n")[1].split(separator: "\n")
        #expect(Set(loadLines.map(\.count)).count == 1, "the load table's rows are not aligned:\n\(loadLines)")

        let md = ReportRenderer().markdown(day)
        #expect(md.contains("## Worst incidents"))
        #expect(md.contains("| Time to acknowledge | \(DurationText.format(tta.p50)) |"))
        #expect(md.contains("&lt;script&gt;"))

        let json = try #require(try JSONParser().parse(ReportRenderer().json(day)).objectValue)
        #expect(json["format"]?.stringValue == ReportRenderer.format)
        #expect(json["time_to_acknowledge"]?.objectValue?["p50"]?.doubleValue == tta.p50)
        #expect(json["worst"] == .array(day.worst.map { .string($0.incident) }))
        guard case .array(let incidents)? = json["incidents"] else {
            Issue.record("incidents is not an array")
            return
        }
        #expect(incidents.count == day.incidents.count)
    }
}
