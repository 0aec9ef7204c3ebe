/// What a file of posts holds once read: its posts, and the lines (or items) that were rejected.
public struct PostFileContent: Sendable {
    /// The valid posts, in file order.
    public var posts: [Post] = []
    /// Rejected lines (NDJSON) or items (array), each with its 1-based number and the reason; at most
    /// ``PostFileReader/maxListedRejections`` of them (see ``rejectedCount``).
    public var rejected: [(line: Int, error: String)] = []
    /// How many lines or items were rejected in all, listed or not.
    public var rejectedCount = 0
    /// Set when the whole file is unusable (no post could be read at all).
    public var fileError: String?

    /// Rejections beyond the listed ones.
    public var unlistedRejections: Int { rejectedCount - rejected.count }

    mutating func reject(_ number: Int, _ error: @autoclosure () -> String) {
        rejectedCount += 1
        if rejected.count < PostFileReader.maxListedRejections { rejected.append((number, error())) }
    }
}

/// Reads one JSON post, a JSON array of posts, or NDJSON (one post per line) out of a file's bytes.
///
/// Work and memory stay proportional to the posts, not to how many pieces of junk a file holds: an array is read
/// item by item (its items are never all parsed at once), lines are found one at a time, and only the first
/// ``maxListedRejections`` rejections are listed (the rest are counted). An 8 MiB file of `0,` items once cost
/// over 1 GB of memory and four million rejection records.
public struct PostFileReader: Sendable {
    /// Rejections listed one by one per file; past this they are only counted.
    public static let maxListedRejections = 100
    /// Nesting allowed in a file: a post's own 32 levels inside a top-level array.
    static let maxDepth = 33

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
            content.fileError =
                "not valid UTF-8 (first bad byte at line \(line), column \(column)); posts must be UTF-8 JSON"
            return content
        }
        let body = bytes[start...]
        guard let first = body.firstIndex(where: { !Self.isSpace($0) }) else {
            content.fileError = "the file is empty; expected one JSON post, a JSON array of posts, or NDJSON"
            return content
        }
        let whole: Result<PostFileContent, JSONSyntaxError> = body.withUnsafeBufferPointer { buffer in
            do throws(JSONSyntaxError) {
                if bytes[first] == UInt8(ascii: "[") { return .success(try readArray(buffer)) }
                return .success(readSingle(try JSONParser(maxDepth: Self.maxDepth).parse(buffer)))
            } catch {
                return .failure(error)
            }
        }
        switch whole {
        case .success(let read):
            return read
        case .failure(let syntax):
            var lines = LineIterator(bytes: bytes, start: start)
            guard let firstLine = lines.next(), let secondLine = lines.next(),
                (try? JSONParser().parse(bytes[firstLine.1])) != nil
            else {
                let (line, column) = Self.position(of: start + syntax.offset, in: bytes)
                content.fileError = "line \(line), column \(column): \(syntax.problem)"
                return content
            }
            var next: (Int, Range<Int>)? = firstLine
            var pending = [secondLine]
            while let (number, range) = next {
                let result = bytes[range].withUnsafeBufferPointer { decoder.decode(bytes: $0) }
                switch result {
                case .success(let post): content.posts.append(post)
                case .failure(let e): content.reject(number, "line \(number): \(e)")
                }
                next = pending.popLast() ?? lines.next()
            }
        }
        return content
    }

    func readSingle(_ value: JSONValue) -> PostFileContent {
        var content = PostFileContent()
        switch decoder.decode(value) {
        case .success(let post): content.posts.append(post)
        case .failure(let e): content.fileError = e.description
        }
        return content
    }

    /// A top-level array, decoded item by item; any syntax error anywhere makes the whole file unreadable, as it would
    /// for a parser that reads the array whole.
    func readArray(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> PostFileContent {
        var content = PostFileContent()
        var reader = JSONReader(buffer: buffer, maxDepth: Self.maxDepth)
        reader.skipWhitespace()
        reader.index += 1
        reader.skipWhitespace()
        var count = 0
        if reader.index < buffer.count && buffer[reader.index] == UInt8(ascii: "]") {
            reader.index += 1
        } else {
            while true {
                reader.skipWhitespace()
                let item = try reader.parseValue(depth: 1)
                count += 1
                switch decoder.decode(item) {
                case .success(let post): content.posts.append(post)
                case .failure(let e): content.reject(count, "item \(count): \(e)")
                }
                reader.skipWhitespace()
                guard reader.index < buffer.count else {
                    throw JSONSyntaxError(offset: reader.index, problem: "the text ends inside an array")
                }
                let byte = buffer[reader.index]
                reader.index += 1
                if byte == UInt8(ascii: "]") { break }
                guard byte == UInt8(ascii: ",") else {
                    throw JSONSyntaxError(
                        offset: reader.index - 1,
                        problem: "expected ',' or ']' in an array, found \(reader.describe(byte))")
                }
            }
        }
        reader.skipWhitespace()
        if reader.index != buffer.count {
            throw JSONSyntaxError(offset: reader.index, problem: "unexpected data after the JSON value")
        }
        if count == 0 { content.fileError = "the file holds an empty array; no posts to take" }
        return content
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// Non-blank lines with their 1-based numbers (ranges into the whole byte array), found one at a time.
    struct LineIterator: IteratorProtocol {
        let bytes: [UInt8]
        var lineStart: Int
        var number = 1

        init(bytes: [UInt8], start: Int) {
            self.bytes = bytes
            lineStart = start
        }

        mutating func next() -> (Int, Range<Int>)? {
            while lineStart <= bytes.count {
                let end = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                var last = end
                if last > lineStart, bytes[last - 1] == 0x0D { last -= 1 }
                let line = (number, lineStart..<last)
                number += 1
                lineStart = end + 1
                if bytes[line.1].contains(where: { !PostFileReader.isSpace($0) }) { return line }
            }
            return nil
        }
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
