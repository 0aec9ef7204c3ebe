/// Decides which portrait fits a post's author from the post's tone, the author's influence and history,
/// and phrases in the text.
public struct PortraitClassifier: Sendable {
    /// The words used to find laughter, insults and politeness.
    public var lexicon: ToneLexicon
    /// Earlier complaints from which an author counts as a chronic complainer.
    public var chronicComplaints: Int = 3
    /// Scores below this do not name a portrait; the author is then ordinary.
    public var threshold: Double = 0.5

    let cues = Cues()

    /// Creates a classifier with the built-in lexicon or another one.
    public init(lexicon: ToneLexicon = .standard) {
        self.lexicon = lexicon
    }

    /// One portrait's score and what points to it.
    struct Candidate {
        var portrait: Portrait
        var score: Double
        var evidence: [String]
    }

    /// Classifies the author of one post.
    public func classify(
        tone: ToneAnalysis, influence: InfluenceScore, text: String, priorComplaints: Int = 0
    ) -> PortraitAssessment {
        let tokens = lexicon.tokens(of: text)
        func quote(_ match: ClosedRange<Int>) -> String {
            let range = tokens[match.lowerBound].range.lowerBound..<tokens[match.upperBound].range.upperBound
            return "'" + String(text.unicodeScalars[range]) + "'"
        }
        func firstQuote(_ phrases: [ToneLexicon.Phrase]) -> String? {
            for phrase in phrases {
                if let match = phrase.firstMatch(in: tokens) { return quote(match) }
            }
            return nil
        }
        func quotes(where role: ToneLexicon.Role) -> [String] {
            tokens.indices.filter { tokens[$0].roles.contains(role) }.map { quote($0...$0) }
        }

        var candidates: [Candidate] = []

        // Killer: wants to hurt the brand.
        let threats = cues.killer.compactMap { $0.firstMatch(in: tokens).map(quote) }
        if !threats.isEmpty {
            candidates.append(
                Candidate(
                    portrait: .killer, score: min(0.9, 0.7 + 0.1 * Double(threats.count - 1)),
                    evidence: ["threatens the brand: " + threats.prefix(3).joined(separator: ", ")]))
        }

        // Troll: laughs, insults, provokes; little reach and no facts.
        let laughter = quotes(where: .laughter)
        let mockingEmoji = text.unicodeScalars.filter { Cues.mockingEmoji.contains($0.value) }.count
        let insults = quotes(where: .insult)
        let provocation = firstQuote(cues.provocation)
        let mockery = laughter.count + mockingEmoji
        if mockery > 0 || !insults.isEmpty || provocation != nil {
            var score = 0.3 + 0.15 * Double(min(mockery, 2)) + 0.15 * Double(min(insults.count, 2))
            var evidence: [String] = []
            if mockery > 0 {
                let emoji = mockingEmoji > 0 ? ["laughing emoji"] : []
                evidence.append("mocking: " + (laughter.prefix(2) + emoji).joined(separator: ", "))
            }
            if !insults.isEmpty { evidence.append("insults: " + insults.prefix(2).joined(separator: ", ")) }
            if let provocation {
                score += 0.15
                evidence.append("provocation: \(provocation)")
            }
            if influence.isLowReach {
                score += 0.2
                evidence.append("little reach: " + influence.reasons.prefix(2).joined(separator: ", "))
            } else if influence.isOpinionLeader {
                score -= 0.4
            }
            if tone.facts.orderNumbers > 0 || tone.factuality >= 0.5 {
                score -= 0.3
                evidence.append("but gives facts, as a real customer would")
            }
            if mockery == 0 { score -= 0.15 }
            candidates.append(Candidate(portrait: .troll, score: min(0.95, score), evidence: evidence))
        }

        // High-roller: an opinion leader.
        if influence.isOpinionLeader {
            let strength = min(1, max(0, (influence.value - InfluenceScore.opinionLeaderThreshold) / 0.4))
            let score = influence.vipNote != nil ? max(0.8, 0.7 + 0.3 * strength) : 0.7 + 0.3 * strength
            let reasons = influence.reasons.prefix(3).joined(separator: ", ")
            candidates.append(
                Candidate(
                    portrait: .highRoller, score: score,
                    evidence: ["opinion leader: influence \(Self.twoDecimals(influence.value)) (\(reasons))"]))
        }

        // Aggressive: profanity, or insults thrown in anger.
        if tone.profane || (!insults.isEmpty && mockery == 0 && tone.emotionality >= 0.7) {
            var evidence =
                tone.profane ? ["profanity"] : ["insults in anger: " + insults.prefix(2).joined(separator: ", ")]
            if tone.emotionality >= 0.7 { evidence.append("emotionality \(Self.twoDecimals(tone.emotionality))") }
            let score = (tone.profane ? 0.75 : 0.6) + (tone.emotionality >= 0.7 ? 0.1 : 0)
            candidates.append(Candidate(portrait: .aggressive, score: score, evidence: evidence))
        }

        // Rip-off: asks for compensation more than for a fix.
        let bonus = cues.bonus.compactMap { $0.firstMatch(in: tokens).map(quote) }
        let demand = firstQuote(cues.demand)
        let request = firstQuote(cues.bonusRequest)
        if !bonus.isEmpty || request != nil {
            var score = 0.35
            if request != nil || (demand != nil && !bonus.isEmpty) {
                score = 0.75
            } else if bonus.count >= 2 {
                score = 0.6
            }
            let asked = ([request, demand].compactMap { $0 } + bonus).prefix(3).joined(separator: ", ")
            candidates.append(
                Candidate(portrait: .ripOff, score: score, evidence: ["asks for compensation: \(asked)"]))
        }

        // Chronic: complains again and again.
        let repetition = firstQuote(cues.repetition)
        if priorComplaints >= chronicComplaints || repetition != nil {
            var score = priorComplaints >= chronicComplaints
                ? min(0.9, 0.6 + 0.05 * Double(priorComplaints - chronicComplaints)) : 0.3
            var evidence: [String] = []
            if priorComplaints > 0 {
                evidence.append(priorComplaints == 1 ? "1 earlier complaint" : "\(priorComplaints) earlier complaints")
            }
            if let repetition {
                score += 0.1
                evidence.append("says it happens again: \(repetition)")
            }
            candidates.append(Candidate(portrait: .chronic, score: min(0.9, score), evidence: evidence))
        }

        // Heavy client: long-time or big-spending.
        if let history = firstQuote(cues.heavyClient) {
            candidates.append(
                Candidate(portrait: .heavyClient, score: 0.7, evidence: ["long-time or big client: \(history)"]))
        }

        // Meek: calm, polite, first complaint.
        let polite = tone.facts.greeting || tokens.contains { !$0.roles.isDisjoint(with: [.politeness, .please]) }
        if priorComplaints == 0 && !tone.profane && tone.emotionality < 0.4 && polite && insults.isEmpty
            && mockery == 0
        {
            let score = tone.reaction == .weighed ? 0.6 : 0.55
            candidates.append(
                Candidate(portrait: .meek, score: score, evidence: ["calm and polite, no earlier complaints"]))
        }

        return Self.decide(candidates, threshold: threshold)
    }

    /// Order of preference when two portraits score the same.
    static let priority: [Portrait] = [
        .killer, .troll, .highRoller, .aggressive, .ripOff, .chronic, .heavyClient, .meek, .ordinary,
    ]

    static func decide(_ candidates: [Candidate], threshold: Double) -> PortraitAssessment {
        let ranked = candidates.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            return priority.firstIndex(of: $0.portrait)! < priority.firstIndex(of: $1.portrait)!
        }
        let hints = ranked.filter { $0.score >= 0.3 }.flatMap(\.evidence)
        guard let best = ranked.first, best.score >= threshold else {
            let strongest = ranked.first?.score ?? 0
            let evidence = hints.isEmpty ? ["no sign of a special portrait"] : ["weak signs only"] + hints
            return PortraitAssessment(portrait: .ordinary, confidence: max(0.5, 1 - strongest), evidence: evidence)
        }
        let others = ranked.dropFirst().filter { $0.score >= threshold }
        let evidence = best.evidence + others.flatMap { candidate in
            candidate.evidence.map { "also \(candidate.portrait.rawValue): \($0)" }
        }
        return PortraitAssessment(
            portrait: best.portrait, confidence: best.score, evidence: evidence, alsoFits: others.map(\.portrait))
    }

    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
