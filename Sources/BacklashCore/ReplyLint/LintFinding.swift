/// One problem the reply linter found in a reply, with the domain rule it breaks and a better wording.
///
/// Encodes as `{"rule", "severity", "span": {"start", "end", "text"}, "message", "suggestion"}`,
/// the shape `backlashctl lint-reply --json` prints.
public struct LintFinding: Sendable, Codable, Equatable {
    /// The rule that was broken.
    public var rule: LintRule
    /// Whether the finding blocks the reply or only warns.
    public var severity: LintSeverity
    /// Where in the reply the problem is (empty at 0 for whole-text findings).
    public var span: LintSpan
    /// A sentence saying what is wrong and which domain rule it comes from.
    public var message: String
    /// A concrete, customer-focused alternative in the reply's language.
    public var suggestion: String

    /// Creates a finding.
    public init(rule: LintRule, severity: LintSeverity, span: LintSpan, message: String, suggestion: String) {
        self.rule = rule
        self.severity = severity
        self.span = span
        self.message = message
        self.suggestion = suggestion
    }
}
