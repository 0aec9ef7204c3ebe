/// How a customer reacted to a problem (seed 002): in the heat of the moment or after thinking it over.
public enum ReactionKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// Emotional outburst ("капец!!!!! Как так-то????"): let them speak, then move to a private channel.
    case spontaneous
    /// Calm, detailed, factual complaint: the speed of a concrete answer matters most.
    case weighed
}
