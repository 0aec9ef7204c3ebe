/// A fixed-size sketch of a `ShingleSet`: for each of 128 hash permutations, the smallest permuted shingle. The
/// share of equal positions in two signatures estimates the Jaccard similarity of the texts.
///
/// Permutation `i` maps a shingle hash with halves `h1`, `h2` to `h1 + i·h2 (mod 2³²)` (double hashing): each
/// permutation is a uniform hash on its own and any two with an odd index difference are pairwise independent, which
/// is what the estimate's accuracy rests on, and all 128 are computed with vector additions. The shingle hashes are
/// stable, so a text has the same signature in every process and on every machine; signatures can be stored.
public struct MinHashSignature: Sendable, Hashable {
    /// Values in a signature of a non-empty text.
    public static let valueCount = 128

    /// The minimum of each permutation; empty for a text without words.
    public let values: [UInt32]

    private typealias Lanes = SIMD16<UInt32>

    /// The signature of a shingle set.
    public init(shingles: ShingleSet) {
        self.init(shingleHashes: shingles.hashes)
    }

    /// The signature of shingle hashes in any order, repeats allowed.
    init(shingleHashes: [UInt64]) {
        guard !shingleHashes.isEmpty else {
            values = []
            return
        }
        let laneIndex = Lanes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        var minima = (
            Lanes(repeating: .max), Lanes(repeating: .max), Lanes(repeating: .max), Lanes(repeating: .max),
            Lanes(repeating: .max), Lanes(repeating: .max), Lanes(repeating: .max), Lanes(repeating: .max)
        )
        for hash in shingleHashes {
            let low = UInt32(truncatingIfNeeded: hash)
            let high = UInt32(truncatingIfNeeded: hash >> 32)
            let step = Lanes(repeating: high &* UInt32(Lanes.scalarCount))
            var permuted = Lanes(repeating: low) &+ laneIndex &* Lanes(repeating: high)
            minima.0.replace(with: permuted, where: permuted .< minima.0)
            permuted &+= step
            minima.1.replace(with: permuted, where: permuted .< minima.1)
            permuted &+= step
            minima.2.replace(with: permuted, where: permuted .< minima.2)
            permuted &+= step
            minima.3.replace(with: permuted, where: permuted .< minima.3)
            permuted &+= step
            minima.4.replace(with: permuted, where: permuted .< minima.4)
            permuted &+= step
            minima.5.replace(with: permuted, where: permuted .< minima.5)
            permuted &+= step
            minima.6.replace(with: permuted, where: permuted .< minima.6)
            permuted &+= step
            minima.7.replace(with: permuted, where: permuted .< minima.7)
        }
        let groups = [minima.0, minima.1, minima.2, minima.3, minima.4, minima.5, minima.6, minima.7]
        values = [UInt32](unsafeUninitializedCapacity: Self.valueCount) { buffer, initialized in
            for (group, lanes) in groups.enumerated() {
                for lane in 0..<Lanes.scalarCount {
                    buffer[group * Lanes.scalarCount + lane] = lanes[lane]
                }
            }
            initialized = Self.valueCount
        }
    }

    /// The signature of a text as `normalizer` normalises it.
    public init(text: String, normalizer: TextNormalizer = TextNormalizer()) {
        self.init(shingleHashes: ShingleSet.unsortedHashes(of: normalizer.normalizedScalars(of: text)).1)
    }

    /// Restores a stored signature; nil unless it has `valueCount` values (or none, for a text without words).
    public init?(values: [UInt32]) {
        guard values.isEmpty || values.count == Self.valueCount else { return nil }
        self.values = values
    }

    /// Whether the text had no words, so it resembles nothing.
    public var isEmpty: Bool { values.isEmpty }

    /// The estimated Jaccard similarity (0–1) of the two texts' shingle sets; 0 when either is empty.
    public func estimatedJaccard(_ other: MinHashSignature) -> Double {
        guard !values.isEmpty, values.count == other.values.count else { return 0 }
        var equal = 0
        values.withUnsafeBufferPointer { left in
            other.values.withUnsafeBufferPointer { right in
                for index in 0..<left.count where left[index] == right[index] {
                    equal += 1
                }
            }
        }
        return Double(equal) / Double(values.count)
    }
}
