import BacklashCore
import Foundation
import Testing

@Suite("post-incident reviews", .serialized)
struct ReviewTests {
    /// A finished taxi incident in a database: replayed, then acted on through the real daemon.
    static func finishedIncident() throws -> (dir: URL, database: String) {
        let dir = try TestPaths.makeTemporaryDirectory("review")
        let daemon = try RunningDaemon(directory: dir, config: WorkflowTests.config)
        _ = try IngestSocketTests.sendAll(WorkflowTests.taxiPosts().split(separator: "\n").map(String.init),
            to: daemon.ingestSocket)
        for args in [
            ["ack", "1"],
            ["reply", "1", "--channel", "public", "--text", "Согласно пользовательскому соглашению, так положено."],
            ["reply", "1", "--channel", "public", "--text",
             "Ольга, здравствуйте! Спасибо, что написали. Прошу прощения: рубль вернётся сразу после поездки, "
                + "а сегодня мы пришлём за вами машину бизнес-класса."],
            ["gesture", "propose", "1", "--kind", "car", "--value", "3500", "--currency", "RUB"],
            ["gesture", "approve", "1"], ["gesture", "dispatch", "1"], ["gesture", "deliver", "1"],
            ["note", "1", "--review", "Explain the 1-rouble hold in the app before the first ride"],
            ["close", "1", "--resolution", "apology and a business-class car", "--cause", "defect"],
        ] {
            _ = try ctl(daemon, args + ["--as", "anna"])
        }
        try daemon.stop()
        return (dir, daemon.database)
    }

    @Test("the review's figures match the event log in JSON, Markdown and HTML")
    func figures() throws {
        let (dir, db) = try Self.finishedIncident()
        let json = try runProgram(TestPaths.backlashctl, ["review", "1", "--format", "json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let review = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let figures = try #require(review["figures"] as? [String: Any])
        func time(_ kind: String) throws -> Double {
            let t = try Fixtures.sql(db, "SELECT min(time) FROM events WHERE incident = '1' AND kind = '\(kind)'")
            return try #require(Double(t))
        }
        let tta = try time("incident.acknowledged") - time("page.sent")
        let ack = try #require(figures.first { $0.key.contains("acknowledge") }?.value as? Double, "\(figures.keys)")
        #expect(abs(ack - tta) < 0.01, "TTA = ack − first page")
        let close = try #require(figures.first { $0.key.contains("resolve") || $0.key.contains("close") }?.value as? Double)
        #expect(abs(close - (try time("incident.closed") - time("incident.opened"))) < 0.01)
        let md = try runProgram(TestPaths.backlashctl, ["review", "1", "--format", "md", "--db", db])
        #expect(md.stdout.contains("Explain the 1-rouble hold"), "what we change")
        #expect(md.stdout.contains("legalese"), "the blocked reply with its finding")
        let html = dir.appendingPathComponent("review.html")
        let r = try runProgram(TestPaths.backlashctl, ["review", "1", "--format", "html", "--db", db, "--out", html.path])
        #expect(r.status == 0)
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<svg"))
        #expect(!page.contains("<script"))
    }

    @Test("the HTML review renders in headless Chromium without console errors, with one marker per marked event",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/chromium"), "scripts/test installs chromium"))
    func chromium() throws {
        let (dir, db) = try Self.finishedIncident()
        let html = dir.appendingPathComponent("review.html")
        _ = try runProgram(TestPaths.backlashctl, ["review", "1", "--format", "html", "--db", db, "--out", html.path])
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr",
            "--v=0", "--user-data-dir=\(dir.path)/chromium"]
        let dom = try runProgram("/usr/bin/chromium", flags + ["--dump-dom", "file://\(html.path)"])
        #expect(dom.status == 0, "\(dom.stderr.suffix(2000))")
        let markers = dom.stdout.components(separatedBy: "class=\"marker marker-").count - 1
        let expected = Int(try Fixtures.sql(db, """
            SELECT count(*) FROM events WHERE incident = '1' AND kind IN ('incident.opened', 'page.sent',
            'incident.acknowledged', 'reply.recorded', 'incident.closed') OR (incident = '1' AND kind LIKE 'gesture.%')
            """)) ?? -1
        #expect(markers == expected, "markers in the rendered DOM")
        #expect(!dom.stderr.contains("CONSOLE") || !dom.stderr.lowercased().contains("error"),
            "no console errors: \(dom.stderr.suffix(1000))")
        let shot = dir.appendingPathComponent("review.png")
        let s = try runProgram("/usr/bin/chromium", flags + ["--window-size=1100,1600", "--screenshot=\(shot.path)",
            "file://\(html.path)"])
        #expect(s.status == 0)
        let size = (try? FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
        #expect(size > 20_000, "a real screenshot (\(size) bytes)")
    }

    @Test("--from-journal rebuilds the same timeline as the database (a private journald for this test)")
    func fromJournal() throws {
        let dir = try TestPaths.makeTemporaryDirectory("fromjournal")
        let config = dir.appendingPathComponent("b.yaml")
        try WorkflowTests.config.write(to: config, atomically: true, encoding: .utf8)
        let posts = dir.appendingPathComponent("posts.ndjson")
        try (WorkflowTests.taxiPosts() + "\n").write(to: posts, atomically: true, encoding: .utf8)
        let script = TestPaths.packageRoot.appendingPathComponent("Tests/IntegrationTests/Fixtures/journal-review.sh").path
        let r = try runProgram("/usr/bin/env", ["-u", "BACKLASH_IN_JOURNALD_NS",
            TestPaths.packageRoot.appendingPathComponent("scripts/with-journald").path,
            script, TestPaths.binDirectory.path, dir.path, config.path, posts.path])
        #expect(r.status == 0, "\(r.stderr)")
        func kinds(_ name: String) throws -> [String] {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            let o = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (o?["timeline"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        }
        let a = try kinds("from-db.json"), b = try kinds("from-journal.json")
        #expect(a.count >= 5)
        #expect(a == b, "journal timeline \(b) vs database \(a)")
    }
}
