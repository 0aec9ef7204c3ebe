/// A post's `(platform, id)` folded into 64 bits, for the detector's tables of millions of posts.
///
/// A `PostKey` holds two strings (ids of 19 digits live on the heap), so hashing and storing one per post was most of
/// the detector's memory and a fifth of its time. Two different posts share a tag with probability 2⁻⁶⁴ per pair;
/// the detector only uses tags to link cascades, never to store or answer for a post.
struct PostTag: Hashable, Sendable {
    let value: UInt64

    init(_ key: PostKey) {
        var hash = StableHash.fnvOffsetBasis
        for byte in key.platform.utf8 { hash = (hash ^ UInt64(byte)) &* StableHash.fnvPrime }
        hash = (hash ^ 0x3A) &* StableHash.fnvPrime  // ':' cannot occur in a platform name
        for byte in key.id.utf8 { hash = (hash ^ UInt64(byte)) &* StableHash.fnvPrime }
        value = StableHash.mix(hash)
    }
}
