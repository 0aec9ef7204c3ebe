@testable import BacklashCore
import Testing

@Suite struct StableHashWideTests {
    @Test("the wide hash tells apart texts that differ in one byte anywhere, or only in length")
    func distinguishes() {
        let base = "Такси списало рубль с карты ещё до поездки!"
        var seen: Set<UInt64> = [StableHash.wide(base)]
        var bytes = Array(base.utf8)
        for i in bytes.indices {
            bytes[i] ^= 1
            seen.insert(bytes.withUnsafeBufferPointer { StableHash.wide(bytes: $0) })
            bytes[i] ^= 1
        }
        #expect(seen.count == bytes.count + 1)
        #expect(StableHash.wide("a") != StableHash.wide("a\u{0}"))
        #expect(StableHash.wide("") != StableHash.wide("\u{0}"))
    }

    @Test("the wide hash of a native and of a bridged-looking string agree (same bytes, same value)")
    func sameBytesSameValue() {
        let text = "Why was I charged before the ride? 🚕"
        let viaArray = Array(text.utf8).withUnsafeBufferPointer { StableHash.wide(bytes: $0) }
        #expect(StableHash.wide(text) == viaArray)
        #expect(StableHash.wide(String(text.dropFirst(0))) == viaArray)
    }
}
