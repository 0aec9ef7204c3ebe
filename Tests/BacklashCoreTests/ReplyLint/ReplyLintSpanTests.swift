import Testing

@testable import BacklashCore

/// Findings point at the text as the manager wrote it, in Unicode scalar offsets.
@Suite struct ReplyLintSpanTests {
    let linter = ReplyLinter()

    private func scalarText(_ text: String, _ span: LintSpan) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: Array(text.unicodeScalars)[span.start..<span.end])
        return String(view)
    }

    @Test("the legalese span is the phrase exactly as written, at its scalar offsets")
    func legaleseSpanIsOriginalText() throws {
        let text = "Согласно пользовательскому соглашению, при оформлении заказа на карте блокируется 1 рубль."
        let finding = try #require(linter.lint(text).findings.first { $0.rule == .legalese })
        #expect(finding.span.text == "Согласно пользовательскому соглашению")
        #expect(finding.span.start == 0)
        #expect(finding.span.end == "Согласно пользовательскому соглашению".unicodeScalars.count)
    }

    @Test("spans keep the original case and count scalars, not characters or UTF-8 bytes")
    func spanOffsetsAreUnicodeScalars() throws {
        // "👍🏽" is one character but two scalars; "İ" lowercases to two scalars ("i̇") but is one here.
        let text = "👍🏽 İSTANBUL İş. Ну а СОГЛАСНО Пользовательскому СОГЛАШЕНИЮ всё верно."
        let finding = try #require(linter.lint(text).findings.first { $0.rule == .legalese })
        #expect(finding.span.text == "СОГЛАСНО Пользовательскому СОГЛАШЕНИЮ")
        #expect(scalarText(text, finding.span) == finding.span.text)
        #expect(finding.span.start == 21)
    }

    @Test("a whole-text finding has an empty span at the start")
    func wholeTextSpan() throws {
        let finding = try #require(linter.lint("Мы вернём деньги сегодня.").findings.first { $0.rule == .noGreeting })
        #expect(finding.span == LintSpan(start: 0, end: 0, text: ""))
    }

    @Test("an exclamation run is spanned exactly")
    func exclamationSpan() throws {
        let text = "Всё исправим!!! Честно"
        let finding = try #require(linter.lint(text).findings.first { $0.rule == .excessEmotion })
        #expect(finding.span == LintSpan(start: 12, end: 15, text: "!!!"))
    }

    @Test("findings come in text order and every span matches the text at its offsets")
    func findingsOrderedAndConsistent() {
        let text = "Уважаемый клиент, надо было читать правила!!! Согласно договору возврата нет. ВЫ САМИ виноваты."
        let findings = linter.lint(text).findings
        #expect(findings.map(\.span.start) == findings.map(\.span.start).sorted())
        for finding in findings {
            #expect(scalarText(text, finding.span) == finding.span.text)
        }
        let rules = Set(findings.map(\.rule))
        #expect(rules.isSuperset(of: [.impersonalAddress, .blamesCustomer, .legalese, .excessEmotion]))
    }
}
