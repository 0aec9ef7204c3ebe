extension PortraitClassifier {
    /// Phrases that point to portraits, compiled once per classifier.
    struct Cues: Sendable {
        /// Compensation the author asks for ("скидк*", "voucher*").
        let bonus: [ToneLexicon.Phrase]
        /// Demanding words that make a mention of compensation a request ("дайте", "I want").
        let demand: [ToneLexicon.Phrase]
        /// Compensation asked for in one word, or hinted at ("если бы мне дали...").
        let bonusRequest: [ToneLexicon.Phrase]
        /// Threats to hurt the brand.
        let killer: [ToneLexicon.Phrase]
        /// Provocation typical of trolls, next to laughter and insults the lexicon knows.
        let provocation: [ToneLexicon.Phrase]
        /// A long-time or big-spending client speaking.
        let heavyClient: [ToneLexicon.Phrase]
        /// The author says it keeps happening.
        let repetition: [ToneLexicon.Phrase]
        /// Phrases of the lists above that could not be compiled (a typo or a word over ten letters).
        let unusable: [String]

        init() {
            var unusable: [String] = []
            func compile(_ spellings: [String]) -> [ToneLexicon.Phrase] {
                spellings.compactMap { spelling in
                    if let phrase = ToneLexicon.Phrase(spelling) { return phrase }
                    unusable.append(spelling)
                    return nil
                }
            }
            bonus = compile([
                "скидк*", "компенс*", "бонус*", "промокод*", "купон*", "баллы", "подарок", "подарк*", "бесплатн*",
                "discount*", "voucher*", "coupon*", "compensat*", "credit", "credits", "free", "freebie*", "promo*",
            ])
            demand = compile([
                "дайте", "дай", "дадите", "предостав*", "хочу", "хотим", "требую", "требуем", "верните", "положен*",
                "должны", "заслужива*", "заслужил*", "want", "give", "deserve", "demand", "expect", "owe", "owed",
                "entitled",
            ])
            bonusRequest = compile([
                "компенсир*", "compensate me", "если бы дали", "если дадите", "if you give",
                "if you gave", "make it up",
            ])
            killer = compile([
                "всем расскаж*", "расскаж* всем", "расскаж* друзьям", "расскаж* знакомым", "не пользуйте*",
                "не покупайте", "не заказывай*", "не ходите", "не связывайт*", "обходите стороной",
                "бойкот*", "уничтож*", "засуж*", "подам суд", "пусть все знают", "все узнают", "разнесу*",
                "отпишитесь", "напишу везде", "везде напишу", "everyone know*", "tell everyone", "tell all",
                "make sure everyone", "spread word", "boycott*", "don't use", "do not use", "don't buy", "do not buy",
                "never use", "stay away", "avoid this", "destroy*", "sue", "lawyer*", "unfollow*", "post everywhere",
            ])
            provocation = compile([
                "кто вообще", "кто еще пользуется", "who even", "who still uses", "ну вы и", "you guys are",
            ])
            heavyClient = compile([
                "клиент* лет", "клиент* год*", "с вами лет", "с вами год*", "пользуюсь лет", "пользуюсь год*",
                "постоянн* клиент*", "постоянн* покупател*", "много лет", "лет пользуюсь", "потратил* тысяч*",
                "customer years", "customer since", "client years", "client since", "loyal customer",
                "long time customer", "member since", "years customer", "spent thousands",
            ])
            repetition = compile([
                "опять", "снова", "который раз", "каждый раз", "как всегда", "again", "every time", "as usual",
                "yet again",
            ])
            self.unusable = unusable
        }

        /// Emoji that laugh at someone.
        static let mockingEmoji: Set<UInt32> = [0x1F602, 0x1F923, 0x1F921]
    }
}
