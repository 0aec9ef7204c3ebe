/// The set of overlapping pieces of a normalised text, each a stable 64-bit hash: word 3-shingles, or character
/// 5-grams for texts too short to have enough word shingles.
///
/// Two texts that share most of their shingles are near-duplicates; `jaccard(_:)` is the exact measure that
/// `MinHashSignature.estimatedJaccard(_:)` approximates.
public struct ShingleSet: Sendable, Hashable {
    /// Which pieces a set is made of.
    public enum Kind: Sendable, Hashable {
        /// Runs of three consecutive words.
        case wordShingles
        /// Runs of five consecutive scalars of the normalised text (spaces included).
        case characterGrams
    }

    /// Words per shingle.
    public static let wordsPerShingle = 3
    /// Scalars per character gram.
    public static let scalarsPerGram = 5
    /// Texts with fewer words than this use character grams: a handful of word shingles is too coarse to compare.
    public static let minimumWordsForWordShingles = 6

    /// The pieces the hashes were taken from.
    public let kind: Kind
    /// The distinct shingle hashes, ascending.
    public let hashes: [UInt64]

    /// Shingles the text as `normalizer` normalises it.
    public init(text: String, normalizer: TextNormalizer = TextNormalizer()) {
        self.init(normalized: normalizer.normalizedScalars(of: text))
    }

    init(normalized: NormalizedText) {
        var (kind, hashes) = Self.unsortedHashes(of: normalized)
        self.kind = kind
        hashes.sort()
        var unique = 0
        for index in hashes.indices where index == 0 || hashes[index] != hashes[unique - 1] {
            hashes[unique] = hashes[index]
            unique += 1
        }
        hashes.removeLast(hashes.count - unique)
        self.hashes = hashes
    }

    /// The shingle hashes in text order, repeats included (all a MinHash needs; sorting is for `jaccard`).
    static func unsortedHashes(of normalized: NormalizedText) -> (Kind, [UInt64]) {
        if normalized.wordCount >= minimumWordsForWordShingles {
            return (.wordShingles, wordShingleHashes(normalized.wordHashes))
        }
        return (.characterGrams, characterGramHashes(normalized.scalars))
    }

    /// Whether the text had no words at all (empty, only links, only emoji).
    public var isEmpty: Bool { hashes.isEmpty }

    /// The exact Jaccard similarity |A ∩ B| / |A ∪ B|; 0 when either set is empty or the kinds differ.
    public func jaccard(_ other: ShingleSet) -> Double {
        guard kind == other.kind, !hashes.isEmpty, !other.hashes.isEmpty else { return 0 }
        var shared = 0
        var left = 0
        var right = 0
        while left < hashes.count && right < other.hashes.count {
            if hashes[left] == other.hashes[right] {
                shared += 1
                left += 1
                right += 1
            } else if hashes[left] < other.hashes[right] {
                left += 1
            } else {
                right += 1
            }
        }
        return Double(shared) / Double(hashes.count + other.hashes.count - shared)
    }

    private static func wordShingleHashes(_ wordHashes: [UInt64]) -> [UInt64] {
        let span = wordsPerShingle
        guard wordHashes.count >= span else { return [] }
        var shingles: [UInt64] = []
        shingles.reserveCapacity(wordHashes.count - span + 1)
        for start in 0...(wordHashes.count - span) {
            var shingle = wordHashes[start]
            for offset in 1..<span {
                shingle = StableHash.combine(shingle, wordHashes[start + offset])
            }
            shingles.append(StableHash.mix(shingle))
        }
        return shingles
    }

    private static func characterGramHashes(_ scalars: [UInt32]) -> [UInt64] {
        if scalars.isEmpty { return [] }
        let size = scalarsPerGram
        if scalars.count <= size {
            return [StableHash.mix(StableHash.scalarHash(scalars))]
        }
        var grams: [UInt64] = []
        grams.reserveCapacity(scalars.count - size + 1)
        for start in 0...(scalars.count - size) {
            grams.append(StableHash.mix(StableHash.scalarHash(scalars[start..<(start + size)])))
        }
        return grams
    }
}
