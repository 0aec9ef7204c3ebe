/// What the author wants from the company (seed 000).
public enum RequestType: String, Codable, Sendable, Hashable, CaseIterable {
    /// A wish or an idea ("Please add dark mode").
    case suggestion
    /// A question about the product or the service.
    case question
    /// A problem with the product or the service.
    case problem
    /// Clear praise or thanks.
    case praise
}
