import BacklashCore
import Foundation
import Testing

@Suite("docs/post-format.schema.json and the decoder agree")
struct PostFormatSchemaTests {
    static let corpus = TestPaths.packageRoot.appendingPathComponent("Tests/IntegrationTests/Fixtures/schema-corpus")

    static func files(_ folder: String) -> [URL] {
        let dir = corpus.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func decoderAccepts(_ url: URL) throws -> Bool {
        var bytes = Array(try Data(contentsOf: url))
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        if let bad = UTF8Validation.firstInvalidOffset(bytes) { _ = bad; return false }
        let result = bytes.withUnsafeBufferPointer { PostDecoder().decode(bytes: $0) }
        if case .success = result { return true }
        return false
    }

    @Test("the decoder accepts every valid example and rejects every invalid one")
    func decoderVerdicts() throws {
        let valid = Self.files("valid"), invalid = Self.files("invalid")
        #expect(valid.count >= 12 && invalid.count >= 12)
        for f in valid { #expect(try Self.decoderAccepts(f), "valid/\(f.lastPathComponent) must decode") }
        for f in invalid { #expect(try !Self.decoderAccepts(f), "invalid/\(f.lastPathComponent) must be rejected") }
    }

    @Test("cases JSON Schema cannot express get the decoder verdict documented in expected.json")
    func decoderOnly() throws {
        let table = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.corpus.appendingPathComponent("decoder-only/expected.json"))) as? [String: [String: Any]]
        for f in Self.files("decoder-only") {
            let want = try #require(table?[f.lastPathComponent]?["decoder"] as? String, "\(f.lastPathComponent)")
            #expect(try Self.decoderAccepts(f) == (want == "accept"), "decoder-only/\(f.lastPathComponent)")
        }
    }

    @Test("the schema gives the same verdicts (python3-jsonschema)")
    func schemaVerdicts() throws {
        let r = try runProgram("/usr/bin/python3", [TestPaths.packageRoot.appendingPathComponent("scripts/check-schema").path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    }
}
