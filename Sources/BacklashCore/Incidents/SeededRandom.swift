/// SplitMix64: a small seeded random source, the same on every platform, for generated streams (the simulator,
/// the benchmarks' traffic) that must be reproducible from their seed.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// A source whose sequence depends only on `seed`.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0..<n` (0 when `n` is 0).
    public mutating func below(_ n: UInt64) -> UInt64 { n == 0 ? 0 : next() % n }
}
