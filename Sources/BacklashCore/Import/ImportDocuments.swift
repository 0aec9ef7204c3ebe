/// Reads the JSON documents of an export file with the shared `JSONParser`.
///
/// An export holds one JSON document, or several separated by whitespace (JSON Lines: one API
/// response per line, as paginating download tools write them). A UTF-8 byte order mark is skipped.
/// A lone UTF-16 surrogate escape (`"\ud83d"`, left by tools that cut text between the halves of an
/// emoji) is read as U+FFFD instead of failing the whole file.
enum ImportDocuments {
    /// Why the bytes are not JSON documents, with the place as a person finds it in an editor.
    enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The text breaks the JSON grammar at a 1-based line and column (in characters).
        case syntax(problem: String, line: Int, column: Int)
        /// The byte at `offset` (on 1-based `line`) does not belong to UTF-8 text.
        case notUTF8(offset: Int, line: Int)

        /// "problem at line L, column C", or where the first byte that is not UTF-8 is.
        var description: String {
            switch self {
            case .syntax(let problem, let line, let column): "\(problem) at line \(line), column \(column)"
            case .notUTF8(let offset, let line): "a byte that is not UTF-8 at byte offset \(offset) (line \(line))"
            }
        }
    }

    /// Deepest nesting accepted; exports nest a handful of levels, so deeper input is damaged or hostile.
    static let maximumDepth = 64

    /// The documents in `bytes`; none for an empty or all-whitespace input.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> [JSONValue] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var error: JSONSyntaxError
        do {
            return try documents(in: bytes, from: start)
        } catch let firstError {
            error = firstError
        }
        if let repaired = replacingLoneSurrogates(in: bytes) {
            do {
                return try documents(in: repaired, from: start)
            } catch let repairedError {
                error = repairedError
            }
        }
        // Structure is ASCII and the parser checks the UTF-8 of every string, so a byte that is not UTF-8 stops
        // it at that byte; an error before it (an unterminated string included) is the file's first problem.
        if let invalid = UTF8Validation.firstInvalidOffset(bytes), invalid <= error.offset {
            throw .notUTF8(offset: invalid, line: location(of: invalid, in: bytes, from: start).line)
        }
        let (line, column) = location(of: error.offset, in: bytes, from: start)
        throw .syntax(problem: error.problem, line: line, column: column)
    }

    /// Parses value after value from `start` to the end; offsets in errors count from the first byte of `bytes`.
    private static func documents(in bytes: [UInt8], from start: Int) throws(JSONSyntaxError) -> [JSONValue] {
        let parser = JSONParser(maxDepth: maximumDepth)
        let result: Result<[JSONValue], JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var documents: [JSONValue] = []
            var position = start
            while position < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[position]) { position += 1 }
            while position < buffer.count {
                do throws(JSONSyntaxError) {
                    let (value, length) = try parser.parsePrefix(UnsafeBufferPointer(rebasing: buffer[position...]))
                    documents.append(value)
                    position += length
                } catch {
                    return .failure(JSONSyntaxError(offset: position + error.offset, problem: error.problem))
                }
            }
            return .success(documents)
        }
        return try result.get()
    }

    /// The 1-based line and column (in characters, not bytes) of a byte offset; a BOM before `start` is not counted.
    static func location(of offset: Int, in bytes: [UInt8], from start: Int = 0) -> (line: Int, column: Int) {
        let end = min(max(offset, start), bytes.count)
        var line = 1
        var lineStart = start
        for index in start..<end where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1)
    }

    /// A copy with every lone surrogate escape (`\uD800`…`\uDFFF` not in a high-low pair) rewritten as
    /// `\uFFFD`, which keeps every byte offset; nil when there is none.
    ///
    /// Escapes are scanned left to right as a JSON reader does, so `\\uD800` (an escaped backslash) is left alone.
    static func replacingLoneSurrogates(in bytes: [UInt8]) -> [UInt8]? {
        func hexQuad(at index: Int) -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[index..<index + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        func isEscape(at index: Int) -> Bool {
            index + 1 < bytes.count && bytes[index] == UInt8(ascii: "\\") && bytes[index + 1] == UInt8(ascii: "u")
        }
        var copy: [UInt8]?
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            guard isEscape(at: index), let unit = hexQuad(at: index + 2) else {
                index += 2
                continue
            }
            if (0xD800...0xDBFF).contains(unit), isEscape(at: index + 6),
                let low = hexQuad(at: index + 8), (0xDC00...0xDFFF).contains(low)
            {
                index += 12
                continue
            }
            if (0xD800...0xDFFF).contains(unit) {
                if copy == nil { copy = bytes }
                copy?.replaceSubrange(index + 2..<index + 6, with: Array("FFFD".utf8))
            }
            index += 6
        }
        return copy
    }
}
