import Foundation
import Testing

@testable import BacklashCore

/// Odd input, big input, language detection and the JSON the CLI prints.
@Suite struct ReplyLintRobustnessTests {
    let linter = ReplyLinter()

    @Test("an empty or blank reply reports that it has no greeting and no solution, without crashing",
          arguments: ["", "   \n\t ", "!!", "…"])
    func blankReply(text: String) {
        let report = linter.lint(text)
        #expect(report.rules.contains(.noGreeting))
        #expect(report.rules.contains(.noSolution))
        let solution = report.findings.first { $0.rule == .noSolution }
        #expect(solution?.message.hasPrefix("The reply is empty.") == true)
    }

    @Test("a 1 MB reply lints in well under a second")
    func megabyteReply() {
        let paragraph = ReplyLintWellFormedTests.russianSixSteps + " Согласно условиям, вы сами виноваты!!! "
            + ReplyLintWellFormedTests.englishSixSteps + "\n"
        let text = String(repeating: paragraph, count: 1_000_000 / paragraph.utf8.count + 1)
        #expect(text.utf8.count >= 1_000_000)
        let clock = ContinuousClock()
        var report: LintReport?
        let elapsed = clock.measure { report = linter.lint(text) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        let legalese = report?.findings.filter { $0.rule == .legalese }.count ?? 0
        #expect(legalese == ReplyLinter.maximumFindingsPerRule)
    }

    @Test("a 1 MB reply of shouting and exclamation marks stays fast and reports a capped number of findings")
    func megabyteShouting() {
        let text = String(repeating: "ВЕРНИТЕ ДЕНЬГИ!!! ", count: 1_000_000 / "ВЕРНИТЕ ДЕНЬГИ!!! ".utf8.count + 1)
        let clock = ContinuousClock()
        var report: LintReport?
        let elapsed = clock.measure { report = linter.lint(text) }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(report?.findings.filter { $0.rule == .excessEmotion }.count == ReplyLinter.maximumFindingsPerRule)
    }

    @Test("the language is detected from the share of Cyrillic letters unless the context gives it")
    func languageDetection() {
        #expect(linter.lint("Здравствуйте, Anna! Вернём деньги.").language == .ru)
        #expect(linter.lint("Hello Анна, we will refund you today.").language == .en)
        #expect(linter.lint("Hello", context: ReplyContext(language: .ru)).language == .ru)
    }

    @Test("suggestions are written in the reply's language and use the customer's name")
    func suggestionLanguage() throws {
        let ru = try #require(
            linter.lint("Вот вам купон, до свидания!", context: .init(customerName: "Анна Петрова")).findings
                .first { $0.rule == .gestureWithoutAttention })
        #expect(ru.suggestion.contains("Анна, простите"))
        let en = try #require(
            linter.lint("Here is a coupon, goodbye!").findings.first { $0.rule == .gestureWithoutAttention })
        #expect(en.suggestion.contains("Would you accept"))
    }

    @Test("findings encode as JSON with rule, severity, span, message and suggestion, and decode back")
    func jsonShape() throws {
        let findings = linter.lint("Согласно пользовательскому соглашению, рубль блокируется.").findings
        let data = try JSONEncoder().encode(findings)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        let legalese = try #require(objects.first { $0["rule"] as? String == "legalese" })
        #expect(Set(legalese.keys) == ["rule", "severity", "span", "message", "suggestion"])
        #expect(legalese["severity"] as? String == "block")
        let span = try #require(legalese["span"] as? [String: Any])
        #expect(span["text"] as? String == "Согласно пользовательскому соглашению")
        #expect(span["start"] as? Int == 0)
        #expect(try JSONDecoder().decode([LintFinding].self, from: data) == findings)
    }

    @Test("every finding says which seed its rule comes from")
    func messagesCiteTheirSource() {
        let text = "Уважаемый клиент!! Согласно правилам вы сами виноваты. Нам очень жаль. Не наша вина. Вот купон."
        for finding in linter.lint(text, context: .init(customerName: "Анна", ourFault: true)).findings {
            #expect(finding.message.contains("seed 00"), "\(finding.rule): \(finding.message)")
            #expect(!finding.suggestion.isEmpty)
        }
    }
}
