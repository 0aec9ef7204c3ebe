/// A phrase found in a reply: its category and the tokens it covers (inclusive).
struct LintPhraseMatch: Sendable, Equatable {
    var category: LintPhraseCategory
    var firstToken: Int
    var lastToken: Int
}

/// The compiled phrasebook: flat tables of patterns filed by the first two letters of their first word.
///
/// Scanning a reply looks up each token once and tries only the patterns filed under its key, so the cost
/// is one pass over the text whatever the size of the phrasebook. The tables are flat arrays of plain
/// values read through buffer pointers, which keeps a 1 MB reply fast even in a debug build.
struct LintPhraseIndex: Sendable {
    private struct Alternative {
        var start: Int32
        var count: Int32
        var isPrefix: Bool
    }

    private enum ElementKind: UInt8 {
        case words, number, anyWord
    }

    private struct Element {
        var kind: ElementKind
        var firstAlternative: Int32
        var alternativeCount: Int32
    }

    private struct Pattern {
        var category: LintPhraseCategory
        var firstElement: Int32
        var elementCount: Int32
        var firstNotAfter: Int32
        var notAfterCount: Int32
        /// Bits of the letter codes the second word may start with (all bits when it may be anything), so
        /// most candidates are rejected with one AND before they are matched word by word.
        var secondWordMask: UInt64
    }

    private var letters: [Unicode.Scalar] = []
    private var alternatives: [Alternative] = []
    private var elements: [Element] = []
    private var patterns: [Pattern] = []
    /// Pattern numbers, grouped by bucket; `buckets[bucket]` is a range of this array.
    private var candidates: [Int32] = []
    private var buckets: [Range<Int32>] = Array(repeating: 0..<0, count: Self.bucketCount)

    /// Compiles phrases given as (category, source) pairs; see ``LintPhrasePattern`` for the syntax.
    init(_ phrases: [(LintPhraseCategory, String)]) {
        var byBucket = [[Int32]](repeating: [], count: Self.bucketCount)
        for (category, source) in phrases {
            for pattern in LintPhrasePattern.compile(source, category: category) {
                for bucket in Set(pattern.firstWords.map(Self.bucket)) {
                    byBucket[bucket].append(Int32(patterns.count))
                }
                append(pattern)
            }
        }
        for (bucket, numbers) in byBucket.enumerated() {
            let start = Int32(candidates.count)
            candidates.append(contentsOf: numbers)
            buckets[bucket] = start..<Int32(candidates.count)
        }
    }

    /// Buckets are addressed by the first two letters of a word, each reduced to a small code: 0 for
    /// none, 1–26 for Latin a–z, 27–58 for Russian а–я, 59 for anything else (checked when matching).
    /// Code 63 stands for "no next word in this sentence" in the second-word filter.
    private static let letterCodes = 60
    private static let numberBucket = letterCodes * letterCodes
    private static let bucketCount = numberBucket + 1

    private static func letterCode(_ scalar: Unicode.Scalar?) -> Int {
        guard let value = scalar?.value else { return 0 }
        switch value {
        case 0x61...0x7A: return Int(value - 0x61) + 1
        case 0x430...0x44F: return Int(value - 0x430) + 27
        default: return letterCodes - 1
        }
    }

    private static func bucket(first: Unicode.Scalar, second: Unicode.Scalar?) -> Int {
        letterCode(first) * letterCodes + letterCode(second)
    }

    private static func bucket(_ firstWord: LintPhrasePattern.FirstWord) -> Int {
        switch firstWord {
        case .number: return numberBucket
        case .word(let word): return bucket(first: word[0], second: word.count > 1 ? word[1] : nil)
        }
    }

    private mutating func append(_ pattern: LintPhrasePattern) {
        let firstNotAfter = Int32(alternatives.count)
        append(pattern.notAfter)
        let firstElement = Int32(elements.count)
        var secondWordMask = UInt64.max
        if pattern.elements.count > 1, case .words(let words) = pattern.elements[1] {
            secondWordMask = words.reduce(0) { $0 | 1 << UInt64(Self.letterCode($1.word.first)) }
        }
        for element in pattern.elements {
            switch element {
            case .number:
                elements.append(Element(kind: .number, firstAlternative: 0, alternativeCount: 0))
            case .anyWord:
                elements.append(Element(kind: .anyWord, firstAlternative: 0, alternativeCount: 0))
            case .words(let words):
                let first = Int32(alternatives.count)
                append(words)
                elements.append(Element(kind: .words, firstAlternative: first, alternativeCount: Int32(words.count)))
            }
        }
        patterns.append(
            Pattern(
                category: pattern.category, firstElement: firstElement, elementCount: Int32(pattern.elements.count),
                firstNotAfter: firstNotAfter, notAfterCount: Int32(pattern.notAfter.count),
                secondWordMask: secondWordMask))
    }

    private mutating func append(_ words: [LintPhrasePattern.Alternative]) {
        for word in words {
            alternatives.append(
                Alternative(start: Int32(letters.count), count: Int32(word.word.count), isPrefix: word.isPrefix))
            letters.append(contentsOf: word.word)
        }
    }

    /// Every match in the reply, in token order; a token may start several matches.
    func matches(in text: LintText) -> [LintPhraseMatch] {
        var found: [LintPhraseMatch] = []
        text.tokens.withUnsafeBufferPointer { tokens in
            text.folded.withUnsafeBufferPointer { folded in
                letters.withUnsafeBufferPointer { letters in
                    alternatives.withUnsafeBufferPointer { alternatives in
                        elements.withUnsafeBufferPointer { elements in
                            patterns.withUnsafeBufferPointer { patterns in
                                candidates.withUnsafeBufferPointer { candidates in
                                    buckets.withUnsafeBufferPointer { buckets in
                                        let tables = Scanner.Tables(
                                            letters: letters, alternatives: alternatives, elements: elements,
                                            patterns: patterns, candidates: candidates, buckets: buckets)
                                        Scanner(tokens: tokens, folded: folded, tables: tables).scan(into: &found)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return found
    }

    /// One scan of one reply over the flat tables; holds only buffer pointers, so copying it is free.
    private struct Scanner {
        let tokens: UnsafeBufferPointer<LintText.Token>
        let folded: UnsafeBufferPointer<Unicode.Scalar>
        let tables: Tables

        struct Tables {
            let letters: UnsafeBufferPointer<Unicode.Scalar>
            let alternatives: UnsafeBufferPointer<Alternative>
            let elements: UnsafeBufferPointer<Element>
            let patterns: UnsafeBufferPointer<Pattern>
            let candidates: UnsafeBufferPointer<Int32>
            let buckets: UnsafeBufferPointer<Range<Int32>>
        }

        func scan(into found: inout [LintPhraseMatch]) {
            for position in 0..<tokens.count {
                let token = tokens[position]
                var nextWord: UInt64 = 1 << 63
                if position + 1 < tokens.count, tokens[position + 1].sentence == token.sentence {
                    nextWord = 1 << UInt64(LintPhraseIndex.letterCode(folded[tokens[position + 1].foldedStart]))
                }
                let start = token.foldedStart
                let second = token.foldedLength > 1 ? folded[start + 1] : nil
                let bucket = LintPhraseIndex.bucket(first: folded[start], second: second)
                collect(tables.buckets[bucket], at: position, nextWord: nextWord, into: &found)
                if token.isNumber {
                    collect(
                        tables.buckets[LintPhraseIndex.numberBucket], at: position, nextWord: nextWord, into: &found)
                }
            }
        }

        private func collect(
            _ bucket: Range<Int32>, at position: Int, nextWord: UInt64, into found: inout [LintPhraseMatch]
        ) {
            var slot = Int(bucket.lowerBound)
            let end = Int(bucket.upperBound)
            while slot < end {
                let pattern = tables.patterns[Int(tables.candidates[slot])]
                if pattern.secondWordMask & nextWord != 0, let last = match(pattern, at: position) {
                    found.append(LintPhraseMatch(category: pattern.category, firstToken: position, lastToken: last))
                }
                slot += 1
            }
        }

        private func match(_ pattern: Pattern, at start: Int) -> Int? {
            let sentence = tokens[start].sentence
            if pattern.notAfterCount > 0, start > 0, tokens[start - 1].sentence == sentence,
                token(start - 1, matchesAnyOf: Int(pattern.firstNotAfter), count: Int(pattern.notAfterCount))
            {
                return nil
            }
            var position = start
            var elementIndex = Int(pattern.firstElement)
            let elementEnd = elementIndex + Int(pattern.elementCount)
            while elementIndex < elementEnd {
                guard position < tokens.count, tokens[position].sentence == sentence else { return nil }
                let element = tables.elements[elementIndex]
                switch element.kind {
                case .number:
                    guard tokens[position].isNumber else { return nil }
                case .anyWord:
                    break
                case .words:
                    guard
                        token(
                            position, matchesAnyOf: Int(element.firstAlternative),
                            count: Int(element.alternativeCount))
                    else { return nil }
                }
                position += 1
                elementIndex += 1
            }
            return position - 1
        }

        private func token(_ position: Int, matchesAnyOf first: Int, count: Int) -> Bool {
            let tokenStart = tokens[position].foldedStart
            let length = tokens[position].foldedEnd - tokenStart
            var alternativeIndex = first
            while alternativeIndex < first + count {
                let alternative = tables.alternatives[alternativeIndex]
                alternativeIndex += 1
                let wordLength = Int(alternative.count)
                guard alternative.isPrefix ? length >= wordLength : length == wordLength else { continue }
                let wordStart = Int(alternative.start)
                var offset = 0
                while offset < wordLength && folded[tokenStart + offset] == tables.letters[wordStart + offset] {
                    offset += 1
                }
                if offset == wordLength { return true }
            }
            return false
        }
    }
}
