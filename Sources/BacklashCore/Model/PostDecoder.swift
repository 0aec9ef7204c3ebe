/// Why a piece of input is not a valid v1 post: bad JSON, or fields that are missing or of the wrong type.
public enum PostInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not UTF-8; the offset is of the first bad byte.
    case invalidUTF8(offset: Int)
    /// The text is not JSON.
    case syntax(JSONSyntaxError)
    /// The JSON is not an object.
    case notAnObject(found: String)
    /// Fields are missing or wrong, each with its JSON path.
    case fields([PostFieldIssue])

    /// A sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case .invalidUTF8(let offset): "not valid UTF-8 at byte \(offset); posts must be UTF-8 JSON"
        case .syntax(let e): e.description
        case .notAnObject(let found): "expected a JSON object (one post), found \(found)"
        case .fields(let issues): issues.map(\.description).joined(separator: "; ")
        }
    }
}

/// One field problem: the JSON path (`author.id`) and what is wrong with it.
public struct PostFieldIssue: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var problem: String

    /// Creates an issue.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// "`path`: problem".
    public var description: String { "`\(path)`: \(problem)" }
}

/// Turns JSON into validated `Post`s (post format v1); every error names its JSON path.
public struct PostDecoder: Sendable {
    /// Longest accepted `text`, in UTF-8 bytes.
    public var maxTextBytes = 256 * 1024
    /// Longest accepted identifier (platform, ids, handles), in UTF-8 bytes.
    public var maxIdentifierBytes = 256
    let parser: JSONParser

    /// Creates a decoder.
    public init(maxDepth: Int = 32) {
        parser = JSONParser(maxDepth: maxDepth)
    }

    /// Decodes one post from one line or file of UTF-8 JSON.
    public func decode(bytes: UnsafeBufferPointer<UInt8>) -> Result<Post, PostInputError> {
        let value: JSONValue
        do throws(JSONSyntaxError) {
            value = try parser.parse(bytes)
        } catch {
            return .failure(.syntax(error))
        }
        return decode(value)
    }

    /// Decodes one post from a JSON string.
    public func decode(_ text: String) -> Result<Post, PostInputError> {
        var copy = text
        return copy.withUTF8 { decode(bytes: $0) }
    }

    /// Whether a platform name holds ':' or white space (ASCII names, nearly all, are checked byte by byte).
    static func hasColonOrSpace(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 < 0x80 }) {
                return bytes.contains { $0 == UInt8(ascii: ":") || $0 == 0x20 || (0x09...0x0D).contains($0) }
            }
            return String(decoding: bytes, as: UTF8.self).unicodeScalars
                .contains { $0 == ":" || $0.properties.isWhitespace }
        }
    }

    /// Validates a parsed JSON value as a post.
    public func decode(_ value: JSONValue) -> Result<Post, PostInputError> {
        guard case .object(let object) = value else { return .failure(.notAnObject(found: value.kindDescription)) }
        var issues: [PostFieldIssue] = []
        var fields = FieldReader(object: object, prefix: "", issues: [], maxIdentifierBytes: maxIdentifierBytes)

        let platform = fields.identifier("platform", required: true) ?? ""
        if Self.hasColonOrSpace(platform) {
            fields.issues.append(PostFieldIssue(path: "platform", problem: "must not contain ':' or spaces"))
        }
        let id = fields.identifier("id", required: true) ?? ""
        let text = fields.string("text", required: true, maxBytes: maxTextBytes) ?? ""
        let createdAt = fields.time("created_at", required: true) ?? 0
        let url = fields.string("url", required: false, maxBytes: 8192)
        let replyTo = fields.identifier("reply_to", required: false)
        let repostOf = fields.identifier("repost_of", required: false)
        let quoteOf = fields.identifier("quote_of", required: false)
        var channel: PostChannel?
        if let c = fields.string("channel", required: false, maxBytes: 32) {
            channel = PostChannel(rawValue: c)
            if channel == nil {
                fields.issues.append(PostFieldIssue(
                    path: "channel",
                    problem: "expected one of \(PostChannel.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(c)\""
                ))
            }
        }
        let lang = fields.string("lang", required: false, maxBytes: 35)
        let observedAt = fields.time("observed_at", required: false)
        issues += fields.issues

        var author = Author(id: "")
        switch object["author"] {
        case nil, .null?:
            issues.append(PostFieldIssue(path: "author", problem: "missing; an object with at least `id` is required"))
        case .object(let a)?:
            var af = FieldReader(object: a, prefix: "author.", issues: [], maxIdentifierBytes: maxIdentifierBytes)
            author.id = af.identifier("id", required: true) ?? ""
            author.handle = af.string("handle", required: false, maxBytes: 256)
            author.name = af.string("name", required: false, maxBytes: 1024)
            author.followers = af.count("followers")
            author.following = af.count("following")
            author.verified = af.bool("verified")
            author.createdAt = af.time("created_at", required: false)
            issues += af.issues
        case let other?:
            issues.append(PostFieldIssue(path: "author", problem: "expected an object, got \(other.kindDescription)"))
        }

        var metrics: PostMetrics?
        switch object["metrics"] {
        case nil, .null?: break
        case .object(let m)?:
            var mf = FieldReader(object: m, prefix: "metrics.", issues: [], maxIdentifierBytes: maxIdentifierBytes)
            metrics = PostMetrics(
                reposts: mf.count("reposts"), likes: mf.count("likes"),
                replies: mf.count("replies"), views: mf.count("views")
            )
            issues += mf.issues
        case let other?:
            issues.append(PostFieldIssue(path: "metrics", problem: "expected an object, got \(other.kindDescription)"))
        }

        if !issues.isEmpty { return .failure(.fields(issues)) }
        return .success(Post(
            platform: platform, id: id, author: author, text: text, createdAt: createdAt, url: url,
            replyTo: replyTo, repostOf: repostOf, quoteOf: quoteOf, channel: channel, lang: lang,
            metrics: metrics, observedAt: observedAt, raw: object
        ))
    }
}

struct FieldReader {
    let object: JSONObject
    let prefix: String
    var issues: [PostFieldIssue]
    let maxIdentifierBytes: Int

    mutating func fail(_ key: String, _ problem: String) {
        issues.append(PostFieldIssue(path: prefix + key, problem: problem))
    }

    /// Whether a string holds U+0000, scanning its UTF-8 in place (the generic `utf8.contains` was 2% of ingest).
    static func containsNUL(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { $0.contains(0) }
    }

    static func quote(_ value: JSONValue) -> String {
        let text = JSONWriter().string(value)
        return text.utf8.count > 40 ? String(text.prefix(37)) + "..." : text
    }

    mutating func string(_ key: String, required: Bool, maxBytes: Int) -> String? {
        switch object[key] {
        case nil, .null?:
            if required { fail(key, "missing; a string is required") }
            return nil
        case .string(let s)?:
            if required && s.isEmpty {
                fail(key, "must not be empty")
                return nil
            }
            if s.utf8.count > maxBytes {
                fail(key, "longer than \(maxBytes) bytes")
                return nil
            }
            if Self.containsNUL(s) {
                fail(key, "contains a NUL character (\\u0000), which is not allowed")
                return nil
            }
            return s
        case let other?:
            fail(key, "expected a string, got \(other.kindDescription) \(Self.quote(other))")
            return nil
        }
    }

    /// A string identifier; integer numbers are accepted and kept as their digits (platform ids are often numeric).
    mutating func identifier(_ key: String, required: Bool) -> String? {
        if case .number(let n)? = object[key] {
            guard n.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) else {
                fail(key, "expected a string or an integer id, got the number \(n)")
                return nil
            }
            guard n.utf8.count <= maxIdentifierBytes else {
                fail(key, "longer than \(maxIdentifierBytes) bytes")
                return nil
            }
            return n
        }
        if case .string(let s)? = object[key], s.isEmpty {
            fail(key, "must not be empty; leave the field out instead")
            return nil
        }
        return string(key, required: required, maxBytes: maxIdentifierBytes)
    }

    mutating func count(_ key: String) -> Int64? {
        switch object[key] {
        case nil, .null?: return nil
        case .number(let n)?:
            if let v = Int64(n), v >= 0 { return v }
            if let d = Double(n), d >= 0, d.rounded() == d, d < 9.0e18 { return Int64(d) }
            fail(key, "expected a non-negative integer below 2^63, got \(n)")
            return nil
        case let other?:
            fail(key, "expected a non-negative integer, got \(other.kindDescription) \(Self.quote(other))")
            return nil
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?:
            fail(key, "expected true or false, got \(other.kindDescription) \(Self.quote(other))")
            return nil
        }
    }

    mutating func time(_ key: String, required: Bool) -> Double? {
        switch object[key] {
        case nil, .null?:
            if required { fail(key, "missing; an RFC 3339 time such as 2026-11-28T09:15:00Z is required") }
            return nil
        case .string(let s)?:
            if let t = RFC3339.parse(s) { return t }
            fail(key, "expected an RFC 3339 time such as 2026-11-28T09:15:00Z, got \(Self.quote(.string(s)))")
            return nil
        case let other?:
            fail(key, "expected an RFC 3339 time string, got \(other.kindDescription) \(Self.quote(other))")
            return nil
        }
    }
}
