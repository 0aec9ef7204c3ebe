/// A phrase to look for, as a sequence of word matchers over folded tokens.
///
/// Source syntax, one element per space-separated word:
/// - `слово` matches the folded word exactly, `соглашени*` any word starting with the stem;
/// - `a|b*|c` matches any of the alternatives; a trailing `?` makes the element optional;
/// - `#` matches a number, `~` any one word;
/// - a first element `!a|b` means the phrase must *not* directly follow one of these words
///   ("!нам надо было читать" does not fire on "нам надо было читать" said about ourselves).
/// Optional elements are expanded into separate patterns when compiled, so matching never backtracks.
struct LintPhrasePattern: Sendable {
    struct Alternative: Sendable {
        var word: [Unicode.Scalar]
        var isPrefix: Bool
    }

    enum Element: Sendable {
        case words([Alternative])
        case number
        case anyWord
    }

    var category: LintPhraseCategory
    var elements: [Element]
    var notAfter: [Alternative]

    /// Compiles one source phrase into every pattern its optional elements allow.
    static func compile(_ source: String, category: LintPhraseCategory) -> [LintPhrasePattern] {
        var parts = source.split(separator: " ").map(String.init)
        var notAfter: [Alternative] = []
        if let first = parts.first, first.hasPrefix("!") {
            notAfter = alternatives(String(first.dropFirst()))
            parts.removeFirst()
        }
        var variants: [[Element]] = [[]]
        for part in parts {
            let isOptional = part.count > 1 && part.hasSuffix("?")
            let body = isOptional ? String(part.dropLast()) : part
            let element: Element
            switch body {
            case "#": element = .number
            case "~": element = .anyWord
            default: element = .words(alternatives(body))
            }
            let extended = variants.map { $0 + [element] }
            variants = isOptional ? variants + extended : extended
        }
        return variants.map { elements in
            precondition(!elements.isEmpty, "phrase '\(source)' has no required word")
            if case .anyWord = elements[0] { preconditionFailure("phrase '\(source)' starts with '~'") }
            return LintPhrasePattern(category: category, elements: elements, notAfter: notAfter)
        }
    }

    private static func alternatives(_ body: String) -> [Alternative] {
        body.split(separator: "|").map { text in
            let isPrefix = text.hasSuffix("*")
            let word = LintScalarFolding.fold(String(isPrefix ? text.dropLast() : text))
            precondition(!isPrefix || word.count >= 2, "stem '\(text)' is too short to index")
            return Alternative(word: word, isPrefix: isPrefix)
        }
    }

    /// What the first word of a match can be: a number, or a word starting with these letters.
    enum FirstWord {
        case number
        case word([Unicode.Scalar])
    }

    /// Every form the first word of a match can take, for filing the pattern in an index.
    var firstWords: [FirstWord] {
        switch elements[0] {
        case .number: return [.number]
        case .anyWord: return []
        case .words(let alternatives): return alternatives.map { .word($0.word) }
        }
    }
}
