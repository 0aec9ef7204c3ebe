/// Picks the escalation policy for an incident: the first matching route wins, else the default policy.
public struct RoutingTable: Sendable, Hashable {
    /// Rules in priority order.
    public var routes: [Route]
    /// The policy for incidents no route matches.
    public var defaultPolicyID: String

    /// A table of `routes` falling back to `defaultPolicyID`.
    public init(routes: [Route] = [], defaultPolicyID: String = EscalationPolicy.defaultID) {
        self.routes = routes
        self.defaultPolicyID = defaultPolicyID
    }

    /// No rules: every incident uses the default policy.
    public static let embeddedDefault = RoutingTable()

    /// The first route whose conditions the incident meets; nil when it falls to the default.
    public func route(for traits: IncidentTraits) -> Route? {
        routes.first { $0.match.matches(traits) }
    }

    /// The escalation policy id for an incident.
    public func policyID(for traits: IncidentTraits) -> String {
        route(for: traits)?.policyID ?? defaultPolicyID
    }
}
