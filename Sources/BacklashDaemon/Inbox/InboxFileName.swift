/// File names in the inbox as the bytes they are: printed safely, and shortened to fit the file system's limit.
///
/// A name in `new/` is whatever a writer chose: newlines, terminal escapes, bidi overrides, bytes that are not
/// UTF-8, 255 bytes that leave no room for `.error`. Reports print it escaped, and the daemon's own names
/// (`failed/NAME.error`, `cur/NAME.1`) are shortened only as far as needed, so a move never fails for the name's
/// sake.
enum InboxFileName {
    /// The longest name a Linux file system takes, in bytes.
    static let maxBytes = 255

    /// The name as printable text: control characters and bidi overrides as `\u{…}`, bytes that are not UTF-8 as `\xHH`.
    static func printable(_ name: [UInt8]) -> String {
        var out = ""
        var rest = name[...]
        while !rest.isEmpty {
            var decoder = UTF8()
            var iterator = rest.makeIterator()
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                    out += "\\u{" + String(v, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
                rest = rest.dropFirst(String(scalar).utf8.count)
            case .error, .emptyInput:
                // One byte that starts no valid character: escape it alone and go on with the next.
                let byte = rest.first!
                out += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                rest = rest.dropFirst()
            }
        }
        return out
    }

    /// The name quoted for messages: `'name'`.
    static func quoted(_ name: [UInt8]) -> String { "'" + printable(name) + "'" }

    /// The name, or a shortened form (a prefix cut at a character boundary, `~` and a hash of the whole name) that
    /// leaves `reserve` bytes free under the file system's limit for what the daemon appends.
    static func fitting(_ name: String, reserve: Int) -> String {
        let limit = maxBytes - reserve
        guard name.utf8.count > limit else { return name }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        let tail = "~" + String(hash, radix: 16)
        var prefix = ""
        for scalar in name.unicodeScalars {
            if prefix.utf8.count + String(scalar).utf8.count + tail.utf8.count > limit { break }
            prefix.unicodeScalars.append(scalar)
        }
        return prefix + tail
    }
}
