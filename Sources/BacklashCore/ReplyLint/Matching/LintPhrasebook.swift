/// The phrases the reply linter looks for, in Russian and English, drawn from the seeds.
///
/// Phrases are written in ``LintPhrasePattern`` syntax and folded when compiled, so "вернём" also finds
/// "Вернем". Stems (`соглашени*`) absorb Russian inflection. Each list says which seed it comes from.
enum LintPhrasebook {
    /// Every phrase with its category, ready for ``LintPhraseIndex``.
    static var all: [(LintPhraseCategory, String)] {
        let lists: [(LintPhraseCategory, [String])] = [
            (.cannedScript, cannedScript),
            (.legalese, legalese),
            (.blamesCustomer, blamesCustomer),
            (.companyCentric, companyCentric),
            (.deniesResponsibility, deniesResponsibility),
            (.impersonalAddress, impersonalAddress),
            (.greeting, greeting),
            (.thanks, thanks),
            (.apology, apology),
            (.acknowledgement, acknowledgement),
            (.solution, solution),
            (.gesture, gesture),
            (.goodbye, goodbye),
        ]
        return lists.flatMap { category, phrases in phrases.map { (category, $0) } }
    }

    // MARK: Rules

    /// Robotic scripts (seed 000: the LitRes dialogue; DOMAIN.md).
    static let cannedScript = [
        "к сожалению на данный момент",
        "на данный момент такой|данной|этой возможност* нет|отсутству*",
        "к сожалению такой|данной|этой возможност* нет|отсутству*",
        "такая|данная возможность отсутству*",
        "нам очень|крайне? важн* ваш*? иде*|мнени*|замечани*|предложени*|отзыв*|пожелани*",
        "ваш* мнени*|звон*|обращени*|отзыв*|иде*|замечани*|пожелани* очень|крайне? важ* для? нас?",
        "приятного вам? чтения|просмотра|прослушивания",
        "за доставленн*|причиненн* неудобств*",
        "мы постоянно|всегда? работаем над улучшени*",
        "ваш* обращени*|заявк* зарегистрирован*",
        "оставайтесь с нами",
        "ожидайте ответа",
        "your call|feedback|opinion|opinions|message|request|inquiry|enquiry|business|ideas|comments|suggestions"
            + " is|are very|extremely|really? important to|for us",
        "for any inconvenience* caused?",
        "we apolog* for the inconvenience* caused?",
        "unfortunately this|that|it is|isn't not? possible|available",
        "unfortunately this|that|such option|feature is|isn't not? available|possible",
        "is not available at the|this moment|time",
        "happy reading",
        "enjoy your reading",
        "we are|we're constantly|always? working to|on improv*",
        "please do not reply to this",
    ]

    private static let legalAdjectivesRU = "пользовательск*|публичн*|наш*|действующ*|настоящ*|лицензионн*|внутренн*"
    private static let legalNounsRU =
        "соглашени*|услови*|правил*|договор*|оферт*|пункт*|регламент*|политик*|требовани*|закон*|законодательств*"
        + "|инструкци*|положени*"
    private static let legalDeterminersEN = "our|the|your"
    private static let legalAdjectivesEN = "user|service|company|customer|privacy|refund|cancellation|booking|payment"
    private static let legalNounsEN =
        "terms|term|polic*|agreement*|rules|conditions|contract*|guidelines|tos|regulations"

    /// Contract language (seed 003: "Согласно пользовательскому соглашению…" started the storm).
    static let legalese = [
        "согласно \(legalAdjectivesRU)? \(legalNounsRU)",
        "в соответствии с|со \(legalAdjectivesRU)? \(legalNounsRU)",
        "как указано|прописано|написано|сказано|оговорено|предусмотрено в|во \(legalAdjectivesRU)? \(legalNounsRU)",
        "на основании \(legalAdjectivesRU)? \(legalNounsRU)",
        "пользовательск* соглашени*",
        "публичн* оферт*",
        "вы согласил*|принял*|приняли с? \(legalAdjectivesRU)? \(legalNounsRU)",
        "такова|таковы политика|правила|условия",
        "доводим до вашего сведения",
        "настоящим сообщаем|уведомляем|информируем",
        "уведомляем вас",
        "as per \(legalDeterminersEN)? \(legalAdjectivesEN)? \(legalNounsEN)",
        "according to \(legalDeterminersEN) \(legalAdjectivesEN)? \(legalNounsEN)",
        "per our|the \(legalAdjectivesEN)? \(legalNounsEN)",
        "in accordance with \(legalDeterminersEN)? \(legalAdjectivesEN)? \(legalNounsEN)",
        "as stated|outlined|specified|described|indicated in \(legalDeterminersEN)? \(legalAdjectivesEN)?"
            + " \(legalNounsEN)",
        "under our|the \(legalAdjectivesEN)? terms|polic*|agreement*|contract*",
        "you agreed|consented|accepted to? \(legalDeterminersEN)? \(legalAdjectivesEN)? \(legalNounsEN)",
        "pursuant to",
        "terms of service|use",
        "terms and conditions",
        "user agreement*",
        "company polic*",
        "please be advised",
        "we hereby",
        "kindly be advised|informed|noted",
        "we regret to inform",
    ]

    /// Blaming the customer (seed 001: "Обвинение клиента"; seed 003: don't blame them for not reading).
    static let blamesCustomer = [
        // "вы сами" only with what the customer supposedly did wrong: "Вы сами можете выбрать время" is fine.
        "вы сами виноват*|не|должны|выбрал*|согласил*|нажал*|указал*|ошибл*|забыл*|отказал*|подтвердил*"
            + "|оформил*|ввели|поставил*|заказал*|прочитал*|видели|понимаете|знали",
        "вы же сами",
        "сами виноват*",
        "сами должны",
        "вы виноват*",
        "ваша вина",
        "по вашей вине",
        "ваша ошибка",
        "по вашей ошибке",
        "!нам|мне|мы|я надо|нужно|необходимо было бы?"
            + " читать|прочитать|прочесть|ознакомиться|внимательн*|смотреть|посмотреть",
        "!нам|мне|мы|я следовало|стоило бы? читать|прочитать|прочесть|ознакомиться|внимательн*",
        "вы не прочит*|прочл*|прочел|ознакомил*|удосужил*|обратили",
        "вы невнимательн*",
        "вы ошиблись|ошибаетесь|перепутали|напутали",
        "вы неправильно|неверно|некорректно",
        "внимательн* читайте|прочитайте|прочтите|читать|смотрите",
        "читайте|прочитайте|прочтите внимательн*",
        "будьте внимательн*",
        "это ваша проблема|проблемы",
        "ваши проблемы",
        "you should have read|checked|looked|known|noticed|paid|followed|realized|realised|contacted",
        "you should've read|checked|looked|known|noticed|paid|followed|realized|realised|contacted",
        "it's|its your own? fault",
        "it is your own? fault",
        "your own? fault",
        "your mistake",
        "you made a|an mistake|error",
        "you failed to",
        "you didn't|never read|check|notice|follow|see|pay",
        "you did not read|check|notice|follow|see|pay",
        "if you had|you'd read|checked|paid|looked",
        "you were supposed to",
        "that's|that is on you",
        "read|check more? carefully",
        "you yourself",
        "you must have misread|missed|misunderstood|overlooked",
        "you misread|misunderstood|overlooked",
        "user error",
    ]

    /// Focus on the company instead of the customer (seed 003: "Нам бы хотелось", "Нам очень жаль"…).
    static let companyCentric = [
        "нам бы хотелось",
        "нам хотелось бы",
        "нам очень|так|крайне|действительно жаль",
        "нам очень|так|крайне? важно|важны|важен",
        "для нас очень|крайне? важно|важны|важен",
        "мы очень|высоко? ценим|дорожим",
        "наша компания стремится|всегда|гордится|ценит|дорожит|заботится",
        "мы стремимся",
        "we truly|really|greatly|highly|deeply? value",
        "we would like",
        "we'd like",
        "important to|for us",
        "we care about",
        "we take ~ ~? seriously",
        "we strive",
        "we pride ourselves",
        "our company strives|always|prides|values|cares",
        "our top? priority|priorities",
    ]

    /// Denying or deflecting the problem (seed 004: "Не отрицайте наличие проблемы"; seed 003: the company's
    /// internal problems must not land on the customer).
    static let deniesResponsibility = [
        "не наша вина",
        "не по нашей вине",
        "мы не виноват*",
        "не наша ошибка|вина|проблема",
        "не нес* ответственност*",
        "от нас не завис*",
        "не завис* от нас",
        "ничего не можем|могли сделать|поделать|изменить",
        "не к нам",
        "обратитесь|обращайтесь в|к ваш*? банк*|производител*|курьерск*|перевозчик*|продавц*|оператор*",
        "not our fault|problem",
        "we are|we're not responsible|liable",
        "cannot|can't be held responsible|liable",
        "not responsible for",
        "beyond|outside our control",
        "out of our control",
        "nothing we can do",
        "contact your bank|carrier|provider|issuer",
    ]

    private static let customerWordsRU =
        "клиент*|покупател*|пользовател*|абонент*|пассажир*|гост*|заказчик*|подписчик*|читател*|пациент*|посетител*"

    /// Addressing a category instead of a person (seed 001, step 1: greet by name when you can).
    static let impersonalAddress = [
        "уважаем* \(customerWordsRU)",
        "дорог* \(customerWordsRU)",
        "dear valued? customer*|client*|user*|guest*|passenger*|subscriber*|member*|sir|madam|reader*",
        "valued customer*|client*",
    ]

    // MARK: Markers of a good reply (seed 001: greet, thank, apologise, clarify, solve, end well)

    static let greeting = [
        "здравствуй*",
        "добр* день|вечер|утро|утра|ночи|дня|вечера|времени",
        "привет*",
        "hello", "hi", "hey", "hiya", "greetings", "howdy", "dear",
        "good morning|afternoon|evening|day",
    ]

    static let thanks = [
        "спасибо", "благодар*", "признательн*",
        "thank*", "thx", "appreciat*", "grateful",
    ]

    static let apology = [
        "извин*", "прощени*", "простите", "прости", "жаль", "сожалеем", "сожалею",
        "sorry", "apolog*", "forgive",
    ]

    /// Words that show the customer's situation was heard (seed 002: empathy; seed 003: attention, and its
    /// model reassurance "…чтобы вы не беспокоились").
    static let acknowledgement = [
        "понима*", "представля*", "неприятн*", "огорч*", "расстро*", "испорт*", "разочаров*", "обидн*",
        "беспоко*", "волну*", "пережива*",
        "вы абсолютно|совершенно? правы",
        "!не наш* вин*|ошибк*|недоработк*|недосмотр*|промах*|косяк*",
        "мы ошиблись",
        "мы виноват*",
        "understand*", "frustrat*", "upset*", "disappoint*", "annoy*", "worry", "worried", "concern*",
        "you're|you are|you were right",
        "!not our mistake|fault|error",
        "we messed|screwed up",
        "we got ~ wrong",
        "we were wrong",
        "must have been",
        "i|we can imagine",
    ]

    /// Concrete solutions and next steps: actions, gestures, deadlines, requests for details.
    static let solution = [
        "вернем|вернется|вернутся|вернули|вернуть|верну|вернет|вернулись|вернулся",
        "возврат*", "возвращ*", "отправ*", "пришлем|пришлю|пришлите|пришлет|прислали|прислать|присылаем",
        "вышл*", "исправ*", "компенс*", "возмест*", "возмещ*", "промокод*", "купон*", "скидк*", "сертификат*",
        "бонус*", "начисл*", "зачисл*", "позвон*", "перезвон*", "свяж*", "уточнит*", "уточня*", "подскажите",
        "номер заказ*|договор*|телефон*|обращени*|поездк*|заявк*|брон*|чек*",
        "напишите", "напишу", "напишем", "в течение", "сегодня", "завтра", "послезавтра", "до конца дня|недели",
        "заменим|замена|замену|заменили|заменить",
        "доставим|привезем|подадим|подали|подаем|выдадим|передадим|передали|передал|передала",
        "проверим|проверили|проверю|проверяем", "устраним|устранили|устранена|устранено",
        "отменим|отменили|отменено|отмена|отмену", "оформим|оформили|оформлен*",
        "личн* сообщени*|переписк*", "личку", "директ", "предлагаем|предложим|предлагаю", "принять от нас",
        "устроит", "как|когда вам удобн*",
        "# час*|минут*|дн*|рабоч*|недел*|числа",
        "refund*", "send", "sending", "sent", "resend", "call you", "call back", "callback", "ring you", "fix*",
        "replace*", "compensat*", "coupon*", "voucher*", "promo*", "discount*", "credit*", "reimburs*", "release*",
        "reverse*", "return*", "deliver*", "arrange*", "cancel*", "waive*",
        "order|booking|reference|ticket|case|account|phone number",
        "dm", "direct|private message*", "within", "today", "tonight", "tomorrow", "by the end of",
        "# am|pm|hour*|minute*|day*|business|working|dollars|usd|eur",
        "contact you", "get back to you", "reach out", "would suit you", "which|what solution|option",
        "could you please? share|send|tell|confirm|provide|dm",
        "please share|send|provide|confirm|dm",
        "let us know",
        "pick you up",
    ]

    /// Gestures of the coupon kind (seed 003: "Вот вам купон на следующую поездку…").
    static let gesture = [
        "купон*", "промокод*", "промо код*", "скидк*", "сертификат*", "бонус*", "баллы|баллов|баллами",
        "coupon*", "voucher*", "promo", "promocode*", "discount*", "gift card*|certificate*", "bonus*",
    ]

    /// A curt goodbye (seed 003: "…, до свидания!").
    static let goodbye = [
        "до свидания", "досвидания", "прощайте",
        "goodbye", "good bye", "bye", "farewell",
    ]
}
