import Foundation
import Testing

@testable import BacklashCore

/// The whole chain on the story the product exists for (DOMAIN.md, seed 003).
@Suite struct JudgementStoryTests {
    static let now = 1_750_000_000.0
    static let post = "Такси @fasttaxi списывает деньги ещё ДО поездки!!! Это вообще законно?! Позор"

    @Test("the taxi story: an influential author's furious post gets a prompt public answer, then a car and flowers")
    func taxiStory() {
        let tone = ToneAnalyzer().analyze(Self.post)
        #expect(tone.reaction == .spontaneous)
        #expect(tone.requestType == .problem)

        let influence = InfluenceScorer(vipHandles: ["@marina_k": "high position"]).score(
            AuthorProfile(
                handle: "@marina_k", followers: 48_000, following: 900, accountCreatedAt: Self.now - 2_000 * 86_400,
                now: Self.now, likes: 9_000, reposts: 1_200, replies: 800, postsObserved: 30))
        #expect(influence.isOpinionLeader)
        #expect(influence.reasons.contains("VIP: high position"))

        let portrait = PortraitClassifier().classify(
            tone: tone, influence: influence, text: Self.post, priorComplaints: 0)
        #expect(portrait.portrait == .highRoller)

        let advice = Playbook.recommend(
            portrait: portrait.portrait, tone: tone, influence: influence, coordinated: false, ourFault: true)
        #expect(advice.responseMode == .publicThenPrivate)
        #expect(advice.gesture.level == .premium)
        #expect(advice.gesture.examples.contains("business-class car"))
        #expect(advice.steps[2].contains("apologise twice"))
    }

    @Test("analyses, assessments and recommendations survive a JSON round trip")
    func codableRoundTrip() throws {
        let tone = ToneAnalyzer().analyze(Self.post)
        let influence = InfluenceScorer().score(AuthorProfile(followers: 120_000, verified: true, now: Self.now))
        let portrait = PortraitClassifier().classify(tone: tone, influence: influence, text: Self.post)
        let advice = Playbook.recommend(portrait: portrait.portrait, tone: tone, influence: influence)
        let encoder = JSONEncoder()
        let decoder = JSONDecoder()
        #expect(try decoder.decode(ToneAnalysis.self, from: encoder.encode(tone)) == tone)
        #expect(try decoder.decode(InfluenceScore.self, from: encoder.encode(influence)) == influence)
        #expect(try decoder.decode(PortraitAssessment.self, from: encoder.encode(portrait)) == portrait)
        #expect(try decoder.decode(PlaybookRecommendation.self, from: encoder.encode(advice)) == advice)
        let json = String(decoding: try encoder.encode(advice), as: UTF8.self)
        #expect(json.contains("\"high-roller\""))
        #expect(json.contains("\"public-then-private\""))
    }
}
