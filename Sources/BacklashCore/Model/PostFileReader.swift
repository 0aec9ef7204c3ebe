/// What a file of posts holds once read: its posts, and the lines (or items) that were rejected.
public struct PostFileContent: Sendable {
    /// The valid posts, in file order.
    public var posts: [Post] = []
    /// Rejected lines (NDJSON) or items (array), each with its 1-based number and the reason.
    public var rejected: [(line: Int, error: String)] = []
    /// Set when the whole file is unusable (no post could be read at all).
    public var fileError: String?
}

/// Reads one JSON post, a JSON array of posts, or NDJSON (one post per line) out of a file's bytes.
public struct PostFileReader: Sendable {
    let decoder = PostDecoder()

    /// Creates a reader.
    public init() {}

    /// Splits and decodes a file's bytes; never throws: problems are in the result.
    public func parse(_ bytes: [UInt8]) -> PostFileContent {
        var content = PostFileContent()
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if let bad = UTF8Validation.firstInvalidOffset(bytes[start...]) {
            let (line, column) = Self.position(of: start + bad, in: bytes)
            content.fileError = "not valid UTF-8 (first bad byte at line \(line), column \(column)); posts must be UTF-8 JSON"
            return content
        }
        let body = bytes[start...]
        guard body.contains(where: { !Self.isSpace($0) }) else {
            content.fileError = "the file is empty; expected one JSON post, a JSON array of posts, or NDJSON"
            return content
        }
        let whole: Result<JSONValue, JSONSyntaxError> = body.withUnsafeBufferPointer { buffer in
            do throws(JSONSyntaxError) {
                return .success(try JSONParser(maxDepth: 33).parse(buffer))
            } catch {
                return .failure(error)
            }
        }
        switch whole {
        case .success(.array(let items)):
            for (i, item) in items.enumerated() {
                switch decoder.decode(item) {
                case .success(let post): content.posts.append(post)
                case .failure(let e): content.rejected.append((i + 1, "item \(i + 1): \(e)"))
                }
            }
            if items.isEmpty { content.fileError = "the file holds an empty array; no posts to take" }
        case .success(let value):
            switch decoder.decode(value) {
            case .success(let post): content.posts.append(post)
            case .failure(let e): content.fileError = e.description
            }
        case .failure(let syntax):
            let lines = Self.lines(body)
            if lines.count <= 1 || !Self.firstLineIsJSON(lines, in: bytes) {
                let (line, column) = Self.position(of: start + syntax.offset, in: bytes)
                content.fileError = "line \(line), column \(column): \(syntax.problem)"
                return content
            }
            for (number, range) in lines {
                let result = bytes[range].withUnsafeBufferPointer { decoder.decode(bytes: $0) }
                switch result {
                case .success(let post): content.posts.append(post)
                case .failure(let e): content.rejected.append((number, "line \(number): \(e)"))
                }
            }
        }
        return content
    }

    /// NDJSON when the first non-blank line is a complete JSON value on its own.
    static func firstLineIsJSON(_ lines: [(Int, Range<Int>)], in bytes: [UInt8]) -> Bool {
        guard let first = lines.first else { return false }
        return (try? JSONParser().parse(bytes[first.1])) != nil
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Non-blank lines with their 1-based numbers (ranges into the whole byte array).
    static func lines(_ body: ArraySlice<UInt8>) -> [(Int, Range<Int>)] {
        var out: [(Int, Range<Int>)] = []
        var lineStart = body.startIndex
        var number = 1
        var i = body.startIndex
        while i <= body.endIndex {
            if i == body.endIndex || body[i] == 0x0A {
                var end = i
                if end > lineStart, body[end - 1] == 0x0D { end -= 1 }
                if body[lineStart..<end].contains(where: { !isSpace($0) }) { out.append((number, lineStart..<end)) }
                number += 1
                lineStart = i + 1
            }
            i += 1
        }
        return out
    }

    /// 1-based line and column (in bytes) of an offset.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }
}
