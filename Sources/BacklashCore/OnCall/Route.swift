/// A routing rule: incidents matching its conditions escalate through its policy.
public struct Route: Sendable, Hashable {
    /// A label for logs and `backlashctl` (`coordinated campaigns`); nil when unnamed.
    public var name: String?
    /// The conditions.
    public var match: RouteMatch
    /// The escalation policy id used when the conditions hold.
    public var policyID: String

    /// A rule sending incidents that meet `match` to policy `policyID`.
    public init(name: String? = nil, match: RouteMatch, policyID: String) {
        self.name = name
        self.match = match
        self.policyID = policyID
    }
}
