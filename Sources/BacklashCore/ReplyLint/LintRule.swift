/// A rule of a good reply to an angry customer (DOMAIN.md "A good reply"), with a stable kebab-case id.
public enum LintRule: String, Sendable, Codable, CaseIterable {
    /// A canned, robotic script ("К сожалению, на данный момент такой возможности нет", seed 000).
    case cannedScript = "canned-script"
    /// Contract language ("Согласно пользовательскому соглашению", "As per our terms", seed 003).
    case legalese
    /// Blaming the customer ("вы сами", "надо было читать", "you should have read", seeds 001, 003).
    case blamesCustomer = "blames-customer"
    /// A gesture handed over without attention ("Вот вам купон…, до свидания!", seed 003).
    case gestureWithoutAttention = "gesture-without-attention"
    /// Focus on the company's feelings ("Нам бы хотелось", "Нам очень жаль", "we value", seed 003).
    case companyCentric = "company-centric"
    /// Denying or deflecting the problem ("не наша вина", "not our fault", seeds 003, 004).
    case deniesResponsibility = "denies-responsibility"
    /// Addressing a category instead of a person ("Уважаемый клиент", "Dear customer", seed 001).
    case impersonalAddress = "impersonal-address"
    /// Too much emotion: runs of "!!" or "???", words in capitals (seed 001).
    case excessEmotion = "excess-emotion"
    /// The reply does not open with a greeting (seed 001, step 1).
    case noGreeting = "no-greeting"
    /// The reply does not use the customer's name although it is known (seed 001, step 1).
    case noName = "no-name"
    /// The reply does not thank the customer (seed 001, step 2; L.A.S.T. "Thank").
    case noThanks = "no-thanks"
    /// The incident is our fault but the reply does not apologise (seed 001, L.A.S.T. "Apologise").
    case noApology = "no-apology"
    /// The reply names no concrete solution or next step (seed 001, step 5; seed 002).
    case noSolution = "no-solution"

    /// The severity of every finding of this rule (see ``LintSeverity`` for the policy).
    public var severity: LintSeverity {
        switch self {
        case .cannedScript, .legalese, .blamesCustomer, .gestureWithoutAttention:
            return .block
        case .companyCentric, .deniesResponsibility, .impersonalAddress, .excessEmotion,
            .noGreeting, .noName, .noThanks, .noApology, .noSolution:
            return .warn
        }
    }
}
