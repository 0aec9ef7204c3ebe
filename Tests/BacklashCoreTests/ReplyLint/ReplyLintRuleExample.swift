@testable import BacklashCore
import Testing

/// A small reply that shows one rule firing, or the fixed wording on which it stays silent.
struct ReplyLintRuleExample: Sendable, CustomTestStringConvertible {
    let rule: LintRule
    let language: ReplyLanguage
    let fires: Bool
    let text: String
    var context = ReplyContext()

    var testDescription: String {
        "\(rule.rawValue) \(fires ? "fires on" : "is silent on") [\(language.rawValue)] \(text)"
    }

    static func fires(
        _ rule: LintRule, _ language: ReplyLanguage, _ text: String, context: ReplyContext = .init()
    ) -> Self {
        Self(rule: rule, language: language, fires: true, text: text, context: context)
    }

    static func silent(
        _ rule: LintRule, _ language: ReplyLanguage, _ text: String, context: ReplyContext = .init()
    ) -> Self {
        Self(rule: rule, language: language, fires: false, text: text, context: context)
    }

    static let anna = ReplyContext(customerName: "Анна")
    static let annaEN = ReplyContext(customerName: "Anna")
    static let ourFault = ReplyContext(ourFault: true)

    /// Per rule: Russian firing, Russian silent, English firing, English silent.
    static let all: [Self] = [
        .fires(.cannedScript, .ru, "К сожалению, на данный момент такой возможности нет.."),
        .silent(.cannedScript, .ru, "Этой книги пока нет в каталоге. Я передал вашу просьбу издательству и напишу, "
            + "когда они ответят."),
        .fires(.cannedScript, .en, "Your call is important to us. Please hold."),
        .silent(.cannedScript, .en, "Thank you for calling, I'll look into your order right away."),

        .fires(.legalese, .ru, "Согласно условиям оферты, возврат невозможен."),
        .silent(.legalese, .ru, "Рубль — это проверка карты, он вернётся сразу после поездки."),
        .fires(.legalese, .en, "As per our terms, the hold is released after the ride."),
        .silent(.legalese, .en, "The one-rouble hold just checks your card and is released right after the ride."),

        .fires(.blamesCustomer, .ru, "Надо было читать условия внимательнее."),
        .silent(.blamesCustomer, .ru, "Нам надо было внимательнее объяснить условия, простите."),
        .fires(.blamesCustomer, .en, "You should have read the terms before ordering."),
        .silent(.blamesCustomer, .en, "We should have explained the hold better, sorry."),

        .fires(.gestureWithoutAttention, .ru, "Вот вам промокод на скидку. До свидания."),
        .silent(.gestureWithoutAttention, .ru, "Прошу прощения, что так вышло. Могли бы вы принять от нас купон на "
            + "следующую поездку?"),
        .fires(.gestureWithoutAttention, .en, "Here is a coupon for your next ride. Goodbye."),
        .silent(.gestureWithoutAttention, .en, "I'm sorry we spoiled your morning. Would you accept a coupon for "
            + "your next ride?"),

        .fires(.companyCentric, .ru, "Нам очень жаль, что так получилось."),
        .silent(.companyCentric, .ru, "Мне жаль, что вам пришлось ждать."),
        .fires(.companyCentric, .en, "We value your business."),
        .silent(.companyCentric, .en, "Your time matters, so the fare is on us today."),

        .fires(.deniesResponsibility, .ru, "Это не наша вина, задержка произошла из-за банка."),
        .silent(.deniesResponsibility, .ru, "Это наша ошибка, мы уже её исправляем."),
        .fires(.deniesResponsibility, .en, "This delay is beyond our control."),
        .silent(.deniesResponsibility, .en, "This delay was our mistake and we are fixing it."),

        .fires(.impersonalAddress, .ru, "Уважаемый клиент, ваш заказ передан в доставку."),
        .silent(.impersonalAddress, .ru, "Анна, ваш заказ передан в доставку."),
        .fires(.impersonalAddress, .en, "Dear customer, your order has shipped."),
        .silent(.impersonalAddress, .en, "Dear Anna, your order has shipped."),

        .fires(.excessEmotion, .ru, "Мы всё исправим!!!"),
        .silent(.excessEmotion, .ru, "Мы всё исправим! Правда?"),
        .fires(.excessEmotion, .en, "We will fix it, PROMISE."),
        .silent(.excessEmotion, .en, "Your ticket AB-1234 is open, see the FAQ."),

        .fires(.noGreeting, .ru, "Мы вернём деньги сегодня."),
        .silent(.noGreeting, .ru, "Добрый вечер! Мы вернём деньги сегодня."),
        .fires(.noGreeting, .en, "We will refund you today."),
        .silent(.noGreeting, .en, "Good evening! We will refund you today."),

        .fires(.noName, .ru, "Здравствуйте! Мы вернём деньги сегодня.", context: anna),
        .silent(.noName, .ru, "Здравствуйте! Передали Анне новый заказ.", context: anna),
        .fires(.noName, .en, "Hello! We will refund you today.", context: annaEN),
        .silent(.noName, .en, "Hello Anna! We will refund you today.", context: annaEN),

        .fires(.noThanks, .ru, "Здравствуйте! Мы вернём деньги сегодня."),
        .silent(.noThanks, .ru, "Здравствуйте! Благодарим, что написали. Мы вернём деньги сегодня."),
        .fires(.noThanks, .en, "Hello! We will refund you today."),
        .silent(.noThanks, .en, "Hello! Thanks for writing. We will refund you today."),

        .fires(.noApology, .ru, "Здравствуйте! Мы вернём деньги сегодня.", context: ourFault),
        .silent(.noApology, .ru, "Здравствуйте! Извините за ожидание, мы вернём деньги сегодня.", context: ourFault),
        .fires(.noApology, .en, "Hello! We will refund you today.", context: ourFault),
        .silent(.noApology, .en, "Hello! Apologies for the wait, we will refund you today.", context: ourFault),

        .fires(.noSolution, .ru, "Здравствуйте! Спасибо за отзыв."),
        .silent(.noSolution, .ru, "Здравствуйте! Спасибо за отзыв, перезвоним вам в 18:00."),
        .fires(.noSolution, .en, "Hello! Thanks for the feedback."),
        .silent(.noSolution, .en, "Hello! Thanks for the feedback, we will call you back at 6 pm."),
    ]
}
