extension ImportJSON {
    /// Where and why a byte sequence is not JSON, in words a user reads.
    struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        var problem: String

        var description: String { "\(problem) at line \(line), column \(column)" }
    }

    /// Parses one JSON document, or several separated by whitespace (JSON Lines: one API
    /// response per line, as paginating download tools write them). A UTF-8 byte order mark
    /// is skipped. Returns no documents for an empty or all-whitespace input.
    static func documents(in bytes: [UInt8]) throws(SyntaxError) -> [ImportJSON] {
        var parser = Parser(bytes: bytes)
        return try parser.parseDocuments()
    }

    /// A recursive-descent JSON parser over UTF-8 bytes.
    struct Parser {
        private let bytes: [UInt8]
        private var position = 0
        private var depth = 0
        private static let maximumDepth = 512

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }

        mutating func parseDocuments() throws(SyntaxError) -> [ImportJSON] {
            var documents: [ImportJSON] = []
            skipWhitespace()
            while position < bytes.count {
                documents.append(try parseValue())
                skipWhitespace()
            }
            return documents
        }

        private mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        private mutating func parseValue() throws(SyntaxError) -> ImportJSON {
            skipWhitespace()
            guard position < bytes.count else { throw failure("the text ends where a value was expected") }
            switch bytes[position] {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""): return .string(try parseString())
            case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): return try parseLiteral("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            default: throw unexpectedCharacter()
            }
        }

        private mutating func parseObject() throws(SyntaxError) -> ImportJSON {
            try enterContainer()
            position += 1
            var members: [String: ImportJSON] = [:]
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw position < bytes.count
                        ? failure("expected a quoted member name")
                        : failure("the text ends inside an object")
                }
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after a member name")
                members[key] = try parseValue()
                skipWhitespace()
                guard position < bytes.count else { throw failure("the text ends inside an object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    depth -= 1
                    return .object(members)
                } else {
                    throw failure("expected ',' or '}' in an object")
                }
            }
        }

        private mutating func parseArray() throws(SyntaxError) -> ImportJSON {
            try enterContainer()
            position += 1
            var elements: [ImportJSON] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(elements)
            }
            while true {
                elements.append(try parseValue())
                skipWhitespace()
                guard position < bytes.count else { throw failure("the text ends inside an array") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    depth -= 1
                    return .array(elements)
                } else {
                    throw failure("expected ',' or ']' in an array")
                }
            }
        }

        private mutating func enterContainer() throws(SyntaxError) {
            depth += 1
            if depth > Self.maximumDepth {
                throw failure("values are nested more than \(Self.maximumDepth) levels deep")
            }
        }

        private mutating func parseString() throws(SyntaxError) -> String {
            position += 1
            let start = position
            // Fast path: no escapes, the bytes are the string.
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: bytes[start..<position], as: UTF8.self)
                    position += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                position += 1
            }
            var buffer = Array(bytes[start..<position])
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return String(decoding: buffer, as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    try appendEscape(to: &buffer)
                } else {
                    buffer.append(byte)
                    position += 1
                }
            }
            throw failure("the text ends inside a string")
        }

        private mutating func appendEscape(to buffer: inout [UInt8]) throws(SyntaxError) {
            position += 1
            guard position < bytes.count else { throw failure("the text ends inside a string") }
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHexQuad()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by `\uDC00`…`\uDFFF`; otherwise it stands alone.
                    if position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let saved = position
                        position += 2
                        let low = try parseHexQuad()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = saved
                        }
                    }
                }
                let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                position -= 1
                throw failure("'\\\(Character(Unicode.Scalar(escaped)))' is not a JSON escape")
            }
        }

        private mutating func parseHexQuad() throws(SyntaxError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw failure("a '\\u' escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw failure("a '\\u' escape needs four hex digits")
                }
                value = value << 4 | UInt32(digit)
                position += 1
            }
            return value
        }

        private mutating func parseNumber() throws(SyntaxError) -> ImportJSON {
            let start = position
            var isIntegral = true
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    position += 1
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                    isIntegral = false
                    position += 1
                default:
                    return try number(from: start, isIntegral: isIntegral)
                }
            }
            return try number(from: start, isIntegral: isIntegral)
        }

        private mutating func number(from start: Int, isIntegral: Bool) throws(SyntaxError) -> ImportJSON {
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if isIntegral, let value = Int(text) { return .integer(value) }
            if let value = Double(text), value.isFinite, text.last?.isNumber == true { return .number(value) }
            position = start
            throw failure("'\(text)' is not a number")
        }

        private mutating func parseLiteral(_ word: String, _ value: ImportJSON) throws(SyntaxError) -> ImportJSON {
            let expected = Array(word.utf8)
            guard bytes[position...].starts(with: expected) else { throw unexpectedCharacter() }
            position += expected.count
            return value
        }

        private mutating func expect(_ byte: UInt8, _ problem: String) throws(SyntaxError) {
            guard position < bytes.count, bytes[position] == byte else { throw failure(problem) }
            position += 1
        }

        private func unexpectedCharacter() -> SyntaxError {
            var end = position + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            let shown = String(decoding: bytes[position..<min(end, bytes.count)], as: UTF8.self)
            return failure("unexpected character '\(shown)'")
        }

        /// The error at the current position, with a 1-based line and column (in characters).
        private func failure(_ problem: String) -> SyntaxError {
            var line = 1
            var lineStart = 0
            let end = min(position, bytes.count)
            for index in 0..<end where bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
            return SyntaxError(line: line, column: column, problem: problem)
        }
    }
}
