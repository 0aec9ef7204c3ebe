import Testing

@testable import BacklashCore

@Suite struct NameMentionMatcherTests {
    static let anna = MentionTarget(id: "anna", names: ["Анна Петрова", "Anna Petrova"], handles: ["@apetrova"])
    static let ivan = MentionTarget(id: "ivan", names: ["Иван Петров"], handles: ["ipetrov"])
    static let litres = MentionTarget(id: "litres", names: ["ЛитРес"], kind: .term)
    static let yandexTaxi = MentionTarget(id: "yandex-taxi", names: ["Яндекс Такси"], kind: .term)

    let annaOnly = NameMentionMatcher(targets: [anna])
    let everyone = NameMentionMatcher(targets: [anna, ivan, litres, yandexTaxi])

    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var matched: String
        var form: NameMention.Form
        var testDescription: String { text }
    }

    static let annaForms: [Case] = [
        Case(text: "Анна Петрова, ответьте!", matched: "Анна Петрова", form: .fullName),
        Case(text: "Передайте Анне Петровой привет", matched: "Анне Петровой", form: .fullName),
        Case(text: "Хотим услышать Анну Петрову лично", matched: "Анну Петрову", form: .fullName),
        Case(text: "Поговорите с Анной Петровой", matched: "Анной Петровой", form: .fullName),
        Case(text: "Ждём ответа от Анны Петровой!!!", matched: "Анны Петровой", form: .fullName),
        Case(text: "Петровой Анне стоит объясниться", matched: "Петровой Анне", form: .fullName),
        Case(text: "Петрова Анна Сергеевна, где ответ?", matched: "Петрова Анна Сергеевна", form: .fullName),
        Case(text: "звоните Анне Сергеевне Петровой", matched: "Анне Сергеевне Петровой", form: .fullName),
        Case(text: "АННЕ ПЕТРОВОЙ ПЛЕВАТЬ", matched: "АННЕ ПЕТРОВОЙ", form: .fullName),
        Case(text: "А. Петрова обещала перезвонить", matched: "А. Петрова", form: .fullName),
        Case(text: "подпись: А.Петрова", matched: "А.Петрова", form: .fullName),
        Case(text: "отвечала Петрова А. С., руководитель", matched: "Петрова А. С.", form: .fullName),
        Case(text: "госпожа Петрова молчит", matched: "госпожа Петрова", form: .fullName),
        Case(text: "Anna Petrova, please answer", matched: "Anna Petrova", form: .fullName),
        Case(text: "Anna Petrova's team ignores us", matched: "Anna Petrova", form: .fullName),
        Case(text: "Ms Petrova promised a refund", matched: "Ms Petrova", form: .fullName),
        Case(text: "Ms. Petrova promised a refund", matched: "Ms. Petrova", form: .fullName),
        Case(text: "где Петрова?", matched: "Петрова", form: .surname),
        Case(text: "передайте петровой, что мы ждём", matched: "петровой", form: .surname),
        Case(text: "Анна, Петрова тут ни при чём", matched: "Петрова", form: .surname),
        Case(text: "Petrova's reply was a script", matched: "Petrova", form: .surname),
        Case(text: "@apetrova где ответ", matched: "@apetrova", form: .handle),
        Case(text: "спросите (@APetrova).", matched: "@APetrova", form: .handle),
        Case(text: "cc @apetrova.", matched: "@apetrova", form: .handle),
    ]

    @Test("Anna Petrova is found in every case, order and form", arguments: annaForms)
    func annaFound(example: Case) {
        let mentions = annaOnly.matches(in: example.text)
        #expect(mentions.count == 1)
        #expect(mentions.first?.targetID == "anna")
        #expect(mentions.first?.matchedText == example.matched)
        #expect(mentions.first?.form == example.form)
    }

    static let notAnna = [
        "Петров обещал перезвонить", "с Петровым не договориться", "о Петрове ни слова", "Петровы переехали",
        "добавьте петрушку в суп", "петрушка какая-то", "Анна написала в поддержку", "Анна Петровна ответила",
        "@apetrova2 это не она", "@apetrova_x тоже", "пишите apetrova@mail.ru", "anna.petrova@example.com",
        "профиль https://vk.com/apetrova", "И. Петрова из бухгалтерии", "Петрова И. из бухгалтерии",
        "#apetrova", "Mr Petrov", "Petrovsky street",
    ]

    @Test("other people, words and addresses are not Anna Petrova", arguments: notAnna)
    func notAnnaFound(text: String) {
        #expect(annaOnly.matches(in: text).isEmpty)
    }

    @Test("a surname alone matches each person only in the forms of their gender")
    func genderForms() {
        let ids = { (text: String) in Set(self.everyone.matches(in: text).map(\.targetID)) }
        #expect(ids("Петровой всё равно") == ["anna"])
        #expect(ids("Петровым всё равно") == ["ivan"])
        #expect(ids("у Петрова всё схвачено") == ["anna", "ivan"])
        #expect(ids("Ивану Петрову звонили") == ["ivan"])
        #expect(everyone.matches(in: "Ивану Петрову звонили").first?.form == .fullName)
    }

    @Test("spans count Unicode scalars, so emoji before a name do not shift it")
    func scalarSpans() {
        let text = "👩‍👩‍👧 Анне Петровой и @apetrova"
        let mentions = annaOnly.matches(in: text)
        #expect(mentions.map(\.start) == [6, 22])
        #expect(mentions.map(\.end) == [19, 31])
        let scalars = Array(text.unicodeScalars)
        for mention in mentions {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[mention.start..<mention.end])
            #expect(String(view) == mention.matchedText)
        }
    }

    @Test("several targets in one post come back in text order")
    func severalTargets() {
        let mentions = everyone.matches(in: "Анна Петрова и Иван Петров из ЛитРеса, а ещё @ipetrov")
        #expect(mentions.map(\.targetID) == ["anna", "ivan", "litres", "ivan"])
        #expect(mentions.map(\.form) == [.fullName, .fullName, .fullName, .handle])
    }

    @Test("a brand term is found in any case, only whole, and all its words in order")
    func terms() {
        #expect(everyone.matches(in: "в ЛитРесе нет этой книги").map(\.matchedText) == ["ЛитРесе"])
        #expect(everyone.matches(in: "литресовский скрипт").isEmpty)
        #expect(everyone.matches(in: "снова Яндекс Такси списал рубль").map(\.targetID) == ["yandex-taxi"])
        #expect(everyone.matches(in: "из Яндекса Такси не ответили").map(\.matchedText) == ["Яндекса Такси"])
        #expect(everyone.matches(in: "такси опять опоздало").isEmpty)
        #expect(everyone.matches(in: "Яндекс, такси где?").isEmpty)
    }

    @Test("a decomposed й and a stress mark do not hide a name")
    func combiningMarks() {
        let target = MentionTarget(id: "sergey", names: ["Сергей Иванов"])
        let matcher = NameMentionMatcher(targets: [target])
        #expect(matcher.matches(in: "Сергеи\u{0306} Ивано\u{0301}в ответил").first?.form == .fullName)
    }

    @Test("a name written surname first is read as surname first, even when the given name ends like a surname")
    func surnameFirstConfiguration() {
        let marina = MentionTarget(id: "marina", names: ["Иванова Марина"])
        let matcher = NameMentionMatcher(targets: [marina])
        #expect(matcher.matches(in: "Марине Ивановой стыдно").first?.form == .fullName)
        #expect(matcher.matches(in: "где Иванова?").first?.form == .surname)
        #expect(matcher.matches(in: "где Марина?").isEmpty)
    }

    @Test("a one-word person name is a surname; the gender can be given explicitly")
    func explicitGenderAndSingleWord() {
        let kim = MentionTarget(id: "kim", names: ["Ким"], gender: .male)
        let matcher = NameMentionMatcher(targets: [kim])
        #expect(matcher.matches(in: "Киму плевать").first?.form == .surname)
        #expect(matcher.matches(in: "Кимом все недовольны").count == 1)
    }

    @Test("a post without names finds nothing")
    func nothing() {
        #expect(everyone.matches(in: "Такси списало рубль до поездки!!! 😡 #такси").isEmpty)
        #expect(everyone.matches(in: "").isEmpty)
    }
}
