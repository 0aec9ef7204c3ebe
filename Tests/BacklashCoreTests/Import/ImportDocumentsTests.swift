import Foundation
import Testing

@testable import BacklashCore

@Suite struct ImportDocumentsTests {
    func parse(_ text: String) throws(ImportDocuments.Failure) -> [JSONValue] {
        try ImportDocuments.parse(Array(text.utf8))
    }

    @Test("values of every JSON kind are read; numbers keep their literal text, read as integers when whole")
    func kinds() throws {
        let value = try #require(try parse(#"{"a":[true,false,null,-12,1.5,2e3,"s"],"b":{}}"#).first)
        #expect(
            value
                == .object(
                    JSONObject(pairs: [
                        "a": .array([
                            .bool(true), .bool(false), .null, .number("-12"), .number("1.5"), .number("2e3"),
                            .string("s"),
                        ]),
                        "b": .object(JSONObject()),
                    ])))
        #expect(value["a"]?.arrayValue?.map(\.looseInteger) == [nil, nil, nil, -12, nil, 2000, nil])
    }

    @Test("string escapes decode, including a surrogate pair and non-ASCII text")
    func escapes() throws {
        let value = try parse(#""q\"b\\s\/n\nt\tu\u00e9 \ud83d\ude00 Привет""#)
        #expect(value == [.string("q\"b\\s/n\nt\tué 😀 Привет")])
    }

    @Test("a lone surrogate becomes the replacement character instead of failing the file")
    func loneSurrogate() throws {
        #expect(try parse(#""\ud83d!""#) == [.string("\u{FFFD}!")])
        #expect(try parse(#"["\ude00", "\ud83d\ude00"]"#) == [.array([.string("\u{FFFD}"), .string("😀")])])
        #expect(try parse(#""\\ud83d""#) == [.string(#"\ud83d"#)], "an escaped backslash starts no escape")
    }

    @Test("whitespace-separated documents (JSON Lines) are read one by one; BOM and blank input are fine")
    func documents() throws {
        #expect(try parse("{\"a\":1}\n{\"a\":2}\n").count == 2)
        #expect(try ImportDocuments.parse([0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == [.array([])])
        #expect(try parse(" \n\t").isEmpty)
    }

    @Test("syntax errors name the problem with line and column")
    func syntaxErrors() {
        #expect(throws: ImportDocuments.Failure.syntax(problem: "expected a value, found ']'", line: 2, column: 3)) {
            try parse("[1,\n  ]")
        }
        #expect(throws: ImportDocuments.Failure.syntax(problem: "expected a value, found 'x'", line: 1, column: 5)) {
            try parse("\"é\" x")
        }
        #expect(
            throws: ImportDocuments.Failure.syntax(problem: "the text ends inside an object", line: 1, column: 8)
        ) {
            try parse(#"{"a": 1"#)
        }
        #expect(
            throws: ImportDocuments.Failure.syntax(problem: #"expected ':' after the key "a""#, line: 1, column: 6)
        ) {
            try parse(#"{"a" 1}"#)
        }
    }

    @Test("an error in a later JSON Lines document is placed in the whole file, not in its document")
    func laterDocumentError() {
        #expect(
            throws: ImportDocuments.Failure.syntax(problem: "expected a value, found '}'", line: 3, column: 7)
        ) {
            try parse("{\"a\":1}\n{\"a\":2}\n{\"a\": }")
        }
        #expect(throws: ImportDocuments.Failure.syntax(problem: "expected a value, found '?'", line: 1, column: 1)) {
            try ImportDocuments.parse([0xEF, 0xBB, 0xBF] + Array("?".utf8))
        }
    }

    @Test("bytes that are not UTF-8 are refused with the offset of the first one, inside or outside strings")
    func notUTF8() {
        let prefix = Array("{\"a\":\n\"".utf8)
        #expect(throws: ImportDocuments.Failure.notUTF8(offset: prefix.count + 1, line: 2)) {
            try ImportDocuments.parse(prefix + [0x41, 0xCF, 0xF0, 0x22, 0x7D])  // "AПр" in Windows-1251
        }
        #expect(throws: ImportDocuments.Failure.notUTF8(offset: 0, line: 1)) {
            try ImportDocuments.parse([0xFF, 0xFE] + Array("[]".utf16.flatMap { [UInt8($0), 0] }))  // UTF-16
        }
    }

    @Test("a syntax error before the first byte that is not UTF-8 is reported as the syntax error")
    func syntaxBeforeEncoding() {
        #expect(throws: ImportDocuments.Failure.syntax(problem: "expected a value, found ']'", line: 1, column: 4)) {
            try ImportDocuments.parse(Array("[1,]\"".utf8) + [0xCF, 0x22])
        }
    }

    @Test("a repeated key is refused, since which of the values the platform meant is unknown")
    func duplicateKey() {
        #expect(throws: ImportDocuments.Failure.syntax(problem: #"duplicate key "id""#, line: 1, column: 11)) {
            try parse(#"{"id": 1, "id": 2}"#)
        }
    }

    @Test("absurd nesting is refused instead of exhausting the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(throws: ImportDocuments.Failure.self) { try parse(deep) }
    }

    @Test("lenient accessors read ids and flags the ways platforms write them")
    func accessors() throws {
        let value = try #require(try parse(#"{"n":42,"s":"42","b":1,"t":true,"x":"","d":{"e":{"f":7}}}"#).first)
        #expect(value["n"]?.identifier == "42")
        #expect(value["s"]?.looseInteger == 42)
        #expect(value["b"]?.looseBool == true)
        #expect(value["t"]?.looseBool == true)
        #expect(value["x"]?.identifier == nil, "an empty string is no id")
        #expect(value.value(at: "d.e.f")?.looseInteger == 7)
        #expect(value.shapeDescription == "an object with keys `b`, `d`, `n`, `s`, `t`, `x`")
    }
}
