import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs backlashctl with a socket and returns (status, stdout, stderr).
func ctl(_ daemon: RunningDaemon, _ args: [String], as user: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let full = args + ["--socket", daemon.controlSocket]
    if let user {
        return try runProgram("/usr/sbin/runuser", ["-u", user, "--", TestPaths.backlashctl] + full)
    }
    return try runProgram(TestPaths.backlashctl, full)
}

@Suite("the customer-care workflow through backlashctl", .serialized)
struct WorkflowTests {
    static let config = """
        managers:
          - id: anna
            name: "Анна Петрова"
            aliases: ["@apetrova"]
            unix_user: blt-anna
            approval_limit: 10000
          - id: boris
            name: "Борис Смирнов"
            unix_user: blt-boris
            approval_limit: 1000
        paths:
          state_directory: var
          inbox: var/inbox
          runtime_directory: var
        control:
          socket_mode: "0666"
        """

    static func taxiPosts() -> String {
        var lines = [#"{"platform":"twitter","id":"root","author":{"id":"olga","handle":"@olga","followers":120000},"text":"Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно???","created_at":"2026-11-28T08:00:00Z"}"#]
        for i in 1...12 {
            lines.append(#"{"platform":"twitter","id":"rt\#(i)","author":{"id":"u\#(i)","followers":300},"text":"RT","created_at":"2026-11-28T08:0\#(i % 10):00Z","repost_of":"root"}"#)
        }
        lines.append(#"{"platform":"twitter","id":"c1","author":{"id":"x","followers":50},"text":"Требуем ответа от Анны Петровой лично!","created_at":"2026-11-28T08:20:00Z","reply_to":"root"}"#)
        return lines.joined(separator: "\n")
    }

    @Test("the taxi story end to end, and journalctl BACKLASH_INCIDENT tells the same story in order")
    func taxiStory() throws {
        try requireJournald()
        let dir = try TestPaths.makeTemporaryDirectory("taxi")
        let daemon = try RunningDaemon(directory: dir, config: Self.config)
        _ = try IngestSocketTests.sendAll(Self.taxiPosts().split(separator: "\n").map(String.init), to: daemon.ingestSocket)
        let list = try ctl(daemon, ["incidents", "--json"])
        let incidents = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
        let incident = try #require(incidents.first, "an incident is open: \(list.stderr)")
        let id = "\(incident["id"]!)"
        #expect(incident["named_managers"] as? [String] == ["anna"])
        #expect(["high", "critical"].contains(incident["severity"] as? String ?? ""), "\(incident)")
        #expect((incident["reasons"] as? [String] ?? []).contains { $0.contains("120k followers") })
        #expect((incident["forecast"] as? [String: Any])?["reach"] != nil)
        for key in ["state", "portrait", "coordinated", "posts", "first_post_at", "acked_by"] {
            #expect(incident.keys.contains(key), "incidents --json has \(key)")
        }

        func act(_ args: [String], expect status: Int32 = 0) throws -> String {
            let r = try ctl(daemon, args + ["--as", "anna"])
            #expect(r.status == status, "\(args): \(r.stderr)")
            return r.stdout + r.stderr
        }
        _ = try act(["ack", id])
        let formal = try act(["reply", id, "--channel", "public", "--text",
            "Согласно пользовательскому соглашению, при оформлении заказа на карте блокируется 1 рубль."], expect: 1)
        #expect(formal.contains("legalese"))
        _ = try act(["reply", id, "--channel", "public", "--text",
            "Ольга, здравствуйте! Прошу прощения, что мы испортили ваше утро. Позвольте нам исправить ваш вечер: "
                + "рубль вернётся сразу после поездки, а сегодня мы пришлём за вами машину бизнес-класса. Спасибо, что написали нам."])
        _ = try act(["gesture", "propose", id, "--kind", "car", "--value", "3500", "--currency", "RUB", "--note", "business class"])
        _ = try act(["gesture", "propose", id, "--kind", "flowers", "--value", "2000", "--currency", "RUB"])
        for g in ["1", "2"] {
            for step in ["approve", "dispatch", "deliver"] { _ = try act(["gesture", step, g]) }
        }
        _ = try act(["promise", id, "--at", "+1h", "--text", "Позвонить вечером и убедиться, что всё хорошо"])
        let early = try act(["close", id, "--resolution", "car and flowers", "--cause", "defect"], expect: 1)
        #expect(early.contains("open promise"), "closing with an open promise is refused: \(early)")
        _ = try act(["promise-kept", "1"])
        _ = try act(["close", id, "--resolution", "apology, business-class car and flowers", "--cause", "defect"])

        let expected = [
            "incident.opened", "incident.escalated", "page.sent", "incident.acknowledged", "reply.blocked",
            "reply.recorded", "gesture.proposed", "gesture.proposed", "gesture.approved", "gesture.dispatched",
            "gesture.delivered", "gesture.approved", "gesture.dispatched", "gesture.delivered", "promise.recorded",
            "promise.kept", "incident.closed",
        ]
        var story: [String] = []
        try waitUntil("the journal holds the closing entry", timeout: 15, poll: 0.2) {
            story = try JournalReader.entries(["BACKLASH_INCIDENT=\(id)"])
                .filter { $0["MESSAGE"]?.contains(dir.path) == true || true }
                .sorted { Int($0["BACKLASH_SEQUENCE"] ?? "0")! < Int($1["BACKLASH_SEQUENCE"] ?? "0")! }
                .compactMap { $0["BACKLASH_EVENT"] }
            return story.contains("incident.closed")
        }
        // Other tests' incidents share the journal: keep this daemon's by its sequence range (it started empty).
        let ours = story.filter { expected.contains($0) || $0 == "incident.updated" || $0 == "manager.named" }
        var cursor = 0
        for kind in expected {
            guard let found = ours[cursor...].firstIndex(of: kind) else {
                Issue.record("the journal story lacks \(kind) after position \(cursor): \(ours)")
                break
            }
            cursor = found + 1
        }
        let show = try ctl(daemon, ["show", id, "--json"])
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(shown["state"] as? String == "closed")
        #expect(shown["cause"] as? String == "defect")
        try daemon.stop()
    }

    static func ensureUser(_ name: String) throws {
        if (try runProgram("/usr/bin/id", [name])).status == 0 { return }
        let r = try runProgram("/usr/sbin/useradd", ["-M", "-N", "-s", "/usr/sbin/nologin", name])
        try #require(r.status == 0, "useradd \(name): \(r.stderr)")
    }

    @Test("the control socket knows managers by their unix user; a stranger is refused and audited",
        .enabled(if: getuid() == 0, "creating users needs root (CI runs as root)"))
    func peerIdentity() throws {
        try Self.ensureUser("blt-anna")
        try Self.ensureUser("blt-boris")
        try Self.ensureUser("blt-eve")
        let dir = try TestPaths.makeTemporaryDirectory("peers")
        chmod(dir.path, 0o755)
        let daemon = try RunningDaemon(directory: dir, config: Self.config)
        _ = try IngestSocketTests.sendAll(Self.taxiPosts().split(separator: "\n").map(String.init), to: daemon.ingestSocket)
        let eve = try ctl(daemon, ["ack", "1"], as: "blt-eve")
        #expect(eve.status == 4, "a non-manager is refused with exit 4: \(eve.stderr)")
        #expect(eve.stderr.contains("not a configured manager"))
        let eveAs = try ctl(daemon, ["ack", "1", "--as", "anna"], as: "blt-eve")
        #expect(eveAs.status == 4, "--as is for root and the admin group")
        let read = try ctl(daemon, ["incidents"], as: "blt-eve")
        #expect(read.status == 0, "reading is open to whoever can reach the socket")
        let ack = try ctl(daemon, ["ack", "1"], as: "blt-anna")
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect(ack.stdout.contains("anna acknowledged #1"))
        let g = try ctl(daemon, ["gesture", "propose", "1", "--kind", "car", "--value", "3500", "--currency", "RUB"], as: "blt-boris")
        #expect(g.status == 0, "\(g.stderr)")
        let over = try ctl(daemon, ["gesture", "approve", "1"], as: "blt-boris")
        #expect(over.status == 4, "3500 is over boris's 1000 limit: \(over.stderr)")
        #expect(try ctl(daemon, ["gesture", "approve", "1"], as: "blt-anna").status == 0)
        let illegal = try ctl(daemon, ["gesture", "deliver", "1"], as: "blt-anna")
        #expect(illegal.status == 1)
        #expect(illegal.stderr.contains("approved; it cannot be delivered"))
        #expect(try Fixtures.sql(daemon.database, "SELECT actor FROM events WHERE kind = 'incident.acknowledged'") == "anna")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM events WHERE kind = 'control.refused'") == "2")
        #expect(try Fixtures.sql(daemon.database, "SELECT state FROM gestures WHERE id = 1") == "approved")
        try daemon.stop()
    }
}
