import BacklashCore
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func replyLintFuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    ReplyLintFuzz.check(FuzzDriver.bytes(data, size))
    return 0
}

/// Fuzzes the reply linter over arbitrary text; the first byte picks the context (customer name, our fault,
/// language). Besides not crashing or hanging: every finding's span lies inside the reply, covers exactly the text it
/// quotes, and findings come in text order.
@main
enum ReplyLintFuzz {
    static let linter = ReplyLinter()

    static func main() {
        FuzzDriver.run(replyLintFuzzInput)
    }

    static func check(_ bytes: [UInt8]) {
        let flags = bytes.first ?? 0
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        let languages: [ReplyLanguage?] = [nil, .ru, .en]
        let context = ReplyContext(
            customerName: flags & 1 != 0 ? "Анна Петрова" : nil, ourFault: flags & 2 != 0,
            language: languages[Int(flags >> 2) % 3])
        let report = linter.lint(text, context: context)
        let scalars = Array(text.unicodeScalars)
        var previous = 0
        for finding in report.findings {
            let span = finding.span
            FuzzDriver.require(
                span.start >= 0 && span.start <= span.end && span.end <= scalars.count,
                "span \(span.start)..<\(span.end) outside \(scalars.count) scalars")
            FuzzDriver.require(span.start >= previous, "findings out of text order")
            previous = span.start
            if !span.isEmpty {
                var covered = ""
                covered.unicodeScalars.append(contentsOf: scalars[span.start..<span.end])
                FuzzDriver.require(covered == span.text, "span text \(span.text) is not the reply's \(covered)")
            }
        }
    }
}
