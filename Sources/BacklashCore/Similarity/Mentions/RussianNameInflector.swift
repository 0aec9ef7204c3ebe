/// Generates the case forms of Russian personal names and simple brand words, so a matcher can recognise
/// "Анне Петровой", "Анну Петрову" or "Анной Петровой" by looking words up instead of guessing stems.
///
/// Generating a name's paradigm is stricter than stripping endings from text: "Петров" is not a form of the female
/// surname "Петрова", "петрушка" is no form of anything, and "Андрей"/"Андрея" need no special stem rules. Forms are
/// lower-case with ё folded to е. Words in other scripts have only themselves as forms. Hyphenated names decline
/// part by part ("Петрова-Водкина" → "петровой-водкиной").
public enum RussianNameInflector {
    /// Grammatical gender of a person's name.
    public enum Gender: Sendable, Hashable {
        /// A woman's name: "Анна Петрова".
        case female
        /// A man's name: "Иван Петров".
        case male
    }

    /// The part a word plays in a name.
    public enum Role: Sendable, Hashable {
        /// First name: "Анна", "Дмитрий".
        case givenName
        /// Patronymic: "Сергеевна", "Ильич".
        case patronymic
        /// Family name: "Петрова", "Достоевский", "Шевченко".
        case surname
        /// A word of a brand or topic term: "ЛитРес", "такси".
        case word
    }

    /// The six cases plus the second instrumental form (-ою/-ею), nominative first.
    private typealias Paradigm = (stem: String, endings: [String])

    /// The distinct case forms of a word, nominative first, lower-cased with ё → е.
    public static func caseForms(of word: String, role: Role, gender: Gender) -> [String] {
        let folded = fold(word)
        let parts = folded.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let partParadigms = parts.map { paradigms(of: $0, role: role, gender: gender) }
        var forms: [String] = []
        var seen = Set<String>()
        for index in 0..<7 {
            for variant in 0..<maximumVariants(partParadigms) {
                let pieces = partParadigms.map { alternatives -> String in
                    let paradigm = alternatives[min(variant, alternatives.count - 1)]
                    return paradigm.stem + paradigm.endings[min(index, paradigm.endings.count - 1)]
                }
                let form = pieces.joined(separator: "-")
                if seen.insert(form).inserted { forms.append(form) }
            }
        }
        return forms
    }

    /// The gender a name suggests by its surname ending (-ова, -ская / -ов, -ский) or, failing that, its given name
    /// (-а/-я for women, except men's names such as Никита or Илья); nil when neither tells.
    public static func inferredGender(givenName: String?, surname: String?) -> Gender? {
        if let surname, let gender = genderOfSurname(fold(surname)) { return gender }
        if let givenName { return genderOfGivenName(fold(givenName)) }
        return nil
    }

    /// Whether a lower-cased word reads like a patronymic in any case ("сергеевна", "сергеевной", "ильич", "ильичем").
    static func looksLikePatronymic(_ folded: String) -> Bool {
        looksLikePatronymic(scalars: folded.unicodeScalars.map(\.value)[...])
    }

    /// Patronymic endings with the letters that must precede them: "-овна" needs more than "овна" before it.
    private static let patronymicEndings: [(ending: [UInt32], minimumLength: Int)] = {
        var endings: [(String, Int)] = []
        for stem in ["овн", "евн", "ичн"] {
            for ending in ["а", "ы", "е", "у", "ой", "ою"] {
                endings.append((stem + ending, stem.count + ending.count + 2))
            }
        }
        for stem in ["вич", "ьич"] {
            for ending in ["", "а", "у", "ем", "е"] {
                endings.append((stem + ending, stem.count + ending.count + 2))
            }
        }
        return endings.map { (Array($0.0.unicodeScalars.map(\.value)), $0.1) }
    }()

    /// `looksLikePatronymic(_:)` over folded scalar values (the matcher's hot path).
    static func looksLikePatronymic(scalars: ArraySlice<UInt32>) -> Bool {
        for (ending, minimumLength) in patronymicEndings where scalars.count >= ending.count {
            if scalars.suffix(ending.count).elementsEqual(ending) {
                return scalars.count >= minimumLength
            }
        }
        return false
    }

    /// Whether a lower-cased word ends the way only surnames do (-ов, -ова, -ев, -ева, -ский, -ская…; not -ин/-ина,
    /// which many given names share: Марина, Полина), used to read "Петрова Анна" as surname first.
    static func looksLikeSurname(_ folded: String) -> Bool {
        ["ов", "ова", "ев", "ева", "ский", "ская", "цкий", "цкая", "ov", "ova", "ev", "eva", "sky", "skaya"]
            .contains(where: folded.hasSuffix)
    }

    /// Lower-cases and folds ё→е, dropping combining marks; hyphens and apostrophes stay.
    static func fold(_ word: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            switch TextScalars.role(of: scalar.value) {
            case .word(let value):
                if let folded = Unicode.Scalar(value) { view.append(folded) }
            case .mark:
                if scalar.value == TextScalars.combiningBreve, view.last?.value == TextScalars.cyrillicSmallI {
                    view.removeLast()
                    view.append("й")
                }
            case .separator:
                view.append(scalar.value == 0x2019 ? "'" : scalar)
            }
        }
        return String(view)
    }

    private static func maximumVariants(_ paradigms: [[Paradigm]]) -> Int {
        paradigms.map(\.count).max() ?? 1
    }

    private static let consonants = Set("бвгджзйклмнпрстфхцчшщ")
    private static let velarsAndSibilants = Set("гкхжшчщ")
    private static let sibilantsAndTse = Set("жшчщц")
    private static let menWithFeminineEndings: Set<String> = [
        "никита", "илья", "фома", "лука", "кузьма", "савва", "саша", "женя", "миша", "гоша", "дима", "вова",
        "ваня", "петя", "коля", "толя", "слава", "паша", "леша", "сережа", "федя", "гриша", "костя", "юра",
        "вася", "рома", "стас", "валера", "серега", "nikita", "ilya", "sasha", "misha", "dima", "vova", "kolya",
    ]

    private static func isCyrillic(_ word: String) -> Bool {
        word.unicodeScalars.contains { $0.value >= 0x0400 && $0.value <= 0x04FF }
    }

    private static func genderOfSurname(_ folded: String) -> Gender? {
        if isCyrillic(folded) {
            if ["ова", "ева", "ина", "ына", "ая"].contains(where: folded.hasSuffix) { return .female }
            if ["ов", "ев", "ин", "ын", "ский", "цкий", "ый", "ской", "цкой"].contains(where: folded.hasSuffix) {
                return .male
            }
            return nil
        }
        if ["ova", "eva", "ina", "yna", "aya"].contains(where: folded.hasSuffix) { return .female }
        if ["ov", "ev", "in", "yn", "sky", "skiy", "skii", "ski"].contains(where: folded.hasSuffix) { return .male }
        return nil
    }

    private static func genderOfGivenName(_ folded: String) -> Gender? {
        if menWithFeminineEndings.contains(folded) { return .male }
        guard let last = folded.last else { return nil }
        if isCyrillic(folded) {
            if last == "а" || last == "я" { return .female }
            if consonants.contains(last) { return .male }
            return nil
        }
        return last == "a" ? .female : nil
    }

    private static func paradigms(of word: String, role: Role, gender: Gender) -> [Paradigm] {
        guard isCyrillic(word), word.count >= 2 else { return [indeclinable(word)] }
        switch role {
        case .surname:
            return [gender == .female ? feminineSurname(word) : masculineSurname(word)]
        case .givenName:
            return [givenName(word, gender: gender)]
        case .patronymic:
            if word.hasSuffix("а") { return [firstDeclension(word)] }
            if word.hasSuffix("ич") { return [masculineConsonant(word)] }
            return [indeclinable(word)]
        case .word:
            return termWord(word)
        }
    }

    private static func feminineSurname(_ word: String) -> Paradigm {
        if ["ова", "ева", "ина", "ына"].contains(where: word.hasSuffix) {
            return (String(word.dropLast()), ["а", "ой", "ой", "у", "ой", "ой", "ою"])
        }
        if word.hasSuffix("ая") {
            return (String(word.dropLast(2)), ["ая", "ой", "ой", "ую", "ой", "ой", "ою"])
        }
        if word.hasSuffix("ия") { return iyaDeclension(word) }
        if word.hasSuffix("а") { return firstDeclension(word) }
        if word.hasSuffix("я") { return yaDeclension(word) }
        return indeclinable(word)
    }

    private static func masculineSurname(_ word: String) -> Paradigm {
        if ["ов", "ев", "ин", "ын"].contains(where: word.hasSuffix) {
            return (word, ["", "а", "у", "а", "ым", "е", "ым"])
        }
        if word.count > 3, ["ий", "ый", "ой"].contains(where: word.hasSuffix) { return masculineAdjective(word) }
        if word.hasSuffix("ых") || word.hasSuffix("их") { return indeclinable(word) }
        if word.hasSuffix("а") { return firstDeclension(word) }
        if word.hasSuffix("я") { return yaDeclension(word) }
        if word.hasSuffix("й") { return (String(word.dropLast()), ["й", "я", "ю", "я", "ем", "е", "ем"]) }
        if word.hasSuffix("ь") { return (String(word.dropLast()), ["ь", "я", "ю", "я", "ем", "е", "ем"]) }
        if let last = word.last, consonants.contains(last) { return masculineConsonant(word) }
        return indeclinable(word)
    }

    private static func givenName(_ word: String, gender: Gender) -> Paradigm {
        if word.hasSuffix("ия") { return iyaDeclension(word) }
        if word.hasSuffix("а") { return firstDeclension(word) }
        if word.hasSuffix("я") { return yaDeclension(word) }
        if word.hasSuffix("ий") { return (String(word.dropLast()), ["й", "я", "ю", "я", "ем", "и", "ем"]) }
        if word.hasSuffix("й") { return (String(word.dropLast()), ["й", "я", "ю", "я", "ем", "е", "ем"]) }
        if word.hasSuffix("ь") {
            return gender == .female
                ? (String(word.dropLast()), ["ь", "и", "и", "ь", "ью", "и", "ью"])
                : (String(word.dropLast()), ["ь", "я", "ю", "я", "ем", "е", "ем"])
        }
        if gender == .male, let last = word.last, consonants.contains(last) { return masculineConsonant(word) }
        return indeclinable(word)
    }

    private static func termWord(_ word: String) -> [Paradigm] {
        if word.hasSuffix("ая") { return [feminineSurname(word)] }
        if word.count > 3, ["ий", "ый", "ой"].contains(where: word.hasSuffix) { return [masculineAdjective(word)] }
        if word.hasSuffix("ия") { return [iyaDeclension(word)] }
        if word.hasSuffix("а") { return [firstDeclension(word)] }
        if word.hasSuffix("я") { return [yaDeclension(word)] }
        if word.hasSuffix("ь") {
            return [givenName(word, gender: .male), givenName(word, gender: .female)]
        }
        if word.hasSuffix("й") { return [givenName(word, gender: .male)] }
        if let last = word.last, consonants.contains(last) { return [masculineConsonant(word)] }
        return [indeclinable(word)]
    }

    private static func firstDeclension(_ word: String) -> Paradigm {
        let stem = String(word.dropLast())
        let last = stem.last ?? " "
        let genitive = velarsAndSibilants.contains(last) ? "и" : "ы"
        let soft = sibilantsAndTse.contains(last)
        return (stem, ["а", genitive, "е", "у", soft ? "ей" : "ой", "е", soft ? "ею" : "ою"])
    }

    private static func yaDeclension(_ word: String) -> Paradigm {
        (String(word.dropLast()), ["я", "и", "е", "ю", "ей", "е", "ею"])
    }

    private static func iyaDeclension(_ word: String) -> Paradigm {
        (String(word.dropLast()), ["я", "и", "и", "ю", "ей", "и", "ею"])
    }

    private static func masculineAdjective(_ word: String) -> Paradigm {
        let stem = String(word.dropLast(2))
        let ending = String(word.suffix(2))
        let last = stem.last ?? " "
        let instrumental = ending == "ий" || velarsAndSibilants.contains(last) ? "им" : "ым"
        return (stem, [ending, "ого", "ому", "ого", instrumental, "ом", instrumental])
    }

    private static func masculineConsonant(_ word: String) -> Paradigm {
        let instrumental = sibilantsAndTse.contains(word.last ?? " ") ? "ем" : "ом"
        return (word, ["", "а", "у", "а", instrumental, "е", instrumental])
    }

    private static func indeclinable(_ word: String) -> Paradigm {
        (word, [""])
    }
}
