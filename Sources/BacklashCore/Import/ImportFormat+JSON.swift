import Foundation

extension ImportFormat {
    /// The JSON documents in an export, or the error saying why the file is not this JSON format.
    func jsonDocuments(in data: Data, sourceName: String) throws(ImportError) -> [JSONValue] {
        let bytes = [UInt8](data)
        let documents: [JSONValue]
        do {
            documents = try ImportDocuments.parse(bytes)
        } catch {
            if case .notUTF8(let offset, let line) = error {
                throw .notUTF8(source: sourceName, expected: self, line: line, byteOffset: offset)
            }
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
            let isJSONLike =
                start < bytes.count
                && (bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "["))
            let looksLike = start < bytes.count && !isJSONLike ? ImportFormat.guess(text: bytes[start...]) : nil
            throw .notJSON(source: sourceName, expected: self, problem: error.description, looksLike: looksLike)
        }
        guard !documents.isEmpty else { throw .empty(source: sourceName, expected: self) }
        return documents
    }

    /// The error for a JSON export that is not shaped like this format, naming the format it resembles.
    func wrongShape(_ sourceName: String, found: String, documents: [JSONValue]) -> ImportError {
        .wrongShape(
            source: sourceName, expected: self, found: found, looksLike: ImportFormat.guess(documents: documents))
    }
}
