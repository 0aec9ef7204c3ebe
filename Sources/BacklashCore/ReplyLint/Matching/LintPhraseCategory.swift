/// What a phrase in the phrasebook signals: a broken rule, or a marker that a step of a good reply is present.
enum LintPhraseCategory: Int, Sendable, CaseIterable {
    case cannedScript
    case legalese
    case blamesCustomer
    case companyCentric
    case deniesResponsibility
    case impersonalAddress
    case greeting
    case thanks
    case apology
    case acknowledgement
    case solution
    case gesture
    case goodbye

    /// The rule a match of this category breaks; nil for markers of a good step.
    var rule: LintRule? {
        switch self {
        case .cannedScript: return .cannedScript
        case .legalese: return .legalese
        case .blamesCustomer: return .blamesCustomer
        case .companyCentric: return .companyCentric
        case .deniesResponsibility: return .deniesResponsibility
        case .impersonalAddress: return .impersonalAddress
        case .greeting, .thanks, .apology, .acknowledgement, .solution, .gesture, .goodbye: return nil
        }
    }
}
