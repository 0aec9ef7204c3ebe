/// Finds where posts name configured people, brands or topics: by handle, by full name in any Russian case and
/// either order, by initial or title and surname, or by the surname alone (a weaker match).
///
/// Rules worth knowing:
/// - Handles match case-insensitively and whole: "@apetrova2", "@apetrova_x" and "anna@apetrova.ru" are not
///   "@apetrova". Links and e-mail addresses are never read for names.
/// - A surname alone matches only in the forms of the person's gender: for "Анна Петрова" the forms "Петрова",
///   "Петровой", "Петрову", "Петровою" match, while "Петров", "Петровым", "Петрове" (a man, or the family) do not.
///   "Петрова"/"Петрову" are also a man's genitive/dative; that ambiguity is why the surname alone is reported as
///   `.surname`, and why a surname next to someone else's initial ("И. Петрова") is not reported at all.
/// - A given name alone ("Анна") is never a mention: too many people share it.
/// - Surname-alone matches do not require a capital letter, because posts are often written in lower case.
public struct NameMentionMatcher: Sendable {
    /// The targets looked for.
    public let targets: [MentionTarget]

    private enum Slot: Equatable {
        case given, patronymic, surname, title
        case termWord(position: Int)
    }

    private struct FormEntry: Sendable {
        var pattern: Int
        var slot: Slot
        var form: [UInt32]
    }

    /// One configured name of one target.
    private struct NamePattern: Sendable {
        var target: Int
        var isTerm: Bool
        var termLength: Int
        var givenInitial: UInt32?
    }

    private struct HandleEntry: Sendable {
        var target: Int
        var handle: [UInt32]
    }

    private let patterns: [NamePattern]
    /// Token hash → index into `formGroups`; a flat open-addressing table, faster than `Dictionary` (SipHash).
    private let formIndex: StableHashTable
    private let formGroups: [[FormEntry]]
    private let handlesByHash: [UInt64: [HandleEntry]]

    private static let titles = [
        "ms", "mrs", "miss", "mr", "dr", "mx", "г-жа", "госпожа", "госпожи", "госпоже", "госпожу", "госпожой",
        "г-н", "господин", "господина", "господину", "господином", "господине",
    ]

    /// Prepares the case forms and handles of every target.
    public init(targets: [MentionTarget]) {
        self.targets = targets
        var patterns: [NamePattern] = []
        var forms: [UInt64: [FormEntry]] = [:]
        var handles: [UInt64: [HandleEntry]] = [:]

        func add(_ form: String, pattern: Int, slot: Slot) {
            let values = form.unicodeScalars.map(\.value)
            let entry = FormEntry(pattern: pattern, slot: slot, form: values)
            forms[StableHash.scalarHash(form), default: []].append(entry)
        }

        for title in Self.titles {
            add(title, pattern: -1, slot: .title)
        }
        for (targetIndex, target) in targets.enumerated() {
            for handle in target.handles {
                let bare = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
                let lowered = bare.unicodeScalars.map { TextScalars.lowerASCII($0.value) }
                guard !lowered.isEmpty else { continue }
                handles[StableHash.scalarHash(lowered), default: []]
                    .append(HandleEntry(target: targetIndex, handle: lowered))
            }
            let gender = target.gender ?? Self.inferredGender(target)
            for name in target.names {
                let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                guard !words.isEmpty else { continue }
                let patternIndex = patterns.count
                if target.kind == .term {
                    patterns.append(NamePattern(target: targetIndex, isTerm: true, termLength: words.count))
                    for (position, word) in words.enumerated() {
                        for form in RussianNameInflector.caseForms(of: word, role: .word, gender: .male) {
                            add(form, pattern: patternIndex, slot: .termWord(position: position))
                        }
                    }
                    continue
                }
                let parts = Self.personParts(words)
                let initial = parts.given.flatMap { RussianNameInflector.fold($0).unicodeScalars.first?.value }
                patterns.append(NamePattern(target: targetIndex, isTerm: false, termLength: 0, givenInitial: initial))
                let genders: [RussianNameInflector.Gender] = gender.map { [$0] } ?? [.female, .male]
                for gender in genders {
                    if let given = parts.given {
                        for form in RussianNameInflector.caseForms(of: given, role: .givenName, gender: gender) {
                            add(form, pattern: patternIndex, slot: .given)
                        }
                    }
                    if let patronymic = parts.patronymic {
                        for form in RussianNameInflector.caseForms(of: patronymic, role: .patronymic, gender: gender) {
                            add(form, pattern: patternIndex, slot: .patronymic)
                        }
                    }
                    for form in RussianNameInflector.caseForms(of: parts.surname, role: .surname, gender: gender) {
                        add(form, pattern: patternIndex, slot: .surname)
                    }
                }
            }
        }
        self.patterns = patterns
        let keys = forms.keys.sorted()
        self.formGroups = keys.map { Self.deduplicated(forms[$0] ?? []) }
        self.formIndex = StableHashTable(keys: keys)
        self.handlesByHash = handles
    }

    /// Every mention of every target in the text, in text order.
    public func matches(in text: String) -> [NameMention] {
        let tokens = MentionTokens(text)
        var mentions: [NameMention] = []
        findHandles(tokens, into: &mentions)
        findNames(tokens, into: &mentions)
        mentions.sort { ($0.start, $0.end, $0.targetID) < ($1.start, $1.end, $1.targetID) }
        return mentions
    }

    // MARK: Handles

    private func findHandles(_ tokens: MentionTokens, into mentions: inout [NameMention]) {
        guard !handlesByHash.isEmpty, tokens.hasAtSign else { return }
        let text = tokens.text
        var index = 0
        while index < text.count {
            defer { index += 1 }
            guard text[index] == 0x40 else { continue }
            if index > 0 {
                let before = text[index - 1]
                if TextScalars.isWordCharacter(before) || before == 0x5F || before == 0x2E || before == 0x40
                    || before == 0x2F
                {
                    continue
                }
            }
            var end = index + 1
            while end < text.count && Self.isHandleCharacter(text[end]) {
                end += 1
            }
            while end > index + 1 && text[end - 1] == 0x2E {
                end -= 1
            }
            guard end > index + 1 else { continue }
            if end < text.count && (TextScalars.isWordCharacter(text[end]) || text[end] == 0x40) { continue }
            let lowered = text[(index + 1)..<end].map(TextScalars.lowerASCII)
            guard let entries = handlesByHash[StableHash.scalarHash(lowered)] else { continue }
            for entry in entries where entry.handle == lowered {
                mentions.append(
                    NameMention(
                        targetID: targets[entry.target].id, matchedText: tokens.original(from: index, to: end),
                        start: index, end: end, form: .handle))
            }
        }
    }

    private static func isHandleCharacter(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
            || value == 0x5F || value == 0x2E
    }

    // MARK: Names

    private func entries(_ tokens: MentionTokens, _ index: Int) -> [FormEntry] {
        let token = tokens.tokens[index]
        guard !token.isHandleWord, let group = formIndex.position(of: token.hash) else { return [] }
        return formGroups[group].filter { tokens.token(index, equals: $0.form) }
    }

    private func has(_ tokens: MentionTokens, _ index: Int, pattern: Int, slot: Slot) -> Bool {
        guard index >= 0 && index < tokens.tokens.count else { return false }
        return entries(tokens, index).contains { $0.pattern == pattern && $0.slot == slot }
    }

    private func joined(_ tokens: MentionTokens, _ index: Int) -> Bool {
        index < tokens.tokens.count && tokens.tokens[index].gapBefore == .spaces
    }

    private func isPatronymic(_ tokens: MentionTokens, _ index: Int, pattern: Int) -> Bool {
        guard joined(tokens, index) else { return false }
        return has(tokens, index, pattern: pattern, slot: .patronymic)
            || RussianNameInflector.looksLikePatronymic(scalars: tokens.foldedScalars(index))
    }

    private func isTitle(_ tokens: MentionTokens, _ index: Int) -> Bool {
        index >= 0 && entries(tokens, index).contains { $0.slot == .title }
    }

    private func findNames(_ tokens: MentionTokens, into mentions: inout [NameMention]) {
        let count = tokens.tokens.count
        var consumedUntil = 0
        var index = 0
        while index < count {
            defer { index += 1 }
            guard index >= consumedUntil else { continue }
            let found = entries(tokens, index)
            guard !found.isEmpty else { continue }
            var strong: [(pattern: Int, first: Int, last: Int)] = []
            var weak: [Int] = []
            for entry in found {
                if let range = strongMatch(tokens, at: index, entry: entry) {
                    strong.append((entry.pattern, range.first, range.last))
                } else if entry.slot == .surname, surnameStandsAlone(tokens, at: index, pattern: entry.pattern) {
                    weak.append(entry.pattern)
                }
            }
            if !strong.isEmpty {
                var reported = Set<Int>()
                for match in strong where reported.insert(patterns[match.pattern].target).inserted {
                    let start = tokens.start(match.first)
                    // An initial at the end keeps its dot: "Петрова А. С.".
                    let end = tokens.end(match.last) + (tokens.isInitial(match.last) ? 1 : 0)
                    mentions.append(
                        NameMention(
                            targetID: targets[patterns[match.pattern].target].id,
                            matchedText: tokens.original(from: start, to: end), start: start, end: end,
                            form: .fullName))
                    consumedUntil = max(consumedUntil, match.last + 1)
                }
                continue
            }
            var reported = Set<Int>()
            for pattern in weak where reported.insert(patterns[pattern].target).inserted {
                let start = tokens.start(index)
                let end = tokens.end(index)
                mentions.append(
                    NameMention(
                        targetID: targets[patterns[pattern].target].id,
                        matchedText: tokens.original(from: start, to: end), start: start, end: end, form: .surname))
            }
        }
    }

    /// A full-name match that starts at `index` (or at an initial or title just before it), as token indices.
    private func strongMatch(_ tokens: MentionTokens, at index: Int, entry: FormEntry) -> (first: Int, last: Int)? {
        let pattern = entry.pattern
        switch entry.slot {
        case .title, .patronymic:
            return nil
        case .termWord(let position):
            guard position == 0 else { return nil }
            let length = patterns[pattern].termLength
            for offset in stride(from: 1, to: length, by: 1) {
                guard joined(tokens, index + offset),
                    has(tokens, index + offset, pattern: pattern, slot: .termWord(position: offset))
                else { return nil }
            }
            return (index, index + length - 1)
        case .given:
            var next = index + 1
            if isPatronymic(tokens, next, pattern: pattern) && joined(tokens, next + 1)
                && has(tokens, next + 1, pattern: pattern, slot: .surname)
            {
                next += 1
            }
            guard joined(tokens, next), has(tokens, next, pattern: pattern, slot: .surname) else { return nil }
            return (index, next)
        case .surname:
            if joined(tokens, index + 1), has(tokens, index + 1, pattern: pattern, slot: .given) {
                let last = isPatronymic(tokens, index + 2, pattern: pattern) ? index + 2 : index + 1
                return (index, last)
            }
            let before = initialsBefore(tokens, index)
            if let first = before.first, tokens.firstScalar(of: first) == patterns[pattern].givenInitial {
                return (first, index)
            }
            let after = initialsAfter(tokens, index)
            if let first = after.first, tokens.firstScalar(of: first) == patterns[pattern].givenInitial {
                return (index, after.last ?? first)
            }
            if before.isEmpty && after.isEmpty && index > 0 && isTitle(tokens, index - 1)
                && tokens.tokens[index].gapBefore != .other
            {
                return (index - 1, index)
            }
            return nil
        }
    }

    /// Whether a surname with no given name next to it may be reported alone: not next to someone else's initials.
    private func surnameStandsAlone(_ tokens: MentionTokens, at index: Int, pattern: Int) -> Bool {
        !patterns[pattern].isTerm && initialsBefore(tokens, index).isEmpty && initialsAfter(tokens, index).isEmpty
    }

    /// Up to two initials written right before a token ("А. С. Петрова"), leftmost first.
    private func initialsBefore(_ tokens: MentionTokens, _ index: Int) -> [Int] {
        var initials: [Int] = []
        var position = index
        while initials.count < 2, position > 0, tokens.tokens[position].gapBefore == .dot,
            tokens.isInitial(position - 1)
        {
            position -= 1
            initials.insert(position, at: 0)
        }
        return initials
    }

    /// Up to two initials written right after a token ("Петрова А. С.").
    private func initialsAfter(_ tokens: MentionTokens, _ index: Int) -> [Int] {
        var initials: [Int] = []
        var position = index + 1
        var expectedGap = MentionTokens.Gap.spaces
        while initials.count < 2, position < tokens.tokens.count, tokens.tokens[position].gapBefore == expectedGap,
            tokens.isInitial(position)
        {
            initials.append(position)
            position += 1
            expectedGap = .dot
        }
        return initials
    }

    // MARK: Configuration helpers

    private static func personParts(_ words: [String]) -> (given: String?, patronymic: String?, surname: String) {
        switch words.count {
        case 1:
            return (nil, nil, words[0])
        case 2:
            let first = RussianNameInflector.fold(words[0])
            let second = RussianNameInflector.fold(words[1])
            if RussianNameInflector.looksLikeSurname(first) && !RussianNameInflector.looksLikeSurname(second) {
                return (words[1], nil, words[0])
            }
            return (words[0], nil, words[1])
        default:
            let last = words[words.count - 1]
            if RussianNameInflector.looksLikePatronymic(RussianNameInflector.fold(last)) {
                return (words[1], last, words[0])
            }
            let middle = words.count == 3 ? words[1] : nil
            return (words[0], middle, last)
        }
    }

    private static func inferredGender(_ target: MentionTarget) -> RussianNameInflector.Gender? {
        for name in target.names {
            let words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            guard !words.isEmpty else { continue }
            let parts = personParts(words)
            if let gender = RussianNameInflector.inferredGender(givenName: parts.given, surname: parts.surname) {
                return gender
            }
        }
        return nil
    }

    private static func deduplicated(_ entries: [FormEntry]) -> [FormEntry] {
        var result: [FormEntry] = []
        for entry in entries
        where !result.contains(where: { $0.pattern == entry.pattern && $0.slot == entry.slot && $0.form == entry.form })
        {
            result.append(entry)
        }
        return result
    }
}
