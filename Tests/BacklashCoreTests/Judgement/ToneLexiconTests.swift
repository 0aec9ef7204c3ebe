import Testing

@testable import BacklashCore

@Suite struct ToneLexiconTests {
    let lexicon = ToneLexicon.standard

    @Test("every built-in spelling is usable (no typos, no mixed scripts, no over-long words)")
    func builtInSpellingsAreUsable() {
        #expect(lexicon.rejectedSpellings == [])
        #expect(lexicon.entries.count >= 500)
    }

    @Test("a stem matches inflected forms and stretched spellings; an exact word does not match longer words")
    func stemsAndExactWords() {
        #expect(lexicon.entry(matching: "ужасный")?.valence ?? 0 < 0)
        #expect(lexicon.entry(matching: "УЖАСНОООО")?.valence ?? 0 < 0)
        #expect(lexicon.entry(matching: "good")?.valence ?? 0 > 0)
        #expect(lexicon.entry(matching: "goodbye") == nil)
    }

    @Test("the longest stem wins: 'неплохо' is positive although it contains 'плох'")
    func longestStemWins() {
        #expect(lexicon.entry(matching: "неплохо")?.valence ?? 0 > 0)
        #expect(lexicon.entry(matching: "плохо")?.valence ?? 0 < 0)
    }

    @Test("'ё' is read as 'е' and case does not matter")
    func yoAndCase() {
        #expect(lexicon.entry(matching: "Ёбаный")?.roles.contains(.profanity) == true)
        #expect(lexicon.entry(matching: "ЖДЁМ")?.roles.contains(.problemCue) == true)
    }

    @Test("a word keeps what a shorter stem says about it: 'спасибо' is polite and positive")
    func wordsInheritFromStems() {
        let thanks = lexicon.entry(matching: "спасибо")
        #expect(thanks?.roles.contains(.politeness) == true)
        #expect(thanks?.valence ?? 0 > 0)
    }

    @Test("a lexicon can be extended, and bad spellings are reported instead of silently used")
    func extending() {
        let extended = lexicon.adding([
            ToneLexicon.Entry("кринж*", valence: -2),
            ToneLexicon.Entry("ab*"),
            ToneLexicon.Entry("mixеd"),  // the "е" is Cyrillic
        ])
        #expect(extended.entry(matching: "кринжово")?.valence == -2)
        #expect(extended.rejectedSpellings == ["ab*", "mixеd"])
        #expect(ToneAnalyzer(lexicon: extended).analyze("кринж").valence < 0)
        #expect(ToneAnalyzer().analyze("кринж").valence == 0)
    }
}
