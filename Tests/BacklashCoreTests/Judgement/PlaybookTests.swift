import Testing

@testable import BacklashCore

@Suite struct PlaybookTests {
    static let analyzer = ToneAnalyzer()
    static let weighed = analyzer.analyze(
        "Здравствуйте. Заказ №4711 от 12.03 пришёл без соуса, сумма 350 руб. Прошу разобраться.")
    static let spontaneous = analyzer.analyze("это какой-то капец!!!!! Все плохо. Как так-то????")
    static let weighedNoDetails = analyzer.analyze("Курьер опоздал, еда холодная")
    static let everyone = InfluenceScore(value: 0.3, reasons: ["800 followers"], followers: 800)
    static let leader = InfluenceScore(
        value: 0.85, reasons: ["120k followers", "verified"], followers: 120_000, verified: true)

    func recommend(
        _ portrait: Portrait, tone: ToneAnalysis = weighed, influence: InfluenceScore = everyone,
        coordinated: Bool = false, ourFault: Bool? = true
    ) -> PlaybookRecommendation {
        Playbook.recommend(
            portrait: portrait, tone: tone, influence: influence, coordinated: coordinated, ourFault: ourFault)
    }

    // MARK: - One test per row of DOMAIN.md's portrait playbook

    @Test("meek: public apology, keep every promise exactly")
    func meek() {
        let advice = recommend(.meek)
        #expect(advice.responseMode == .answerPublicly)
        #expect(advice.headline == "Apologise publicly and keep every promise exactly.")
        #expect(advice.steps.contains { $0.hasPrefix("solve:") && $0.contains("keep it exactly") })
    }

    @Test("aggressive: prompt direct contact, do not deny, state the concrete measures")
    func aggressive() {
        let advice = recommend(.aggressive)
        #expect(advice.responseMode == .moveToDM)
        #expect(advice.headline.contains("do not deny the problem"))
        #expect(advice.steps.contains { $0.hasPrefix("apologise:") && $0.contains("do not deny") })
        #expect(advice.steps.contains { $0.hasPrefix("solve:") && $0.contains("concrete measures") })
    }

    @Test("high-roller: prompt public 'being solved', then private or offline, with a premium gesture when at fault")
    func highRoller() {
        let advice = recommend(.highRoller, influence: Self.leader)
        #expect(advice.responseMode == .publicThenPrivate)
        #expect(advice.headline.contains("publicly and promptly"))
        #expect(advice.gesture.level == .premium)
        #expect(advice.gesture.examples.contains("flowers"))
        #expect(advice.gesture.maxUnits == Playbook().premiumLimit)
        #expect(recommend(.highRoller, influence: Self.leader, ourFault: false).gesture == .attentionOnly)
    }

    @Test("rip-off: concede within reasonable, pre-set limits, even when it was not our fault")
    func ripOff() {
        let playbook = Playbook(ripOffLimit: 30)
        let advice = playbook.recommend(
            portrait: .ripOff, tone: Self.weighed, influence: Self.everyone, ourFault: false)
        #expect(advice.headline == "Concede within reasonable, pre-set limits.")
        #expect(advice.gesture == .coupon(upTo: 30))
        #expect(advice.responseMode == .moveToDM)
    }

    @Test("chronic complainer: patience, take it offline")
    func chronic() {
        let advice = recommend(.chronic)
        #expect(advice.responseMode == .takeOffline)
        #expect(advice.headline.contains("patient"))
    }

    @Test("troll: do not feed, answer once with facts or not at all, no gesture")
    func troll() {
        let advice = recommend(.troll, tone: Self.spontaneous, ourFault: nil)
        #expect(advice.responseMode == .doNotFeed)
        #expect(advice.answerOnce)
        #expect(advice.gesture == .none)
        #expect(advice.headline.contains("answer once with facts or not at all"))
        #expect(advice.headline.contains("public notice"))
    }

    @Test("ordinary client with a real defect: fix it fast, solution plus an individual bonus")
    func ordinary() {
        let advice = recommend(.ordinary)
        #expect(advice.responseMode == .answerPublicly)
        #expect(advice.headline.contains("conflicted client + solution + individual bonus = loyal client"))
        #expect(advice.gesture == .coupon(upTo: 100))
        #expect(advice.answerFast)
    }

    @Test("killer and heavy client, named in the seeds without a table row, get their own handling")
    func killerAndHeavyClient() {
        let killer = recommend(.killer)
        #expect(killer.responseMode == .publicThenPrivate)
        #expect(killer.headline.contains("never argue"))
        let heavy = recommend(.heavyClient)
        #expect(heavy.gesture.level == .premium)
        #expect(heavy.gesture.maxUnits == Playbook().heavyClientLimit)
    }

    // MARK: - Adjustments

    @Test("every recommendation lists the six reply steps in order")
    func sixSteps() {
        for portrait in Portrait.allCases {
            let names = recommend(portrait).steps.map { $0.prefix { $0 != ":" } }
            #expect(names == ["greet", "thank", "apologise", "clarify", "solve", "close-positively"])
        }
    }

    @Test("a spontaneous outburst: let them speak and move to private messages")
    func spontaneousMovesToDM() {
        let advice = recommend(.ordinary, tone: Self.spontaneous)
        #expect(advice.responseMode == .moveToDM)
        #expect(!advice.answerFast)
        #expect(advice.rationale.contains { $0.hasPrefix("Spontaneous reaction") && $0.contains("let them speak") })
        #expect(advice.steps.contains { $0.hasPrefix("clarify:") && $0.contains("let them speak") })
        #expect(recommend(.meek, tone: Self.spontaneous).responseMode == .publicThenPrivate)
    }

    @Test("a weighed complaint: answer fast and concretely, without asking again for details already given")
    func weighedAnswersFast() {
        let advice = recommend(.ordinary, tone: Self.weighed)
        #expect(advice.answerFast)
        #expect(advice.rationale.contains { $0.contains("answer fast and concretely") })
        #expect(advice.steps.contains { $0.hasPrefix("clarify:") && $0.contains("do not ask for them again") })
        let noDetails = recommend(.ordinary, tone: Self.weighedNoDetails)
        #expect(noDetails.steps.contains { $0.hasPrefix("clarify:") && $0.contains("ask for the order number") })
    }

    @Test("a coordinated campaign: facts once, publicly, do not feed, never silence, no gesture")
    func coordinatedCampaign() {
        for portrait in [Portrait.ordinary, .aggressive, .highRoller, .killer] {
            let advice = recommend(portrait, tone: Self.spontaneous, influence: Self.leader, coordinated: true)
            #expect(advice.responseMode == .answerPublicly)
            #expect(advice.answerOnce)
            #expect(advice.gesture == .none)
            #expect(advice.headline.contains("facts once, publicly"))
            #expect(advice.headline.contains("never silence"))
        }
        #expect(recommend(.troll, coordinated: true).responseMode == .doNotFeed)
    }

    @Test("an influential author outside the high-roller portrait still gets a public 'we are on it' first")
    func influentialAuthorGoesPublicFirst() {
        let advice = recommend(.aggressive, influence: Self.leader)
        #expect(advice.responseMode == .publicThenPrivate)
        #expect(advice.rationale.contains { $0.hasPrefix("Influential author (120k followers, verified)") })
    }

    @Test("fault decides the apology: twice when ours, none for a mistake not made")
    func faultDecidesApology() {
        let ours = recommend(.ordinary, ourFault: true)
        #expect(ours.steps[2].contains("apologise twice"))
        let notOurs = recommend(.ordinary, ourFault: false)
        #expect(notOurs.steps[2].contains("do not apologise for a mistake that was not made"))
        #expect(notOurs.gesture == .attentionOnly)
        let unknown = recommend(.ordinary, ourFault: nil)
        #expect(unknown.steps[2].contains("once the facts confirm it"))
    }

    @Test("response modes and gesture levels use kebab-case names in JSON")
    func rawValues() {
        #expect(ResponseMode.moveToDM.rawValue == "move-to-dm")
        #expect(ResponseMode.publicThenPrivate.rawValue == "public-then-private")
        #expect(GestureRange.Level.attentionOnly.rawValue == "attention-only")
    }
}
