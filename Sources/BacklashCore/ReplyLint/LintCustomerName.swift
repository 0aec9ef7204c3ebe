/// Finds a customer's name in a reply whatever its case form ("Анна", "Анне", "Анну", "Anna's").
///
/// Each word of the name gives a stem: the word without one final vowel, "й" or "ь" ("Анна" → "анн",
/// "Андрей" → "андре", "Игорь" → "игор"), plus a variant without a fleeting vowel ("Павел" → "павл").
/// A reply word matches when it starts with a stem and the rest is at most three letters that can form
/// a case ending ("ой", "ею", "у", "'s"), so "Вера" is not found in "вернём".
struct LintCustomerName: Sendable {
    private let stems: [[Unicode.Scalar]]

    private static let trailingVowels: Set<Unicode.Scalar> = ["а", "е", "и", "о", "у", "ы", "э", "ю", "я", "й", "ь"]
    private static let fleetingVowels: Set<Unicode.Scalar> = ["е", "о"]
    private static let endingLetters: Set<Unicode.Scalar> = [
        "а", "е", "и", "о", "у", "ы", "ю", "я", "й", "ь", "м", "х",
        "a", "e", "i", "o", "u", "y", "s", "'",
    ]

    /// Stems for every word of `name`; an empty name gives none.
    init(_ name: String) {
        var stems: [[Unicode.Scalar]] = []
        for word in name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }) {
            let folded = LintScalarFolding.fold(String(word)).filter {
                LintScalarFolding.classify($0).isLetter
            }
            guard !folded.isEmpty else { continue }
            var stem = folded
            if stem.count > 2, let last = stem.last, Self.trailingVowels.contains(last) {
                stem.removeLast()
            }
            stems.append(stem)
            if stem.count >= 4, Self.fleetingVowels.contains(stem[stem.count - 2]),
                !Self.trailingVowels.contains(stem[stem.count - 1])
            {
                var shortened = stem
                shortened.remove(at: stem.count - 2)
                stems.append(shortened)
            }
        }
        self.stems = stems
    }

    /// Whether the name has at least one word to look for.
    var isEmpty: Bool { stems.isEmpty }

    /// Whether any token of `text` is a form of the name.
    func isMentioned(in text: LintText) -> Bool {
        text.tokens.indices.contains { index in
            let word = text.foldedScalars(ofToken: index)
            return stems.contains { stem in
                guard word.count >= stem.count, word.count <= stem.count + 3, word.starts(with: stem) else {
                    return false
                }
                return word.dropFirst(stem.count).allSatisfy { Self.endingLetters.contains($0) }
            }
        }
    }
}
