/// A read-only set of 64-bit stable hashes mapping each to its position in the key list it was built from: open
/// addressing with linear probing, looked up without `Hasher` (the keys are hashes already).
struct StableHashTable: Sendable {
    private let keys: [UInt64]
    private let positions: [Int32]
    private let mask: Int

    /// Builds the table; `position(of: keys[i]) == i`.
    init(keys: [UInt64]) {
        var capacity = 16
        while capacity < keys.count * 3 {
            capacity *= 2
        }
        var slots = [UInt64](repeating: 0, count: capacity)
        var positions = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (position, key) in keys.enumerated() {
            var slot = Self.slot(of: key, mask: mask)
            while positions[slot] >= 0 && slots[slot] != key {
                slot = (slot + 1) & mask
            }
            slots[slot] = key
            positions[slot] = Int32(position)
        }
        self.keys = slots
        self.positions = positions
        self.mask = mask
    }

    /// The key's position in the list the table was built from, or nil.
    @inline(__always)
    func position(of key: UInt64) -> Int? {
        var slot = Self.slot(of: key, mask: mask)
        while true {
            let position = positions[slot]
            if position < 0 { return nil }
            if keys[slot] == key { return Int(position) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: ((key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
