import ArgumentParser
import BacklashCore
import Foundation

/// Posts per second on one core for the per-post judgement (tone + influence + forecast update),
/// beside the cost of merely decoding the same posts from JSON (the peer in the same run).
struct ScoringThroughput: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoring",
        abstract: "Per-post scoring throughput (tone + influence + forecast update) vs JSON decoding of the same posts.")

    @Option(help: "Posts to score.") var posts = 200_000

    func run() {
        let texts = [
            "это какой-то капец!!!!! Все плохо. Как так-то???? Такси списало рубль ещё до поездки",
            "Здравствуйте, вчера заказ №4711 на 350 руб. привезли холодным, прошу вернуть деньги",
            "Please add dark mode to the app, it would be great",
            "WORST SERVICE EVER!!! they charged me before the ride, never again @taxi",
            "Спасибо, водитель приехал быстро, всё отлично",
            "Why was 1 rouble taken from my card before the order? Is this a scam?",
        ]
        var lines: [String] = []
        lines.reserveCapacity(posts)
        for i in 0..<posts {
            let text = texts[i % texts.count]
            let followers = (i * 7919) % 200_000
            let parent = i % 10 == 0 ? "" : #","repost_of":"\#(i - i % 10)""#
            lines.append(#"{"platform":"twitter","id":"\#(i)","author":{"id":"u\#(i % 5000)","followers":\#(followers),"verified":\#(i % 97 == 0)},"text":"\#(text)","created_at":"2026-11-28T09:\#(String(format: "%02d", (i / 1000) % 60)):00Z"\#(parent)}"#)
        }
        let decoder = PostDecoder()
        var decoded: [Post] = []
        decoded.reserveCapacity(posts)
        let t0 = Date()
        for line in lines {
            if case .success(let p) = decoder.decode(line) { decoded.append(p) }
        }
        let decodeSeconds = Date().timeIntervalSince(t0)

        let tone = ToneAnalyzer()
        let influence = InfluenceScorer(vipHandles: [:])
        var trackers: [String: CascadeTracker] = [:]
        var checksum = 0.0
        let t1 = Date()
        for post in decoded {
            let analysis = tone.analyze(post.text)
            let score = influence.score(AuthorProfile(
                followers: Int(post.author.followers ?? 0), verified: post.author.verified ?? false, now: post.createdAt))
            let root = post.repostOf ?? post.id
            if post.repostOf == nil {
                trackers[root] = CascadeTracker(rootFollowers: Double(post.author.followers ?? 0))
            } else {
                trackers[root]?.addShare(at: Double(Int(post.id)! % 10) * 60, followers: Double(post.author.followers ?? 0))
            }
            checksum += analysis.emotionality + score.value
        }
        let scoreSeconds = Date().timeIntervalSince(t1)
        let rate = Double(decoded.count) / scoreSeconds
        let decodeRate = Double(decoded.count) / decodeSeconds
        print("posts: \(decoded.count) (\(trackers.count) cascades), one thread")
        print(String(format: "scoring (tone + influence + forecast update): %9.0f posts/s", rate))
        print(String(format: "peer: JSON decode of the same posts:          %9.0f posts/s", decodeRate))
        print(String(format: "ratio scoring/decode: %.2f   (target: >= 200000 posts/s scoring)", rate / decodeRate))
        print(String(format: "checksum %.3f", checksum))
    }
}
