/// A stable 64-bit fingerprint of JSON content, computed from the parsed tree without writing it out.
///
/// Equal for values that differ only in the order of object members or in whitespace (the parser does not keep
/// either); different, with overwhelming probability, for any other difference. Stable across runs and builds,
/// so it can be stored.
public enum JSONFingerprint {
    /// The fingerprint of a value.
    public static func of(_ value: JSONValue) -> UInt64 {
        switch value {
        case .null: return StableHash.mix(1)
        case .bool(let b): return StableHash.mix(b ? 2 : 3)
        case .number(let text): return StableHash.combine(4, StableHash.wide(text))
        case .string(let text): return StableHash.combine(5, StableHash.wide(text))
        case .array(let items):
            var hash = StableHash.mix(6)
            for item in items { hash = StableHash.combine(hash, of(item)) }
            return StableHash.combine(hash, UInt64(items.count))
        case .object(let object): return of(object)
        }
    }

    /// The fingerprint of an object, leaving out the top-level members named in `excluding`.
    public static func of(_ object: JSONObject, excluding: Set<String> = []) -> UInt64 {
        // Members are combined by a wrapping sum of their own mixed hashes: independent of their order.
        var sum: UInt64 = 0
        var count: UInt64 = 0
        for member in object.members where !excluding.contains(member.key) {
            sum &+= StableHash.combine(StableHash.wide(member.key), of(member.value))
            count += 1
        }
        return StableHash.combine(StableHash.combine(7, sum), count)
    }
}
