import Foundation

@testable import BacklashCore

/// A reproducible random source (SplitMix64) so generated clusters are the same in every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generated cluster and whether it was generated as a coordinated campaign.
struct SyntheticCluster {
    var posts: [CoordinationDetector.ClusterPost]
    var coordinated: Bool
}

/// Generates near-duplicate clusters: bot campaigns (young, low-follower accounts posting one text in a burst) and
/// organic flashmobs (real accounts copying or quoting an influencer's post over an hour or so), with hard cases on
/// both sides: campaigns diluted with aged accounts, organic storms that spread fast.
struct CoordinationClusterGenerator {
    static let day = 86_400.0
    static let vocabulary = """
        такси деньги карта поездка водитель поддержка списали заранее рубль заказ приложение ответ соглашение \
        клиент машина утро вечер опоздал грубил жалоба скидка купон возврат банк счет час минута сервис компания \
        менеджер отвечать объяснить вернуть почему опять снова никогда всегда просто очень вообще сегодня вчера \
        город улица дом работа встреча аэропорт вокзал дождь пробка цена тариф комиссия подписка уведомление \
        смс звонок оператор чат бот скрипт шаблон вежливо грубо честно обман безобразие позор кошмар ужас \
        спасибо пожалуйста извините друзья подписчики репост читайте смотрите делитесь знаете думаю считаю
        """.split(separator: " ").map(String.init)

    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func words(_ count: Int) -> [String] {
        (0..<count).map { _ in Self.vocabulary.randomElement(using: &random)! }
    }

    mutating func decorated(_ words: [String]) -> String {
        var text = words.joined(separator: " ")
        if Bool.random(using: &random) { text = "@user\(Int.random(in: 1...9_999, using: &random)) " + text }
        if Bool.random(using: &random) { text += " 😡🔥" }
        return text
    }

    mutating func substituted(_ words: [String], changes: Int) -> [String] {
        var copy = words
        for _ in 0..<changes {
            copy[Int.random(in: 0..<copy.count, using: &random)] = Self.vocabulary.randomElement(using: &random)!
        }
        return copy
    }

    /// 0 changed words most of the time, 1 often, 2 rarely: bots paste, people paste.
    mutating func copyChanges() -> Int {
        let roll = Int.random(in: 0..<10, using: &random)
        return roll < 6 ? 0 : roll < 9 ? 1 : 2
    }

    mutating func campaign(start: Double, id: Int) -> SyntheticCluster {
        let base = words(Int.random(in: 30...50, using: &random))
        let accounts = Int.random(in: 5...16, using: &random)
        let span = Double.random(in: 2...25, using: &random) * 60
        let botShare = Double.random(in: 0.7...1, using: &random)
        var posts: [CoordinationDetector.ClusterPost] = []
        for account in 0..<accounts {
            let time = start + (account == 0 ? 0 : Double.random(in: 0...span, using: &random))
            let traits: AccountTraits
            if Double.random(in: 0..<1, using: &random) < botShare {
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<6:
                    traits = AccountTraits(
                        followers: Int64.random(in: 0...40, using: &random),
                        following: Int64.random(in: 100...900, using: &random),
                        accountCreatedAt: time - Double.random(in: 0.5...25, using: &random) * Self.day)
                case 6..<8:
                    traits = AccountTraits(
                        followers: Int64.random(in: 50...150, using: &random),
                        accountCreatedAt: time - Double.random(in: 1...28, using: &random) * Self.day)
                default:
                    traits = AccountTraits(
                        followers: Int64.random(in: 0...45, using: &random),
                        accountCreatedAt: time - Double.random(in: 40...400, using: &random) * Self.day)
                }
            } else {
                traits = agedAccount(at: time)
            }
            let text = decorated(substituted(base, changes: copyChanges()))
            posts.append(
                CoordinationDetector.ClusterPost(
                    accountID: "campaign\(id)-\(account)", traits: traits, time: time,
                    signature: MinHashSignature(text: text)))
        }
        return SyntheticCluster(posts: posts.shuffled(using: &random), coordinated: true)
    }

    mutating func organic(start: Double, id: Int) -> SyntheticCluster {
        let base = words(Int.random(in: 30...50, using: &random))
        let accounts = Int.random(in: 5...40, using: &random)
        let fast = Int.random(in: 0..<10, using: &random) == 0
        let span = (fast ? Double.random(in: 8...20, using: &random) : Double.random(in: 20...120, using: &random)) * 60
        var posts: [CoordinationDetector.ClusterPost] = []
        for account in 0..<accounts {
            let time = start + (account == 0 ? 0 : span * Double.random(in: 0...1, using: &random).squareRoot())
            var traits = agedAccount(at: time)
            let roll = Int.random(in: 0..<100, using: &random)
            if roll < 8 {
                traits.accountCreatedAt = time - Double.random(in: 1...29, using: &random) * Self.day
            } else if roll < 30 {
                traits.followers = Int64.random(in: 3...49, using: &random)
            } else if roll < 33 {
                traits.verified = true
            }
            let text: String
            if account == 0 || Int.random(in: 0..<10, using: &random) < 4 {
                text = decorated(substituted(base, changes: copyChanges()))
            } else {
                let own = words(Int.random(in: 6...25, using: &random))
                let quoted = base.prefix(Int.random(in: (base.count / 2)...base.count, using: &random))
                text = decorated(own + quoted)
            }
            posts.append(
                CoordinationDetector.ClusterPost(
                    accountID: "organic\(id)-\(account)", traits: traits, time: time,
                    signature: MinHashSignature(text: text)))
        }
        return SyntheticCluster(posts: posts.shuffled(using: &random), coordinated: false)
    }

    private mutating func agedAccount(at time: Double) -> AccountTraits {
        let followers = Int64(50 * exp(Double.random(in: 0...1, using: &random) * 4.6))
        return AccountTraits(
            followers: followers, following: Int64.random(in: 20...800, using: &random),
            accountCreatedAt: time - Double.random(in: 60...3_650, using: &random) * Self.day, verified: false)
    }
}
