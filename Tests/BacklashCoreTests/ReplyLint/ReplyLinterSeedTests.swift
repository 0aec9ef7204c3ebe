import Testing

@testable import BacklashCore

/// The replies from the seed stories, which the linter exists to catch (or to let through).
@Suite struct ReplyLinterSeedTests {
    let linter = ReplyLinter()

    @Test("seed 003: the formal 'according to the user agreement' reply is blocked as legalese")
    func formalUserAgreementReplyBlocks() {
        let report = linter.lint(
            "Согласно пользовательскому соглашению, при оформлении заказа на карте блокируется 1 рубль.")
        #expect(report.blocks)
        #expect(report.rules.contains(.legalese))
        #expect(report.language == .ru)
    }

    @Test("seed 003: the personal apology that calmed the storm passes with no findings")
    func personalApologyPasses() {
        let reply = "Анна, здравствуйте! Прошу прощения, что мы испортили ваше утро и день. Позвольте нам исправить "
            + "ваш вечер: рубль вернётся сразу после поездки, а сегодня мы пришлём за вами машину бизнес-класса. "
            + "Спасибо, что написали нам."
        let report = linter.lint(reply, context: ReplyContext(customerName: "Анна", ourFault: true))
        #expect(!report.blocks)
        #expect(report.findings.isEmpty, "unexpected findings: \(report.findings.map(\.rule))")
    }

    @Test(
        "seed 000: each LitRes script line is blocked as a canned script",
        arguments: [
            "К сожалению, на данный момент такой возможности нет..",
            "Нам очень важны идеи и замечания…",
            "Приятного вам чтения…",
        ])
    func litResScriptsBlock(script: String) {
        let report = linter.lint(script)
        #expect(report.blocks)
        let canned = report.findings.filter { $0.rule == .cannedScript }
        #expect(canned.count == 1)
        #expect(canned.first?.severity == .block)
    }

    @Test("seed 003: 'here is a coupon, goodbye' is blocked as a gesture without attention")
    func couponGoodbyeBlocks() {
        let report = linter.lint("Вот вам купон на следующую поездку, до свидания!")
        #expect(report.blocks)
        let finding = report.findings.first { $0.rule == .gestureWithoutAttention }
        #expect(finding?.severity == .block)
        #expect(finding?.span.text == "купон на следующую поездку, до свидания")
    }

    @Test("seed 003: the reply that would have prevented the storm (plain explanation plus coupons) does not block")
    func explanationWithCouponsDoesNotBlock() {
        let reply = "Давайте сделаем так: мы Вам отправим 100 рублей купонами, чтобы вы не беспокоились, а рубль "
            + "вернется к вам сразу после поездки или в срок, определенный вашим банком. Рубль — это минимальная "
            + "сумма, которую использует наша платежная система для проверки актуальности вашей банковской карты."
        let report = linter.lint(reply)
        #expect(!report.blocks, "unexpected blocking findings: \(report.findings.filter { $0.severity == .block })")
        #expect(!report.rules.contains(.noSolution))
    }
}
