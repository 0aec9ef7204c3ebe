import BacklashCore
import Foundation
import Testing

@Suite("replay and simulate: the taxi flashmob is caught early")
struct ReplayTests {
    @Test("the simulated taxi flashmob pages before the cascade reaches half its final size, names the manager, and says why")
    func taxiScenario() throws {
        let dir = try TestPaths.makeTemporaryDirectory("replay")
        let sim = try runProgram(TestPaths.backlashctl, ["simulate", "--scenario", "taxi", "--seed", "7",
            "--start", "2026-11-28T08:00:00Z"])
        #expect(sim.status == 0)
        let stream = dir.appendingPathComponent("taxi.ndjson")
        try sim.stdout.write(to: stream, atomically: true, encoding: .utf8)
        let config = dir.appendingPathComponent("b.yaml")
        try "managers:\n  - id: anna\n    name: \"Анна Петрова\"\n    aliases: [\"@apetrova\"]\n  - id: boris\n    name: Борис\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashctl, ["replay", stream.path, "--config", config.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let events = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let opened = try #require(events.first { $0["kind"] as? String == "incident.opened" && $0["root"] as? String == "twitter:taxi-root" })
        let incident = opened["incident"] as? String
        let firstPage = try #require(events.first { $0["kind"] as? String == "page.sent" && $0["incident"] as? String == incident })
        #expect(firstPage["manager"] as? String == "anna")
        #expect(events.contains { $0["kind"] as? String == "manager.named" && $0["manager"] as? String == "anna" })
        let reasons = opened["reasons"] as? [String] ?? []
        #expect(reasons.contains { $0.contains("followers") }, "\(reasons)")
        // Truth from the labels: when did the cascade reach half its final size?
        var shares: [Double] = []
        var final = 0
        for line in sim.stdout.split(separator: "\n") {
            guard let p = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let label = p["label"] as? [String: Any], label["role"] as? String == "reshare",
                label["scenario"] as? String == "taxi"
            else { continue }
            final = label["final_reshares"] as? Int ?? final
            shares.append(try #require(RFC3339.parse(p["created_at"] as? String ?? "")))
        }
        shares.sort()
        #expect(final > 20, "a real flashmob: \(final) reshares")
        let halfTime = shares[final / 2]
        let pagedAt = try #require(RFC3339.parse(firstPage["time"] as? String ?? ""))
        #expect(pagedAt < halfTime, "paged at \(pagedAt), the cascade was half its size at \(halfTime)")
        // Background complaints do not page anyone.
        let pagedIncidents = Set(events.filter { $0["kind"] as? String == "page.sent" }.compactMap { $0["incident"] as? String })
        #expect(pagedIncidents == [incident!], "only the flashmob pages: \(pagedIncidents)")
    }

    @Test("a copy-paste campaign from young empty accounts is flagged as coordinated, not hidden")
    func campaign() throws {
        let dir = try TestPaths.makeTemporaryDirectory("campaign")
        let sim = try runProgram(TestPaths.backlashctl, ["simulate", "--scenario", "campaign", "--start", "2026-11-28T08:00:00Z"])
        let stream = dir.appendingPathComponent("c.ndjson")
        try sim.stdout.write(to: stream, atomically: true, encoding: .utf8)
        let r = try runProgram(TestPaths.backlashctl, ["replay", stream.path, "--json"])
        #expect(r.stdout.contains(#""kind":"incident.coordinated""#), "\(r.stdout.prefix(2000))")
        #expect(r.stdout.contains(#""kind":"incident.opened""#))
    }
}
