import BacklashCore
import Foundation
import Testing
import Yams

@testable import BacklashDaemon

@Suite("reading schedules, policies and routes from the config")
struct ConfigReaderOnCallTests {
    struct Sections {
        var schedules: [OnCallSchedule] = []
        var policies: [EscalationPolicy] = []
        var routes = RoutingTable()
        var issues: [ConfigIssue] = []
    }

    /// Reads the on-call sections the way the daemon's root reader does, then checks the references.
    func read(_ yaml: String) throws -> Sections {
        let root = try #require(try Yams.compose(yaml: yaml))
        guard case .mapping(let mapping) = root else {
            Issue.record("fixture is not a mapping")
            return Sections()
        }
        var reader = ConfigReader(file: "backlash.yaml", directory: "/etc/backlash")
        var sections = Sections()
        var managers: [String] = []
        var nodes: [String: Node] = [:]
        for (key, value) in mapping {
            switch key.string {
            case "managers": managers = reader.readManagers(value).map(\.id)
            case "schedules": sections.schedules = reader.readSchedules(value)
            case "policies": sections.policies = reader.readPolicies(value)
            case "routes": sections.routes = reader.readRoutes(value)
            default: Issue.record("unexpected key in fixture")
            }
            if let name = key.string { nodes[name] = value }
        }
        reader.validateReferences(
            managers: managers, schedules: nodes["schedules"], policies: nodes["policies"], routes: nodes["routes"])
        sections.issues = reader.issues
        return sections
    }

    /// The 1-based line and column where `needle` first appears in `text`.
    func position(of needle: String, in text: String) -> (line: Int, column: Int) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: needle) {
                return (index + 1, line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        Issue.record("\(needle) is not in the fixture")
        return (0, 0)
    }

    /// Expects exactly one issue, at `needle`, whose message mentions every one of `words`.
    func expectOneIssue(_ yaml: String, at needle: String, mentioning words: [String]) throws {
        let issues = try read(yaml).issues
        #expect(issues.count == 1, "\(issues)")
        guard let issue = issues.first else { return }
        let expected = position(of: needle, in: yaml)
        #expect(issue.line == expected.line && issue.column == expected.column, "\(issue)")
        for word in words { #expect(issue.message.contains(word), "\(issue.message)") }
        #expect(issue.description.hasPrefix("backlash.yaml:\(expected.line):\(expected.column): "))
    }

    static let managers = """
        managers:
          - id: anna
            name: Анна Петрова
          - id: boris
            name: Борис
          - id: vera
            name: Вера

        """

    static let valid = managers + """
        schedules:
          - id: care-leads
            timezone: Europe/Moscow
            rotation:
              type: weekly
              hand_off_day: monday
              hand_off_time: "10:00"
              start: 2026-01-05
              members: [anna, boris, vera]
            overrides:
              - member: vera
                from: 2026-03-09 08:00
                until: "2026-03-10T20:00:00+03:00"
        policies:
          - id: standard
            repeat: 2
            steps:
              - schedules: [care-leads]
                wait: 5m
              - managers: [anna]
                everyone: true
                wait: 15m
        routes:
          default: standard
          rules:
            - name: coordinated campaigns
              match: {coordinated: true}
              policy: default
            - match: {min_severity: high, platform: [vk, telegram], channel: [post, review], portrait: high-roller}
              policy: standard
        """

    @Test("the documented example reads without issues into schedules, policies and routes that work")
    func validExample() throws {
        let sections = try read(Self.valid)
        #expect(sections.issues.isEmpty, "\(sections.issues)")

        let schedule = try #require(sections.schedules.first)
        #expect(schedule.id == "care-leads")
        #expect(schedule.timeZone.identifier == "Europe/Moscow")
        #expect(schedule.rotation?.cadence == .weekly(.monday))
        #expect(schedule.rotation?.members == ["anna", "boris", "vera"])
        #expect(schedule.onCall(at: RFC3339.parse("2026-01-12T10:00:00+03:00")!) == "boris")
        let override = try #require(schedule.overrides.first)
        #expect(override.start == RFC3339.parse("2026-03-09T05:00:00Z"))
        #expect(override.end == RFC3339.parse("2026-03-10T17:00:00Z"))

        let policy = try #require(sections.policies.first)
        #expect(policy.id == "standard")
        #expect(policy.repeats == 2)
        #expect(policy.steps.map(\.targets) == [[.schedule("care-leads")], [.manager("anna"), .everyone]])
        #expect(policy.steps.map(\.waitSeconds) == [300, 900])

        #expect(sections.routes.defaultPolicyID == "standard")
        #expect(sections.routes.routes.map(\.policyID) == ["default", "standard"])
        let loud = IncidentTraits(severity: "critical", platforms: ["vk"], channels: ["review"], portrait: "high-roller")
        #expect(sections.routes.policyID(for: loud) == "standard")
        #expect(sections.routes.policyID(for: IncidentTraits(severity: "low")) == "standard")
        #expect(sections.routes.policyID(for: IncidentTraits(severity: "low", coordinated: true)) == "default")
    }

    @Test("a rotation naming someone who is not a manager is reported at that name")
    func unknownManagerInRotation() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Europe/Moscow
                rotation: {type: daily, hand_off_time: "09:00", start: 2026-01-05, members: [anna, olga]}
            """
        try expectOneIssue(yaml, at: "olga", mentioning: ["schedules[0].rotation.members[1]", "\"olga\"", "managers:"])
    }

    @Test("a hand-off day that is not a weekday is reported at its value")
    func badWeekday() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Europe/Moscow
                rotation:
                  type: weekly
                  hand_off_day: funday
                  hand_off_time: "10:00"
                  start: 2026-01-05
                  members: [anna]
            """
        try expectOneIssue(yaml, at: "funday", mentioning: ["hand_off_day", "\"funday\"", "monday"])
    }

    @Test("a hand-off time of 25:00 is reported at its value")
    func badTime() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Europe/Moscow
                rotation:
                  type: daily
                  hand_off_time: "25:00"
                  start: 2026-01-05
                  members: [anna]
            """
        try expectOneIssue(yaml, at: "\"25:00\"", mentioning: ["hand_off_time", "25:00", "HH:MM"])
    }

    @Test("a route naming an undefined policy is reported at that name, with a suggestion")
    func unknownPolicyInRoute() throws {
        let yaml = Self.managers + """
            policies:
              - id: urgent
                steps:
                  - everyone: true
            routes:
              rules:
                - match: {min_severity: high}
                  policy: urgnet
            """
        try expectOneIssue(yaml, at: "urgnet", mentioning: ["routes.rules[0].policy", "\"urgnet\"", "`urgent`"])
    }

    @Test("a time zone that is not an IANA name is reported at its value")
    func badTimeZone() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Moscow/Kremlin
                rotation: {type: daily, hand_off_time: "09:00", start: 2026-01-05, members: [anna]}
            """
        try expectOneIssue(yaml, at: "Moscow/Kremlin", mentioning: ["timezone", "IANA", "Europe/Moscow"])
        let misspelt = yaml.replacingOccurrences(of: "Moscow/Kremlin", with: "Europe/Moskow")
        try expectOneIssue(misspelt, at: "Europe/Moskow", mentioning: ["did you mean `Europe/Moscow`?"])
    }

    @Test("a policy step naming an undefined schedule is reported at that name")
    func unknownScheduleInStep() throws {
        let yaml = Self.managers + """
            policies:
              - id: standard
                steps:
                  - schedules: [nights]
            """
        try expectOneIssue(yaml, at: "nights", mentioning: ["policies[0].steps[0].schedules[0]", "none are defined"])
    }

    @Test("an override that ends before it starts is reported at its end")
    func overrideEndsBeforeStart() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Europe/Moscow
                overrides:
                  - {member: vera, from: 2026-03-10 08:00, until: 2026-03-09 08:00}
            """
        try expectOneIssue(yaml, at: "2026-03-09 08:00", mentioning: ["until", "after `from`"])
    }

    @Test("a rule that matches everything before other rules is reported, since they could never apply")
    func unreachableRules() throws {
        let yaml = Self.managers + """
            routes:
              rules:
                - policy: default
                - match: {coordinated: true}
                  policy: default
            """
        try expectOneIssue(yaml, at: "policy: default", mentioning: ["routes.rules[0]", "never apply"])
    }

    @Test("a misspelt channel is reported with the closest known one")
    func unknownChannel() throws {
        let yaml = Self.managers + """
            routes:
              rules:
                - match: {channel: [post, reveiw]}
                  policy: default
            """
        try expectOneIssue(yaml, at: "reveiw", mentioning: ["\"reveiw\"", "`review`"])
    }

    @Test("every problem in one file is reported, not just the first")
    func allProblems() throws {
        let yaml = Self.managers + """
            schedules:
              - id: care-leads
                timezone: Mars/Base
                rotation: {type: weekly, hand_off_day: someday, hand_off_time: "24:61", start: 2026-02-30, members: [x]}
            policies:
              - id: standard
                repeat: many
                steps: []
            """
        let issues = try read(yaml).issues
        #expect(issues.count == 7, "\(issues.map(\.description).joined(separator: "\n"))")
        let rotation = ".rotation."
        for path in [
            ".timezone`", rotation + "hand_off_day", rotation + "hand_off_time", rotation + "start", "members[0]",
            ".repeat`", ".steps`",
        ] {
            #expect(issues.contains { $0.message.contains(path) }, "no issue about \(path)")
        }
    }
}
