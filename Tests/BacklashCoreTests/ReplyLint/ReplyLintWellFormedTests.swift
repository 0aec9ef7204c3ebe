import Testing

@testable import BacklashCore

/// Replies that follow all six steps of seed 001 (greet by name, thank, apologise, clarify, solve, end well).
@Suite struct ReplyLintWellFormedTests {
    let linter = ReplyLinter()

    static let russianSixSteps = "Мария, добрый день! Спасибо, что рассказали нам об этом. Приносим извинения: "
        + "курьер опоздал по нашей вине, и мы понимаем, как это неприятно. Уточните, пожалуйста, номер заказа: "
        + "мы вернём деньги за доставку сегодня до 18:00 и проверим маршрут курьера, чтобы такое больше не "
        + "повторилось. Хорошего вам вечера!"

    static let englishSixSteps = "Hi Michael, thank you for letting us know. I'm sorry the driver was late: that "
        + "was our mistake, and I understand how frustrating it is. Could you share your order number? We will "
        + "refund the fare today by 6 pm and have briefed our drivers so it does not happen again. Have a lovely "
        + "evening!"

    @Test("a six-step Russian reply to an incident that was our fault has no findings")
    func russianSixStepReply() {
        let report = linter.lint(Self.russianSixSteps, context: ReplyContext(customerName: "Мария", ourFault: true))
        #expect(report.language == .ru)
        #expect(report.findings.isEmpty, "unexpected findings: \(report.findings.map { ($0.rule, $0.span.text) })")
    }

    @Test("a six-step English reply to an incident that was our fault has no findings")
    func englishSixStepReply() {
        let report = linter.lint(
            Self.englishSixSteps, context: ReplyContext(customerName: "Michael Brown", ourFault: true))
        #expect(report.language == .en)
        #expect(report.findings.isEmpty, "unexpected findings: \(report.findings.map { ($0.rule, $0.span.text) })")
    }

    @Test("the customer's name is found in any case form, but not inside an unrelated word")
    func nameInflection() {
        let reply = "Здравствуйте! Спасибо. Мы вернём деньги сегодня."
        func missesName(_ text: String, _ name: String) -> Bool {
            linter.lint(text, context: ReplyContext(customerName: name)).rules.contains(.noName)
        }
        #expect(!missesName("Анну ждёт машина. " + reply, "Анна"))
        #expect(!missesName("Павлу перезвоним. " + reply, "Павел"))
        #expect(!missesName("Ольгой займусь я. " + reply, "Ольга Петрова"))
        #expect(!missesName("Hello Anna's team. " + reply, "Anna"))
        #expect(missesName(reply, "Вера"))
    }

    @Test("'ё' and 'е' are the same letter, and case does not matter")
    func yoFolding() {
        let withYo = linter.lint("Здравствуйте! Спасибо. Вернём деньги.")
        let withoutYo = linter.lint("ЗДРАВСТВУЙТЕ! спасибо. вернем деньги.")
        #expect(!withYo.rules.contains(.noSolution))
        #expect(!withoutYo.rules.contains(.noSolution))
        #expect(!withoutYo.rules.contains(.noGreeting))
    }
}
