/// A Russian and English word list for tone analysis: sentiment, negations, boosters, profanity and cue words.
///
/// Words are matched case-insensitively with "ё" read as "е". An entry is either a whole word ("плохо") or a stem
/// ending in "*" ("ужасн*") that matches every word starting with it; the longest matching entry wins, so
/// "неплох*" beats "плох*" in "неплохо". Spellings hold up to ten letters of one script.
public struct ToneLexicon: Sendable {
    /// What a word does for tone analysis; a word may have several roles.
    public struct Role: OptionSet, Codable, Sendable, Hashable {
        /// The bit pattern of the roles.
        public let rawValue: UInt32

        /// Creates roles from their bit pattern.
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Flips the sentiment of the next three words ("не", "not").
        public static let negation = Role(rawValue: 1 << 0)
        /// Strengthens or dampens the next sentiment word by `intensity` ("очень", "slightly").
        public static let booster = Role(rawValue: 1 << 1)
        /// Obscene or vulgar word.
        public static let profanity = Role(rawValue: 1 << 2)
        /// Emotional interjection ("капец", "wtf").
        public static let interjection = Role(rawValue: 1 << 3)
        /// Greeting when it opens the post ("здравствуйте", "hello").
        public static let greeting = Role(rawValue: 1 << 4)
        /// Announces an order or reference number ("заказ", "order").
        public static let orderCue = Role(rawValue: 1 << 5)
        /// Currency after a number ("руб", "dollars").
        public static let currency = Role(rawValue: 1 << 6)
        /// Unit of measure after a number ("грамма", "minutes").
        public static let unit = Role(rawValue: 1 << 7)
        /// A day or a time of day ("вчера", "yesterday").
        public static let dateWord = Role(rawValue: 1 << 8)
        /// A month name next to a number ("марта", "March").
        public static let month = Role(rawValue: 1 << 9)
        /// Opens a question when first in a sentence ("как", "how").
        public static let questionWord = Role(rawValue: 1 << 10)
        /// Hints at a suggestion ("добавьте", "add").
        public static let suggestionCue = Role(rawValue: 1 << 11)
        /// Clearly marks a suggestion ("предлагаю", "suggest").
        public static let strongSuggestionCue = Role(rawValue: 1 << 12)
        /// Conditional mood ("бы", "would").
        public static let conditional = Role(rawValue: 1 << 13)
        /// A polite request ("пожалуйста", "please").
        public static let please = Role(rawValue: 1 << 14)
        /// Politeness: thanks, apologies ("спасибо", "sorry").
        public static let politeness = Role(rawValue: 1 << 15)
        /// Shifts weight to what follows ("но", "but").
        public static let contrast = Role(rawValue: 1 << 16)
        /// Names a problem ("сломался", "refund").
        public static let problemCue = Role(rawValue: 1 << 17)
        /// A working thing that becomes a problem when negated ("работает", "arrived").
        public static let functional = Role(rawValue: 1 << 18)
        /// Laughter or mockery ("ахаха", "lol").
        public static let laughter = Role(rawValue: 1 << 19)
        /// Personal insult ("идиоты", "clowns").
        public static let insult = Role(rawValue: 1 << 20)
        /// Common English word, used to tell English from other Latin-script text.
        public static let englishCommon = Role(rawValue: 1 << 21)
    }

    /// One word or stem and what it does.
    public struct Entry: Codable, Sendable, Hashable {
        /// A whole word ("плохо") or a stem ending in "*" ("ужасн*").
        public var spelling: String
        /// Sentiment on a -4...4 scale; 0 for neutral words.
        public var valence: Double
        /// For boosters: how much the next sentiment word is strengthened (positive) or dampened (negative).
        public var intensity: Double
        /// What the word does.
        public var roles: Role

        /// Creates an entry.
        public init(_ spelling: String, valence: Double = 0, intensity: Double = 0, roles: Role = []) {
            self.spelling = spelling
            self.valence = valence
            self.intensity = intensity
            self.roles = roles
        }
    }

    /// The entries, merged by spelling.
    public var entries: [Entry] { storage.entries }
    /// Spellings that could not be used: empty, longer than ten letters, a stem shorter than three letters,
    /// or with characters other than Latin or Cyrillic letters of one script.
    public var rejectedSpellings: [String] { storage.rejectedSpellings }

    /// The lookup tables, shared by all copies (one reference to retain when an analyzer is copied).
    private let storage: Storage

    /// Immutable lookup tables in manually allocated memory: an open-addressing hash table from word keys to
    /// entries, and one bit per three-letter prefix that some stem starts with.
    private final class Storage: @unchecked Sendable {
        // @unchecked: every buffer is written once in `init` and only read afterwards.
        let entries: [Entry]
        let rejectedSpellings: [String]
        let compiled: UnsafeMutableBufferPointer<Compiled>
        let slotKeys: UnsafeMutableBufferPointer<UInt64>
        let slotEntries: UnsafeMutableBufferPointer<Int32>
        let stemPrefixBits: UnsafeMutableBufferPointer<UInt64>
        let slotMask: Int
        let hashShift: UInt64

        init(
            entries: [Entry], rejectedSpellings: [String], compiled: [Compiled], slotKeys: [UInt64],
            slotEntries: [Int32], stemPrefixBits: [UInt64], hashShift: UInt64
        ) {
            self.entries = entries
            self.rejectedSpellings = rejectedSpellings
            self.compiled = Self.copy(compiled)
            self.slotKeys = Self.copy(slotKeys)
            self.slotEntries = Self.copy(slotEntries)
            self.stemPrefixBits = Self.copy(stemPrefixBits)
            self.slotMask = slotKeys.count - 1
            self.hashShift = hashShift
        }

        /// The entry position stored for a key, or -1.
        @inline(__always)
        func slot(of key: UInt64) -> Int32 {
            var slot = ToneLexicon.hash(key, shift: hashShift)
            while true {
                let stored = slotKeys[slot]
                if stored == key { return slotEntries[slot] }
                if stored == 0 { return -1 }
                slot = (slot + 1) & slotMask
            }
        }

        deinit {
            compiled.deallocate()
            slotKeys.deallocate()
            slotEntries.deallocate()
            stemPrefixBits.deallocate()
        }

        private static func copy<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return buffer
        }
    }

    /// A matched entry in the form the analyzer reads.
    struct Compiled: Sendable {
        var roles: Role
        var valence: Double
        var intensity: Double
        var isStem: Bool
        var isLatin: Bool
    }

    /// Creates a lexicon; entries with the same spelling are merged, unusable spellings are listed in
    /// `rejectedSpellings`.
    public init(entries: [Entry]) {
        var merged: [Entry] = []
        var rejected: [String] = []
        var compiled: [Compiled] = []
        var keys: [UInt64] = []
        var positionByKey: [UInt64: Int] = [:]
        for entry in entries {
            guard let spelled = Self.compile(spelling: entry.spelling) else {
                rejected.append(entry.spelling)
                continue
            }
            if let position = positionByKey[spelled.key] {
                var old = merged[position]
                old.roles.formUnion(entry.roles)
                if entry.valence != 0 { old.valence = entry.valence }
                if entry.intensity != 0 { old.intensity = entry.intensity }
                merged[position] = old
                compiled[position].roles.formUnion(entry.roles)
                compiled[position].isStem = compiled[position].isStem || spelled.isStem
                if entry.valence != 0 { compiled[position].valence = entry.valence }
                if entry.intensity != 0 { compiled[position].intensity = entry.intensity }
                continue
            }
            positionByKey[spelled.key] = merged.count
            merged.append(entry)
            keys.append(spelled.key)
            compiled.append(
                Compiled(
                    roles: entry.roles, valence: entry.valence, intensity: entry.intensity,
                    isStem: spelled.isStem, isLatin: spelled.isLatin))
        }
        var capacity = 16
        while capacity < merged.count * 4 { capacity *= 2 }
        var slotKeys = [UInt64](repeating: 0, count: capacity)
        var slotEntries = [Int32](repeating: -1, count: capacity)
        let shift = UInt64(64 - capacity.trailingZeroBitCount)
        var prefixBits = [UInt64](repeating: 0, count: (1 << 18) / 64)
        for (position, key) in keys.enumerated() {
            var slot = Self.hash(key, shift: shift)
            while slotKeys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slotKeys[slot] = key
            slotEntries[slot] = Int32(position)
            if compiled[position].isStem {
                let prefix = Int(key & 0x3FFFF)
                prefixBits[prefix >> 6] |= 1 << UInt64(prefix & 63)
            }
        }
        // A word inherits what the stems it starts with say, unless it says otherwise: "спасибо" (politeness)
        // keeps the sentiment of "спасиб*", and "thanks" (sentiment) the politeness of "thank*".
        let declared = compiled
        for (position, key) in keys.enumerated() {
            var length = Self.length(of: key) - 1
            while length >= 3 {
                let prefixKey = key & Self.mask(length)
                var slot = Self.hash(prefixKey, shift: shift)
                while slotKeys[slot] != 0 && slotKeys[slot] != prefixKey { slot = (slot + 1) & (capacity - 1) }
                if slotKeys[slot] == prefixKey, declared[Int(slotEntries[slot])].isStem {
                    let stem = declared[Int(slotEntries[slot])]
                    compiled[position].roles.formUnion(stem.roles)
                    if compiled[position].valence == 0 { compiled[position].valence = stem.valence }
                    if compiled[position].intensity == 0 { compiled[position].intensity = stem.intensity }
                }
                length -= 1
            }
        }
        self.storage = Storage(
            entries: merged, rejectedSpellings: rejected, compiled: compiled, slotKeys: slotKeys,
            slotEntries: slotEntries, stemPrefixBits: prefixBits, hashShift: shift)
    }

    /// A copy of this lexicon with more entries; an entry with an existing spelling adds to it.
    public func adding(_ more: [Entry]) -> ToneLexicon {
        ToneLexicon(entries: entries + more)
    }

    /// The entry a word matches (whole word first, then the longest stem) with what it inherits from shorter
    /// stems, or nil.
    public func entry(matching word: String) -> Entry? {
        var builder = KeyBuilder()
        for scalar in word.unicodeScalars {
            let code = Self.letterCode(scalar.value)
            if code != 0 {
                builder.append(code)
            } else if scalar.value == 0x27 || scalar.value == 0x2019 {
                builder.append(Self.apostropheCode)
            } else {
                builder.append(0)
            }
        }
        builder.dropTrailingApostrophe()
        let position = match(builder)
        guard position >= 0 else { return nil }
        let found = compiled(at: position)
        return Entry(
            entries[Int(position)].spelling, valence: found.valence, intensity: found.intensity, roles: found.roles)
    }

    // MARK: - Matching

    /// The position of the entry a word's key matches: the whole word, else its longest stem; -1 when none.
    @inline(__always)
    func match(_ word: KeyBuilder) -> Int32 {
        let storage = self.storage
        var length = word.length
        if word.complete && length > 0 {
            let position = storage.slot(of: word.key)
            if position >= 0 { return position }
            length -= 1
        }
        guard length >= 3 else { return -1 }
        let prefix = Int(word.key & 0x3FFFF)
        guard storage.stemPrefixBits[prefix >> 6] & (1 << UInt64(prefix & 63)) != 0 else { return -1 }
        while length >= 3 {
            let position = storage.slot(of: word.key & Self.mask(length))
            if position >= 0 && storage.compiled[Int(position)].isStem { return position }
            length -= 1
        }
        return -1
    }

    /// The compiled entry at a position `match` returned.
    @inline(__always)
    func compiled(at position: Int32) -> Compiled {
        storage.compiled[Int(position)]
    }

    @inline(__always)
    fileprivate static func hash(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    // MARK: - Letters and keys

    /// Letters a key can hold.
    static let maxKeyLength = 10
    /// The code of an apostrophe inside a word ("don't").
    static let apostropheCode: UInt8 = 59

    /// Bits covering the first `length` letters of a key.
    @inline(__always)
    static func mask(_ length: Int) -> UInt64 { (1 << UInt64(6 * length)) &- 1 }

    /// A six-bit lowercase code for a Latin or Russian letter (1...26 Latin, 27...58 Cyrillic, "ё" as "е"),
    /// or 0 for anything else.
    @inline(__always)
    static func letterCode(_ value: UInt32) -> UInt8 {
        switch value {
        case 0x61...0x7A: return UInt8(truncatingIfNeeded: value &- 0x60)
        case 0x41...0x5A: return UInt8(truncatingIfNeeded: value &- 0x40)
        case 0x430...0x44F: return UInt8(truncatingIfNeeded: value &- 0x430 &+ 27)
        case 0x410...0x42F: return UInt8(truncatingIfNeeded: value &- 0x410 &+ 27)
        case 0x451, 0x401: return 32
        default: return 0
        }
    }

    /// The number of letters in a key.
    static func length(of key: UInt64) -> Int {
        var length = 0
        while length < maxKeyLength && (key >> UInt64(6 * length)) & 63 != 0 { length += 1 }
        return length
    }

    /// Whether a coded letter is Cyrillic.
    @inline(__always)
    static func isCyrillic(code: UInt8) -> Bool { code >= 27 && code <= 58 }

    /// The key of a spelling, or nil when it cannot be used.
    static func compile(spelling: String) -> (key: UInt64, isStem: Bool, isLatin: Bool)? {
        var body = Substring(spelling)
        let isStem = body.hasSuffix("*")
        if isStem { body = body.dropLast() }
        var key: UInt64 = 0
        var length = 0
        var latin = false
        var cyrillic = false
        for scalar in body.unicodeScalars {
            var code = letterCode(scalar.value)
            if scalar.value == 0x27 || scalar.value == 0x2019 { code = apostropheCode }
            guard code != 0, length < maxKeyLength else { return nil }
            if isCyrillic(code: code) { cyrillic = true } else if code != apostropheCode { latin = true }
            key |= UInt64(code) << UInt64(6 * length)
            length += 1
        }
        guard length > 0, !(isStem && length < 3), !(latin && cyrillic) else { return nil }
        return (key, isStem, latin)
    }

    /// Builds the key of a word letter by letter, collapsing a letter repeated three or more times to one
    /// ("ужасноооо" → "ужасно", "sooooo" → "so") and noting that the word was stretched.
    struct KeyBuilder {
        /// Six bits per letter, first letter lowest.
        var key: UInt64 = 0
        /// Letters in the key.
        var length = 0
        /// Whether every letter so far is in the key (no unknown letter, not longer than ten letters).
        var complete = true
        /// Whether some letter was repeated three or more times.
        var stretched = false
        private var lastCode: UInt8 = 0
        private var run = 0

        /// Adds a letter code; 0 stands for a letter outside the Latin and Russian alphabets.
        @inline(__always)
        mutating func append(_ code: UInt8) {
            if code != 0 && code == lastCode {
                run += 1
            } else {
                run = 1
                lastCode = code
            }
            if run >= 3 {
                stretched = true
                if run == 3 && complete && length > 0 {
                    length -= 1
                    key &= mask(length)
                }
                return
            }
            guard complete else { return }
            guard code != 0, length < maxKeyLength else {
                complete = false
                return
            }
            key |= UInt64(code) << UInt64(6 * length)
            length += 1
        }

        /// Removes an apostrophe that ends the word ("customers'").
        @inline(__always)
        mutating func dropTrailingApostrophe() {
            guard complete, length > 0 else { return }
            if (key >> UInt64(6 * (length - 1))) & 63 == UInt64(apostropheCode) {
                length -= 1
                key &= mask(length)
            }
        }
    }
}
