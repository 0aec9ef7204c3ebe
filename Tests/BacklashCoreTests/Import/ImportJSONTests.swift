import Foundation
import Testing

@testable import BacklashCore

@Suite struct ImportJSONTests {
    func parse(_ text: String) throws -> [ImportJSON] {
        try ImportJSON.documents(in: Array(text.utf8))
    }

    @Test("values of every JSON kind are read, integers apart from fractions")
    func kinds() throws {
        let value = try #require(try parse(#"{"a":[true,false,null,-12,1.5,2e3,"s"],"b":{}}"#).first)
        #expect(
            value
                == .object([
                    "a": .array([
                        .bool(true), .bool(false), .null, .integer(-12), .number(1.5), .number(2000), .string("s"),
                    ]),
                    "b": .object([:]),
                ]))
    }

    @Test("string escapes decode, including a surrogate pair and non-ASCII text")
    func escapes() throws {
        let value = try parse(#""q\"b\\s\/n\nt\tu\u00e9 \ud83d\ude00 Привет""#)
        #expect(value == [.string("q\"b\\s/n\nt\tué 😀 Привет")])
    }

    @Test("a lone surrogate becomes the replacement character instead of failing the file")
    func loneSurrogate() throws {
        #expect(try parse(#""\ud83d!""#) == [.string("\u{FFFD}!")])
    }

    @Test("whitespace-separated documents (JSON Lines) are read one by one; BOM and blank input are fine")
    func documents() throws {
        #expect(try parse("{\"a\":1}\n{\"a\":2}\n").count == 2)
        #expect(try ImportJSON.documents(in: [0xEF, 0xBB, 0xBF] + Array("[]".utf8)) == [.array([])])
        #expect(try parse(" \n\t").isEmpty)
    }

    @Test("syntax errors name the problem with line and column")
    func syntaxErrors() {
        #expect(throws: ImportJSON.SyntaxError(line: 2, column: 3, problem: "unexpected character ']'")) {
            try parse("[1,\n  ]")
        }
        #expect(throws: ImportJSON.SyntaxError(line: 1, column: 1, problem: "unexpected character 'п'")) {
            try parse("привет")
        }
        #expect(throws: ImportJSON.SyntaxError(line: 1, column: 8, problem: "the text ends inside an object")) {
            try parse(#"{"a": 1"#)
        }
        #expect(throws: ImportJSON.SyntaxError(line: 1, column: 6, problem: "expected ':' after a member name")) {
            try parse(#"{"a" 1}"#)
        }
    }

    @Test("absurd nesting is refused instead of exhausting the stack")
    func depthLimit() {
        let deep = String(repeating: "[", count: 10_000)
        #expect(throws: ImportJSON.SyntaxError.self) { try parse(deep) }
    }

    @Test("lenient accessors read ids and flags the ways platforms write them")
    func accessors() throws {
        let value = try #require(try parse(#"{"n":42,"s":"42","b":1,"t":true,"x":"","d":{"e":{"f":7}}}"#).first)
        #expect(value["n"]?.identifier == "42")
        #expect(value["s"]?.integer == 42)
        #expect(value["b"]?.bool == true)
        #expect(value["t"]?.bool == true)
        #expect(value["x"]?.identifier == nil, "an empty string is no id")
        #expect(value.value(at: "d.e.f")?.integer == 7)
        #expect(value.shapeDescription == "an object with keys `b`, `d`, `n`, `s`, `t`, `x`")
    }
}
