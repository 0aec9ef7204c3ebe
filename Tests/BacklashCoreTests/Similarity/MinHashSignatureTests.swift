import Testing

@testable import BacklashCore

/// Flashmob texts from the taxi story (seed 003) and unrelated complaints about the same company.
enum FlashmobTexts {
    static let russianOriginal = """
        Это просто возмутительно! Такси списало с моей карты деньги ещё до поездки, я даже машину не успела \
        вызвать до конца. Никто ничего не объяснил, поддержка отвечает шаблонами про пользовательское соглашение. \
        Анна Петрова, объясните, на каком основании вы берёте деньги заранее? #такси
        """
    static let russianWordsChanged = """
        Это просто возмутительно! Такси списало с моей карты деньги ещё до поездки, я даже машину не успел \
        заказать до конца. Никто ничего не объяснил, поддержка отвечает шаблонами про пользовательское соглашение. \
        Анна Петрова, объясните, на каком основании вы берёте деньги заранее? #такси
        """
    static let russianWithEmoji = "😡😡😡 " + russianOriginal + " 🤬🤬"
    static let russianWithHandleOlga = "@olga_k " + russianOriginal
    static let russianWithHandleIvan = "@ivan_s1984 " + russianOriginal
    static let russianUnrelatedLate = """
        Такси опоздало на сорок минут, водитель грубил и курил в салоне, а поддержка до сих пор не ответила \
        на мою жалобу. Больше никогда не закажу, переходим к конкурентам.
        """
    static let russianUnrelatedCoupon = """
        Промокод на скидку в приложении такси не сработал, хотя срок действия ещё не истёк. Поддержка \
        просит прислать скриншот уже третий раз, сколько можно ждать ответа?
        """
    static let englishOriginal = """
        This is outrageous! The taxi app charged my card before the ride even started and nobody explained \
        anything, support just quotes the user agreement at me. Anna Petrova, explain why you take money in \
        advance? #taxi
        """
    static let englishWordsChanged = """
        This is outrageous! The taxi app charged my card before the trip even started and nobody explained \
        anything, support only quotes the user agreement at me. Anna Petrova, explain why you take money in \
        advance? #taxi
        """
    static let englishUnrelated = """
        My driver took a very long detour tonight and the fare doubled. The taxi support chat closed my ticket \
        without a single word of reply.
        """
}

@Suite struct MinHashSignatureTests {
    @Test("FNV-1a gives the published test vectors, so hashes are the same in every process")
    func fnvVectors() {
        #expect(StableHash.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
        #expect(StableHash.fnv1a64(bytes: Array("foobar".utf8)) == StableHash.fnv1a64("foobar"))
    }

    @Test("a fixed text always has the same signature values, in this run and in every other")
    func pinnedSignature() {
        let signature = MinHashSignature(text: FlashmobTexts.russianOriginal)
        #expect(signature.values.count == MinHashSignature.valueCount)
        #expect(Array(signature.values.prefix(6)) == SignatureFixture.russianOriginalPrefix)
        #expect(signature == MinHashSignature(text: FlashmobTexts.russianOriginal))
    }

    @Test("long texts are cut into word shingles, short ones into character grams")
    func shingleKinds() {
        let long = ShingleSet(text: FlashmobTexts.russianOriginal)
        #expect(long.kind == .wordShingles)
        let wordCount = TextNormalizer().words(in: FlashmobTexts.russianOriginal).count
        #expect(long.hashes.count == wordCount - 2)
        let short = ShingleSet(text: "верните деньги!")
        #expect(short.kind == .characterGrams)
        #expect(short.hashes.count == "верните деньги".unicodeScalars.count - 4)
    }

    @Test("short copies that differ by a word still resemble each other through character grams")
    func shortTexts() {
        let left = MinHashSignature(text: "такси списало деньги заранее!!!")
        let right = MinHashSignature(text: "такси списало деньги заранее 😡")
        let other = MinHashSignature(text: "водитель опоздал на час")
        #expect(left.estimatedJaccard(right) == 1)
        #expect(left.estimatedJaccard(other) < 0.2)
    }

    @Test("the estimate stays close to the exact Jaccard similarity")
    func estimateTracksExact() {
        let texts = [
            FlashmobTexts.russianOriginal, FlashmobTexts.russianWordsChanged, FlashmobTexts.russianWithHandleOlga,
            FlashmobTexts.russianUnrelatedLate, FlashmobTexts.englishOriginal, FlashmobTexts.englishWordsChanged,
        ]
        for left in texts {
            for right in texts {
                let exact = ShingleSet(text: left).jaccard(ShingleSet(text: right))
                let estimate = MinHashSignature(text: left).estimatedJaccard(MinHashSignature(text: right))
                #expect(abs(exact - estimate) < 0.15, "exact \(exact), estimated \(estimate)")
            }
        }
    }

    @Test(
        "the estimate is unbiased and as precise as 128 independent permutations",
        arguments: [0.2, 0.5, 0.8])
    func estimatorPrecision(jaccard: Double) {
        let size = 200
        let shared = Int((Double(2 * size) * jaccard / (1 + jaccard)).rounded())
        let exact = Double(shared) / Double(2 * size - shared)
        var errors: [Double] = []
        for trial in 0..<300 {
            let base = UInt64(trial) << 32
            let common = (0..<shared).map { StableHash.mix(base | UInt64($0)) }
            let left = common + (shared..<size).map { StableHash.mix(base | 0x1_0000 | UInt64($0)) }
            let right = common + (shared..<size).map { StableHash.mix(base | 0x2_0000 | UInt64($0)) }
            let estimate = MinHashSignature(shingleHashes: left).estimatedJaccard(
                MinHashSignature(shingleHashes: right))
            errors.append(estimate - exact)
        }
        let bias = errors.reduce(0, +) / Double(errors.count)
        let spread = (errors.map { ($0 - bias) * ($0 - bias) }.reduce(0, +) / Double(errors.count)).squareRoot()
        let independentSpread = (exact * (1 - exact) / Double(MinHashSignature.valueCount)).squareRoot()
        #expect(abs(bias) < 0.01)
        #expect(spread < independentSpread * 1.2, "spread \(spread), independent permutations \(independentSpread)")
    }

    @Test("texts without words resemble nothing, not even each other")
    func emptyTexts() {
        let empty = MinHashSignature(text: "🔥🔥🔥 https://t.co/x")
        #expect(empty.isEmpty)
        #expect(empty.estimatedJaccard(empty) == 0)
        #expect(empty.estimatedJaccard(MinHashSignature(text: FlashmobTexts.russianOriginal)) == 0)
    }

    @Test("a stored signature can be restored from its values, a damaged one is refused")
    func restoring() {
        let signature = MinHashSignature(text: FlashmobTexts.englishOriginal)
        #expect(MinHashSignature(values: signature.values) == signature)
        #expect(MinHashSignature(values: Array(signature.values.prefix(10))) == nil)
    }
}

/// Signature values recorded once; they must never change, or stored signatures stop matching new posts.
enum SignatureFixture {
    static let russianOriginalPrefix: [UInt32] = [
        57_789_870, 280_063_398, 95_055_385, 203_407_811, 38_912_268, 79_394_006,
    ]
}
