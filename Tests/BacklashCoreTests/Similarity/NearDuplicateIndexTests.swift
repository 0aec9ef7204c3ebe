import Testing

@testable import BacklashCore

@Suite struct NearDuplicateIndexTests {
    private func signature(_ text: String) -> MinHashSignature { MinHashSignature(text: text) }

    private func indexWithOriginals() -> NearDuplicateIndex {
        var index = NearDuplicateIndex()
        index.insert(id: "ru-original", signature: signature(FlashmobTexts.russianOriginal), time: 1_000)
        index.insert(id: "en-original", signature: signature(FlashmobTexts.englishOriginal), time: 1_010)
        index.insert(id: "ru-late", signature: signature(FlashmobTexts.russianUnrelatedLate), time: 1_020)
        index.insert(id: "ru-coupon", signature: signature(FlashmobTexts.russianUnrelatedCoupon), time: 1_030)
        index.insert(id: "en-detour", signature: signature(FlashmobTexts.englishUnrelated), time: 1_040)
        return index
    }

    @Test(
        "a flashmob copy is found: a few words changed, emoji added, another @handle in front",
        arguments: [
            FlashmobTexts.russianWordsChanged, FlashmobTexts.russianWithEmoji, FlashmobTexts.russianWithHandleOlga,
            FlashmobTexts.russianWithHandleIvan,
        ])
    func russianCopiesFound(copy: String) {
        let matches = indexWithOriginals().nearDuplicates(of: signature(copy), threshold: 0.6)
        #expect(matches.map(\.id) == ["ru-original"])
        #expect((matches.first?.similarity ?? 0) >= 0.6)
    }

    @Test("an English copy with changed words is found, and only the English original")
    func englishCopyFound() {
        let matches = indexWithOriginals().nearDuplicates(of: signature(FlashmobTexts.englishWordsChanged))
        #expect(matches.map(\.id) == ["en-original"])
        #expect(matches.first?.time == 1_010)
    }

    @Test("two copies with different handles in front resemble each other almost fully")
    func handlesInFront() {
        let olga = signature(FlashmobTexts.russianWithHandleOlga)
        let ivan = signature(FlashmobTexts.russianWithHandleIvan)
        #expect(olga.estimatedJaccard(ivan) >= 0.85)
    }

    @Test("unrelated complaints about the same company are not near-duplicates")
    func unrelatedComplaints() {
        let index = indexWithOriginals()
        #expect(index.nearDuplicates(of: signature(FlashmobTexts.russianUnrelatedLate), excluding: "ru-late").isEmpty)
        #expect(
            index.nearDuplicates(of: signature(FlashmobTexts.russianUnrelatedCoupon), excluding: "ru-coupon")
                .isEmpty)
        #expect(index.nearDuplicates(of: signature(FlashmobTexts.englishUnrelated), excluding: "en-detour").isEmpty)
        let late = signature(FlashmobTexts.russianUnrelatedLate)
        #expect(late.estimatedJaccard(signature(FlashmobTexts.russianOriginal)) < 0.2)
    }

    @Test("a post matches itself unless excluded, and matches come most similar first")
    func ordering() {
        var index = indexWithOriginals()
        index.insert(id: "ru-copy", signature: signature(FlashmobTexts.russianWordsChanged), time: 1_100)
        let query = signature(FlashmobTexts.russianOriginal)
        #expect(index.nearDuplicates(of: query).map(\.id) == ["ru-original", "ru-copy"])
        #expect(index.nearDuplicates(of: query, excluding: "ru-original").map(\.id) == ["ru-copy"])
        #expect(Set(index.candidates(for: query)).isSuperset(of: ["ru-original", "ru-copy"]))
    }

    @Test("adding a post and matching it in one step gives what a lookup before adding would")
    func insertAndMatch() {
        var stepwise = indexWithOriginals()
        var combined = indexWithOriginals()
        for (number, text) in [
            FlashmobTexts.russianWordsChanged, FlashmobTexts.russianWithEmoji,
            FlashmobTexts.englishWordsChanged, FlashmobTexts.russianUnrelatedLate,
        ].enumerated() {
            let id = "new-\(number)"
            let expected = stepwise.nearDuplicates(of: signature(text))
            stepwise.insert(id: id, signature: signature(text), time: 2_000)
            #expect(combined.insertAndMatch(id: id, signature: signature(text), time: 2_000) == expected)
        }
        #expect(combined.count == stepwise.count)
        let again = combined.insertAndMatch(
            id: "new-1", signature: signature(FlashmobTexts.russianWithEmoji), time: 2_000)
        #expect(again.map(\.id) == ["ru-original", "new-0"])
    }

    @Test("eviction drops posts older than the window and keeps the newer ones findable")
    func eviction() {
        var index = indexWithOriginals()
        index.insert(id: "ru-copy", signature: signature(FlashmobTexts.russianWordsChanged), time: 5_000)
        #expect(index.evict(olderThan: 1_025) == 3)
        #expect(index.count == 3)
        #expect(!index.contains(id: "ru-original"))
        #expect(index.contains(id: "ru-coupon"))
        #expect(index.nearDuplicates(of: signature(FlashmobTexts.russianOriginal)).map(\.id) == ["ru-copy"])
        #expect(index.evict(olderThan: 10_000) == 3)
        #expect(index.count == 0)
        #expect(index.candidates(for: signature(FlashmobTexts.russianOriginal)).isEmpty)
    }

    @Test("inserting the same id again replaces it instead of duplicating it")
    func reinsertIsIdempotent() {
        var index = NearDuplicateIndex()
        let original = signature(FlashmobTexts.russianOriginal)
        index.insert(id: "p1", signature: original, time: 10)
        index.insert(id: "p1", signature: original, time: 10)
        #expect(index.count == 1)
        index.insert(id: "p1", signature: signature(FlashmobTexts.englishOriginal), time: 20)
        #expect(index.count == 1)
        #expect(index.nearDuplicates(of: original).isEmpty)
        #expect(index.evict(olderThan: 15) == 0)
        #expect(index.evict(olderThan: 25) == 1)
    }

    @Test("a removed post is no longer found and its slot is reused")
    func removal() {
        var index = indexWithOriginals()
        index.remove(id: "ru-original")
        #expect(index.nearDuplicates(of: signature(FlashmobTexts.russianWordsChanged)).isEmpty)
        index.insert(id: "ru-again", signature: signature(FlashmobTexts.russianOriginal), time: 2_000)
        #expect(index.nearDuplicates(of: signature(FlashmobTexts.russianWordsChanged)).map(\.id) == ["ru-again"])
        #expect(index.count == 5)
    }

    @Test("a storm of identical copies is found through its newest members and the candidate list stays bounded")
    func boundedBuckets() {
        var index = NearDuplicateIndex(bucketCapacity: 16)
        let copy = signature(FlashmobTexts.russianOriginal)
        for number in 0..<300 {
            index.insert(id: "copy-\(number)", signature: copy, time: Double(number))
        }
        let candidates = index.candidates(for: copy)
        #expect(candidates.count == 16)
        #expect(candidates.contains("copy-299"))
        #expect(!candidates.contains("copy-0"))
        #expect(index.count == 300)
        #expect(index.evict(olderThan: 290) == 290)
        #expect(index.candidates(for: copy).count == 10)
    }

    @Test("while a compaction is built a few posts at a time, every held post is found and no removed one is")
    func incrementalCompaction() {
        var index = NearDuplicateIndex()
        var random = SeededRandom(seed: 11)
        let words = (0..<400).map { "w\($0)" }
        func text() -> String { (0..<12).map { _ in words[Int(random.next() % 400)] }.joined(separator: " ") }
        var held: [String: MinHashSignature] = [:]
        var removed: [String: MinHashSignature] = [:]
        var order: [String] = []
        // Churn: after 3,000 posts, one in and one out, so dead bucket entries keep piling up and compactions start.
        var checkedWhileCompacting = 0
        for round in 0..<16_000 {
            for k in 0..<(round < 1_000 ? 3 : 1) {
                let id = "p\(round)-\(k)"
                let signature = signature(text())
                index.insert(id: id, signature: signature, time: Double(round))
                held[id] = signature
                order.append(id)
            }
            for _ in 0..<(round < 1_000 ? 0 : 1) {
                let id = order.remove(at: Int(random.next() % UInt64(order.count)))
                removed[id] = held.removeValue(forKey: id)
                index.remove(id: id)
            }
            if index.isCompacting {
                checkedWhileCompacting += 1
                let id = order[Int(random.next() % UInt64(order.count))]
                #expect(index.nearDuplicates(of: held[id]!, threshold: 0.99).contains { $0.id == id }, "\(id) lost")
            }
            if round % 250 == 249 {
                for (id, signature) in held.prefix(200) {
                    #expect(index.nearDuplicates(of: signature, threshold: 0.99).contains { $0.id == id }, "\(id) lost")
                }
                for (id, signature) in removed.prefix(200) {
                    #expect(!index.nearDuplicates(of: signature, threshold: 0.99).contains { $0.id == id }, "\(id) back")
                }
            }
        }
        #expect(index.compactions >= 2, "the churn should have started compactions")
        #expect(checkedWhileCompacting > 20)
        #expect(index.count == held.count)
        for (id, signature) in held {
            #expect(index.nearDuplicates(of: signature, threshold: 0.99).contains { $0.id == id }, "\(id) lost")
        }
    }

    @Test("an empty text is held but never matched")
    func emptyTextNeverMatches() {
        var index = NearDuplicateIndex()
        let empty = signature("👍👍👍")
        index.insert(id: "thumbs", signature: empty, time: 1)
        index.insert(id: "thumbs-2", signature: empty, time: 2)
        #expect(index.count == 2)
        #expect(index.nearDuplicates(of: empty).isEmpty)
        #expect(index.evict(olderThan: 3) == 2)
    }
}
