import Testing

@testable import BacklashCore

@Suite("routing incidents to escalation policies")
struct RoutingTableTests {
    let table = RoutingTable(
        routes: [
            Route(name: "campaigns", match: RouteMatch(coordinated: true), policyID: "pr-team"),
            Route(match: RouteMatch(minimumSeverity: .high, platforms: ["VK", "telegram"]), policyID: "urgent"),
            Route(match: RouteMatch(channels: ["review"], portraits: ["troll"]), policyID: "slow"),
            Route(match: RouteMatch(topics: ["payment-hold"]), policyID: "payments"),
        ],
        defaultPolicyID: "standard")

    @Test("the first matching route wins, in the order written")
    func firstMatchWins() {
        let both = IncidentTraits(severity: "critical", platforms: ["vk"], coordinated: true)
        #expect(table.policyID(for: both) == "pr-team")
        #expect(table.route(for: both)?.name == "campaigns")
    }

    @Test("a minimum severity matches that level and above only")
    func minimumSeverity() {
        #expect(table.policyID(for: IncidentTraits(severity: "high", platforms: ["vk"])) == "urgent")
        #expect(table.policyID(for: IncidentTraits(severity: "Critical", platforms: ["telegram"])) == "urgent")
        #expect(table.policyID(for: IncidentTraits(severity: "medium", platforms: ["vk"])) == "standard")
        #expect(table.policyID(for: IncidentTraits(severity: "apocalyptic", platforms: ["vk"])) == "standard")
        #expect(RouteSeverity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
    }

    @Test("list conditions match any shared value, ignoring letter case, and every condition must hold")
    func anyOfConditions() {
        #expect(table.policyID(for: IncidentTraits(severity: "high", platforms: ["x", "VK"])) == "urgent")
        #expect(table.policyID(for: IncidentTraits(severity: "high", platforms: ["x"])) == "standard")
        let trollReview = IncidentTraits(severity: "low", channels: ["review"], portrait: "Troll")
        #expect(table.policyID(for: trollReview) == "slow")
        let noPortrait = IncidentTraits(severity: "low", channels: ["review"])
        #expect(table.policyID(for: noPortrait) == "standard")
        #expect(table.policyID(for: IncidentTraits(severity: "info", topics: ["payment-hold"])) == "payments")
    }

    @Test("with no routes every incident uses the embedded default policy")
    func emptyTable() {
        let traits = IncidentTraits(severity: "critical", coordinated: true)
        #expect(RoutingTable.embeddedDefault.policyID(for: traits) == EscalationPolicy.defaultID)
        #expect(RouteMatch().matchesEverything)
        #expect(!RouteMatch(coordinated: false).matchesEverything)
    }
}
