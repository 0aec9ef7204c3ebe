import ArgumentParser
import BacklashCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

struct LintReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint-reply",
        abstract: "Check a reply before posting it: canned scripts, legalese, blaming, missing steps.",
        discussion: """
            Reads the reply from --text or standard input (Russian or English). Exit status 0 when nothing
            blocks, 1 when a finding blocks (legalese, a canned script, blaming the customer, a gesture with no
            attention): rewrite the reply, or record it with `reply --force --reason`.
            """)

    @Option(name: .long, help: "The reply text (default: read standard input).")
    var text: String?

    @Option(name: .long, help: "The reply's language, ru or en (default: detected).")
    var lang: String?

    @Option(name: .long, help: "The customer's name, to check the reply addresses them by it.")
    var name: String?

    @Flag(name: .long, help: "The incident is our fault: the reply must apologise.")
    var ourFault = false

    @Flag(name: .long, help: "Print the findings as JSON: [{rule, severity, span, message, suggestion}].")
    var json = false

    func validate() throws {
        if let lang, ReplyLanguage(rawValue: lang) == nil { throw ValidationError("--lang must be ru or en") }
    }

    func run() throws {
        let reply: String
        if let text {
            reply = text
        } else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else {
                printError("the reply on standard input is not UTF-8 text")
                throw ExitCode(2)
            }
            reply = s
        }
        let report = ReplyLinter().lint(
            reply, context: ReplyContext(customerName: name, ourFault: ourFault, language: lang.flatMap(ReplyLanguage.init)))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report.findings)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(LintReportText.render(report, color: isatty(STDOUT_FILENO) != 0))
        }
        if report.blocks { throw ExitCode(1) }
    }
}

/// The human rendering of a lint report.
enum LintReportText {
    static func render(_ report: LintReport, color: Bool) -> String {
        if report.findings.isEmpty { return "no findings: the reply reads well" }
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines: [String] = []
        for f in report.findings {
            let tag = f.severity == .block ? paint("BLOCK", "1;31") : paint("warn ", "33")
            var head = "\(tag) \(f.rule.rawValue)"
            if !f.span.text.isEmpty { head += " «\(f.span.text)» (\(f.span.start)–\(f.span.end))" }
            lines.append(head)
            lines.append("      \(f.message)")
            lines.append("      try: \(f.suggestion)")
        }
        let blocking = report.findings.filter { $0.severity == .block }.count
        lines.append(blocking > 0
            ? "\(blocking) blocking finding(s): rewrite the reply (or record it with --force --reason)"
            : "\(report.findings.count) warning(s); nothing blocks")
        return lines.joined(separator: "\n")
    }
}
