import Foundation
import Testing

@Suite("backlashctl report --since against the daemon's event log", .serialized)
struct ReportCommandTests {
    /// A second grievance on another platform that nobody acknowledges.
    static let courierPost = #"{"platform":"vk","id":"900","author":{"id":"mark","handle":"@mark","followers":250000},"#
        + #""text":"Курьер разбил мой заказ и три дня не возвращает деньги!!! Позор!!!","#
        + #""created_at":"2026-11-28T10:00:00Z"}"#

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// `SELECT` of one number from the daemon's database.
    static func number(_ daemon: RunningDaemon, _ query: String) throws -> Double {
        let text = try Fixtures.sql(daemon.database, query)
        return try #require(Double(text), "\(query) gave \(text)")
    }

    @Test("report --since: causes, platforms, portraits, MTTA/MTTR, spend, worst and load equal the events")
    func figuresMatchEvents() throws {
        let dir = try TestPaths.makeTemporaryDirectory("report")
        let daemon = try RunningDaemon(directory: dir, config: WorkflowTests.config)
        _ = try IngestSocketTests.sendAll(WorkflowTests.taxiPosts().split(separator: "\n").map(String.init),
            to: daemon.ingestSocket)
        _ = try IngestSocketTests.sendAll([Self.courierPost], to: daemon.ingestSocket)
        try daemon.settle()
        try #require(try Fixtures.sql(daemon.database, "SELECT group_concat(id) FROM incidents") == "1,2",
            "the taxi and the courier stories are two incidents")
        func act(_ args: [String]) throws {
            let r = try ctl(daemon, args + ["--as", "anna"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        try act(["ack", "1"])
        try act(["reply", "1", "--channel", "public", "--text",
            "Ольга, здравствуйте! Простите нас: рубль вернётся сразу после поездки, а сегодня за вами приедет машина."])
        try act(["gesture", "propose", "1", "--kind", "car", "--value", "3500", "--currency", "RUB"])
        for step in ["approve", "dispatch", "deliver"] { try act(["gesture", step, "1"]) }
        try act(["close", "1", "--resolution", "apology and a car", "--cause", "defect"])

        let r = try ctl(daemon, ["report", "--since", "1h", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r.stdout)
        func counts(_ key: String) -> [String: Int] {
            let items = report[key] as? [[String: Any]] ?? []
            return Dictionary(
                uniqueKeysWithValues: items.map { ($0["key"] as? String ?? "?", $0["count"] as? Int ?? -1) })
        }
        let incidents = report["incidents"] as? [[String: Any]] ?? []
        #expect(incidents.map { $0["id"] as? String } == ["1", "2"])
        #expect(counts("by_cause") == ["defect": 1, "open": 1])
        #expect(counts("by_platform") == ["twitter": 1, "vk": 1])
        var portraits: [String: Int] = [:]
        for id in ["1", "2"] {
            let shown = try Self.json(try ctl(daemon, ["show", id, "--json"]).stdout)
            portraits[shown["portrait"] as? String ?? "unknown", default: 0] += 1
        }
        #expect(counts("by_portrait") == portraits, "the incidents' portraits as `show` reports them")

        // MTTA: first page to first acknowledgement; MTTR: opening to closing — read straight from the events.
        let tta = try Self.number(daemon, """
            SELECT (SELECT min(time) FROM events WHERE incident = '1' AND kind = 'incident.acknowledged')
                - (SELECT min(time) FROM events WHERE incident = '1' AND kind = 'page.sent')
            """)
        let ttr = try Self.number(daemon, """
            SELECT (SELECT time FROM events WHERE incident = '1' AND kind = 'incident.closed')
                - (SELECT time FROM events WHERE incident = '1' AND kind = 'incident.opened')
            """)
        let mtta = report["time_to_acknowledge"] as? [String: Any] ?? [:]
        let mttr = report["time_to_resolve"] as? [String: Any] ?? [:]
        #expect(mtta["count"] as? Int == 1, "only incident 1 was acknowledged")
        #expect(abs((mtta["p50"] as? Double ?? -1) - tta) < 0.01, "\(mtta) vs \(tta)")
        #expect(abs((mtta["max"] as? Double ?? -1) - tta) < 0.01)
        #expect(mttr["count"] as? Int == 1)
        #expect(abs((mttr["p90"] as? Double ?? -1) - ttr) < 0.01, "\(mttr) vs \(ttr)")

        let spend = report["gesture_spend"] as? [[String: Any]] ?? []
        #expect(spend.count == 1 && spend.first?["currency"] as? String == "RUB"
            && spend.first?["value"] as? Double == 3500, "\(spend)")
        // Worst first: by peak severity, then by the largest audience an assessment event reported.
        let ranked = try Fixtures.sql(daemon.database, """
            SELECT group_concat(id) FROM (SELECT i.id FROM incidents i ORDER BY i.peak_severity DESC,
                (SELECT max(json_extract(e.details, '$.audience')) FROM events e WHERE e.incident = CAST(i.id AS TEXT))
                DESC, i.id)
            """)
        #expect(report["worst"] as? [String] == ranked.split(separator: ",").map(String.init))

        let load = report["manager_load"] as? [[String: Any]] ?? []
        for manager in ["anna", "boris"] {
            let line = load.first { $0["manager"] as? String == manager }
            let pages = Int(try Self.number(daemon, """
                SELECT count(*) FROM events
                WHERE kind = 'page.sent' AND json_extract(details, '$.manager') = '\(manager)'
                """))
            let acks = Int(try Self.number(daemon, """
                SELECT count(*) FROM events WHERE kind = 'incident.acknowledged' AND actor = '\(manager)'
                """))
            let replies = Int(try Self.number(daemon, """
                SELECT count(*) FROM events WHERE kind = 'reply.recorded' AND actor = '\(manager)'
                """))
            #expect((line?["pages"] as? Int ?? 0) == pages, "\(manager): \(String(describing: line))")
            #expect((line?["acks"] as? Int ?? 0) == acks)
            #expect((line?["replies"] as? Int ?? 0) == replies)
        }
        #expect(load.first?["manager"] as? String == "anna", "the busiest first: \(load)")

        // A period that ends before anything happened holds nothing.
        Thread.sleep(forTimeInterval: 2.5)
        let quiet = try Self.json(try ctl(daemon, ["report", "--since", "2s", "--json"]).stdout)
        #expect((quiet["incidents"] as? [Any])?.isEmpty == true)
        #expect(quiet["time_to_acknowledge"] is NSNull)
        #expect((quiet["manager_load"] as? [Any])?.isEmpty == true)
        try daemon.stop()
    }
}
