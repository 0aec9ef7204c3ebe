/// The words of each finding: what is wrong and which domain rule says so (English, for the care team),
/// and a concrete customer-focused alternative (in the reply's language, ready to paste).
enum LintGuidance {
    /// The situation a finding is reported in, as far as its wording depends on it.
    enum Variant {
        case plain
        case blankReply
        case goodbyeAfterGesture
        case capitalShare
    }

    /// A sentence saying what is wrong with `quote` (or the whole reply) and where the rule comes from.
    static func message(for rule: LintRule, quote: String, variant: Variant = .plain, customerName: String?)
        -> String
    {
        let quoted = "\"\(quote)\""
        let blank = variant == .blankReply ? "The reply is empty. " : ""
        switch rule {
        case .cannedScript:
            return "\(quoted) is a canned script: scripted replies read as a robot answering (seed 000, "
                + "the LitRes dialogue) and make an angry customer angrier."
        case .legalese:
            return "\(quoted) answers a person with the contract: the formal \"according to the user agreement\" "
                + "reply is what turned the complaint into a flashmob (seed 003)."
        case .blamesCustomer:
            return "\(quoted) blames the customer: even when they are wrong, do not accuse them (seed 001), and "
                + "never blame them for not reading the agreement (seed 003)."
        case .gestureWithoutAttention:
            if variant == .goodbyeAfterGesture {
                return "\(quoted) hands over a gesture and says goodbye: \"here is a coupon, goodbye\" rightly "
                    + "provokes a negative reaction, attention matters more than the coupon (seed 003)."
            }
            return "\(quoted) offers a gesture with no apology and no word about the customer's situation: "
                + "a gesture without attention is worse than none (seed 003)."
        case .companyCentric:
            return "\(quoted) puts the company first: phrases like \"Нам бы хотелось\", \"Нам очень жаль\", "
                + "\"we value\" show the focus is on the company, not on the customer (seed 003)."
        case .deniesResponsibility:
            return "\(quoted) denies or deflects the problem: do not deny it, say what is being done (seed 004); "
                + "the company's internal problems must not land on the customer (seed 003)."
        case .impersonalAddress:
            return "\(quoted) addresses a category, not a person: greet the customer by name (seed 001, step 1)."
        case .excessEmotion:
            if variant == .capitalShare {
                return "Too much of the reply is in capital letters: a reply must keep its composure, no "
                    + "shouting (seed 001, \"Излишняя эмоциональность\")."
            }
            return "\(quoted) is too emotional: a reply must not come with a million exclamation marks or "
                + "shouting capitals (seed 001, \"Излишняя эмоциональность\")."
        case .noGreeting:
            return blank + "The reply does not open with a greeting: say hello first so the customer sees a "
                + "living person (seed 001, step 1)."
        case .noName:
            let name = customerName.map { " \"\($0)\"" } ?? ""
            return blank + "The reply does not use the customer's name\(name): greet them by name "
                + "(seed 001, step 1)."
        case .noThanks:
            return blank + "The reply does not thank the customer: thank them for the feedback that makes the "
                + "service better (seed 001, step 2; L.A.S.T. \"Thank\")."
        case .noApology:
            return blank + "The incident is marked as our fault but the reply does not apologise: admit the "
                + "mistake and apologise, twice when it is ours (seed 001, step 3 and L.A.S.T. \"Apologise\")."
        case .noSolution:
            return blank + "The reply names no concrete solution or next step: the customer must know exactly "
                + "what happens next and when (seed 001, step 5; seed 002)."
        }
    }

    /// A concrete alternative wording in `language`, using the customer's first name when known.
    static func suggestion(for rule: LintRule, in language: ReplyLanguage, customerName: String?) -> String {
        let name = customerName.flatMap { $0.split(separator: " ").first.map(String.init) }
        switch language {
        case .ru: return russianSuggestion(for: rule, name: name)
        case .en: return englishSuggestion(for: rule, name: name)
        }
    }

    private static func russianSuggestion(for rule: LintRule, name: String?) -> String {
        let greeting = name.map { "«\($0), здравствуйте!»" } ?? "«Здравствуйте, <имя>!»"
        let address = name.map { "\($0), " } ?? ""
        switch rule {
        case .cannedScript:
            return "Напишите своими словами, как человеку: «\(address)понимаю, как это неприятно. "
                + "Давайте я помогу: …»"
        case .legalese:
            return "Объясните простыми словами и предложите решение: «Давайте объясню, почему так вышло: … "
                + "Разрешите нам исправить ситуацию…»"
        case .blamesCustomer:
            return "Не ищите виноватого: «Понимаю, это было неочевидно. Давайте вместе разберёмся, "
                + "и мы всё исправим»."
        case .gestureWithoutAttention:
            return "Сначала внимание, потом подарок: «\(address)простите, что так вышло. Могли бы вы принять "
                + "от нас промокод на следующую поездку? И подскажите, какое решение вас устроит»."
        case .companyCentric:
            return "Разверните фокус на клиента: «Разрешите нам исправить ситуацию…», «Могли бы вы принять "
                + "от нас…», «Какое решение вас устроит?»"
        case .deniesResponsibility:
            return "Не отрицайте проблему, скажите, что делаете: «Мы уже разбираемся и напишем вам сегодня "
                + "до 18:00»."
        case .impersonalAddress, .noName, .noGreeting:
            return "Начните с приветствия по имени: \(greeting)"
        case .excessEmotion:
            return "Уберите лишние «!» и заглавные буквы: спокойный тон показывает, что вы владеете ситуацией."
        case .noThanks:
            return "Поблагодарите: «Спасибо, что написали нам, это помогает нам стать лучше»."
        case .noApology:
            return "Извинитесь прямо: «Прошу прощения, что мы испортили вам утро. Позвольте нам исправить "
                + "ваш вечер…»"
        case .noSolution:
            return "Назовите конкретный шаг и срок: «Уточните, пожалуйста, номер заказа: мы вернём деньги "
                + "сегодня до 18:00» или спросите: «Какое решение вас устроит?»"
        }
    }

    private static func englishSuggestion(for rule: LintRule, name: String?) -> String {
        let greeting = name.map { "\"Hello \($0),\"" } ?? "\"Hello <name>,\""
        let address = name.map { "\($0), " } ?? ""
        switch rule {
        case .cannedScript:
            return "Say it in your own words, as to a person: \"\(address)I understand how annoying this is. "
                + "Let me help: …\""
        case .legalese:
            return "Explain it plainly and offer a fix: \"Here is why this happened: … Let us put it right "
                + "for you…\""
        case .blamesCustomer:
            return "Don't look for someone to blame: \"I can see how this was confusing. Let's sort it out "
                + "together, and we will fix it.\""
        case .gestureWithoutAttention:
            return "Attention first, then the gift: \"\(address)I'm sorry this happened. Would you accept a "
                + "coupon for your next ride from us? And tell us which solution would suit you.\""
        case .companyCentric:
            return "Turn the focus to the customer: \"Let us put this right for you…\", \"Would you accept "
                + "from us…\", \"Which solution would suit you?\""
        case .deniesResponsibility:
            return "Own the problem and say what you are doing: \"We are on it and will update you today "
                + "by 6 pm.\""
        case .impersonalAddress, .noName, .noGreeting:
            return "Open with a greeting by name: \(greeting)"
        case .excessEmotion:
            return "Drop the extra \"!\" and the capitals: a calm tone shows you are in control."
        case .noThanks:
            return "Thank them: \"Thank you for telling us, it helps us get better.\""
        case .noApology:
            return "Apologise plainly: \"I'm sorry we spoiled your morning. Let us make your evening right…\""
        case .noSolution:
            return "Name a concrete step and time: \"Could you share your order number? We will refund you "
                + "today by 6 pm.\" or ask: \"Which solution would suit you?\""
        }
    }
}
