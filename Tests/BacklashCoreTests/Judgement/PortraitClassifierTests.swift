import Testing

@testable import BacklashCore

@Suite struct PortraitClassifierTests {
    let analyzer = ToneAnalyzer()
    let classifier = PortraitClassifier()

    static let ordinaryAuthor = InfluenceScore(
        value: 0.35, reasons: ["800 followers"], followers: 800, accountAgeDays: 1_200)
    static let throwawayAuthor = InfluenceScore(
        value: 0.05, reasons: ["3 followers", "account 6 days old"], followers: 3, accountAgeDays: 6)
    static let opinionLeader = InfluenceScore(
        value: 0.82, reasons: ["120k followers", "verified"], followers: 120_000, verified: true, accountAgeDays: 3_000)

    func classify(
        _ text: String, influence: InfluenceScore = ordinaryAuthor, priorComplaints: Int = 0
    ) -> PortraitAssessment {
        classifier.classify(
            tone: analyzer.analyze(text), influence: influence, text: text, priorComplaints: priorComplaints)
    }

    @Test("a polite, calm first complaint comes from a meek client")
    func meek() {
        let assessment = classify(
            "Здравствуйте. К сожалению, вчера курьер привёз холодную пиццу. Прошу разобраться, спасибо.")
        #expect(assessment.portrait == .meek)
        #expect(assessment.confidence >= 0.5)
    }

    @Test("profanity makes an aggressive client")
    func aggressive() {
        let assessment = classify("да вы охуели?! третий раз привозите не то, пиздец сервис")
        #expect(assessment.portrait == .aggressive)
        #expect(assessment.evidence.contains("profanity"))
    }

    @Test("an opinion leader is a high-roller, even when they swear")
    func highRoller() {
        let calm = classify("Списали деньги ещё до поездки. Так и должно быть?", influence: Self.opinionLeader)
        #expect(calm.portrait == .highRoller)
        #expect(calm.evidence.first?.contains("120k followers") == true)
        let swearing = classify("вы там охуели, деньги до поездки списывать?", influence: Self.opinionLeader)
        #expect(swearing.portrait == .highRoller)
        #expect(swearing.alsoFits.contains(.aggressive))
    }

    @Test("asking for a discount or compensation makes a rip-off", arguments: [
        "Пицца остыла. Дайте скидку на следующий заказ, тогда забуду",
        "Компенсируйте мне это безобразие",
        "Верните деньги и бонус за моральный ущерб",
        "The burger was cold. I want a discount or a voucher.",
    ])
    func ripOff(text: String) {
        let assessment = classify(text)
        #expect(assessment.portrait == .ripOff)
        #expect(assessment.evidence.first?.hasPrefix("asks for compensation") == true)
    }

    @Test("merely mentioning a discount is not a rip-off")
    func discountMentionIsNotRipOff() {
        #expect(classify("Купил по скидке, а товар оказался бракованный").portrait != .ripOff)
    }

    @Test("many earlier complaints make a chronic complainer")
    func chronic() {
        let assessment = classify("Опять доставка опоздала на 20 минут", priorComplaints: 7)
        #expect(assessment.portrait == .chronic)
        #expect(assessment.evidence.contains("7 earlier complaints"))
        #expect(classify("Доставка опоздала на 20 минут", priorComplaints: 1).portrait != .chronic)
    }

    @Test("mocking laughter and insults from a throwaway account make a troll")
    func troll() {
        let assessment = classify("ахахах лол, ну вы и клоуны 🤡", influence: Self.throwawayAuthor)
        #expect(assessment.portrait == .troll)
        #expect(assessment.evidence.contains { $0.hasPrefix("mocking") })
        #expect(classify("lol who even uses this app, clowns", influence: Self.throwawayAuthor).portrait == .troll)
    }

    @Test("a real customer with an order number is not taken for a troll for one 'lol'")
    func factsOutweighOneLaugh() {
        let assessment = classify(
            "lol, order 5512903 arrived on March 3 without the fries. Could you send them? Thanks",
            influence: Self.ordinaryAuthor)
        #expect(assessment.portrait != .troll)
    }

    @Test("threats to tell everyone or to boycott make a killer", arguments: [
        "Я всем расскажу, какие вы мошенники. Не пользуйтесь этим такси!",
        "Объявляю бойкот вашей сети",
        "I'll make sure everyone knows what you did. Boycott them.",
        "Do not use this company, stay away",
    ])
    func killer(text: String) {
        let assessment = classify(text)
        #expect(assessment.portrait == .killer)
        #expect(assessment.evidence.first?.hasPrefix("threatens the brand") == true)
    }

    @Test("a long-time client says so", arguments: [
        "Я ваш клиент 5 лет, и такого ещё не было",
        "I've been a customer for years and this is the first time I'm disappointed",
        "Постоянный покупатель, а обслуживание всё хуже",
    ])
    func heavyClient(text: String) {
        #expect(classify(text).portrait == .heavyClient)
    }

    @Test("a plain complaint with no special signs is ordinary")
    func ordinary() {
        let assessment = classify("курьер опоздал на час, еда остыла")
        #expect(assessment.portrait == .ordinary)
        #expect(assessment.confidence >= 0.5)
    }

    @Test("every built-in cue phrase compiles")
    func cuePhrasesCompile() {
        #expect(PortraitClassifier.Cues().unusable == [])
    }

    @Test("portraits use kebab-case names in JSON")
    func rawValues() {
        #expect(Portrait.highRoller.rawValue == "high-roller")
        #expect(Portrait.ripOff.rawValue == "rip-off")
        #expect(Portrait.heavyClient.rawValue == "heavy-client")
    }
}
