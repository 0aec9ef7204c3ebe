import Testing

@testable import BacklashCore

@Suite("JSON parser")
struct JSONParserTests {
    let parser = JSONParser()

    @Test("parses nested values and keeps numbers as written")
    func nested() throws {
        let v = try parser.parse(#"{"a":[1,2.50,-3e2,true,null],"id":18446744073709551615,"s":"x\"\u0416\n"}"#)
        let o = try #require(v.objectValue)
        #expect(o.keys == ["a", "id", "s"])
        #expect(o["id"] == .number("18446744073709551615"), "a 64-bit id survives exactly")
        #expect(o["a"] == .array([.number("1"), .number("2.50"), .number("-3e2"), .bool(true), .null]))
        #expect(o["s"] == .string("x\"Ж\n"))
    }

    @Test("surrogate pairs decode to one scalar; a lone surrogate is an error")
    func surrogates() throws {
        #expect(try parser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(throws: JSONSyntaxError.self) { try parser.parse(#""\ud83d""#) }
    }

    @Test("errors say what is wrong and at which byte", arguments: [
        ("", 0, "empty"),
        ("{\"a\":1,}", 7, "expected a string key"),
        ("[1 2]", 3, "expected ',' or ']'"),
        ("{\"a\" 1}", 5, "expected ':'"),
        ("01", 1, "leading zeros"),
        ("\"abc", 0, "not terminated"),
        ("{\"a\":1}{", 7, "unexpected data after"),
        ("{\"a\":1,\"a\":2}", 7, "duplicate key"),
        ("tru", 0, "expected 'true'"),
    ])
    func errors(input: String, offset: Int, problem: String) {
        do {
            _ = try parser.parse(input)
            Issue.record("\(input) should not parse")
        } catch {
            #expect(error.offset == offset, "\(input): \(error)")
            #expect(error.problem.contains(problem), "\(input): \(error)")
        }
    }

    @Test("raw control characters and invalid UTF-8 inside strings are rejected")
    func controlAndUTF8() {
        #expect(throws: JSONSyntaxError.self) { try parser.parse([0x22, 0x00, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try parser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONSyntaxError.self) { try parser.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
    }

    @Test("nesting beyond the limit is refused instead of overflowing the stack")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parser.parse(deep) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? parser.parse(ok)) != nil)
    }

    @Test("the writer round-trips what the parser reads")
    func roundTrip() throws {
        let text = #"{"b":"é\u2028\t","a":[1,{"x":null}],"n":-0.5e10}"#
        let v = try parser.parse(text)
        let written = JSONWriter().string(v)
        #expect(try parser.parse(written) == v)
        #expect(written.contains("\\u2028"))
    }

    @Test("UTF-8 validation agrees with the standard library on random and edge-case bytes")
    func utf8ValidationMatchesStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let edgeBytes: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4,
            0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90]
        for round in 0..<20_000 {
            let count = Int.random(in: 0...24, using: &generator)
            var bytes: [UInt8] = (0..<count).map { _ in
                round % 2 == 0 ? edgeBytes.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            if round % 3 == 0 { bytes = Array("Такси списало рубль 🚕 ok".utf8) + bytes }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            let offset = UTF8Validation.firstInvalidOffset(bytes)
            #expect((offset == nil) == valid, "bytes \(bytes)")
            if let offset {
                // Everything before the offset is valid on its own, and the offset is inside the input.
                #expect(offset < bytes.count)
                #expect(String(validating: bytes[..<offset], as: UTF8.self) != nil, "bytes \(bytes) offset \(offset)")
            }
        }
    }
}
