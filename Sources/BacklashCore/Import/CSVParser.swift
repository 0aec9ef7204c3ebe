/// Splits CSV text into records as RFC 4180 describes it, tolerant of what spreadsheets write.
///
/// Fields may be quoted; a quote inside a quoted field is doubled (`""`); quoted fields may hold
/// delimiters and line breaks. Records end with CRLF, LF or a lone CR. A UTF-8 byte order mark is
/// skipped. Text after a closing quote is kept (`"a"b` reads `ab`) and a quote inside an unquoted
/// field is literal, as Excel and Python read them. The delimiter is `,` unless told otherwise or
/// detected (`;` from Excel in many locales, tab).
public struct CSVParser: Sendable {
    /// One record: its fields and the line of the file it starts on.
    public struct Record: Sendable, Hashable {
        /// The fields, unquoted, as UTF-8 text.
        public var fields: [String]
        /// The 1-based line the record starts on (a quoted line break makes a record span lines).
        public var line: Int

        /// A record of `fields` starting on `line`.
        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }

        /// True for an empty line (one empty field) or a row of empty fields.
        public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    /// The field delimiter as an ASCII byte; nil detects it from the first record.
    public var delimiter: UInt8?

    /// A parser splitting on `delimiter`, or on the delimiter the header uses when nil.
    public init(delimiter: UInt8? = nil) {
        self.delimiter = delimiter
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// The records of a CSV text; `sourceName` names the file in errors.
    public func records(in bytes: [UInt8], sourceName: String) throws(ImportError) -> [Record] {
        let separator = delimiter ?? Self.detectDelimiter(in: bytes)
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        var atFieldStart = true

        func finishField() throws(ImportError) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw .notUTF8(
                    source: sourceName, expected: .csv, line: line,
                    byteOffset: UTF8Validation.firstInvalidOffset(bytes) ?? position)
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }

        while position < bytes.count {
            let byte = bytes[position]
            if atFieldStart && byte == Self.quote {
                let quoteLine = line
                position += 1
                while true {
                    guard position < bytes.count else {
                        throw .unterminatedQuote(source: sourceName, line: quoteLine)
                    }
                    let quoted = bytes[position]
                    if quoted == Self.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                            field.append(Self.quote)
                            position += 2
                            continue
                        }
                        position += 1
                        break
                    }
                    if quoted == Self.lineFeed
                        || quoted == Self.carriageReturn
                            && (position + 1 == bytes.count || bytes[position + 1] != Self.lineFeed)
                    {
                        line += 1
                    }
                    field.append(quoted)
                    position += 1
                }
                atFieldStart = false
                continue
            }
            atFieldStart = false
            if byte == separator {
                try finishField()
                atFieldStart = true
                position += 1
            } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                try finishField()
                records.append(Record(fields: fields, line: recordLine))
                fields.removeAll()
                let isCRLF =
                    byte == Self.carriageReturn && position + 1 < bytes.count
                    && bytes[position + 1] == Self.lineFeed
                position += isCRLF ? 2 : 1
                line += 1
                recordLine = line
                atFieldStart = true
            } else {
                field.append(byte)
                position += 1
            }
        }
        if !(atFieldStart && fields.isEmpty && field.isEmpty) {
            try finishField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }

    /// The delimiter the first record uses most among `,`, `;` and tab (outside quotes); `,` when none.
    public static func detectDelimiter(in bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        for byte in bytes {
            if byte == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == lineFeed || byte == carriageReturn { break }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[best] > 0 else {
            return candidates[0]
        }
        return candidates[best]
    }
}
