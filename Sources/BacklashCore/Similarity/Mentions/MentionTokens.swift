/// The words of a post as the name matcher sees them: folded scalars, stable hashes, original scalar offsets, and
/// what separates each word from the previous one.
struct MentionTokens {
    /// What lies between a token and the one before it.
    enum Gap: Equatable {
        /// Only whitespace: the two words read together ("Анна Петрова").
        case spaces
        /// A dot and optional whitespace: after an initial or a title ("А. Петрова", "Ms. Petrova").
        case dot
        /// Anything else (punctuation, a link, the start of the text).
        case other
    }

    struct Token {
        /// Scalar offsets in the original text.
        var start: Int32
        var end: Int32
        /// Range in `folded`.
        var foldedStart: Int32
        var foldedEnd: Int32
        /// `StableHash.scalarHash` of the folded scalars (equals the hash of the folded form string).
        var hash: UInt64
        var gapBefore: Gap
        var followedByDot: Bool
        /// Written right after `@`: part of a handle, not a name.
        var isHandleWord: Bool

        var foldedLength: Int { Int(foldedEnd - foldedStart) }
    }

    /// The post's scalar values.
    let text: [UInt32]
    /// Folded scalars of all tokens, back to back.
    let folded: [UInt32]
    let tokens: [Token]
    /// Whether the text contains an `@` at all (handles are looked for only then).
    let hasAtSign: Bool

    init(_ string: String) {
        let text = UTF8Scalars.values(of: string)
        var folded: [UInt32] = []
        var tokens: [Token] = []
        text.withUnsafeBufferPointer { values in
            let capacity = max(1, values.count)
            let foldedBuffer = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
            let tokenBuffer = UnsafeMutablePointer<Token>.allocate(capacity: capacity)
            defer {
                foldedBuffer.deallocate()
                tokenBuffer.deallocate()
            }
            var builder = Builder(text: values, folded: foldedBuffer, tokens: tokenBuffer)
            builder.tokenize()
            folded = Array(UnsafeBufferPointer(start: foldedBuffer, count: builder.foldedCount))
            tokens = Array(UnsafeBufferPointer(start: tokenBuffer, count: builder.tokenCount))
        }
        self.text = text
        self.folded = folded
        self.tokens = tokens
        self.hasAtSign = text.contains(0x40)
    }

    /// Whether a token's folded scalars equal `form`.
    func token(_ index: Int, equals form: [UInt32]) -> Bool {
        let token = tokens[index]
        guard token.foldedLength == form.count else { return false }
        var position = Int(token.foldedStart)
        for value in form {
            if folded[position] != value { return false }
            position += 1
        }
        return true
    }

    /// The first folded scalar of a token.
    func firstScalar(of index: Int) -> UInt32 {
        folded[Int(tokens[index].foldedStart)]
    }

    /// Whether the token is one letter followed by a dot: an initial.
    func isInitial(_ index: Int) -> Bool {
        tokens[index].foldedLength == 1 && tokens[index].followedByDot
    }

    /// The folded scalars of a token.
    func foldedScalars(_ index: Int) -> ArraySlice<UInt32> {
        folded[Int(tokens[index].foldedStart)..<Int(tokens[index].foldedEnd)]
    }

    /// Scalar offset where a token starts in the text.
    func start(_ index: Int) -> Int { Int(tokens[index].start) }

    /// Scalar offset just past a token.
    func end(_ index: Int) -> Int { Int(tokens[index].end) }

    /// The original text between two scalar offsets.
    func original(from start: Int, to end: Int) -> String {
        UTF8Scalars.string(text[start..<end])
    }

    /// Splits the text into tokens in one pass over raw buffers.
    private struct Builder {
        let text: UnsafeBufferPointer<UInt32>
        let folded: UnsafeMutablePointer<UInt32>
        let tokens: UnsafeMutablePointer<Token>
        var foldedCount = 0
        var tokenCount = 0

        init(
            text: UnsafeBufferPointer<UInt32>, folded: UnsafeMutablePointer<UInt32>,
            tokens: UnsafeMutablePointer<Token>
        ) {
            self.text = text
            self.folded = folded
            self.tokens = tokens
        }

        /// One pass over the scalars. A chunk (a whitespace-free run) is checked for being a link or an e-mail
        /// address only when it starts with "w" or meets `:`, `/` or `@`; its tokens are then taken back.
        mutating func tokenize() {
            let count = text.count
            var index = 0
            var sawSpace = false
            var sawDot = false
            var sawOther = true
            var chunkStart = 0
            var chunkTokens = 0
            var chunkFolded = 0
            var chunkChecked = false
            while index < count {
                let value = text[index]
                if TextScalars.isWhitespace(value) {
                    sawSpace = true
                    index += 1
                    chunkStart = index
                    chunkTokens = tokenCount
                    chunkFolded = foldedCount
                    chunkChecked = false
                    continue
                }
                if !chunkChecked
                    && (value == 0x3A || value == 0x2F || value == 0x40
                        || (index == chunkStart && (value == 0x77 || value == 0x57)))
                {
                    chunkChecked = true
                    var chunkEnd = index
                    while chunkEnd < count && !TextScalars.isWhitespace(text[chunkEnd]) {
                        chunkEnd += 1
                    }
                    let chunk = UnsafeBufferPointer(rebasing: text[chunkStart..<chunkEnd])
                    if TextScalars.isLink(chunk) || TextScalars.isEmailAddress(chunk) {
                        tokenCount = chunkTokens
                        foldedCount = chunkFolded
                        sawOther = true
                        sawSpace = false
                        sawDot = false
                        index = chunkEnd
                        continue
                    }
                }
                switch TextScalars.role(of: value) {
                case .word:
                    let gap: Gap = sawOther ? .other : sawDot ? .dot : sawSpace ? .spaces : .other
                    index = readToken(from: index, chunkEnd: count, gapBefore: gap)
                    sawSpace = false
                    sawDot = false
                    sawOther = false
                case .mark:
                    index += 1
                case .separator:
                    if value == 0x2E && !sawDot && !sawSpace {
                        sawDot = true
                    } else {
                        sawOther = true
                    }
                    index += 1
                }
            }
        }

        /// Reads one word starting at `start`; returns the index after it (and after a possessive 's).
        private mutating func readToken(from start: Int, chunkEnd: Int, gapBefore: Gap) -> Int {
            let foldedStart = foldedCount
            var hash = StableHash.fnvOffsetBasis
            var index = start
            var end = start
            while index < chunkEnd {
                let value = text[index]
                switch TextScalars.role(of: value) {
                case .word(let lowered):
                    folded[foldedCount] = lowered
                    foldedCount += 1
                    hash = StableHash.step(hash, scalarValue: lowered)
                    index += 1
                    end = index
                    continue
                case .mark:
                    if value == TextScalars.combiningBreve, foldedCount > foldedStart,
                        folded[foldedCount - 1] == TextScalars.cyrillicSmallI
                    {
                        folded[foldedCount - 1] = TextScalars.cyrillicSmallShortI
                        let word = UnsafeBufferPointer(start: folded + foldedStart, count: foldedCount - foldedStart)
                        hash = StableHash.scalarHash(word)
                    }
                    index += 1
                    end = index
                    continue
                case .separator:
                    break
                }
                let isJoiner = value == 0x2D || value == 0x27 || value == 0x2019
                guard isJoiner, index + 1 < chunkEnd, TextScalars.isWordCharacter(text[index + 1]) else { break }
                if value != 0x2D, TextScalars.lowerASCII(text[index + 1]) == 0x73,
                    index + 2 >= chunkEnd || !TextScalars.isWordCharacter(text[index + 2])
                {
                    // English possessive: "Petrova's" is the token "petrova".
                    append(start, end, foldedStart, hash, gapBefore, followedByDot: false)
                    return index + 2
                }
                let joiner: UInt32 = value == 0x2D ? 0x2D : 0x27
                folded[foldedCount] = joiner
                foldedCount += 1
                hash = StableHash.step(hash, scalarValue: joiner)
                index += 1
            }
            append(start, end, foldedStart, hash, gapBefore, followedByDot: end < text.count && text[end] == 0x2E)
            return end
        }

        private mutating func append(
            _ start: Int, _ end: Int, _ foldedStart: Int, _ hash: UInt64, _ gapBefore: Gap, followedByDot: Bool
        ) {
            (tokens + tokenCount).initialize(
                to: Token(
                    start: Int32(start), end: Int32(end), foldedStart: Int32(foldedStart),
                    foldedEnd: Int32(foldedCount), hash: hash, gapBefore: gapBefore, followedByDot: followedByDot,
                    isHandleWord: start > 0 && text[start - 1] == 0x40))
            tokenCount += 1
        }
    }
}
