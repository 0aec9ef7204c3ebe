extension ToneLexicon {
    /// A word or a number of a text, with the lexicon entry the word matches.
    struct Token {
        /// The word's key (see `KeyBuilder`); 0 for numbers.
        var key: UInt64
        /// Letters in the key.
        var length: Int
        /// Whether every letter of the word is in the key.
        var complete: Bool
        /// Whether the token is a number.
        var isNumber: Bool
        /// Where the token is in the text.
        var range: Range<String.UnicodeScalarView.Index>
        /// The matched entry's roles (empty when none matched).
        var roles: Role
    }

    /// The words and numbers of a text, in order. Not for the hot path: it allocates an array.
    func tokens(of text: String) -> [Token] {
        let view = text.unicodeScalars
        var tokens: [Token] = []
        var builder = KeyBuilder()
        var start: String.UnicodeScalarView.Index?
        var inNumber = false
        func close(at end: String.UnicodeScalarView.Index) {
            guard let begin = start else { return }
            if inNumber {
                tokens.append(
                    Token(key: 0, length: 0, complete: true, isNumber: true, range: begin..<end, roles: []))
            } else {
                builder.dropTrailingApostrophe()
                let position = match(builder)
                tokens.append(
                    Token(
                        key: builder.key, length: builder.length, complete: builder.complete, isNumber: false,
                        range: begin..<end, roles: position >= 0 ? compiled(at: position).roles : []))
            }
            start = nil
            builder = KeyBuilder()
        }
        var index = view.startIndex
        while index < view.endIndex {
            let scalar = view[index]
            let value = scalar.value
            let code = Self.letterCode(value)
            if value &- 0x30 < 10 {
                if start != nil && !inNumber { close(at: index) }
                if start == nil {
                    start = index
                    inNumber = true
                }
            } else if code != 0 || (value >= 0x80 && scalar.properties.isAlphabetic) {
                if start != nil && inNumber { close(at: index) }
                if start == nil {
                    start = index
                    inNumber = false
                }
                builder.append(code)
            } else if start != nil && !inNumber && (value == 0x27 || value == 0x2019) {
                builder.append(Self.apostropheCode)
            } else {
                close(at: index)
            }
            view.formIndex(after: &index)
        }
        close(at: view.endIndex)
        return tokens
    }

    /// A short phrase of words, stems and numbers to look for, such as "всем расскаж*" or "клиент* # лет".
    ///
    /// The parts must appear in order, with at most `maxGap` other tokens between neighbours, so
    /// "я ваш клиент уже 5 лет" matches "клиент* лет".
    struct Phrase: Sendable {
        enum Part: Sendable {
            case word(key: UInt64, length: Int, isStem: Bool)
            case number
        }

        /// The phrase as written.
        let spelling: String
        let parts: [Part]

        /// Compiles a phrase; nil when a part is not a usable spelling.
        init?(_ spelling: String) {
            var parts: [Part] = []
            for piece in spelling.split(separator: " ") {
                if piece == "#" {
                    parts.append(.number)
                    continue
                }
                guard let compiled = ToneLexicon.compile(spelling: String(piece)) else { return nil }
                parts.append(
                    .word(key: compiled.key, length: ToneLexicon.length(of: compiled.key), isStem: compiled.isStem))
            }
            guard !parts.isEmpty else { return nil }
            self.spelling = spelling
            self.parts = parts
        }

        /// Compiles a list of phrases, leaving out unusable ones.
        static func list(_ spellings: [String]) -> [Phrase] {
            spellings.compactMap { Phrase($0) }
        }

        static func matches(_ part: Part, _ token: Token) -> Bool {
            switch part {
            case .number:
                return token.isNumber
            case .word(let key, let length, let isStem):
                guard !token.isNumber else { return false }
                if isStem { return token.length >= length && token.key & ToneLexicon.mask(length) == key }
                return token.complete && token.length == length && token.key == key
            }
        }

        /// The token positions of the first match, or nil.
        func firstMatch(in tokens: [Token], maxGap: Int = 3) -> ClosedRange<Int>? {
            guard let first = parts.first else { return nil }
            for start in tokens.indices where Self.matches(first, tokens[start]) {
                var last = start
                var matched = true
                for part in parts.dropFirst() {
                    let limit = min(last + 1 + maxGap, tokens.count - 1)
                    guard last + 1 <= limit,
                        let next = (last + 1...limit).first(where: { Self.matches(part, tokens[$0]) })
                    else {
                        matched = false
                        break
                    }
                    last = next
                }
                if matched { return start...last }
            }
            return nil
        }
    }
}
