/// A post written member by member as raw JSON bytes, so a test can break any byte and know its offset.
struct RawPost {
    /// A member's value: raw JSON bytes (possibly broken), or a nested object of members.
    indirect enum Value {
        case bytes([UInt8])
        case object([(key: String, value: Value)])
    }

    var members: [(key: String, value: Value)]

    /// A valid post with every optional part present, so every JSON path can be broken.
    static func valid(id: String, text: String) -> RawPost {
        RawPost(members: [
            ("platform", .bytes(Self.string("hostile"))),
            ("id", .bytes(Self.string(id))),
            (
                "author",
                .object([
                    ("id", .bytes(Self.string("a-" + id))), ("handle", .bytes(Self.string("@a" + id))),
                    ("name", .bytes(Self.string("Ольга"))), ("followers", .bytes(Array("120".utf8))),
                    ("following", .bytes(Array("80".utf8))), ("verified", .bytes(Array("false".utf8))),
                    ("created_at", .bytes(Self.string("2019-03-01T10:00:00Z"))),
                ])
            ),
            ("text", .bytes(Self.string(text))),
            ("created_at", .bytes(Self.string("2026-11-28T09:00:00Z"))),
            ("url", .bytes(Self.string("https://example.org/p/" + id))),
            ("channel", .bytes(Self.string("post"))),
            ("lang", .bytes(Self.string("ru"))),
            (
                "metrics",
                .object([
                    ("reposts", .bytes(Array("3".utf8))), ("likes", .bytes(Array("10".utf8))),
                    ("replies", .bytes(Array("1".utf8))), ("views", .bytes(Array("900".utf8))),
                ])
            ),
            ("observed_at", .bytes(Self.string("2026-11-28T09:05:00Z"))),
        ])
    }

    /// Replaces (or, with nil, removes) the member at a dotted path such as `author.id`; adds it when absent.
    mutating func set(_ path: String, _ value: Value?) {
        let parts = path.split(separator: ".").map(String.init)
        members = Self.set(parts[...], value, in: members)
    }

    private static func set(_ parts: ArraySlice<String>, _ value: Value?, in members: [(key: String, value: Value)])
        -> [(key: String, value: Value)]
    {
        var out = members
        let key = parts.first!
        let index = out.firstIndex { $0.key == key }
        if parts.count == 1 {
            switch (index, value) {
            case (let i?, let v?): out[i].value = v
            case (let i?, nil): out.remove(at: i)
            case (nil, let v?): out.append((key, v))
            case (nil, nil): break
            }
            return out
        }
        guard let i = index, case .object(let inner) = out[i].value else { return out }
        out[i].value = .object(set(parts.dropFirst(), value, in: inner))
        return out
    }

    /// The bytes, and the offset where each path's value starts.
    func render() -> (bytes: [UInt8], offsets: [String: Int]) {
        var bytes: [UInt8] = []
        var offsets: [String: Int] = [:]
        Self.render(members, prefix: "", into: &bytes, offsets: &offsets)
        return (bytes, offsets)
    }

    private static func render(
        _ members: [(key: String, value: Value)], prefix: String, into bytes: inout [UInt8],
        offsets: inout [String: Int]
    ) {
        bytes.append(UInt8(ascii: "{"))
        for (i, member) in members.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += string(member.key) + [UInt8(ascii: ":")]
            offsets[prefix + member.key] = bytes.count
            switch member.value {
            case .bytes(let raw): bytes += raw
            case .object(let inner): render(inner, prefix: prefix + member.key + ".", into: &bytes, offsets: &offsets)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else as UTF-8.
    static func string(_ text: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0..<0x20:
                let hex = String(scalar.value, radix: 16)
                out += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }
}
