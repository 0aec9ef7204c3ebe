import Testing

@testable import BacklashCore

@Suite struct CSVParserTests {
    func parse(_ text: String, delimiter: UInt8? = nil) throws -> [CSVParser.Record] {
        try CSVParser(delimiter: delimiter).records(in: Array(text.utf8), sourceName: "t.csv")
    }

    @Test("quoted fields keep delimiters, doubled quotes and line breaks")
    func quotedFields() throws {
        let records = try parse("a,b\n\"x, y\",\"say \"\"hi\"\"\nnext line\"\n")
        #expect(records.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\"\nnext line"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("CRLF, LF and lone CR all end a record; a final record without a line break is kept")
    func lineEndings() throws {
        let records = try parse("a,b\r\n1,2\n3,4\r5,6")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test("a trailing line break does not make an extra record, a blank line makes a blank one")
    func blankLines() throws {
        let records = try parse("a\n\nb\n")
        #expect(records.map(\.fields) == [["a"], [""], ["b"]])
        #expect(records[1].isBlank)
    }

    @Test("a byte order mark is not part of the first field")
    func byteOrderMark() throws {
        let records = try CSVParser().records(in: [0xEF, 0xBB, 0xBF] + Array("id,text\n".utf8), sourceName: "t")
        #expect(records.first?.fields == ["id", "text"])
    }

    @Test("empty fields, including a trailing one, are kept")
    func emptyFields() throws {
        #expect(try parse(",a,,\n").first?.fields == ["", "a", "", ""])
        #expect(try parse("\"\"").first?.fields == [""])
    }

    @Test("a record after a multi-line quoted field reports the line it starts on")
    func lineNumbersAfterQuotedBreaks() throws {
        let records = try parse("h\n\"1\r\n2\r\n3\"\r\nnext\r\n")
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test("text after a closing quote and quotes inside unquoted fields are kept as spreadsheets read them")
    func lenientQuotes() throws {
        #expect(try parse("\"a\"b,c\"d\n").first?.fields == ["ab", "c\"d"])
    }

    @Test("a quote never closed is an error naming the line it opened on")
    func unterminatedQuote() {
        #expect(throws: ImportError.unterminatedQuote(source: "t.csv", line: 2)) {
            try parse("a,b\n1,\"open\n\nstill open")
        }
    }

    @Test("the delimiter is detected from the header: semicolon, tab, or comma by default")
    func delimiterDetection() throws {
        #expect(try parse("a;b;\"c,d\"\n1;2;3\n").map(\.fields) == [["a", "b", "c,d"], ["1", "2", "3"]])
        #expect(try parse("a\tb\n1\t2\n").last?.fields == ["1", "2"])
        let quotedSemicolons = Array("\"x;y;z\",b\n".utf8)
        #expect(CSVParser.detectDelimiter(in: quotedSemicolons) == UInt8(ascii: ","), "quoted ; do not count")
        #expect(CSVParser.detectDelimiter(in: Array("single\n".utf8)) == UInt8(ascii: ","))
    }

    @Test("an explicit delimiter overrides detection")
    func explicitDelimiter() throws {
        #expect(try parse("a;b,c\n", delimiter: UInt8(ascii: ",")).first?.fields == ["a;b", "c"])
    }
}
