import Testing

@testable import BacklashCore

/// Every rule, shown firing and staying silent, in Russian and in English.
@Suite struct ReplyLintRuleTests {
    let linter = ReplyLinter()

    @Test("each rule fires on its example and stays silent on the fixed wording", arguments: ReplyLintRuleExample.all)
    func ruleExample(example: ReplyLintRuleExample) {
        let report = linter.lint(example.text, context: example.context)
        let findings = report.findings.filter { $0.rule == example.rule }
        #expect(!findings.isEmpty == example.fires, "findings: \(report.findings.map(\.rule.rawValue))")
        #expect(findings.allSatisfy { $0.severity == example.rule.severity })
        #expect(report.language == example.language)
    }

    @Test("every rule has a firing and a silent example in both Russian and English")
    func everyRuleIsCovered() {
        for rule in LintRule.allCases {
            for language in [ReplyLanguage.ru, .en] {
                for fires in [true, false] {
                    let covered = ReplyLintRuleExample.all.contains {
                        $0.rule == rule && $0.language == language && $0.fires == fires
                    }
                    let kind = fires ? "firing" : "silent"
                    #expect(covered, "\(rule.rawValue) [\(language.rawValue)] has no \(kind) example")
                }
            }
        }
    }

    @Test("legalese, blame, canned scripts and gestures without attention block; every other rule only warns")
    func severityPolicy() {
        let blocking = LintRule.allCases.filter { $0.severity == .block }
        #expect(Set(blocking) == [.legalese, .blamesCustomer, .cannedScript, .gestureWithoutAttention])
    }

    @Test("rule ids are stable kebab-case strings")
    func ruleIds() {
        #expect(LintRule.cannedScript.rawValue == "canned-script")
        #expect(LintRule.gestureWithoutAttention.rawValue == "gesture-without-attention")
        #expect(LintRule(rawValue: "no-apology") == .noApology)
        for rule in LintRule.allCases {
            #expect(rule.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.rawValue)")
        }
    }

    @Test("no apology is required when the incident is not marked as our fault")
    func apologyOnlyWhenOurFault() {
        let text = "Здравствуйте! Спасибо, что написали. Мы вернём деньги сегодня."
        #expect(!linter.lint(text).rules.contains(.noApology))
        #expect(linter.lint(text, context: ReplyContext(ourFault: true)).rules.contains(.noApology))
    }

    @Test("a coupon after an apology still blocks when it is followed straight by a goodbye")
    func couponGoodbyeAfterApologyBlocks() {
        let report = linter.lint("Извините. Вот вам купон, до свидания!")
        #expect(report.rules.contains(.gestureWithoutAttention))
        #expect(report.blocks)
    }

    @Test("a reply shouting in mixed capitals is flagged even without a fully capitalised word")
    func capitalShare() {
        let report = linter.lint("ПрИвЕт, КаК жЕ тАк ПоЛуЧиЛоСь с ВаШиМ зАкАзОм")
        #expect(report.findings.contains { $0.rule == .excessEmotion && $0.span.isEmpty })
    }

    @Test("a phrase does not match across a sentence boundary")
    func phraseStaysInItsSentence() {
        let report = linter.lint("Это сделали вы. Сами не знаем как.")
        #expect(!report.rules.contains(.blamesCustomer))
        #expect(linter.lint("Это сделали вы, сами не знаете как.").rules.contains(.blamesCustomer))
    }

    @Test("'вы сами' blames only when it says what the customer did wrong")
    func youYourselfNeedsAFault() {
        #expect(!linter.lint("Вы сами можете выбрать удобное время звонка.").rules.contains(.blamesCustomer))
        #expect(linter.lint("Вы сами выбрали этот тариф.").rules.contains(.blamesCustomer))
    }

    @Test("the same stretch of text is reported once, under the more serious rule")
    func overlapGoesToMoreSeriousRule() {
        let report = linter.lint("Your call is important to us.")
        #expect(report.rules.contains(.cannedScript))
        #expect(!report.rules.contains(.companyCentric))
    }
}
