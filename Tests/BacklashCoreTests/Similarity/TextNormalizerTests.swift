import Testing

@testable import BacklashCore

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test("Russian text is lower-cased with ё folded to е and punctuation collapsed")
    func russianFolding() {
        #expect(normalizer.normalize("ЁЛКИ-палки!!! Всё   списали, ЁЖИК...") == "елки палки все списали ежик")
    }

    @Test("English text is lower-cased and punctuation and extra spaces disappear")
    func englishFolding() {
        #expect(normalizer.normalize("  They CHARGED me -- before the ride?!  ") == "they charged me before the ride")
    }

    @Test("links and e-mail addresses are removed, the words around them stay")
    func linksRemoved() {
        let text = "смотрите https://t.co/AbC123 и www.example.ru/page, vk.com/id42 или пишите anna@example.org сюда"
        #expect(normalizer.normalize(text) == "смотрите и или пишите сюда")
    }

    @Test("mention and hashtag words are kept without their symbols by default")
    func markersKept() {
        #expect(
            normalizer.normalize("@apetrova ответьте! #такси #ЯндексТакси") == "apetrova ответьте такси яндекстакси")
    }

    @Test("mentions and hashtags can be dropped, an @ inside a word is not a mention")
    func markersDropped() {
        let dropping = TextNormalizer(mentions: .drop, hashtags: .drop, stripsLinks: false)
        #expect(dropping.normalize("@apetrova ответьте (@olga_k) #такси сейчас") == "ответьте сейчас")
        #expect(dropping.normalize("пишите на anna@example") == "пишите на anna example")
    }

    @Test("emoji, skin tones and joiners vanish without gluing words together")
    func emojiRemoved() {
        #expect(normalizer.normalize("верните😡деньги 👍🏽 👩‍👩‍👧 ❤️ сейчас") == "верните деньги сейчас")
    }

    @Test("a decomposed й and stress marks read the same as the composed letters")
    func combiningMarks() {
        #expect(normalizer.normalize("мои\u{0306} молоко\u{0301}") == "мой молоко")
        #expect(normalizer.normalize("Е\u{0308}ж") == "еж")
    }

    @Test("the words of a text come out in order")
    func wordsInOrder() {
        #expect(normalizer.words(in: "Такси, ОПЯТЬ! такси?") == ["такси", "опять", "такси"])
        #expect(normalizer.words(in: "🙂 https://x.io/a").isEmpty)
    }
}
