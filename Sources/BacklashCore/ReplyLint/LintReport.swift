/// The result of linting one reply: its language and every finding, in text order.
public struct LintReport: Sendable, Codable, Equatable {
    /// The reply's language (given in the context or detected).
    public var language: ReplyLanguage
    /// The findings, ordered by where they start in the text (whole-text findings first).
    public var findings: [LintFinding]

    /// Creates a report.
    public init(language: ReplyLanguage, findings: [LintFinding]) {
        self.language = language
        self.findings = findings
    }

    /// Whether any finding blocks the reply from being posted.
    public var blocks: Bool { findings.contains { $0.severity == .block } }

    /// The rules that were broken, each once, in the order of ``LintRule/allCases``.
    public var rules: [LintRule] {
        let broken = Set(findings.map(\.rule))
        return LintRule.allCases.filter { broken.contains($0) }
    }
}
