import BacklashCore
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func postDecoderFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    PostDecoderFuzz.check(FuzzDriver.bytes(data, size))
    return 0
}

/// Fuzzes what the inbox and the ingest socket do with untrusted bytes: `PostFileReader` (one post, an array of
/// posts, or NDJSON), `PostDecoder` over one line, and `JSONParser`/`JSONWriter`.
///
/// Besides not crashing: a file error leaves no posts; rejected lines are numbered from 1 in order; a syntax error
/// points inside the input; a decoded post written back as JSON decodes to the same post; any parsed JSON value
/// written and parsed again is the same value.
@main
enum PostDecoderFuzz {
    static let reader = PostFileReader()
    static let decoder = PostDecoder()

    static func main() {
        FuzzDriver.run(postDecoderFuzzInput)
    }

    static func check(_ bytes: [UInt8]) {
        let file = reader.parse(bytes)
        if file.fileError != nil {
            FuzzDriver.require(file.posts.isEmpty && file.rejected.isEmpty, "a file error with posts or rejected lines")
        }
        FuzzDriver.require(file.rejected.map(\.line) == file.rejected.map(\.line).sorted(), "rejections out of order")
        FuzzDriver.require(file.rejected.allSatisfy { $0.line >= 1 }, "a rejection numbered below 1")

        guard UTF8Validation.firstInvalidOffset(bytes) == nil else { return }
        switch bytes.withUnsafeBufferPointer({ decoder.decode(bytes: $0) }) {
        case .success(let post):
            let written = JSONWriter().string(.object(post.raw))
            FuzzDriver.require(decoder.decode(written) == .success(post), "a post does not survive writing: \(written)")
        case .failure(.syntax(let error)):
            FuzzDriver.require(error.offset >= 0 && error.offset <= bytes.count, "a syntax error outside the input")
        case .failure:
            break
        }
        if let value = try? JSONParser().parse(bytes) {
            let written = JSONWriter().string(value)
            FuzzDriver.require((try? JSONParser().parse(written)) == value, "JSON does not survive writing: \(written)")
        }
    }
}
