/// A reply split once into folded word tokens, each mapped back to its scalar offsets in the original text.
///
/// Tokens are runs of letters and digits (an apostrophe between letters stays inside: "it's"); punctuation
/// and spaces separate them. Sentence ends (".", "!", "?", "…", line breaks) number the sentences so a phrase
/// never matches across two of them. Letter statistics are collected on the way for the emotion checks.
struct LintText: Sendable {
    /// One word of the reply.
    struct Token: Sendable {
        /// Range of the token's folded scalars in ``LintText/folded``.
        var foldedStart: Int
        var foldedEnd: Int
        /// Range of the token in the original scalars (end exclusive).
        var start: Int
        var end: Int
        /// Index of the sentence the token belongs to.
        var sentence: Int
        var letterCount = 0
        var uppercaseCount = 0
        var digitCount = 0
        var startsUppercase = false

        var foldedLength: Int { foldedEnd - foldedStart }
        var isNumber: Bool { digitCount > 0 && letterCount == 0 }
        var isAllCaps: Bool { letterCount > 0 && uppercaseCount == letterCount }
    }

    /// The original reply as Unicode scalars; spans index into this.
    let scalars: [Unicode.Scalar]
    /// Folded scalars of all tokens, back to back.
    private(set) var folded: [Unicode.Scalar] = []
    /// The tokens in text order.
    private(set) var tokens: [Token] = []
    /// Letters written in Cyrillic and in Latin script.
    private(set) var cyrillicLetters = 0
    private(set) var latinLetters = 0

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        folded.reserveCapacity(scalars.count)
        tokenize()
    }

    /// Whether the reply has no words at all (empty or only spaces and punctuation).
    var isBlank: Bool { tokens.isEmpty }

    /// The language with more letters in the reply; Russian when there are none or as many of each.
    var detectedLanguage: ReplyLanguage { latinLetters > cyrillicLetters ? .en : .ru }

    /// The original text of `tokens[first...last]`, with its scalar offsets.
    func span(fromToken first: Int, toToken last: Int) -> LintSpan {
        span(start: tokens[first].start, end: tokens[last].end)
    }

    /// The original text between two scalar offsets.
    func span(start: Int, end: Int) -> LintSpan {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return LintSpan(start: start, end: end, text: String(view))
    }

    /// The folded scalars of token `index`.
    func foldedScalars(ofToken index: Int) -> ArraySlice<Unicode.Scalar> {
        folded[tokens[index].foldedStart..<tokens[index].foldedEnd]
    }

    /// Whether the reply names a clock time such as "18:00" or "9.30".
    var containsClockTime: Bool {
        guard tokens.count > 1 else { return false }
        for index in 0..<(tokens.count - 1) {
            let hours = tokens[index]
            let minutes = tokens[index + 1]
            guard hours.isNumber, hours.digitCount <= 2, minutes.isNumber, minutes.digitCount == 2,
                minutes.start == hours.end + 1
            else { continue }
            let separator = scalars[hours.end]
            guard separator == ":" || separator == "." else { continue }
            if number(ofToken: index) <= 24 && number(ofToken: index + 1) <= 59 { return true }
        }
        return false
    }

    private func number(ofToken index: Int) -> Int {
        foldedScalars(ofToken: index).reduce(0) { $0 * 10 + Int($1.value) - 0x30 }
    }

    private static func isSentenceEnd(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21, 0x2E, 0x3F, 0x2026, 0x0A, 0x0D, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private mutating func tokenize() {
        var inToken = false
        var token = Token(foldedStart: 0, foldedEnd: 0, start: 0, end: 0, sentence: 0)
        var sentence = 0
        var index = 0
        let count = scalars.count
        while index < count {
            let scalar = scalars[index]
            let kind = LintScalarFolding.classify(scalar)
            if kind.isWordScalar {
                if !inToken {
                    inToken = true
                    token = Token(
                        foldedStart: folded.count, foldedEnd: 0, start: index, end: 0, sentence: sentence)
                    token.startsUppercase = kind.isUppercase
                }
                LintScalarFolding.fold(scalar, into: &folded)
                if kind.isLetter {
                    token.letterCount += 1
                    if kind.isUppercase { token.uppercaseCount += 1 }
                    if kind.isCyrillic { cyrillicLetters += 1 } else if kind.isLatin { latinLetters += 1 }
                } else if kind.isDigit {
                    token.digitCount += 1
                }
            } else if inToken, LintScalarFolding.isApostrophe(scalar), index + 1 < count,
                LintScalarFolding.classify(scalars[index + 1]).isLetter
            {
                folded.append(LintScalarFolding.apostrophe)
            } else {
                if inToken {
                    inToken = false
                    finish(token, at: index)
                }
                if Self.isSentenceEnd(scalar) && !isDecimalPoint(at: index) { sentence += 1 }
            }
            index += 1
        }
        if inToken { finish(token, at: count) }
    }

    private func isDecimalPoint(at index: Int) -> Bool {
        guard scalars[index] == "." || scalars[index] == ",", index > 0, index + 1 < scalars.count else {
            return false
        }
        return LintScalarFolding.classify(scalars[index - 1]).isDigit
            && LintScalarFolding.classify(scalars[index + 1]).isDigit
    }

    private mutating func finish(_ token: Token, at index: Int) {
        var token = token
        token.end = index
        token.foldedEnd = folded.count
        tokens.append(token)
    }
}
