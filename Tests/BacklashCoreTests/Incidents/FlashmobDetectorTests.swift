import Testing

@testable import BacklashCore

@Suite("flashmob detection: grouping and scoring")
struct FlashmobDetectorTests {
    static let t0 = RFC3339.parse("2026-11-28T08:00:00Z")!

    static func post(
        _ id: String, _ text: String, at minutes: Double, followers: Int64 = 150, author: String? = nil,
        repostOf: String? = nil, replyTo: String? = nil, quoteOf: String? = nil, created: Double? = nil
    ) -> Post {
        Post(platform: "twitter", id: id,
            author: Author(id: author ?? "a-\(id)", handle: "@" + (author ?? "a\(id)"), followers: followers,
                createdAt: created ?? t0 - 3 * 365 * 86_400),
            text: text, createdAt: t0 + minutes * 60, replyTo: replyTo, repostOf: repostOf, quoteOf: quoteOf)
    }

    static let anna = NamedPerson(id: "anna", name: "Анна Петрова", aliases: ["@apetrova", "Anna Petrova"])

    @Test("the taxi story: an influential angry post opens an incident at once, and the named manager is recognised")
    func taxiStory() {
        var d = FlashmobDetector(people: [Self.anna])
        let root = Self.post("root", "Такси списало с моей карты деньги ещё ДО поездки!!! Это вообще законно???",
            at: 0, followers: 120_000, author: "olga")
        var out = d.ingest([root], now: root.createdAt)
        let opened = try! #require(out.events.first { $0.kind == .incidentOpened })
        #expect(opened.incident == "1")
        #expect(opened.details["root"] == "twitter:root")
        let severity = Severity(name: opened.details["severity"]?.stringValue ?? "")!
        #expect(severity >= .medium, "an angry post by a 120k author must page: \(opened.message)")
        let reasons = opened.details["reasons"].map { JSONWriter().string($0) } ?? ""
        #expect(reasons.contains("120k followers"), "\(reasons)")

        var batch: [Post] = []
        for i in 0..<20 {
            batch.append(Self.post("rt\(i)", "RT", at: 2 + Double(i), repostOf: "root"))
        }
        batch.append(Self.post("c1", "Требуем ответа от Анны Петровой лично!", at: 25, replyTo: "root"))
        out = d.ingest(batch, now: Self.t0 + 25 * 60)
        let named = try! #require(out.events.first { $0.kind == .managerNamed })
        #expect(named.details["manager"] == "anna")
        #expect(named.details["posts"] == .array(["twitter:c1"]))
        #expect(out.assignments.count == 21, "every new post of the incident is assigned to it")
        #expect(out.incidents[1]?.reshares == 20)
    }

    @Test("one calm complaint from a small account and a thank-you open nothing")
    func backgroundIsQuiet() {
        var d = FlashmobDetector()
        let out = d.ingest([
            Self.post("p1", "Здравствуйте, заказ №4711 привезли с опозданием на 20 минут.", at: 0, followers: 90),
            Self.post("p2", "Спасибо, водитель приехал быстро, всё отлично!", at: 1, followers: 300),
        ], now: Self.t0 + 60)
        #expect(out.events.isEmpty, "\(out.events.map(\.message))")
    }

    @Test("a repost that arrives before its root joins the root's incident once the root comes")
    func childBeforeParent() {
        var d = FlashmobDetector()
        _ = d.ingest([Self.post("rt1", "RT", at: 1, repostOf: "root"), Self.post("rt2", "RT", at: 2, repostOf: "root")],
            now: Self.t0 + 120)
        let out = d.ingest([Self.post("root", "Сервис ужасный, деньги списали дважды!!! Верните!!!", at: 0,
            followers: 50_000)], now: Self.t0 + 180)
        let opened = try! #require(out.events.first { $0.kind == .incidentOpened })
        #expect(opened.details["root"] == "twitter:root")
        #expect(opened.details["posts"] == 3)
        #expect(Set(out.assignments.map(\.post.id)) == ["root", "rt1", "rt2"])
    }

    @Test("copies of one text from many accounts form one group, and young empty accounts are flagged as coordinated")
    func copyPasteCampaign() {
        var d = FlashmobDetector()
        let text = "Компания X обманывает клиентов и ворует деньги с карт, не пользуйтесь их услугами никогда"
        var posts: [Post] = []
        for i in 0..<12 {
            posts.append(Self.post("bot\(i)", text + (i % 2 == 0 ? "!" : " !!"), at: Double(i), followers: 3,
                author: "bot\(i)", created: Self.t0 - 2 * 86_400))
        }
        let out = d.ingest(posts, now: Self.t0 + 12 * 60)
        #expect(out.events.filter { $0.kind == .incidentOpened }.count == 1)
        #expect(out.events.contains { $0.kind == .incidentCoordinated })
        #expect(out.incidents.values.first?.posts == 12)
    }

    @Test("a flashmob of 10,000 pasted copies keeps a bounded cascade table and still counts every post and repost")
    func foldsQuietCascades() throws {
        var d = FlashmobDetector()
        let text = "Такси списало рубль с карты ещё до поездки, верните деньги и объясните, что происходит!"
        var reach = 0.0
        for batch in 0..<20 {
            var posts: [Post] = []
            for i in (batch * 500)..<((batch + 1) * 500) {
                let minute = Double(i) / 1000
                posts.append(Self.post("p\(i)", text, at: minute, followers: 200))
                posts.append(Self.post("p\(i)-r1", "RT", at: minute + 0.5, followers: 100, repostOf: "p\(i)"))
                posts.append(Self.post("p\(i)-r2", "RT", at: minute + 0.7, followers: 100, repostOf: "p\(i)"))
            }
            let out = d.ingest(posts, now: Self.t0 + Double(batch + 1) * 30)
            if let a = out.incidents.values.first { reach = a.reach }
        }
        #expect(d.groups.count == 1, "all copies are one grievance")
        let group = try #require(d.groups.values.first)
        #expect(group.cascades.count <= DetectionGroup.maximumTrackedCascades)
        #expect(group.cascades.count + group.folded.count == 10_000)
        #expect(group.postCount == 30_000)
        #expect(group.reshareCount == 20_000)
        #expect(reach >= group.audience, "reach \(reach) must include the audience seen, \(group.audience)")

        // A repost of an early, folded copy is still counted as a reshare of the same grievance.
        let late = Self.post("late-r", "RT", at: 12, followers: 5000, repostOf: "p1")
        _ = d.ingest([late], now: Self.t0 + 12 * 60)
        let after = try #require(d.groups.values.first)
        #expect(after.reshareCount == 20_001)
        #expect(after.folded[PostTag(PostKey(platform: "twitter", id: "p1"))] != nil)
    }

    @Test("the same complaint trickling in all day stays separate; pasted in a burst it is one storm")
    func copiesJoinOnlyInBursts() {
        var d = FlashmobDetector()
        let text = "Водитель опоздал на 15 минут и нагрубил, очень неприятно."
        let trickle = (0..<6).map { Self.post("slow\($0)", text, at: Double($0) * 45) }
        for p in trickle { _ = d.ingest([p], now: p.createdAt) }
        #expect(d.groups.count == 6, "copies 45 minutes apart are unrelated customers, not one growing storm")

        var burst = FlashmobDetector()
        let pasted = (0..<6).map { Self.post("fast\($0)", text, at: Double($0) * 2) }
        for p in pasted { _ = burst.ingest([p], now: p.createdAt) }
        #expect(burst.groups.count == 1, "copies 2 minutes apart are one flashmob")
    }

    @Test("a steady stream of distinct complaints keeps memory bounded; a late reshare of a forgotten post revives it")
    func forgetsQuietGroupsAndRevives() throws {
        var d = FlashmobDetector()
        var generator = SeededRandom(seed: 7)
        let vocabulary = (0..<2000).map { "слово\($0)" }
        let total = (FlashmobDetector.maximumQuietGroups + 5000) * 3 / 2  // a third are replies
        var batch: [Post] = []
        var mostHeld = 0
        for i in 0..<total {
            let words = (0..<10).map { _ in vocabulary[Int(generator.next() % 2000)] }.joined(separator: " ")
            // Every third post answers the one before it: parent links must go with their forgotten groups too.
            let replyTo = i % 3 == 2 ? "d\(i - 1)" : nil
            batch.append(Self.post("d\(i)", "Ужасный сервис!!! " + words, at: Double(i) / 60, followers: 300,
                replyTo: replyTo))
            if batch.count == 500 {
                _ = d.ingest(batch, now: batch.last!.createdAt)
                mostHeld = max(mostHeld, d.groups.count)
                batch = []
            }
        }
        // Forgetting is incremental: never above the limit after a batch, and nothing else grows without it.
        #expect(mostHeld <= FlashmobDetector.maximumQuietGroups, "groups held: \(mostHeld)")
        let limit = FlashmobDetector.maximumQuietGroups
        #expect(d.groupOfText.count <= limit && d.nearDuplicates.count <= limit, "\(d.groupOfText.count) texts")
        #expect(d.groupOfExactText.count <= limit, "\(d.groupOfExactText.count) exact texts")
        #expect(d.groupOfRoot.count <= limit, "\(d.groupOfRoot.count) roots")
        let dangling = d.parentOf.values.filter { d.groupOfRoot[$0].flatMap(d.resolve) == nil }.count
        #expect(dangling == 0, "\(dangling) of \(d.parentOf.count) parent links lead to forgotten groups")
        let queued = d.chatterQueue.pending + d.grievanceQueue.pending
        #expect(queued <= 2 * (2 * d.groups.count + 4096), "\(queued) touches queued")
        #expect(!d.dormant.isEmpty)
        let forgotten = try #require(d.dormant.keys.first)
        let key = try #require(d.dormant[forgotten]?.key)

        let late = Self.post("late", "RT", at: Double(total) / 60 + 5, followers: 50_000, repostOf: key.id)
        _ = d.ingest([late], now: late.createdAt)
        let revived = try #require(d.groups.values.first { $0.rootKey == key })
        #expect(revived.postCount == 2, "the root (as remembered) and its reshare")
        #expect(revived.reshareCount == 1)
        #expect(revived.isGrievance, "the remembered root keeps its tone: still a complaint")
        #expect(d.dormant[forgotten] == nil)
    }

    @Test("under a flood of chatter the complaints' groups are forgotten last")
    func chatterIsForgottenBeforeGrievances() throws {
        var d = FlashmobDetector()
        var generator = SeededRandom(seed: 9)
        let vocabulary = (0..<2000).map { "слово\($0)" }
        func words() -> String { (0..<10).map { _ in vocabulary[Int(generator.next() % 2000)] }.joined(separator: " ") }
        let complaints = (0..<200).map { Self.post("c\($0)", "Ужасный сервис!!! " + words(), at: Double($0) / 60) }
        _ = d.ingest(complaints, now: complaints.last!.createdAt)
        #expect(d.groups.values.allSatisfy { $0.incidentID == nil }, "mild complaints stay below the bar")
        var batch: [Post] = []
        let chatter = FlashmobDetector.maximumQuietGroups + 5000
        for i in 0..<chatter {
            batch.append(Self.post("t\(i)", "Спасибо, всё отлично! " + words(), at: 4 + Double(i) / 60))
            if batch.count == 500 {
                _ = d.ingest(batch, now: batch.last!.createdAt)
                batch = []
            }
        }
        let held = complaints.filter { d.groupOfRoot[PostTag($0.key)].flatMap(d.resolve) != nil }.count
        #expect(held == complaints.count, "complaint groups held: \(held) of \(complaints.count)")
        #expect(d.dormant[PostTag(PostKey(platform: "twitter", id: "t0"))] != nil, "the oldest chatter was forgotten")
        #expect(d.groups.count <= FlashmobDetector.maximumQuietGroups)
    }

    @Test("a root that arrives after its replies brings its own tone: the group is judged by the root's words")
    func lateRootBringsItsTone() throws {
        var d = FlashmobDetector()
        let reply = Self.post("r1", "Спасибо, что рассказали, подписался", at: 0, replyTo: "root")
        _ = d.ingest([reply], now: reply.createdAt)
        let rootText = "Водитель нахамил и выкинул меня на трассе ночью!!! Позор, больше никогда!!!"
        let root = Self.post("root", rootText, at: -5, followers: 40_000)
        _ = d.ingest([root], now: reply.createdAt + 60)
        let group = try #require(d.groups.values.first { $0.rootKey == root.key })
        #expect(group.rootText == rootText)
        #expect(group.rootTone.valence == ToneAnalyzer().analyze(rootText).valence)
        #expect(group.rootTone.valence < 0, "the root's anger, not the reply's thanks")
    }

    @Test("reposts of posts never seen pile into one group of chatter without growing it past its bounds")
    func repostsOfUnseenPostsStayBounded() {
        var d = FlashmobDetector()
        var batch: [Post] = []
        let total = DetectionGroup.maximumFoldedCascades + DetectionGroup.maximumTrackedCascades + 10_000
        for i in 0..<total {
            // The same words each time (an exact copy), each a repost of a different post the detector never saw.
            batch.append(Self.post("rp\(i)", "Очень круто, согласен полностью, молодцы ребята", at: Double(i) / 600,
                repostOf: "unseen\(i)"))
            if batch.count == 1000 {
                _ = d.ingest(batch, now: batch.last!.createdAt)
                batch = []
            }
        }
        let biggest = d.groups.values.max { $0.postCount < $1.postCount }
        #expect((biggest?.postCount ?? 0) > total / 2, "the copies form one group")
        #expect((biggest?.cascades.count ?? .max) <= DetectionGroup.maximumTrackedCascades)
        #expect((biggest?.folded.count ?? .max) <= DetectionGroup.maximumFoldedCascades)
        #expect(d.groupOfRoot.count <= DetectionGroup.maximumTrackedCascades + DetectionGroup.maximumFoldedCascades + 1000,
            "\(d.groupOfRoot.count) root lookups")
    }

    @Test("bare reposts of a thank-you post are not a complaint and open nothing")
    func bareRepostsOfPraise() {
        var d = FlashmobDetector()
        let thanks = Self.post("thanks", "Спасибо водителю, доехали быстро и с комфортом!", at: 0, followers: 90_000)
        var posts = [thanks]
        for i in 0..<40 { posts.append(Self.post("rt\(i)", "RT", at: 1 + Double(i) / 10, followers: 2000, repostOf: "thanks")) }
        let out = d.ingest(posts, now: thanks.createdAt + 600)
        #expect(!out.events.contains { $0.kind == .incidentOpened }, "\(out.events.map(\.message))")
    }
}
