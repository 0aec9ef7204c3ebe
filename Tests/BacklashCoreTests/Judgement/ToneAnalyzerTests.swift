import Testing

@testable import BacklashCore

@Suite struct ToneAnalyzerTests {
    let analyzer = ToneAnalyzer()

    // MARK: - Seed 002: spontaneous vs weighed

    static let spontaneousRussian =
        "это какой-то капец!!!!! Все плохо. Как так-то???? Официант вообще странный оказался"
    static let weighedRussian =
        "Здравствуйте, вчера мы посетили ваш ресторан и обнаружили в супе «экзотика» две мухи весом по 2 грамма каждая"
    static let spontaneousEnglish =
        "this is a total disaster!!!!! Everything is bad. How is this even possible???? The waiter was so weird"
    static let weighedEnglish =
        "Hello, yesterday we visited your restaurant and found two flies weighing 2 grams each in the 'exotica' soup."

    @Test("the seed's outburst with '!!!!!' and '????' is a spontaneous reaction")
    func seedOutburstIsSpontaneous() {
        let tone = analyzer.analyze(Self.spontaneousRussian)
        #expect(tone.reaction == .spontaneous)
        #expect(tone.language == .ru)
        #expect(tone.emotionality > 0.8)
        #expect(tone.valence < 0)
        #expect(tone.requestType == .problem)
        #expect(tone.markers.contains("5× '!'"))
        #expect(tone.markers.contains("4× '?'"))
        #expect(tone.markers.contains("interjection 'капец'"))
    }

    @Test("the seed's calm report of flies in the soup is a weighed complaint")
    func seedFliesAreWeighed() {
        let tone = analyzer.analyze(Self.weighedRussian)
        #expect(tone.reaction == .weighed)
        #expect(tone.emotionality < 0.2)
        #expect(tone.facts.greeting)
        #expect(tone.facts.datesAndTimes == 1)
        #expect(tone.facts.quantities == 1)
        #expect(tone.requestType == .problem)
        #expect(tone.markers.contains("greeting 'Здравствуйте'"))
        #expect(tone.markers.contains("quantity '2 грамма'"))
    }

    @Test("the English outburst is spontaneous and the English fly report is weighed")
    func englishEquivalents() {
        let outburst = analyzer.analyze(Self.spontaneousEnglish)
        #expect(outburst.reaction == .spontaneous)
        #expect(outburst.language == .en)
        #expect(outburst.valence < 0)
        let report = analyzer.analyze(Self.weighedEnglish)
        #expect(report.reaction == .weighed)
        #expect(report.language == .en)
        #expect(report.facts.greeting && report.facts.datesAndTimes == 1 && report.facts.quantities == 1)
    }

    @Test("a calm complaint with an order number, a date and an amount is weighed and quotes them")
    func calmComplaintWithOrderNumber() {
        let tone = analyzer.analyze(
            "Добрый день. Заказ №4711 от 12.03 на 350 руб так и не доставили, курьер не отвечает. Прошу разобраться.")
        #expect(tone.reaction == .weighed)
        #expect(tone.requestType == .problem)
        #expect(tone.facts.orderNumbers == 1)
        #expect(tone.facts.amounts == 1)
        #expect(tone.markers.contains("order number №4711"))
        #expect(tone.markers.contains("date/time '12.03'"))
        #expect(tone.markers.contains("amount '350 руб'"))
        #expect(tone.factuality > 0.6)
    }

    @Test("an English complaint with an order, an ISO date, a time and a dollar amount is weighed")
    func englishFactualComplaint() {
        let tone = analyzer.analyze(
            "Order 123456 was charged twice on 2024-03-18 at 18:30, $45.50 each. Please refund the second charge.")
        #expect(tone.reaction == .weighed)
        #expect(tone.requestType == .problem)
        #expect(tone.facts.orderNumbers == 1)
        #expect(tone.facts.datesAndTimes == 2)
        #expect(tone.markers.contains("amount '$45.50'"))
        #expect(tone.markers.contains("order number 123456"))
    }

    @Test("order references like '#A-123' and 'заказ 123456' count as order numbers, hashtags do not")
    func orderReferences() {
        #expect(analyzer.analyze("где мой заказ 123456").facts.orderNumbers == 1)
        #expect(analyzer.analyze("тикет #A-123 висит неделю").markers.contains("order number #A-123"))
        #expect(analyzer.analyze("#fail #позор").facts.orderNumbers == 0)
        #expect(analyzer.analyze("заказал 2 пиццы").facts.orderNumbers == 0)
    }

    // MARK: - Request type (seed 000)

    @Test("wishes are suggestions in Russian and English")
    func suggestions() {
        #expect(analyzer.analyze("Было бы здорово, если бы вы добавили книги автора X").requestType == .suggestion)
        #expect(analyzer.analyze("Please add dark mode").requestType == .suggestion)
        #expect(analyzer.analyze("Добавьте, пожалуйста, тёмную тему").requestType == .suggestion)
        #expect(analyzer.analyze("I suggest a weekly digest of new books").requestType == .suggestion)
    }

    @Test("questions are questions, with or without a question mark")
    func questions() {
        #expect(analyzer.analyze("Подскажите, как изменить адрес доставки?").requestType == .question)
        #expect(analyzer.analyze("How do I change my delivery address?").requestType == .question)
        #expect(analyzer.analyze("Когда откроется новый магазин на Ленина").requestType == .question)
    }

    @Test("a question about a broken thing is a problem, not a question")
    func problemPhrasedAsQuestion() {
        #expect(analyzer.analyze("Почему списали деньги дважды?").requestType == .problem)
        #expect(analyzer.analyze("Why doesn't the app work after the update?").requestType == .problem)
    }

    @Test("clear thanks is praise")
    func praise() {
        let russian = analyzer.analyze("Спасибо огромное за быструю доставку, курьер очень вежливый! 😊")
        #expect(russian.requestType == .praise)
        #expect(russian.valence > 0.5)
        #expect(analyzer.analyze("Great service, thank you so much").requestType == .praise)
    }

    // MARK: - Sentiment

    @Test("negation flips sentiment: 'не плохо' is less negative than 'плохо'")
    func negationFlipsValence() {
        #expect(analyzer.analyze("не плохо").valence > analyzer.analyze("плохо").valence)
        #expect(analyzer.analyze("not bad").valence > analyzer.analyze("bad").valence)
        #expect(analyzer.analyze("не хорошо").valence < 0)
        #expect(analyzer.analyze("the food was not good").valence < 0)
        #expect(analyzer.analyze("неплохо").valence > 0)
    }

    @Test("boosters strengthen sentiment and dampeners weaken it")
    func boosters() {
        let plain = analyzer.analyze("плохо").valence
        #expect(analyzer.analyze("очень плохо").valence < plain)
        #expect(analyzer.analyze("немного плохо").valence > plain)
        #expect(analyzer.analyze("extremely rude staff").valence < analyzer.analyze("rude staff").valence)
    }

    @Test("after 'но'/'but' the second half weighs more")
    func contrast() {
        #expect(analyzer.analyze("еда хорошая, но обслуживание ужасное").valence < 0)
        #expect(analyzer.analyze("the delivery was late but the food was excellent").valence > 0)
    }

    // MARK: - Emotional markers

    @Test("caps, stretched letters and interjections make a post emotional and are named as evidence")
    func emotionalMarkers() {
        let caps = analyzer.analyze("ВЫ ВООБЩЕ ОХРЕНЕЛИ ТАМ ВСЕ")
        #expect(caps.markers.contains("caps 100%"))
        #expect(caps.emotionality >= 0.5)
        let stretched = analyzer.analyze("это ужасноооо, sooooo bad")
        #expect(stretched.markers.contains("stretched 'ужасноооо' ×2"))
        #expect(stretched.valence < 0)
        let english = analyzer.analyze("omg wtf is this 😡😡")
        #expect(english.reaction == .spontaneous)
        #expect(english.markers.contains("angry emoji ×2"))
    }

    @Test("profanity is flagged in Russian and English, including inflected forms")
    func profanity() {
        #expect(analyzer.analyze("да вы охуели, сервис пиздец").profane)
        #expect(analyzer.analyze("Ёбаный сервис").profane)
        #expect(analyzer.analyze("this is fucking ridiculous").profane)
        #expect(analyzer.analyze("what the shit").markers.contains("profanity"))
        #expect(!analyzer.analyze("Заказ оформил, жду доставку").profane)
        #expect(!analyzer.analyze("I ordered a class of yoga").profane)
    }

    @Test("a single exclamation does not make a calm detailed message spontaneous")
    func oneExclamationIsNotAnOutburst() {
        let tone = analyzer.analyze(
            "Здравствуйте! Заказ 889231 от 5 марта пришёл без соуса, сумма 1200 руб. Прошу вернуть деньги за соус.")
        #expect(tone.reaction == .weighed)
        #expect(tone.facts.datesAndTimes == 1)
        #expect(tone.facts.amounts == 1)
    }

    // MARK: - Language

    @Test("language: Russian, English, or other")
    func language() {
        #expect(analyzer.analyze("курьер опоздал на час").language == .ru)
        #expect(analyzer.analyze("the courier was an hour late").language == .en)
        #expect(analyzer.analyze("der Kurier kam eine Stunde zu spät und war unfreundlich").language == .other)
        #expect(analyzer.analyze("кур'єр запізнився на годину, їжа холодна").language == .other)
        #expect(analyzer.analyze("!!! 123").language == .other)
        #expect(analyzer.analyze("服务太差了").language == .other)
    }

    @Test("empty and symbol-only posts give a neutral analysis")
    func emptyPost() {
        let tone = analyzer.analyze("")
        #expect(tone.valence == 0)
        #expect(tone.emotionality == 0)
        #expect(tone.markers.isEmpty)
        #expect(tone.facts.words == 0)
    }
    // MARK: - Hand-written posts

    /// A post as customers write them, with the reading a care lead would give it.
    struct Sample: Sendable, CustomTestStringConvertible {
        var text: String
        var reaction: ReactionKind
        var request: RequestType
        var testDescription: String { String(text.prefix(40)) }
    }

    static let samples: [Sample] = [
        Sample(
            text: "@taxi_help вы серьезно?? списали деньги ДО поездки!!! это грабеж", reaction: .spontaneous,
            request: .problem),
        Sample(
            text: "Такси заказано на 7:30, машина приехала в 7:55, в итоге опоздал на поезд. Заказ 5562190.",
            reaction: .weighed, request: .problem),
        Sample(text: "ну и где мой заказ??? третий час жду!!!", reaction: .spontaneous, request: .problem),
        Sample(
            text: "Добрый вечер. Подскажите, пожалуйста, можно ли оплатить заказ бонусами?", reaction: .weighed,
            request: .question),
        Sample(text: "Хотелось бы видеть в приложении историю поездок", reaction: .weighed, request: .suggestion),
        Sample(text: "Спасибо курьеру Ивану, всё привёз вовремя, очень вежливый", reaction: .weighed, request: .praise),
        Sample(text: "worst support EVER!!! nobody answers for 3 days 😡", reaction: .spontaneous, request: .problem),
        Sample(
            text: "Hi, my order #A-9917 arrived on March 3 with a broken lid. Could you send a replacement? Thanks.",
            reaction: .weighed, request: .problem),
        Sample(text: "It would be great to have Apple Pay at checkout", reaction: .weighed, request: .suggestion),
        Sample(text: "When does the store on Main Street open on Sundays?", reaction: .weighed, request: .question),
        Sample(text: "Loved the new menu, the staff were amazing!", reaction: .weighed, request: .praise),
        Sample(text: "omg sooooo slow, waited FOREVER for a coffee", reaction: .spontaneous, request: .problem),
        Sample(text: "Приложение не работает после обновления", reaction: .weighed, request: .problem),
        Sample(text: "Мне нахамил администратор, ужасное отношение", reaction: .weighed, request: .problem),
    ]

    @Test("hand-written posts get the reaction and request type a care lead would give them", arguments: samples)
    func handWrittenPosts(sample: Sample) {
        let tone = analyzer.analyze(sample.text)
        #expect(tone.reaction == sample.reaction, "\(tone.markers), emotionality \(tone.emotionality)")
        #expect(tone.requestType == sample.request, "valence \(tone.valence)")
    }
}
