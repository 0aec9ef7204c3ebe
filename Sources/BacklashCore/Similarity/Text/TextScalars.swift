/// Per-scalar classification shared by the normaliser and the name matcher: case folding (with ё→е), word characters,
/// whitespace, and the shape of URL and e-mail chunks.
enum TextScalars {
    /// What one scalar contributes to a word.
    enum Role: Equatable {
        /// A letter or digit, already lower-cased and folded (ё→е).
        case word(UInt32)
        /// A combining mark: part of the previous letter, dropped (stress marks, the diaeresis of a decomposed ё).
        case mark
        /// Anything else: punctuation, symbols, emoji, whitespace.
        case separator
    }

    static let combiningBreve: UInt32 = 0x0306
    static let cyrillicSmallI: UInt32 = 0x0438
    static let cyrillicSmallShortI: UInt32 = 0x0439

    /// Classifies a scalar value; fast for ASCII and Cyrillic, correct for the rest of Unicode.
    @inline(__always)
    static func role(of value: UInt32) -> Role {
        if value < 0x80 {
            if value >= 0x61 && value <= 0x7A { return .word(value) }
            if value >= 0x41 && value <= 0x5A { return .word(value + 0x20) }
            if value >= 0x30 && value <= 0x39 { return .word(value) }
            return .separator
        }
        if value >= 0x0430 && value <= 0x044F { return .word(value) }
        if value >= 0x0410 && value <= 0x042F { return .word(value + 0x20) }
        if value == 0x0451 || value == 0x0401 { return .word(0x0435) }
        if value >= 0x0450 && value <= 0x045F { return .word(value) }
        if value >= 0x0400 && value <= 0x040F { return .word(value + 0x50) }
        if value >= 0x0300 && value <= 0x036F { return .mark }
        return slowRole(of: value)
    }

    private static func slowRole(of value: UInt32) -> Role {
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber:
            if properties.changesWhenLowercased {
                let lowered = properties.lowercaseMapping.unicodeScalars
                if let first = lowered.first { return .word(first.value) }
            }
            return .word(value)
        default:
            return .separator
        }
    }

    /// Whether a scalar is whitespace (spaces, tabs, line breaks, no-break and typographic spaces).
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether a scalar is a letter or digit after folding.
    @inline(__always)
    static func isWordCharacter(_ value: UInt32) -> Bool {
        if case .word = role(of: value) { return true }
        return false
    }

    /// Whether a whitespace-free chunk is a link: `scheme://…`, `www.…`, or `host.tld/…` such as `vk.com/id1`.
    static func isLink<Values: RandomAccessCollection>(_ chunk: Values) -> Bool
    where Values.Element == UInt32, Values.Index == Int {
        let start = chunk.startIndex
        let count = chunk.count
        if count >= 4, lowerASCII(chunk[start]) == 0x77, lowerASCII(chunk[start + 1]) == 0x77,
            lowerASCII(chunk[start + 2]) == 0x77, chunk[start + 3] == 0x2E
        {
            return true
        }
        var sawDotBeforeLetter = false
        var index = start
        while index < chunk.endIndex {
            let value = chunk[index]
            if value == 0x3A, index + 2 < chunk.endIndex, chunk[index + 1] == 0x2F, chunk[index + 2] == 0x2F {
                return index > start
            }
            if value == 0x2E, index > start, index + 1 < chunk.endIndex, isASCIILetter(chunk[index + 1]) {
                sawDotBeforeLetter = true
            }
            if value == 0x2F, sawDotBeforeLetter {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether a whitespace-free chunk is an e-mail address: an `@` with a word character before it and a dot after.
    static func isEmailAddress<Values: RandomAccessCollection>(_ chunk: Values) -> Bool
    where Values.Element == UInt32, Values.Index == Int {
        var index = chunk.startIndex
        while index < chunk.endIndex {
            if chunk[index] == 0x40, index > chunk.startIndex, isWordCharacter(chunk[index - 1]) {
                var after = index + 1
                while after < chunk.endIndex {
                    if chunk[after] == 0x2E, after + 1 < chunk.endIndex, isWordCharacter(chunk[after + 1]) {
                        return true
                    }
                    after += 1
                }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    static func isASCIILetter(_ value: UInt32) -> Bool {
        (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
    }

    @inline(__always)
    static func lowerASCII(_ value: UInt32) -> UInt32 {
        value >= 0x41 && value <= 0x5A ? value + 0x20 : value
    }
}
