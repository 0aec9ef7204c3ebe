/// What the linter knows about the incident a reply answers.
public struct ReplyContext: Sendable, Equatable {
    /// The customer's name as they present themselves ("Анна", "Anna Petrova"); nil when unknown.
    public var customerName: String?
    /// Whether the incident is the company's fault; then the reply must apologise.
    public var ourFault: Bool
    /// The reply's language; nil detects it from the share of Cyrillic letters.
    public var language: ReplyLanguage?

    /// Creates a context; the defaults describe an unknown customer and an incident not marked as ours.
    public init(customerName: String? = nil, ourFault: Bool = false, language: ReplyLanguage? = nil) {
        self.customerName = customerName
        self.ourFault = ourFault
        self.language = language
    }
}
