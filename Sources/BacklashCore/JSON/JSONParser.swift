/// What is wrong with a JSON text, and where (a byte offset from the start of the text).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem from the start of the parsed text.
    public var offset: Int
    /// What is wrong, as a sentence fragment ("expected ':' after an object key").
    public var problem: String

    /// Creates an error.
    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    /// "invalid JSON at byte N: problem".
    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes with a nesting limit; rejects invalid UTF-8 and raw control characters.
public struct JSONParser: Sendable {
    /// Deepest allowed nesting of arrays and objects.
    public var maxDepth: Int

    /// Creates a parser.
    public init(maxDepth: Int = 64) {
        self.maxDepth = maxDepth
    }

    /// Parses exactly one JSON value; only whitespace may follow it.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        let result: Result<JSONValue, JSONSyntaxError> = withBytes(bytes) { buffer in
            var reader = JSONReader(buffer: buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                let value = try reader.parseDocument()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses one JSON value from a string.
    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var copy = text
        let result: Result<JSONValue, JSONSyntaxError> = copy.withUTF8 { buffer in
            var reader = JSONReader(buffer: buffer, maxDepth: maxDepth)
            do throws(JSONSyntaxError) {
                return .success(try reader.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses the first JSON value and returns it with the offset just past it (whitespace after it skipped).
    public func parsePrefix(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> (JSONValue, Int) {
        var reader = JSONReader(buffer: buffer, maxDepth: maxDepth)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        return (value, reader.index)
    }

    private func withBytes<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = bytes.withContiguousStorageIfAvailable(body) { return r }
        let array = Array(bytes)
        return array.withUnsafeBufferPointer(body)
    }
}

struct JSONReader {
    let buffer: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buffer = buffer
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if index == buffer.count { throw JSONSyntaxError(offset: 0, problem: "the text is empty") }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if index != buffer.count {
            throw JSONSyntaxError(offset: index, problem: "unexpected data after the JSON value")
        }
        return value
    }

    mutating func skipWhitespace() {
        while index < buffer.count {
            switch buffer[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0 { return "a NUL byte" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard index < buffer.count else {
            throw JSONSyntaxError(offset: index, problem: "the text ends where a value was expected")
        }
        switch buffer[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        case let byte:
            throw JSONSyntaxError(offset: index, problem: "expected a value, found \(describe(byte))")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let ok: Bool = literal.withUTF8Buffer { lit in
            guard buffer.count - index >= count else { return false }
            for i in 0..<count where buffer[index + i] != lit[i] { return false }
            return true
        }
        guard ok else { throw JSONSyntaxError(offset: start, problem: "expected '\(literal)'") }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else {
            throw JSONSyntaxError(offset: index, problem: "nesting is deeper than \(maxDepth) levels")
        }
        index += 1
        var members: [JSONObject.Member] = []
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(uniqueMembers: members))
        }
        while true {
            skipWhitespace()
            guard index < buffer.count else {
                throw JSONSyntaxError(offset: index, problem: "the text ends inside an object")
            }
            guard buffer[index] == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: index, problem: "expected a string key, found \(describe(buffer[index]))")
            }
            let keyOffset = index
            let key = try parseString()
            for m in members where m.key == key {
                throw JSONSyntaxError(offset: keyOffset, problem: "duplicate key \"\(key)\"")
            }
            skipWhitespace()
            guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: index, problem: "expected ':' after the key \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard index < buffer.count else {
                throw JSONSyntaxError(offset: index, problem: "the text ends inside an object")
            }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(JSONObject(uniqueMembers: members))
            case let byte:
                throw JSONSyntaxError(offset: index, problem: "expected ',' or '}' in an object, found \(describe(byte))")
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxDepth else {
            throw JSONSyntaxError(offset: index, problem: "nesting is deeper than \(maxDepth) levels")
        }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < buffer.count && buffer[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < buffer.count else {
                throw JSONSyntaxError(offset: index, problem: "the text ends inside an array")
            }
            switch buffer[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            case let byte:
                throw JSONSyntaxError(offset: index, problem: "expected ',' or ']' in an array, found \(describe(byte))")
            }
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = index
        if buffer[index] == UInt8(ascii: "-") { index += 1 }
        guard index < buffer.count, isDigit(buffer[index]) else {
            throw JSONSyntaxError(offset: index, problem: "expected a digit in a number")
        }
        if buffer[index] == UInt8(ascii: "0") {
            index += 1
            if index < buffer.count, isDigit(buffer[index]) {
                throw JSONSyntaxError(offset: index, problem: "a number must not have leading zeros")
            }
        } else {
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: ".") {
            index += 1
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw JSONSyntaxError(offset: index, problem: "expected a digit after the decimal point")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index < buffer.count, buffer[index] == UInt8(ascii: "e") || buffer[index] == UInt8(ascii: "E") {
            index += 1
            if index < buffer.count, buffer[index] == UInt8(ascii: "+") || buffer[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < buffer.count, isDigit(buffer[index]) else {
                throw JSONSyntaxError(offset: index, problem: "expected a digit in the exponent")
            }
            while index < buffer.count, isDigit(buffer[index]) { index += 1 }
        }
        if index - start > 400 {
            throw JSONSyntaxError(offset: start, problem: "a number longer than 400 characters")
        }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self)
    }

    func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes, plain ASCII or valid UTF-8.
        var needsSlowPath = false
        var nonASCII = false
        while index < buffer.count {
            let b = buffer[index]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") { needsSlowPath = true; break }
            if b < 0x20 {
                throw JSONSyntaxError(offset: index, problem: "raw control character \(describe(b)) inside a string")
            }
            if b >= 0x80 { nonASCII = true }
            index += 1
        }
        if !needsSlowPath {
            guard index < buffer.count else {
                throw JSONSyntaxError(offset: open, problem: "a string is not terminated")
            }
            let slice = UnsafeBufferPointer(rebasing: buffer[start..<index])
            index += 1
            if nonASCII {
                if let bad = UTF8Validation.firstInvalidOffset(slice) {
                    throw JSONSyntaxError(offset: start + bad, problem: "invalid UTF-8 inside a string")
                }
            }
            return String(decoding: slice, as: UTF8.self)
        }
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: buffer[start..<index]))
        while index < buffer.count {
            let b = buffer[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                if let bad = UTF8Validation.firstInvalidOffset(out) {
                    throw JSONSyntaxError(offset: start + bad, problem: "invalid UTF-8 inside a string")
                }
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 {
                throw JSONSyntaxError(offset: index, problem: "raw control character \(describe(b)) inside a string")
            }
            if b == UInt8(ascii: "\\") {
                let escOffset = index
                index += 1
                guard index < buffer.count else { break }
                let e = buffer[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4(at: escOffset)
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard index + 1 < buffer.count, buffer[index] == UInt8(ascii: "\\"),
                            buffer[index + 1] == UInt8(ascii: "u")
                        else {
                            throw JSONSyntaxError(offset: escOffset, problem: "a lone UTF-16 high surrogate escape")
                        }
                        index += 2
                        let low = try readHex4(at: escOffset)
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw JSONSyntaxError(offset: escOffset, problem: "a high surrogate escape without its low half")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw JSONSyntaxError(offset: escOffset, problem: "a lone UTF-16 low surrogate escape")
                    }
                    guard let u = Unicode.Scalar(scalar) else {
                        throw JSONSyntaxError(offset: escOffset, problem: "an invalid \\u escape")
                    }
                    out.append(contentsOf: UTF8.encode(u)!)
                default:
                    throw JSONSyntaxError(offset: escOffset, problem: "an invalid escape \\\(describe(e))")
                }
                continue
            }
            out.append(b)
            index += 1
        }
        throw JSONSyntaxError(offset: open, problem: "a string is not terminated")
    }

    mutating func readHex4(at escOffset: Int) throws(JSONSyntaxError) -> UInt32 {
        guard buffer.count - index >= 4 else {
            throw JSONSyntaxError(offset: escOffset, problem: "a \\u escape needs four hex digits")
        }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = buffer[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw JSONSyntaxError(offset: escOffset, problem: "a \\u escape needs four hex digits")
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}

/// UTF-8 validation for input that arrives as raw bytes (files, socket lines).
public enum UTF8Validation {
    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is valid.
    public static func firstInvalidOffset(_ bytes: some Collection<UInt8>) -> Int? {
        if let result = bytes.withContiguousStorageIfAvailable({ firstInvalidOffset(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidOffset(buffer: $0) }
    }

    /// The offset where the first ill-formed sequence starts (RFC 3629: no overlongs, surrogates or
    /// scalars above U+10FFFF), or nil. ASCII runs are skipped eight bytes at a time: socket lines are
    /// mostly ASCII and this runs on every line before it is parsed.
    public static func firstInvalidOffset(buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let n = buffer.count
        var i = 0
        while i < n {
            while i + 8 <= n,
                UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < n else { break }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard n - i >= length else { return i }
            let b1 = base[i + 1]
            guard b1 & 0xC0 == 0x80 else { return i }
            switch b0 {
            case 0xE0 where b1 < 0xA0: return i  // overlong three-byte form
            case 0xED where b1 >= 0xA0: return i  // UTF-16 surrogate
            case 0xF0 where b1 < 0x90: return i  // overlong four-byte form
            case 0xF4 where b1 >= 0x90: return i  // above U+10FFFF
            default: break
            }
            if length >= 3, base[i + 2] & 0xC0 != 0x80 { return i }
            if length == 4, base[i + 3] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
