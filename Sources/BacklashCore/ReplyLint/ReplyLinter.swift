/// Checks a reply the company is about to post to an angry customer for the mistakes that start storms.
///
/// The rules come from DOMAIN.md "A good reply" and the seeds: canned scripts, legalese, blaming the
/// customer and a gesture without attention block the reply (see ``LintSeverity`` for the policy); focus on
/// the company, denial, impersonal address, excess emotion and a missing greeting, name, thanks, apology
/// (when the incident is ours) or next step warn. Matching is on folded text (lowercase, "ё" → "е") with
/// stems for Russian inflection; every finding points at the original text in Unicode scalar offsets.
/// The text is tokenized once and every phrase list is matched in the same single pass, so a 1 MB reply
/// lints in a fraction of a second.
public struct ReplyLinter: Sendable {
    /// At most this many findings of one rule are reported; a reply with more repeats the same mistake.
    public static let maximumFindingsPerRule = 25
    /// A greeting counts only within this many words from the start of the reply.
    static let greetingWindow = 12
    /// A goodbye this many words or fewer after a gesture makes it "here is a coupon, goodbye".
    static let goodbyeWindow = 10

    private let phrases: LintPhraseIndex

    /// Creates a linter with the built-in Russian and English phrasebook.
    public init() {
        phrases = LintPhraseIndex(LintPhrasebook.all)
    }

    /// Lints `text` and returns its language and findings in text order.
    public func lint(_ text: String, context: ReplyContext = .init()) -> LintReport {
        let reply = LintText(text)
        let language = context.language ?? reply.detectedLanguage
        let matches = phrases.matches(in: reply)
        var byCategory: [LintPhraseCategory: [LintPhraseMatch]] = [:]
        for match in matches { byCategory[match.category, default: []].append(match) }

        var findings = LintFindingBuilder(reply: reply, language: language, customerName: context.customerName)
        findings.addPhraseRules(byCategory)
        findings.addGestureWithoutAttention(byCategory)
        findings.addExcessEmotion()
        addMissingSteps(byCategory, reply: reply, context: context, to: &findings)
        return LintReport(language: language, findings: findings.sorted())
    }

    private func addMissingSteps(
        _ byCategory: [LintPhraseCategory: [LintPhraseMatch]], reply: LintText, context: ReplyContext,
        to findings: inout LintFindingBuilder
    ) {
        let variant: LintGuidance.Variant = reply.isBlank ? .blankReply : .plain
        let greeted = byCategory[.greeting, default: []].contains { $0.firstToken < Self.greetingWindow }
        if !greeted { findings.addWholeText(.noGreeting, variant: variant) }
        if let name = context.customerName.map(LintCustomerName.init), !name.isEmpty, !name.isMentioned(in: reply) {
            findings.addWholeText(.noName, variant: variant)
        }
        if byCategory[.thanks] == nil { findings.addWholeText(.noThanks, variant: variant) }
        if context.ourFault && byCategory[.apology] == nil { findings.addWholeText(.noApology, variant: variant) }
        if byCategory[.solution] == nil && !reply.containsClockTime {
            findings.addWholeText(.noSolution, variant: variant)
        }
    }
}
