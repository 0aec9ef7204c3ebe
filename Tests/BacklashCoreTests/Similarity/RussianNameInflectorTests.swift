import Testing

@testable import BacklashCore

@Suite struct RussianNameInflectorTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var role: RussianNameInflector.Role
        var gender: RussianNameInflector.Gender
        var forms: Set<String>
        var testDescription: String { "\(name) (\(role), \(gender))" }
    }

    static let table: [Row] = [
        Row(
            name: "Анна", role: .givenName, gender: .female, forms: ["анна", "анны", "анне", "анну", "анной", "анною"]),
        Row(
            name: "Ольга", role: .givenName, gender: .female,
            forms: ["ольга", "ольги", "ольге", "ольгу", "ольгой", "ольгою"]),
        Row(
            name: "Маша", role: .givenName, gender: .female, forms: ["маша", "маши", "маше", "машу", "машей", "машею"]),
        Row(name: "Мария", role: .givenName, gender: .female, forms: ["мария", "марии", "марию", "марией", "мариею"]),
        Row(
            name: "Таня", role: .givenName, gender: .female, forms: ["таня", "тани", "тане", "таню", "таней", "танею"]),
        Row(name: "Иван", role: .givenName, gender: .male, forms: ["иван", "ивана", "ивану", "иваном", "иване"]),
        Row(
            name: "Дмитрий", role: .givenName, gender: .male,
            forms: ["дмитрий", "дмитрия", "дмитрию", "дмитрием", "дмитрии"]),
        Row(
            name: "Андрей", role: .givenName, gender: .male,
            forms: ["андрей", "андрея", "андрею", "андреем", "андрее"]),
        Row(name: "Игорь", role: .givenName, gender: .male, forms: ["игорь", "игоря", "игорю", "игорем", "игоре"]),
        Row(name: "Пётр", role: .givenName, gender: .male, forms: ["петр", "петра", "петру", "петром", "петре"]),
        Row(name: "Петрова", role: .surname, gender: .female, forms: ["петрова", "петровой", "петрову", "петровою"]),
        Row(
            name: "Петров", role: .surname, gender: .male,
            forms: ["петров", "петрова", "петрову", "петровым", "петрове"]),
        Row(
            name: "Королёва", role: .surname, gender: .female,
            forms: ["королева", "королевой", "королеву", "королевою"]),
        Row(name: "Пушкина", role: .surname, gender: .female, forms: ["пушкина", "пушкиной", "пушкину", "пушкиною"]),
        Row(
            name: "Достоевская", role: .surname, gender: .female,
            forms: ["достоевская", "достоевской", "достоевскую", "достоевскою"]),
        Row(
            name: "Достоевский", role: .surname, gender: .male,
            forms: ["достоевский", "достоевского", "достоевскому", "достоевским", "достоевском"]),
        Row(
            name: "Толстой", role: .surname, gender: .male,
            forms: ["толстой", "толстого", "толстому", "толстым", "толстом"]),
        Row(name: "Шевченко", role: .surname, gender: .female, forms: ["шевченко"]),
        Row(name: "Седых", role: .surname, gender: .male, forms: ["седых"]),
        Row(name: "Браун", role: .surname, gender: .female, forms: ["браун"]),
        Row(name: "Браун", role: .surname, gender: .male, forms: ["браун", "брауна", "брауну", "брауном", "брауне"]),
        Row(
            name: "Сергеевна", role: .patronymic, gender: .female,
            forms: ["сергеевна", "сергеевны", "сергеевне", "сергеевну", "сергеевной", "сергеевною"]),
        Row(
            name: "Ильич", role: .patronymic, gender: .male, forms: ["ильич", "ильича", "ильичу", "ильичем", "ильиче"]),
        Row(
            name: "ЛитРес", role: .word, gender: .male, forms: ["литрес", "литреса", "литресу", "литресом", "литресе"]),
        Row(name: "такси", role: .word, gender: .male, forms: ["такси"]),
        Row(name: "Petrova", role: .surname, gender: .female, forms: ["petrova"]),
    ]

    @Test("each name yields exactly its case forms", arguments: table)
    func caseForms(row: Row) {
        let forms = RussianNameInflector.caseForms(of: row.name, role: row.role, gender: row.gender)
        #expect(Set(forms) == row.forms)
        #expect(forms.first == RussianNameInflector.fold(row.name), "the nominative comes first")
    }

    @Test("a double-barrelled surname declines in both parts")
    func hyphenatedSurname() {
        let forms = RussianNameInflector.caseForms(of: "Петрова-Водкина", role: .surname, gender: .female)
        #expect(forms.contains("петровой-водкиной"))
        #expect(forms.contains("петрову-водкину"))
        #expect(!forms.contains("петровой-водкина"))
    }

    @Test("the gender comes from the surname ending, or from the given name")
    func genderInference() {
        #expect(RussianNameInflector.inferredGender(givenName: "Анна", surname: "Петрова") == .female)
        #expect(RussianNameInflector.inferredGender(givenName: "Саша", surname: "Петров") == .male)
        #expect(RussianNameInflector.inferredGender(givenName: "Никита", surname: "Шевченко") == .male)
        #expect(RussianNameInflector.inferredGender(givenName: "Ольга", surname: "Шевченко") == .female)
        #expect(RussianNameInflector.inferredGender(givenName: "Anna", surname: "Petrova") == .female)
        #expect(RussianNameInflector.inferredGender(givenName: nil, surname: "Ким") == nil)
    }

    @Test("patronymics are recognised in any case, ordinary words are not")
    func patronymics() {
        for word in ["сергеевна", "сергеевной", "петровны", "ильинична", "ильич", "сергеевичем"] {
            #expect(RussianNameInflector.looksLikePatronymic(word), "\(word)")
        }
        for word in ["петрова", "анна", "кирпич", "ковна"] {
            #expect(!RussianNameInflector.looksLikePatronymic(word), "\(word)")
        }
    }
}
