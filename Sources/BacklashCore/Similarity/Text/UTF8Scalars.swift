/// Decoding helpers over a string's UTF-8 bytes, for the hot paths that would otherwise pay for
/// `String.unicodeScalars` iteration.
enum UTF8Scalars {
    /// Calls `body` with the string's contiguous UTF-8 bytes (copying only for bridged, non-contiguous strings).
    static func withBytes<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// Decodes the scalar starting at `index` of valid UTF-8; returns its value and byte length.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 {
            return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
        }
        if lead < 0xF0 {
            return (
                ((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6) | (UInt32(bytes[index + 2]) & 0x3F), 3
            )
        }
        return (
            ((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
                | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4
        )
    }

    /// Decodes all scalars of a string into values.
    static func values(of text: String) -> [UInt32] {
        withBytes(of: text) { bytes in
            var values: [UInt32] = []
            values.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let (value, length) = decode(bytes, at: index)
                values.append(value)
                index += length
            }
            return values
        }
    }

    /// Builds a string from scalar values.
    static func string<Values: Sequence>(_ values: Values) -> String where Values.Element == UInt32 {
        var bytes: [UInt8] = []
        for value in values {
            if value < 0x80 {
                bytes.append(UInt8(value))
            } else if value < 0x800 {
                bytes.append(UInt8(0xC0 | (value >> 6)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else if value < 0x1_0000 {
                bytes.append(UInt8(0xE0 | (value >> 12)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                bytes.append(UInt8(0xF0 | (value >> 18)))
                bytes.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
                bytes.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                bytes.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
