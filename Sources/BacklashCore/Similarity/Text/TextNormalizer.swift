/// Turns a post into comparable words: lower-cased per scalar, ё→е, links and e-mail addresses removed, `@`/`#`
/// markers removed (the word kept or dropped), punctuation, emoji and whitespace collapsed to single spaces.
///
/// Works on Russian and English (and any script whose letters Unicode knows). Combining marks such as stress accents
/// are dropped; a decomposed й (и + U+0306) becomes й.
public struct TextNormalizer: Sendable, Equatable {
    /// What to do with the word after an `@` or `#` marker.
    public enum MarkerHandling: Sendable, Equatable {
        /// Keep the word, drop the symbol: `@apetrova` → `apetrova`.
        case keepWord
        /// Drop the marker and its word.
        case drop
    }

    /// Handling of `@handle` mentions (an `@` inside an e-mail address is not a mention).
    public var mentions: MarkerHandling
    /// Handling of `#hashtag` words.
    public var hashtags: MarkerHandling
    /// Whether links (`https://…`, `www.…`, `vk.com/…`) and e-mail addresses are removed.
    public var stripsLinks: Bool

    /// Creates a normaliser; the defaults keep mention and hashtag words and strip links.
    public init(mentions: MarkerHandling = .keepWord, hashtags: MarkerHandling = .keepWord, stripsLinks: Bool = true) {
        self.mentions = mentions
        self.hashtags = hashtags
        self.stripsLinks = stripsLinks
    }

    /// The normalised text: words separated by single spaces, no leading or trailing space.
    public func normalize(_ text: String) -> String {
        UTF8Scalars.string(normalizedScalars(of: text).scalars)
    }

    /// The normalised words in order.
    public func words(in text: String) -> [String] {
        normalize(text).split(separator: " ").map(String.init)
    }

    /// The normalised text as scalar values (words joined by U+0020) and the stable hash of each word.
    func normalizedScalars(of text: String) -> NormalizedText {
        UTF8Scalars.withBytes(of: text) { bytes in normalizedScalars(ofUTF8: bytes) }
    }

    /// One pass over the decoded scalars into raw buffers (no per-scalar array bookkeeping on this hot path).
    private func normalizedScalars(ofUTF8 bytes: UnsafeBufferPointer<UInt8>) -> NormalizedText {
        let capacity = max(1, bytes.count)
        let values = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        let output = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        let wordHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        defer {
            values.deallocate()
            output.deallocate()
            wordHashes.deallocate()
        }
        var count = 0
        var byteIndex = 0
        while byteIndex < bytes.count {
            let (value, length) = UTF8Scalars.decode(bytes, at: byteIndex)
            values[count] = value
            count += 1
            byteIndex += length
        }
        var outputCount = 0
        var wordCount = 0
        var hash = StableHash.fnvOffsetBasis
        var inWord = false
        // A chunk (whitespace-free run) is checked for being a link or an e-mail address only when it starts with
        // "w" or meets `:`, `/` or `@`; its words are then taken back.
        var chunkStart = 0
        var chunkOutput = 0
        var chunkWords = 0
        var chunkChecked = false
        var index = 0
        while index < count {
            let value = values[index]
            if TextScalars.isWhitespace(value) {
                if inWord {
                    wordHashes[wordCount] = hash
                    wordCount += 1
                    inWord = false
                }
                index += 1
                chunkStart = index
                chunkOutput = outputCount
                chunkWords = wordCount
                chunkChecked = false
                continue
            }
            if stripsLinks && !chunkChecked
                && (value == 0x3A || value == 0x2F || value == 0x40
                    || (index == chunkStart && (value == 0x77 || value == 0x57)))
            {
                chunkChecked = true
                var chunkEnd = index
                while chunkEnd < count && !TextScalars.isWhitespace(values[chunkEnd]) {
                    chunkEnd += 1
                }
                let chunk = UnsafeBufferPointer(start: values + chunkStart, count: chunkEnd - chunkStart)
                if TextScalars.isLink(chunk) || TextScalars.isEmailAddress(chunk) {
                    outputCount = chunkOutput
                    wordCount = chunkWords
                    inWord = false
                    index = chunkEnd
                    continue
                }
            }
            if isDroppedMarker(value), index + 1 < count, TextScalars.isWordCharacter(values[index + 1]),
                index == 0 || !TextScalars.isWordCharacter(values[index - 1])
            {
                if inWord {
                    wordHashes[wordCount] = hash
                    wordCount += 1
                    inWord = false
                }
                index += 1
                while index < count && (TextScalars.isWordCharacter(values[index]) || values[index] == 0x5F) {
                    index += 1
                }
                continue
            }
            switch TextScalars.role(of: value) {
            case .word(let folded):
                if !inWord {
                    if wordCount > 0 {
                        output[outputCount] = 0x20
                        outputCount += 1
                    }
                    inWord = true
                    hash = StableHash.fnvOffsetBasis
                }
                output[outputCount] = folded
                outputCount += 1
                hash = StableHash.step(hash, scalarValue: folded)
                // The rest of a plain ASCII or Russian word in a tight loop with few live values (it dominates the
                // running time); anything else goes back to the general path above.
                let rest = Self.appendPlainLetters(
                    values, from: index + 1, count: count, into: output + outputCount, hash: &hash)
                outputCount &+= rest
                index &+= rest + 1
                continue
            case .mark:
                if inWord, value == TextScalars.combiningBreve, output[outputCount - 1] == TextScalars.cyrillicSmallI {
                    output[outputCount - 1] = TextScalars.cyrillicSmallShortI
                    hash = Self.hashOfLastWord(UnsafeBufferPointer(start: output, count: outputCount))
                }
            case .separator:
                if inWord {
                    wordHashes[wordCount] = hash
                    wordCount += 1
                    inWord = false
                }
            }
            index += 1
        }
        if inWord {
            wordHashes[wordCount] = hash
            wordCount += 1
        }
        return NormalizedText(
            scalars: Array(UnsafeBufferPointer(start: output, count: outputCount)),
            wordHashes: Array(UnsafeBufferPointer(start: wordHashes, count: wordCount)))
    }

    /// Copies the run of plain letters and digits (ASCII, Russian without ё) starting at `start`, folded to lower
    /// case, continuing `hash`; returns how many scalars it took.
    @inline(__always)
    private static func appendPlainLetters(
        _ values: UnsafeMutablePointer<UInt32>, from start: Int, count: Int, into output: UnsafeMutablePointer<UInt32>,
        hash: inout UInt64
    ) -> Int {
        var position = start
        var written = 0
        var running = hash
        while position < count {
            let value = values[position]
            let folded: UInt32
            if value &- 0x0430 <= 0x1F || value &- 0x61 <= 0x19 || value &- 0x30 <= 9 {
                folded = value
            } else if value &- 0x0410 <= 0x1F || value &- 0x41 <= 0x19 {
                folded = value &+ 0x20
            } else {
                break
            }
            output[written] = folded
            written &+= 1
            running = StableHash.step(running, scalarValue: folded)
            position &+= 1
        }
        hash = running
        return written
    }

    /// The stable hash of the last word of `output` (after a combining mark changed its last letter).
    private static func hashOfLastWord(_ output: UnsafeBufferPointer<UInt32>) -> UInt64 {
        var start = output.count
        while start > 0 && output[start - 1] != 0x20 {
            start -= 1
        }
        return StableHash.scalarHash(output[start...])
    }

    @inline(__always)
    private func isDroppedMarker(_ value: UInt32) -> Bool {
        (value == 0x40 && mentions == .drop) || (value == 0x23 && hashtags == .drop)
    }
}

/// Normalised text as scalar values (words joined by single spaces) with the stable hash of each word
/// (`StableHash.scalarHash`).
struct NormalizedText {
    var scalars: [UInt32]
    var wordHashes: [UInt64]

    var wordCount: Int { wordHashes.count }
}
