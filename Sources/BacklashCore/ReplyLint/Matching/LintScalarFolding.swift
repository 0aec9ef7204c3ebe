/// Case and letter folding for reply matching: lowercase per scalar, "ё" → "е", typographic apostrophes → "'".
///
/// Folding works one scalar at a time so a token's folded text always maps back to the original scalars it
/// came from, even where lowercasing changes the number of scalars (e.g. "İ" → "i̇").
enum LintScalarFolding {
    /// What kind of character a scalar is, as far as tokenizing and emotion checks care.
    struct ScalarClass {
        var isLetter = false
        var isUppercase = false
        var isDigit = false
        var isCyrillic = false
        var isLatin = false
        var isCombiningMark = false
        var isWordScalar: Bool { isLetter || isDigit || isCombiningMark }
    }

    static let apostrophe: Unicode.Scalar = "'"
    private static let combiningDiaeresis: UInt32 = 0x308
    private static let combiningBreve: UInt32 = 0x306

    /// Classifies a scalar, with fast paths for ASCII and the Russian alphabet.
    static func classify(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = scalar.value
        var result = ScalarClass()
        // Plain comparisons rather than range patterns: this runs once per scalar of the reply.
        if value < 0x80 {
            if value >= 0x61 && value <= 0x7A {
                result.isLetter = true
                result.isLatin = true
            } else if value >= 0x41 && value <= 0x5A {
                result.isLetter = true
                result.isUppercase = true
                result.isLatin = true
            } else if value >= 0x30 && value <= 0x39 {
                result.isDigit = true
            }
        } else if (value >= 0x430 && value <= 0x44F) || value == 0x451 {
            result.isLetter = true
            result.isCyrillic = true
        } else if (value >= 0x410 && value <= 0x42F) || value == 0x401 {
            result.isLetter = true
            result.isUppercase = true
            result.isCyrillic = true
        } else {
            let properties = scalar.properties
            result.isLetter = properties.isAlphabetic
            result.isUppercase = properties.isUppercase
            result.isDigit = properties.generalCategory == .decimalNumber
            result.isCombiningMark = properties.generalCategory == .nonspacingMark
            result.isCyrillic = result.isLetter && value >= 0x400 && value <= 0x52F
            result.isLatin = result.isLetter && value < 0x250
        }
        return result
    }

    /// Whether a scalar is an apostrophe that may join two parts of a word ("it's", "д'Артаньян").
    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar.value == 0x2019 || scalar.value == 0x2BC
    }

    /// Appends the folded form of a word scalar to `output`.
    ///
    /// A combining diaeresis after "е" and a combining breve after "и" are folded into "е" and "й",
    /// so decomposed "ё"/"й" match like their precomposed forms.
    static func fold(_ scalar: Unicode.Scalar, into output: inout [Unicode.Scalar]) {
        let value = scalar.value
        if (value >= 0x41 && value <= 0x5A) || (value >= 0x410 && value <= 0x42F) {
            output.append(Unicode.Scalar(value + 0x20)!)
        } else if value < 0x80 || (value >= 0x430 && value <= 0x44F) {
            output.append(scalar)
        } else if value == 0x401 || value == 0x451 {
            output.append("е")
        } else if value == combiningDiaeresis && output.last == "е" {
            return
        } else if value == combiningBreve && output.last == "и" {
            output[output.count - 1] = "й"
        } else if value == 0x2019 || value == 0x2BC {
            output.append(apostrophe)
        } else if scalar.properties.changesWhenLowercased {
            for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                output.append(lowered.value == 0x451 ? "е" : lowered)
            }
        } else {
            output.append(scalar)
        }
    }

    /// Folds a whole string (used for phrase patterns and names).
    static func fold(_ text: String) -> [Unicode.Scalar] {
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            fold(scalar, into: &output)
        }
        return output
    }
}
