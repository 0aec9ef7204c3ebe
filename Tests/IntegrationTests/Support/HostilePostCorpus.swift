/// One hostile post: its bytes (one line, no newline), the key it is stored under if valid, and what the daemon
/// owes it.
struct HostilePost: Sendable {
    let label: String
    let key: String
    let bytes: [UInt8]
    let verdict: HostileVerdict
}

/// Generates hostile posts from a seed: broken and truncated JSON, wrong types, giant numbers, deep nesting, invalid
/// UTF-8, NUL and control characters, bad escapes, duplicate keys, and valid but strange posts (RTL overrides,
/// escaped controls, the largest counts, year 1 and year 9999) that must be stored.
///
/// Every case knows its verdict exactly, offsets included, from how it was built — never from the product's parser.
struct HostilePostCorpus {
    var random: SeededRandom
    /// Prefix of every post id, so corpora sent through different doors never collide.
    let tag: String
    var counter = 0

    init(seed: UInt64, tag: String) {
        random = SeededRandom(seed: seed)
        self.tag = tag
    }

    enum FieldKind {
        case identifier
        case string(max: Int)
        case channel, time, count, bool, object
    }

    static let fields: [(path: String, kind: FieldKind, required: Bool)] = [
        ("platform", .identifier, true), ("id", .identifier, true), ("text", .string(max: 262_144), true),
        ("created_at", .time, true), ("url", .string(max: 8192), false), ("reply_to", .identifier, false),
        ("repost_of", .identifier, false), ("quote_of", .identifier, false), ("channel", .channel, false),
        ("lang", .string(max: 35), false), ("observed_at", .time, false), ("author", .object, true),
        ("author.id", .identifier, true), ("author.handle", .string(max: 256), false),
        ("author.name", .string(max: 1024), false), ("author.followers", .count, false),
        ("author.following", .count, false), ("author.verified", .bool, false), ("author.created_at", .time, false),
        ("metrics", .object, false), ("metrics.reposts", .count, false), ("metrics.likes", .count, false),
        ("metrics.replies", .count, false), ("metrics.views", .count, false),
    ]

    static let texts = [
        "Такси списало рубль до поездки!!!", "Верните деньги, я не ездил", "Where is my refund? Third week of silence",
        "Анна Петрова, ответьте людям!", "Поддержка молчит, бот отвечает шаблоном", "charged twice, cancelled ride",
    ]

    /// `count` cases in a fixed order for this seed.
    mutating func make(_ count: Int) -> [HostilePost] {
        (0..<count).map { _ in next() }
    }

    mutating func next() -> HostilePost {
        counter += 1
        let id = "\(tag)\(counter)"
        let base = RawPost.valid(id: id, text: random.pick(Self.texts) + " #" + id)
        let key = "hostile:" + id
        let roll = random.below(100)
        switch roll {
        case 0..<16: return accepted(base, id: id)
        case 16..<36: return wrongType(base, key: key)
        case 36..<43: return missing(base, key: key)
        case 43..<52: return badNumber(base, key: key)
        case 52..<58: return badTime(base, key: key)
        case 58..<61: return oversize(base, key: key)
        case 61..<70: return truncated(base, key: key)
        case 70..<78: return invalidUTF8(base, key: key)
        case 78..<85: return controlCharacter(base, key: key)
        case 85..<89: return nesting(base, key: key)
        case 89..<95: return brokenStructure(base, key: key)
        case 95..<98: return badEscape(base, key: key)
        default: return notAnObject(key: key)
        }
    }

    // MARK: - valid but strange

    static let strangeTexts: [String] = [
        "\u{202E}ьгендерп\u{202C} reversed by an RTL override", "\u{2066}isolate\u{2069} \u{2067}rtl\u{2069}",
        "zero\u{200B}width\u{200D}joiner\u{FEFF}bom", "escaped controls \u{1}\u{7}\u{1B}[31m\u{1F} end",
        "line\u{2028}separator\u{2029}paragraph", "emoji 🚕💸😡👩🏽‍💻 flags 🇷🇺", "combining й̈̈̈̈ ё́",
        "DEL \u{7F} and C1 \u{85}\u{9F}", "quotes \" and backslashes \\ and slashes /",
    ]

    mutating func accepted(_ base: RawPost, id: String) -> HostilePost {
        var post = base
        var key = "hostile:" + id
        var label = "accepted"
        for _ in 0..<random.within(1...3) {
            switch random.below(9) {
            case 0:
                post.set("text", .bytes(RawPost.string(random.pick(Self.strangeTexts) + " #" + id)))
                label += "+strange-text"
            case 1:
                let path = random.pick(["author.followers", "author.following", "metrics.reposts", "metrics.views"])
                let value = random.pick(["9223372036854775807", "0", "-0", "1e2", "8.9e18", "0.0", "1E3"])
                post.set(path, .bytes(Array(value.utf8)))
                label += "+count-\(value)"
            case 2:
                let path = random.pick(["created_at", "observed_at", "author.created_at"])
                let value = random.pick([
                    "2026-12-31T23:59:60Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                    "2026-11-28t09:00:00z", "2026-11-28 09:00:00+14:00", "2028-02-29T00:00:00-23:59",
                ])
                post.set(path, .bytes(RawPost.string(value)))
                label += "+time-\(path)"
            case 3:
                // Numeric ids are unique per corpus tag too: the doors' corpora must never collide.
                let numeric = "\(7 + tag.utf8.reduce(0) { $0 &+ Int($1) } % 90)\(100_000_000 + counter)"
                post.set("id", .bytes(Array(numeric.utf8)))
                key = "hostile:" + numeric
                label += "+numeric-id"
            case 4:
                let value = random.pick([
                    "1e308", "-1e-308", "[]", "{}", "null", "\"\"", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
                    "\"" + String(repeating: "ж", count: 2000) + "\"", "123456789012345678901234567890",
                ])
                post.set("x_unknown_\(random.below(1000))", .bytes(Array(value.utf8)))
                label += "+unknown-field"
            case 5:
                post.set(random.pick(["url", "lang", "author.handle", "author.name"]), .bytes(RawPost.string("")))
                label += "+empty-optional"
            case 6:
                let path = random.pick([
                    "url", "reply_to", "channel", "lang", "observed_at", "metrics", "author.handle",
                    "author.followers", "author.verified", "author.created_at",
                ])
                post.set(path, random.chance(0.5) ? nil : .bytes(Array("null".utf8)))
                label += "+absent-\(path)"
            case 7:
                post.set("author.name", .bytes(RawPost.string("\u{202E}" + random.pick(Self.strangeTexts))))
                post.set("author.handle", .bytes(RawPost.string("@\u{202E}nimda")))
                label += "+rtl-author"
            default:
                post.set(
                    "channel",
                    .bytes(RawPost.string(random.pick(["post", "comment", "review", "dm", "email", "chat"]))))
                label += "+channel"
            }
        }
        return HostilePost(label: label, key: key, bytes: post.render().bytes, verdict: .accepted)
    }

    // MARK: - wrong types and missing fields

    mutating func wrongType(_ base: RawPost, key: String) -> HostilePost {
        let field = random.pick(Self.fields)
        let candidates: [(raw: String, kind: String)] = [
            ("\"text\"", "a string"), ("42", "a number"), ("true", "a boolean"), ("[1,2]", "an array"),
            ("{\"a\":1}", "an object"), ("1.5", "a number"),
        ]
        var choice = random.pick(candidates)
        let problem: String
        switch field.kind {
        case .identifier:
            if choice.kind == "a string" || choice.raw == "42" { choice = ("1.5", "a number") }
            problem =
                choice.raw == "1.5"
                ? "expected a string or an integer id, got the number 1.5"
                : "expected a string, got \(choice.kind)"
        case .string, .channel:
            if choice.kind == "a string" { choice = ("false", "a boolean") }
            problem = "expected a string, got \(choice.kind)"
        case .time:
            if choice.kind == "a string" { choice = ("1764320400", "a number") }
            problem = "expected an RFC 3339 time string, got \(choice.kind)"
        case .count:
            if choice.kind == "a number" { choice = ("\"120\"", "a string") }
            problem = "expected a non-negative integer, got \(choice.kind)"
        case .bool:
            if choice.kind == "a boolean" { choice = ("\"true\"", "a string") }
            problem = "expected true or false, got \(choice.kind)"
        case .object:
            if choice.kind == "an object" { choice = ("[]", "an array") }
            problem = "expected an object, got \(choice.kind)"
        }
        var post = base
        post.set(field.path, .bytes(Array(choice.raw.utf8)))
        return HostilePost(
            label: "wrong-type \(field.path)=\(choice.raw)", key: key, bytes: post.render().bytes,
            verdict: .fields(path: field.path, problem: problem))
    }

    mutating func missing(_ base: RawPost, key: String) -> HostilePost {
        var post = base
        switch random.below(4) {
        case 0, 1:
            let field = random.pick(Self.fields.filter(\.required))
            post.set(field.path, random.chance(0.5) ? nil : .bytes(Array("null".utf8)))
            let problem: String
            switch field.kind {
            case .object: problem = "missing; an object with at least `id` is required"
            case .time: problem = "missing; an RFC 3339 time"
            default: problem = "missing; a string is required"
            }
            return HostilePost(
                label: "missing \(field.path)", key: key, bytes: post.render().bytes,
                verdict: .fields(path: field.path, problem: problem))
        case 2:
            let path = random.pick(["platform", "id", "author.id", "reply_to", "repost_of", "quote_of", "text"])
            post.set(path, .bytes(RawPost.string("")))
            return HostilePost(
                label: "empty \(path)", key: key, bytes: post.render().bytes,
                verdict: .fields(path: path, problem: "must not be empty"))
        default:
            let path = random.pick([
                "text", "author.id", "author.name", "platform", "id", "url", "lang", "author.handle",
            ])
            post.set(path, .bytes(Array(#""a\u0000b""#.utf8)))
            return HostilePost(
                label: "escaped NUL in \(path)", key: key, bytes: post.render().bytes,
                verdict: .fields(path: path, problem: "contains a NUL character"))
        }
    }

    // MARK: - numbers and times

    mutating func badNumber(_ base: RawPost, key: String) -> HostilePost {
        var post = base
        switch random.below(3) {
        case 0:
            let path = random.pick(Self.fields.compactMap { if case .count = $0.kind { $0.path } else { nil } })
            let value = random.pick([
                "-1", "1.5", "1e19", "9223372036854775808", "1e400", "-0.5", "18446744073709551616", "9.0e18",
                "1" + String(repeating: "0", count: 300), "-9223372036854775808", "4.9e-324",
            ])
            post.set(path, .bytes(Array(value.utf8)))
            return HostilePost(
                label: "giant count \(path)=\(value.prefix(24))", key: key, bytes: post.render().bytes,
                verdict: .fields(path: path, problem: "expected a non-negative integer below 2^63, got"))
        case 1:
            let path = random.pick(["id", "author.id", "reply_to", "platform"])
            let digits = "9" + String(repeating: "8", count: random.within(256...399))
            post.set(path, .bytes(Array(digits.utf8)))
            return HostilePost(
                label: "identifier of \(digits.count) digits", key: key, bytes: post.render().bytes,
                verdict: .fields(path: path, problem: "longer than 256 bytes"))
        default:
            let path = random.pick(["id", "author.followers", "x", "metrics.views"])
            let digits = "7" + String(repeating: "3", count: random.within(400...2000))
            post.set(path, .bytes(Array(digits.utf8)))
            let offset = post.render().offsets[path]!
            return HostilePost(
                label: "number of \(digits.count) digits", key: key, bytes: post.render().bytes,
                verdict: .syntax(offset: offset, problem: "a number longer than 400 characters"))
        }
    }

    mutating func badTime(_ base: RawPost, key: String) -> HostilePost {
        let path = random.pick(["created_at", "observed_at", "author.created_at"])
        let value = random.pick([
            "2026-02-30T00:00:00Z", "2026-11-28", "yesterday", "2026-11-28T24:00:00Z", "2026-11-28T09:00:00",
            "1764320400", "2026-11-28T09:00:00+0300", "٢٠٢٦-11-28T09:00:00Z", "2026-13-01T00:00:00Z", "",
            "2026-11-28T09:00:00.Z", "2100-02-29T00:00:00Z", "2026-11-28T09:00:00Z\n", "+2026-11-28T09:00:00Z",
        ])
        var post = base
        post.set(path, .bytes(RawPost.string(value)))
        return HostilePost(
            label: "bad time \(path)", key: key, bytes: post.render().bytes,
            verdict: .fields(path: path, problem: "expected an RFC 3339 time such as"))
    }

    mutating func oversize(_ base: RawPost, key: String) -> HostilePost {
        let limits: [(String, Int)] = [
            ("text", 262_144), ("url", 8192), ("lang", 35), ("author.handle", 256), ("author.name", 1024),
            ("channel", 32), ("id", 256), ("author.id", 256), ("platform", 256),
        ]
        let (path, limit) = random.pick(limits)
        let unit = random.chance(0.5) ? "x" : "ж"
        let value = String(repeating: unit, count: (limit + 1) / unit.utf8.count + 1)
        var post = base
        post.set(path, .bytes(RawPost.string(value)))
        return HostilePost(
            label: "oversize \(path)", key: key, bytes: post.render().bytes,
            verdict: .fields(path: path, problem: "longer than \(limit) bytes"))
    }

    // MARK: - broken bytes

    mutating func truncated(_ base: RawPost, key: String) -> HostilePost {
        let bytes = base.render().bytes
        let cut = random.within(1...(bytes.count - 1))
        let kept = Array(bytes[..<cut])
        if bytes[cut] & 0xC0 == 0x80 {
            // The cut splits a multi-byte character: its lead byte is the first bad one.
            let lead = kept.lastIndex { $0 & 0xC0 != 0x80 }!
            return HostilePost(
                label: "truncated at \(cut) mid-character", key: key, bytes: kept,
                verdict: .invalidUTF8(offset: lead))
        }
        return HostilePost(label: "truncated at \(cut)", key: key, bytes: kept, verdict: .syntaxWithin(cut: cut))
    }

    static let badSequences: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xF5], [0xFF], [0xFE], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xC3], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ]

    mutating func invalidUTF8(_ base: RawPost, key: String) -> HostilePost {
        var bytes = base.render().bytes
        // Anywhere at a character boundary: UTF-8 is checked before any JSON is parsed.
        var at = random.below(bytes.count + 1)
        while at < bytes.count && bytes[at] & 0xC0 == 0x80 { at += 1 }
        let bad = random.pick(Self.badSequences)
        bytes.insert(contentsOf: bad, at: at)
        return HostilePost(
            label: "invalid UTF-8 \(bad) at \(at)", key: key, bytes: bytes, verdict: .invalidUTF8(offset: at))
    }

    static func describe(_ byte: UInt8) -> String {
        byte == 0 ? "a NUL byte" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func controlCharacter(_ base: RawPost, key: String) -> HostilePost {
        let controls = (UInt8(0)...0x1F).filter { $0 != 0x0A && $0 != 0x0D }
        let c = random.pick(controls)
        let rendered = base.render()
        var bytes = rendered.bytes
        if random.chance(0.7) {
            // Inside the text string, at a character boundary.
            let start = rendered.offsets["text"]! + 1
            let length = Array(random.pick(Self.texts).utf8).count / 2
            var at = start + random.below(max(1, length))
            while bytes[at] & 0xC0 == 0x80 { at += 1 }
            bytes.insert(c, at: at)
            return HostilePost(
                label: "raw control \(c) in text", key: key, bytes: bytes,
                verdict: .syntax(offset: at, problem: "raw control character \(Self.describe(c)) inside a string"))
        }
        // Where a value is expected (a tab there is only whitespace, so not a tab).
        let d = c == 0x09 ? 0x0B : c
        let at = rendered.offsets[random.pick(["id", "text", "author.followers", "metrics"])]!
        bytes.insert(d, at: at)
        return HostilePost(
            label: "raw control \(d) before a value", key: key, bytes: bytes,
            verdict: .syntax(offset: at, problem: "expected a value, found \(Self.describe(d))"))
    }

    mutating func nesting(_ base: RawPost, key: String) -> HostilePost {
        var post = base
        let depth = random.chance(0.1) ? random.within(10_000...100_000) : random.within(34...3000)
        let closed = random.chance(0.5)
        let value = String(repeating: "[", count: depth) + (closed ? String(repeating: "]", count: depth) : "")
        let path = random.pick(["x", "author.x", "metrics.x", "top"])
        if path == "top" {
            return HostilePost(
                label: "nesting \(depth) at the top", key: key, bytes: Array(value.utf8),
                verdict: .nesting(valueOffset: 0, depthAtValue: 1))
        }
        post.set(path, .bytes(Array(value.utf8)))
        let rendered = post.render()
        return HostilePost(
            label: "nesting \(depth) in \(path)", key: key, bytes: rendered.bytes,
            verdict: .nesting(valueOffset: rendered.offsets[path]!, depthAtValue: path == "x" ? 2 : 3))
    }

    mutating func brokenStructure(_ base: RawPost, key: String) -> HostilePost {
        let rendered = base.render()
        var bytes = rendered.bytes
        let offsets = rendered.offsets
        func at(_ path: String) -> Int { offsets[path]! }
        switch random.below(7) {
        case 0:
            let path = random.pick(["id", "text", "author", "created_at", "author.id"])
            let name = String(path.split(separator: ".").last!)
            bytes[at(path) - 1] = UInt8(ascii: "=")
            return HostilePost(
                label: "'=' for ':' after \(path)", key: key, bytes: bytes,
                verdict: .syntax(offset: at(path) - 1, problem: "expected ':' after the key \"\(name)\""))
        case 1:
            bytes.insert(UInt8(ascii: ","), at: bytes.count - 1)
            return HostilePost(
                label: "trailing comma", key: key, bytes: bytes,
                verdict: .syntax(offset: bytes.count - 1, problem: "expected a string key, found '}'"))
        case 2:
            let path = random.pick(["author", "text", "created_at", "url"])
            let keyStart = at(path) - path.utf8.count - 3
            bytes.remove(at: keyStart - 1)
            return HostilePost(
                label: "missing comma before \(path)", key: key, bytes: bytes,
                verdict: .syntax(offset: keyStart - 1, problem: "expected ',' or '}' in an object, found '\"'"))
        case 3:
            let (raw, problem, shift) = random.pick([
                ("NaN", "expected a value, found 'N'", 0), ("Infinity", "expected a value, found 'I'", 0),
                ("undefined", "expected a value, found 'u'", 0), ("+1", "expected a value, found '+'", 0),
                ("007", "a number must not have leading zeros", 1),
                ("1.", "expected a digit after the decimal point", 2),
                ("1e", "expected a digit in the exponent", 2), ("-", "expected a digit in a number", 1),
                (".5", "expected a value, found '.'", 0), ("tru", "expected 'true'", 0), ("nul", "expected 'null'", 0),
                ("True", "expected a value, found 'T'", 0), ("'x'", "expected a value, found '''", 0),
                ("0x10", "expected ',' or '}' in an object, found 'x'", 1),
            ])
            var post = base
            let path = random.pick(["x", "author.followers", "metrics.likes", "text"])
            post.set(path, .bytes(Array(raw.utf8)))
            let r = post.render()
            return HostilePost(
                label: "bad literal \(raw) in \(path)", key: key, bytes: r.bytes,
                verdict: .syntax(offset: r.offsets[path]! + shift, problem: problem))
        case 4:
            // An unquoted key: `author:` instead of `"author":`.
            let keyStart = at("author") - "author".utf8.count - 3
            bytes.removeSubrange(keyStart..<(keyStart + 1))
            bytes.remove(at: keyStart + "author".utf8.count)
            return HostilePost(
                label: "unquoted key", key: key, bytes: bytes,
                verdict: .syntax(offset: keyStart, problem: "expected a string key, found 'a'"))
        case 5:
            let tail = random.pick(["x", "}", " {}", "//c", ",", "\t]", "\u{0}"])
            let end = bytes.count
            bytes += Array(tail.utf8)
            let offset = end + (tail.hasPrefix(" ") || tail.hasPrefix("\t") ? 1 : 0)
            return HostilePost(
                label: "data after the object", key: key, bytes: bytes,
                verdict: .syntax(offset: offset, problem: "unexpected data after the JSON value"))
        default:
            let path = random.pick(["id", "text", "author.id", "created_at"])
            let name = String(path.split(separator: ".").last!)
            // A second member with the same key, right after the first one's value.
            var post = base
            let parent = path.contains(".") ? "author." : ""
            post.set(parent + "zz", .bytes(Array("1".utf8)))
            var r = post.render()
            let zzValue = r.offsets[parent + "zz"]!
            let keyStart = zzValue - 5
            r.bytes.replaceSubrange(keyStart..<(zzValue - 1), with: RawPost.string(name))
            return HostilePost(
                label: "duplicate key \(path)", key: key, bytes: r.bytes,
                verdict: .syntax(offset: keyStart, problem: "duplicate key \"\(name)\""))
        }
    }

    mutating func badEscape(_ base: RawPost, key: String) -> HostilePost {
        let rendered = base.render()
        var bytes = rendered.bytes
        let at = rendered.offsets["text"]! + 1
        let (escape, problem) = random.pick([
            (#"\x"#, #"an invalid escape \'x'"#), (#"\u12G4"#, #"a \u escape needs four hex digits"#),
            (#"\ud800 "#, "a lone UTF-16 high surrogate escape"),
            (#"\ud800\u0041"#, "a high surrogate escape without its low half"),
            (#"\udc00"#, "a lone UTF-16 low surrogate escape"), (#"\U0041"#, #"an invalid escape \'U'"#),
            (#"\'"#, #"an invalid escape \'''"#), (#"\0"#, #"an invalid escape \'0'"#),
        ])
        bytes.insert(contentsOf: Array(escape.utf8), at: at)
        return HostilePost(
            label: "bad escape \(escape)", key: key, bytes: bytes,
            verdict: .syntax(offset: at, problem: problem))
    }

    mutating func notAnObject(key: String) -> HostilePost {
        let (raw, kind) = random.pick([
            ("\"a post\"", "a string"), ("42", "a number"), ("null", "null"), ("true", "a boolean"),
            ("-1e400", "a number"), ("\"\u{202E}\"", "a string"),
        ])
        if random.chance(0.2) {
            return HostilePost(
                label: "empty object", key: key, bytes: Array("{}".utf8),
                verdict: .fields(path: "platform", problem: "missing; a string is required"))
        }
        return HostilePost(
            label: "top-level \(kind)", key: key, bytes: Array(raw.utf8), verdict: .notAnObject(kind: kind))
    }
}
