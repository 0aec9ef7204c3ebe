/// Recommends how to answer an unhappy author: the portrait playbook of DOMAIN.md, adjusted for tone,
/// influence, coordinated campaigns and whose fault it was.
public struct Playbook: Sendable {
    /// Most units an ordinary coupon may be worth (seed 003: a 100-rouble coupon would have prevented the storm).
    public var couponLimit: Int
    /// The pre-set limit for a discount seeker.
    public var ripOffLimit: Int
    /// Most units an individual gesture for a long-time client may be worth.
    public var heavyClientLimit: Int
    /// Most units a premium gesture for an opinion leader may be worth (car and flowers).
    public var premiumLimit: Int

    /// Creates a playbook with gesture limits in units.
    public init(couponLimit: Int = 100, ripOffLimit: Int = 50, heavyClientLimit: Int = 300, premiumLimit: Int = 1_000) {
        self.couponLimit = couponLimit
        self.ripOffLimit = ripOffLimit
        self.heavyClientLimit = heavyClientLimit
        self.premiumLimit = premiumLimit
    }

    /// Recommends with the default limits.
    public static func recommend(
        portrait: Portrait, tone: ToneAnalysis, influence: InfluenceScore, coordinated: Bool = false,
        ourFault: Bool? = nil
    ) -> PlaybookRecommendation {
        Playbook().recommend(
            portrait: portrait, tone: tone, influence: influence, coordinated: coordinated, ourFault: ourFault)
    }

    /// Recommends how to answer; `ourFault` is nil while nobody knows yet.
    public func recommend(
        portrait: Portrait, tone: ToneAnalysis, influence: InfluenceScore, coordinated: Bool = false,
        ourFault: Bool? = nil
    ) -> PlaybookRecommendation {
        let row = Self.row(for: portrait)
        var mode = row.mode
        var headline = row.headline
        var rationale = [row.why]
        var answerOnce = portrait == .troll
        var answerFast = false

        switch tone.reaction {
        case .spontaneous:
            rationale.append(
                "Spontaneous reaction (emotionality \(PortraitClassifier.twoDecimals(tone.emotionality))): "
                    + "let them speak first; ask for details in private messages, assuring it will be solved.")
            if mode == .answerPublicly { mode = portrait == .meek ? .publicThenPrivate : .moveToDM }
        case .weighed:
            if portrait != .troll {
                answerFast = true
                rationale.append(
                    "Weighed complaint: the speed of a concrete answer matters most; answer fast and concretely.")
            }
        }

        if influence.isOpinionLeader && portrait != .highRoller && portrait != .troll {
            if mode == .moveToDM || mode == .takeOffline { mode = .publicThenPrivate }
            answerFast = true
            let reasons = influence.reasons.prefix(2).joined(separator: ", ")
            rationale.append(
                "Influential author (\(reasons)): say publicly first that it is being solved; "
                    + "their audience is watching.")
        }

        if coordinated {
            if portrait != .troll { mode = .answerPublicly }
            answerOnce = true
            answerFast = true
            headline =
                "Coordinated campaign: state the facts once, publicly; do not feed it, and never silence or delete it."
            rationale.append(
                "Many near-identical posts from new, low-follower accounts look like a black-PR campaign: "
                    + "facts once, in public; arguing feeds it and deleting looks like hiding.")
            rationale.append("Genuine customers inside the campaign are still answered one by one.")
        }

        switch ourFault {
        case true?:
            rationale.append("Our fault: apologise twice and say what changes so it does not happen again.")
        case false?:
            rationale.append(
                "Not our fault: do not apologise for a mistake that was not made (it invites more pressure); "
                    + "show you understand and explain plainly.")
        case nil:
            rationale.append(
                "Fault not known yet: apologise for the trouble; admit a mistake only once the facts confirm it.")
        }

        let gesture = gesture(for: portrait, coordinated: coordinated, ourFault: ourFault)
        switch gesture.level {
        case .coupon, .premium:
            rationale.append(
                "Gesture up to \(gesture.maxUnits) units, always with a personal reply: "
                    + "'here is a coupon, goodbye' is worse than nothing.")
        case .attentionOnly:
            rationale.append("Attention is the gesture: often it matters more than money back or a coupon.")
        case .none:
            rationale.append("No gesture: it would reward the provocation.")
        }

        return PlaybookRecommendation(
            portrait: portrait, responseMode: mode, headline: headline,
            steps: Self.steps(portrait: portrait, tone: tone, mode: mode, coordinated: coordinated, ourFault: ourFault),
            gesture: gesture, rationale: rationale, answerOnce: answerOnce, answerFast: answerFast)
    }

    // MARK: - The table

    /// One row of the portrait playbook.
    struct Row {
        var mode: ResponseMode
        var headline: String
        var why: String
    }

    static func row(for portrait: Portrait) -> Row {
        switch portrait {
        case .meek:
            return Row(
                mode: .answerPublicly, headline: "Apologise publicly and keep every promise exactly.",
                why: "Meek: they rarely complain, so they were pushed too far; "
                    + "a public apology and kept promises win them back.")
        case .aggressive:
            return Row(
                mode: .moveToDM,
                headline: "Contact them directly and promptly; do not deny the problem, state the concrete measures.",
                why: "Aggressive: a formal apology or an aggressive answer makes it worse; "
                    + "direct, caring contact works.")
        case .highRoller:
            return Row(
                mode: .publicThenPrivate,
                headline: "Say publicly and promptly that it is being solved, then solve it privately or offline.",
                why: "High-roller: an opinion leader used to the best; their audience watches how you handle it.")
        case .ripOff:
            return Row(
                mode: .moveToDM, headline: "Concede within reasonable, pre-set limits.",
                why: "Rip-off: they want a bonus more than a fix; give it within the limit and in private.")
        case .chronic:
            return Row(
                mode: .takeOffline, headline: "Be patient, hear them out fully, and take it offline.",
                why: "Chronic complainer: never ignore them; patience and support can make them loyal.")
        case .troll:
            return Row(
                mode: .doNotFeed,
                headline: "Do not feed: answer once with facts or not at all; "
                    + "delete only with a public notice of why if rules are broken.",
                why: "Troll: they want a reaction, not a solution.")
        case .killer:
            return Row(
                mode: .publicThenPrivate,
                headline: "Answer once in public with facts and the measures taken, "
                    + "then continue offline with a senior person; never argue.",
                why: "Killer: wants to hurt the brand; onlookers must see facts and action, an argument feeds it.")
        case .heavyClient:
            return Row(
                mode: .publicThenPrivate,
                headline: "Acknowledge their history with you; "
                    + "a named person solves it personally, with an individual gesture.",
                why: "Heavy client: losing a long-time client costs more than any gesture.")
        case .ordinary:
            return Row(
                mode: .answerPublicly,
                headline: "Fix it fast: conflicted client + solution + individual bonus = loyal client.",
                why: "Ordinary client with a real problem: a fast fix and a personal touch make a loyal client.")
        }
    }

    func gesture(for portrait: Portrait, coordinated: Bool, ourFault: Bool?) -> GestureRange {
        if coordinated || portrait == .troll { return .none }
        if portrait == .ripOff { return .coupon(upTo: ripOffLimit) }
        guard ourFault == true else { return .attentionOnly }
        switch portrait {
        case .highRoller: return .premium(upTo: premiumLimit)
        case .heavyClient: return .premium(upTo: heavyClientLimit)
        default: return .coupon(upTo: couponLimit)
        }
    }

    // MARK: - The six steps

    static func steps(
        portrait: Portrait, tone: ToneAnalysis, mode: ResponseMode, coordinated: Bool, ourFault: Bool?
    ) -> [String] {
        let cold = portrait == .troll || coordinated
        let greet = cold ? "greet: a short, neutral greeting" : "greet: greet them by name, in the channel they chose"
        let thank =
            cold
            ? "thank: no effusive thanks; one neutral line at most"
            : "thank: thank them for telling you; it helps make the service better"
        var apologise: String
        switch ourFault {
        case true?: apologise = "apologise: apologise twice; it was our mistake"
        case false?:
            apologise = "apologise: do not apologise for a mistake that was not made; say you see why they are upset"
        case nil:
            apologise = "apologise: say you are sorry they were upset; admit a mistake only once the facts confirm it"
        }
        if portrait == .aggressive { apologise += "; do not deny the problem" }
        let clarify: String
        if cold {
            clarify = "clarify: stick to verifiable facts; ask for an order number only in private messages"
        } else if tone.reaction == .spontaneous {
            clarify = "clarify: let them speak; ask for the details in private messages, assuring it will be solved"
        } else if tone.facts.orderNumbers > 0 || tone.facts.datesAndTimes > 0 {
            clarify = "clarify: confirm the details they already gave (order number, date); do not ask for them again"
        } else if mode == .answerPublicly || mode == .doNotFeed {
            clarify = "clarify: ask for the order number and date; personal data only in private messages"
        } else {
            clarify = "clarify: ask for the order number, date and phone in private messages"
        }
        let solve: String
        switch portrait {
        case _ where cold: solve = "solve: state the facts once; do not argue or continue the thread"
        case .aggressive:
            solve = "solve: state the concrete measures being taken; they are changing things for the better"
        case .highRoller:
            solve = "solve: say publicly that it is being solved; agree the details privately, preferably offline"
        case .ripOff: solve = "solve: fix what is broken; offer the gesture within the limit, in private"
        case .chronic:
            solve = "solve: hear them out fully without getting angry; offer to solve it by phone or in person"
        case .meek: solve = "solve: promise only what you will keep, with a time, and keep it exactly"
        case .killer: solve = "solve: name the facts and the measures taken; a senior person follows up offline"
        case .heavyClient: solve = "solve: a named manager solves it personally and follows up"
        default:
            solve = "solve: state the concrete solution, when it happens, and what changes so it does not happen again"
        }
        let close =
            cold
            ? "close-positively: end politely without inviting further argument"
            : "close-positively: end on a positive note; hope to see them again, wish them a good day"
        return [greet, thank, apologise, clarify, solve, close]
    }
}
