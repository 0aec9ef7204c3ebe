/// Collects the findings of one reply: merges overlapping phrase matches, lets the more serious rule own a
/// stretch of text, caps repeats, and words each finding.
struct LintFindingBuilder {
    let reply: LintText
    let language: ReplyLanguage
    let customerName: String?
    private var findings: [LintFinding] = []
    private var countByRule: [LintRule: Int] = [:]

    init(reply: LintText, language: ReplyLanguage, customerName: String?) {
        self.reply = reply
        self.language = language
        self.customerName = customerName
    }

    /// The findings ordered by start offset, then by rule order.
    func sorted() -> [LintFinding] {
        let order = Dictionary(uniqueKeysWithValues: LintRule.allCases.enumerated().map { ($1, $0) })
        return findings.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            if a.rule != b.rule { return order[a.rule, default: 0] < order[b.rule, default: 0] }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// Whether `rule` already has ``ReplyLinter/maximumFindingsPerRule`` findings.
    func isFull(_ rule: LintRule) -> Bool {
        countByRule[rule, default: 0] >= ReplyLinter.maximumFindingsPerRule
    }

    /// Adds a finding on a stretch of text, unless the rule already has its maximum.
    mutating func add(_ rule: LintRule, span: LintSpan, variant: LintGuidance.Variant = .plain) {
        guard !isFull(rule) else { return }
        countByRule[rule, default: 0] += 1
        findings.append(
            LintFinding(
                rule: rule, severity: rule.severity, span: span,
                message: LintGuidance.message(
                    for: rule, quote: span.text, variant: variant, customerName: customerName),
                suggestion: LintGuidance.suggestion(for: rule, in: language, customerName: customerName)))
    }

    /// Adds a finding about the whole reply (empty span at 0).
    mutating func addWholeText(_ rule: LintRule, variant: LintGuidance.Variant = .plain) {
        add(rule, span: .wholeText, variant: variant)
    }

    /// Adds the phrase rules: same-rule matches that overlap become one finding, and a stretch already
    /// reported under a more serious rule (earlier in ``LintRule/allCases``) is not reported again.
    mutating func addPhraseRules(_ byCategory: [LintPhraseCategory: [LintPhraseMatch]]) {
        var claimed = [Bool](repeating: false, count: reply.tokens.count)
        for category in LintPhraseCategory.allCases.sorted(by: Self.priority) {
            guard let rule = category.rule, let matches = byCategory[category] else { continue }
            for (first, last) in Self.merged(matches) where !claimed[first...last].contains(true) {
                for index in first...last { claimed[index] = true }
                add(rule, span: reply.span(fromToken: first, toToken: last))
            }
        }
    }

    private static func priority(_ left: LintPhraseCategory, _ right: LintPhraseCategory) -> Bool {
        let rank = { (category: LintPhraseCategory) in
            category.rule.flatMap { LintRule.allCases.firstIndex(of: $0) } ?? Int.max
        }
        return rank(left) < rank(right)
    }

    /// Token ranges of the matches, overlapping ones merged, in text order.
    private static func merged(_ matches: [LintPhraseMatch]) -> [(Int, Int)] {
        let ordered = matches.sorted { ($0.firstToken, $0.lastToken) < ($1.firstToken, $1.lastToken) }
        var ranges: [(Int, Int)] = []
        for match in ordered {
            if let last = ranges.last, match.firstToken <= last.1 {
                ranges[ranges.count - 1].1 = max(last.1, match.lastToken)
            } else {
                ranges.append((match.firstToken, match.lastToken))
            }
        }
        return ranges
    }

    /// Adds "here is a coupon, goodbye": a gesture followed closely by a goodbye, or a gesture in a reply
    /// with no apology and no acknowledgement of the customer's situation (seed 003).
    mutating func addGestureWithoutAttention(_ byCategory: [LintPhraseCategory: [LintPhraseMatch]]) {
        guard let gestures = byCategory[.gesture]?.sorted(by: { $0.firstToken < $1.firstToken }) else { return }
        let goodbyes = byCategory[.goodbye, default: []].sorted { $0.firstToken < $1.firstToken }
        var reported = false
        var usedGoodbyeEnd = -1
        for gesture in gestures {
            let goodbye = goodbyes.first {
                $0.firstToken > gesture.lastToken && $0.firstToken - gesture.lastToken <= ReplyLinter.goodbyeWindow
            }
            guard let goodbye, goodbye.lastToken > usedGoodbyeEnd else { continue }
            usedGoodbyeEnd = goodbye.lastToken
            reported = true
            add(
                .gestureWithoutAttention, span: reply.span(fromToken: gesture.firstToken, toToken: goodbye.lastToken),
                variant: .goodbyeAfterGesture)
        }
        let attentive = byCategory[.apology] != nil || byCategory[.acknowledgement] != nil
        if !reported, !attentive, let first = gestures.first {
            add(.gestureWithoutAttention, span: reply.span(fromToken: first.firstToken, toToken: first.lastToken))
        }
    }

    /// Acronyms of four letters or more that are written in capitals by convention, not to shout.
    private static let acronyms: [[Unicode.Scalar]] = [
        "осаго", "каско", "снилс", "гибдд", "https", "html", "json", "gdpr", "iban", "swift", "nasa", "unicef",
        "covid", "usps", "ikea",
    ].map { Array($0.unicodeScalars) }
    /// Share of capital letters (not counting each word's first letter) above which a reply shouts.
    static let capitalShareLimit = 0.25
    /// Minimum number of letters (not counting each word's first) before the capital share is judged.
    static let capitalShareMinimumLetters = 12

    /// Adds excess emotion: runs of "!!", "???" or "?!?", words of four or more letters in capitals (not
    /// acronyms or codes with digits), or a reply where over a quarter of the letters are capitals.
    mutating func addExcessEmotion() {
        addPunctuationRuns()
        var shouted = false
        var restLetters = 0
        var restCapitals = 0
        for index in reply.tokens.indices {
            let token = reply.tokens[index]
            guard token.digitCount == 0, token.letterCount > 0, !isAcronym(index) else { continue }
            restLetters += token.letterCount - 1
            restCapitals += token.uppercaseCount - (token.startsUppercase ? 1 : 0)
            if token.isAllCaps && token.letterCount >= 4 {
                shouted = true
                if isFull(.excessEmotion) { continue }
                add(.excessEmotion, span: reply.span(fromToken: index, toToken: index))
            }
        }
        if !shouted, restLetters >= Self.capitalShareMinimumLetters,
            Double(restCapitals) > Double(restLetters) * Self.capitalShareLimit
        {
            add(.excessEmotion, span: .wholeText, variant: .capitalShare)
        }
    }

    private func isAcronym(_ index: Int) -> Bool {
        let token = reply.tokens[index]
        guard token.isAllCaps, token.letterCount >= 4, token.letterCount <= 6 else { return false }
        let word = reply.foldedScalars(ofToken: index)
        return Self.acronyms.contains { $0.elementsEqual(word) }
    }

    private mutating func addPunctuationRuns() {
        let scalars = reply.scalars
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "!" || scalars[index] == "?" else {
                index += 1
                continue
            }
            let start = index
            var exclamations = 0
            while index < scalars.count, scalars[index] == "!" || scalars[index] == "?" {
                if scalars[index] == "!" { exclamations += 1 }
                index += 1
            }
            if (exclamations >= 2 || index - start >= 3) && !isFull(.excessEmotion) {
                add(.excessEmotion, span: reply.span(start: start, end: index))
            }
        }
    }
}
