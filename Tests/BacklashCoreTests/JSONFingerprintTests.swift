@testable import BacklashCore
import Testing

@Suite struct JSONFingerprintTests {
    let parser = JSONParser()

    func fingerprint(_ text: String, excluding: Set<String> = []) throws -> UInt64 {
        try JSONFingerprint.of(#require(parser.parse(text).objectValue), excluding: excluding)
    }

    @Test("member order and whitespace do not change the fingerprint")
    func orderIndependent() throws {
        let a = try fingerprint(#"{"id":"1","author":{"id":"u","followers":10},"text":"Такси"}"#)
        let b = try fingerprint(#"{ "text" : "Такси", "author":{"followers":10,"id":"u"}, "id":"1" }"#)
        #expect(a == b)
    }

    @Test("any change of a value, a key, a type or an array order changes it")
    func sensitive() throws {
        let base = try fingerprint(#"{"id":"1","tags":["a","b"],"n":1,"flag":true,"x":null}"#)
        let variants = [
            #"{"id":"2","tags":["a","b"],"n":1,"flag":true,"x":null}"#,
            #"{"id":"1","tags":["b","a"],"n":1,"flag":true,"x":null}"#,
            #"{"id":"1","tags":["a","b"],"n":1.0,"flag":true,"x":null}"#,
            #"{"id":"1","tags":["a","b"],"n":"1","flag":true,"x":null}"#,
            #"{"id":"1","tags":["a","b"],"n":1,"flag":false,"x":null}"#,
            #"{"id":"1","tags":["a","b"],"n":1,"flag":true}"#,
            #"{"id":"1","tags":["a","b"],"m":1,"flag":true,"x":null}"#,
            #"{"id":"1","tags":["ab"],"n":1,"flag":true,"x":null}"#,
        ]
        var seen: Set<UInt64> = [base]
        for v in variants { seen.insert(try fingerprint(v)) }
        #expect(seen.count == variants.count + 1)
    }

    @Test("excluded top-level members are left out, nested ones of the same name are not")
    func exclusion() throws {
        let plain = try fingerprint(#"{"id":"1"}"#)
        #expect(try fingerprint(#"{"id":"1","metrics":{"likes":5}}"#, excluding: ["metrics"]) == plain)
        #expect(try fingerprint(#"{"id":"1","x":{"metrics":1}}"#, excluding: ["metrics"])
            != fingerprint(#"{"id":"1","x":{}}"#, excluding: ["metrics"]))
    }
}
