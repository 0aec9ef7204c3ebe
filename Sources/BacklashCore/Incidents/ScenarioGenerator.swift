import Foundation

/// Realistic, labelled post streams for `simulate`, `eval` and tests: seeded and deterministic.
///
/// Scenarios: `taxi` (seed 003: an influential customer's post about a 1-rouble hold spreads as a self-exciting
/// cascade of reposts and copies, and the crowd names the care lead), `campaign` (many near-identical texts from
/// young, empty accounts in minutes), `background` (a day of ordinary complaints, questions and thanks), and
/// `mixed` (all three in one day). Every post carries a `label` object with the truth.
public struct ScenarioGenerator: Sendable {
    /// The scenario names.
    public static let scenarios = ["taxi", "campaign", "background", "mixed"]

    public var seed: UInt64
    /// The scenario's start (posts' created_at are after it).
    public var start: Double
    /// The manager the taxi crowd names.
    public var namedManager = (id: "anna", forms: ["Анна Петрова", "Анну Петрову", "Анне Петровой", "@apetrova"])

    /// Creates a generator.
    public init(seed: UInt64 = 1, start: Double = 1_795_849_200) {
        self.seed = seed
        self.start = start
    }

    /// The posts of a scenario, in time order, or nil for an unknown name.
    public func posts(_ scenario: String) -> [Post]? {
        var rng = SeededRandom(seed: seed)
        var posts: [Post]
        switch scenario {
        case "taxi": posts = taxi(&rng, at: start + 600) + background(&rng, hours: 3, perHour: 20)
        case "campaign": posts = campaign(&rng, at: start + 900) + background(&rng, hours: 3, perHour: 20)
        case "background": posts = background(&rng, hours: 24, perHour: 25)
        case "mixed":
            posts = taxi(&rng, at: start + 3 * 3600) + campaign(&rng, at: start + 14 * 3600)
                + background(&rng, hours: 24, perHour: 25)
        default: return nil
        }
        return posts.sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    static let complaintsRU = [
        "Здравствуйте, заказ №%d привезли с опозданием на 40 минут, еда холодная.",
        "Третий день жду возврат %d руб., поддержка молчит.",
        "Водитель опоздал на 15 минут и нагрубил, очень неприятно.",
        "Почему приложение снова не принимает карту? Уже второй раз за неделю.",
        "капец!!!!! опять списали деньги дважды, как так-то????",
    ]
    static let complaintsEN = [
        "Order #%d arrived 40 minutes late and cold. Not happy.",
        "Still waiting for my refund of $%d, support is silent.",
        "Why does the app keep rejecting my card? Second time this week.",
    ]
    static let neutral = [
        "Спасибо, водитель приехал быстро, всё отлично!", "Было бы здорово добавить тёмную тему в приложение.",
        "Thanks, great service today!", "Please add dark mode to the app.", "Подскажите, как изменить адрес доставки?",
    ]

    func author(_ rng: inout SeededRandom, id: String, followers: Int64, ageDays: Double) -> Author {
        Author(id: id, handle: "@" + id, name: nil, followers: followers, following: Int64(rng.below(400) + 20),
            verified: false, createdAt: start - ageDays * 86_400)
    }

    func label(_ scenario: String, role: String, cascade: String? = nil, finalReshares: Int? = nil,
        incident: String? = nil, coordinated: Bool = false) -> JSONObject
    {
        var l = JSONObject(pairs: ["scenario": .string(scenario), "role": .string(role), "coordinated": .bool(coordinated)])
        if let cascade { l["cascade"] = .string(cascade) }
        if let finalReshares { l["final_reshares"] = JSONValue(finalReshares) }
        l["incident"] = incident.map { .string($0) } ?? .null
        return l
    }

    func make(_ id: String, _ author: Author, _ text: String, at t: Double, repostOf: String? = nil,
        replyTo: String? = nil, label: JSONObject, lang: String = "ru") -> Post
    {
        var raw = JSONObject(pairs: [
            "platform": "twitter", "id": .string(id), "text": .string(text), "created_at": .string(RFC3339.format(t)),
            "lang": .string(lang),
        ])
        var a = JSONObject(pairs: ["id": .string(author.id)])
        if let h = author.handle { a["handle"] = .string(h) }
        if let f = author.followers { a["followers"] = JSONValue(Int(f)) }
        if let f = author.following { a["following"] = JSONValue(Int(f)) }
        if let c = author.createdAt { a["created_at"] = .string(RFC3339.format(c)) }
        raw["author"] = .object(a)
        if let repostOf { raw["repost_of"] = .string(repostOf) }
        if let replyTo { raw["reply_to"] = .string(replyTo) }
        raw["label"] = .object(label)
        return Post(platform: "twitter", id: id, author: author, text: text, createdAt: t, replyTo: replyTo,
            repostOf: repostOf, channel: .post, lang: lang, raw: raw)
    }

    /// Seed 003: the 1-rouble hold; reposts follow the SEISMIC kernel, copies and comments name the care lead.
    func taxi(_ rng: inout SeededRandom, at t0: Double) -> [Post] {
        var world = CascadeSimulator.Configuration()
        world.branchingFactors = 0.6...0.7
        world.rootMedianFollowers = 120_000
        world.rootFollowersLogSD = 0
        world.meanFollowers = 150
        world.horizon = 2 * 86_400
        world.maximumReshares = 3000
        let cascade = CascadeSimulator(configuration: world, seed: seed &+ 3).cascade(0)
        let rootID = "taxi-root"
        let key = "twitter:" + rootID
        let truth = cascade.reshares.count
        var posts = [make(rootID, author(&rng, id: "olga_k", followers: 120_000, ageDays: 3000),
            "Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно??? Верните немедленно",
            at: t0, label: label("taxi", role: "root", cascade: key, finalReshares: truth, incident: "taxi"))]
        for (i, share) in cascade.reshares.enumerated() {
            let a = author(&rng, id: "f\(i)", followers: Int64(share.followers), ageDays: 200 + Double(rng.below(2000)))
            posts.append(make("taxi-rt\(i)", a, "RT", at: t0 + share.secondsSinceRoot, repostOf: rootID,
                label: label("taxi", role: "reshare", cascade: key, finalReshares: truth, incident: "taxi")))
        }
        // Followers copy the text and demand an answer from the care lead by name, in inflected forms.
        for i in 0..<12 {
            let form = namedManager.forms[i % namedManager.forms.count]
            let t = t0 + 300 + Double(i) * 240 + Double(rng.below(120))
            let a = author(&rng, id: "c\(i)", followers: Int64(80 + rng.below(900)), ageDays: 400 + Double(rng.below(3000)))
            let text = i % 3 == 0
                ? "Такси списало деньги ещё до поездки! Требуем ответа от \(form) лично!"
                : "\(form), ответьте публично: почему вы снимаете деньги до поездки?"
            posts.append(make("taxi-c\(i)", a, text, at: t, replyTo: i % 2 == 0 ? rootID : nil,
                label: label("taxi", role: "comment", cascade: key, incident: "taxi")))
        }
        return posts
    }

    /// Black PR: one text pasted by many young accounts with almost no followers within minutes.
    func campaign(_ rng: inout SeededRandom, at t0: Double) -> [Post] {
        let text = "Компания обманывает клиентов и ворует деньги с карт, не пользуйтесь их услугами никогда, всем расскажите"
        var posts: [Post] = []
        for i in 0..<25 {
            let a = author(&rng, id: "bot\(i)", followers: Int64(rng.below(15)), ageDays: 1 + Double(rng.below(10)))
            let suffix = ["", "!", " !!", " #позор", ""][i % 5]
            posts.append(make("camp-\(i)", a, text + suffix, at: t0 + Double(i) * 25 + Double(rng.below(20)),
                label: label("campaign", role: "copy", incident: "campaign", coordinated: true)))
        }
        return posts
    }

    /// Ordinary traffic: complaints, questions, thanks, each with a few reposts at most.
    func background(_ rng: inout SeededRandom, hours: Int, perHour: Int) -> [Post] {
        var posts: [Post] = []
        let total = hours * perHour
        for i in 0..<total {
            let t = start + Double(rng.below(UInt64(hours * 3600)))
            let kind = rng.below(10)
            let english = rng.below(3) == 0
            var text: String
            if kind < 6 {
                let templates = english ? Self.complaintsEN : Self.complaintsRU
                text = templates[Int(rng.below(UInt64(templates.count)))]
                if let r = text.range(of: "%d") { text.replaceSubrange(r, with: String(1000 + rng.below(90000))) }
            } else {
                text = Self.neutral[Int(rng.below(UInt64(Self.neutral.count)))]
            }
            let followers = Int64(20 + rng.below(800))
            let id = "bg\(i)"
            let a = author(&rng, id: "user\(i)", followers: followers, ageDays: 100 + Double(rng.below(3000)))
            posts.append(make(id, a, text, at: t, label: label("background", role: "root", cascade: "twitter:" + id,
                finalReshares: 0), lang: english ? "en" : "ru"))
            let reposts = Int(rng.below(3))
            for r in 0..<reposts {
                let ra = author(&rng, id: "rp\(i)-\(r)", followers: Int64(20 + rng.below(300)), ageDays: 500)
                posts.append(make("\(id)-rt\(r)", ra, "RT", at: t + Double(60 + rng.below(3000)), repostOf: id,
                    label: label("background", role: "reshare", cascade: "twitter:" + id, finalReshares: reposts)))
            }
            if reposts > 0 {
                posts[posts.count - reposts - 1].raw["label"] = .object(label("background", role: "root",
                    cascade: "twitter:" + id, finalReshares: reposts))
            }
        }
        return posts
    }
}
