/// Reads the tone of a Russian or English post: emotionality, sentiment, spontaneous or weighed, request type.
///
/// Built for every incoming post: one pass over the text's Unicode scalars, no regular expressions.
public struct ToneAnalyzer: Sendable {
    /// The words the analyzer knows.
    public var lexicon: ToneLexicon

    /// Creates an analyzer with the built-in lexicon or another one.
    public init(lexicon: ToneLexicon = .standard) {
        self.lexicon = lexicon
    }

    /// Analyzes one post.
    public func analyze(_ text: String) -> ToneAnalysis {
        var text = text
        return text.withUTF8 { utf8 in
            var scan = Scan(lexicon: lexicon)
            var index = 0
            let end = utf8.count
            while index < end {
                // Decode one scalar; a Swift string's UTF-8 is always valid.
                let lead = UInt32(utf8[index])
                var value = lead
                var width = 1
                if lead >= 0xF0 {
                    value = (lead & 0x07) << 18 | UInt32(utf8[index + 1] & 0x3F) << 12
                        | UInt32(utf8[index + 2] & 0x3F) << 6 | UInt32(utf8[index + 3] & 0x3F)
                    width = 4
                } else if lead >= 0xE0 {
                    value = (lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
                    width = 3
                } else if lead >= 0xC0 {
                    value = (lead & 0x1F) << 6 | UInt32(utf8[index + 1] & 0x3F)
                    width = 2
                }
                scan.feed(value, at: index)
                index += width
            }
            scan.finish(at: end)
            return Self.analysis(of: scan, in: utf8)
        }
    }

    // MARK: - Scores from counts

    /// Combines independent pieces of evidence, each 0...1, into one 0...1 score (a noisy OR).
    @inline(__always)
    static func combine(_ scores: Double...) -> Double {
        var remaining = 1.0
        for score in scores { remaining *= 1 - min(max(score, 0), 1) }
        return 1 - remaining
    }

    static func analysis(of scan: Scan, in utf8: UnsafeBufferPointer<UInt8>) -> ToneAnalysis {
        let capsRatio = scan.casedLetters >= 6 ? Double(scan.upperLetters) / Double(scan.casedLetters) : 0
        let emotionality = emotionality(of: scan, capsRatio: capsRatio)
        let factuality = factuality(of: scan)
        let valence = valence(of: scan)
        let reaction: ReactionKind = emotionality >= 0.5 && emotionality >= factuality ? .spontaneous : .weighed
        return ToneAnalysis(
            language: language(of: scan),
            emotionality: emotionality,
            factuality: factuality,
            valence: valence,
            reaction: reaction,
            requestType: requestType(of: scan, valence: valence),
            profane: scan.profanity > 0,
            markers: markers(of: scan, capsRatio: capsRatio, in: utf8),
            facts: ToneAnalysis.Facts(
                orderNumbers: scan.orderNumbers, datesAndTimes: scan.datesAndTimes, amounts: scan.amounts,
                quantities: scan.quantities, greeting: scan.greeting, sentences: scan.sentences,
                words: scan.words))
    }

    static func emotionality(of scan: Scan, capsRatio: Double) -> Double {
        let bangs =
            scan.bangs == 0 ? 0 : min(0.9, 0.15 * Double(scan.bangs) + 0.1 * Double(scan.longestBangRun - 1))
        let questions =
            scan.longestQuestionRun >= 2 ? min(0.7, 0.25 + 0.1 * Double(scan.longestQuestionRun - 2)) : 0
        let interrobang = scan.longestMixedRun >= 2 && scan.bangs > 0 && scan.questionMarks > 0 ? 0.3 : 0
        var caps = capsRatio >= 0.3 ? min(0.9, 0.3 + (capsRatio - 0.3) * 1.2) : 0
        if caps == 0 && scan.capsWords > 0 { caps = min(0.6, 0.2 * Double(scan.capsWords)) }
        let stretched = min(0.7, 0.35 * Double(scan.stretchedWords))
        let profanity = scan.profanity == 0 ? 0 : min(0.85, 0.5 + 0.15 * Double(scan.profanity - 1))
        let interjections = min(0.7, 0.35 * Double(scan.interjections))
        let emoji = min(0.6, 0.1 * Double(scan.emoji) + 0.2 * Double(scan.angryEmoji))
        let emoticons = min(0.3, 0.1 * Double(scan.emoticons))
        let laughter = min(0.4, 0.2 * Double(scan.laughter))
        return combine(bangs, questions, interrobang, caps, stretched, profanity, interjections, emoji, emoticons,
            laughter)
    }

    static func factuality(of scan: Scan) -> Double {
        let greeting = scan.greeting ? 0.3 : 0
        let orders = scan.orderNumbers == 0 ? 0 : 0.35
        let dates = scan.datesAndTimes == 0 ? 0 : 0.25
        let amounts = scan.amounts == 0 ? 0 : 0.25
        let quantities = scan.quantities == 0 ? 0 : 0.15
        let sentences = scan.sentences >= 3 ? 0.2 : scan.sentences == 2 ? 0.1 : 0
        let length = scan.words >= 50 ? 0.35 : scan.words >= 25 ? 0.25 : scan.words >= 12 ? 0.15 : 0
        let politeness = scan.politeness > 0 ? 0.1 : 0
        return combine(greeting, orders, dates, amounts, quantities, sentences, length, politeness)
    }

    /// VADER-style compound score: the summed word sentiment, emphasised by "!" and "??", squashed to -1...1.
    static func valence(of scan: Scan) -> Double {
        var sum = scan.sentiment
        guard sum != 0 else { return 0 }
        let sign = sum > 0 ? 1.0 : -1.0
        sum += sign * Double(min(scan.bangs, 4)) * 0.292
        if scan.questionMarks > 1 { sum += sign * Double(min(scan.questionMarks, 3)) * 0.18 }
        let compound = sum / (sum * sum + 15).squareRoot()
        return min(1, max(-1, compound))
    }

    static func language(of scan: Scan) -> TextLanguage {
        let cyrillic = scan.cyrillicLetters
        let latin = scan.latinLetters
        guard cyrillic + latin > scan.otherScriptLetters else { return .other }
        if cyrillic > latin {
            let foreign = scan.otherCyrillicLetters
            return foreign >= 2 && foreign * 25 >= cyrillic ? .other : .ru
        }
        return scan.englishHits > 0 || latin < 12 ? .en : .other
    }

    static func requestType(of scan: Scan, valence: Double) -> RequestType {
        let cues = scan.suggestionCues + scan.strongSuggestionCues
        let wishFrame = scan.conditional && scan.positiveWords > 0
        let score = scan.suggestionCues + 2 * scan.strongSuggestionCues + (wishFrame ? 2 : 0) + (scan.please ? 1 : 0)
        let suggests = (score >= 2 || (cues > 0 && scan.suggestionOpensSentence)) && (cues > 0 || wishFrame)
        if suggests && scan.problemCues == 0 && scan.profanity == 0 && valence > -0.3 { return .suggestion }
        if scan.problemCues > 0 || scan.profanity > 0 || valence <= -0.25 { return .problem }
        if scan.questionMarks > 0 || scan.questionOpeners > 0 { return .question }
        if valence >= 0.3 { return .praise }
        return .problem
    }

    // MARK: - Markers

    static func markers(of scan: Scan, capsRatio: Double, in utf8: UnsafeBufferPointer<UInt8>) -> [String] {
        func quote(_ range: Range<Int>?) -> String {
            guard let range else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
        }
        func times(_ count: Int) -> String { count > 1 ? " ×\(count)" : "" }
        var markers: [String] = []
        if scan.bangs >= 2 { markers.append("\(scan.bangs)× '!'") }
        if scan.longestQuestionRun >= 2 { markers.append("\(scan.questionMarks)× '?'") }
        if capsRatio >= 0.3 {
            markers.append("caps \(Int((capsRatio * 100).rounded()))%")
        } else if scan.capsWords > 0 {
            markers.append("caps word '\(quote(scan.firstCapsWord))'\(times(scan.capsWords))")
        }
        if scan.stretchedWords > 0 {
            markers.append("stretched '\(quote(scan.firstStretched))'\(times(scan.stretchedWords))")
        }
        if scan.profanity > 0 { markers.append("profanity\(times(scan.profanity))") }
        if scan.interjections > 0 {
            markers.append("interjection '\(quote(scan.firstInterjection))'\(times(scan.interjections))")
        }
        if scan.emoji > 0 {
            markers.append(scan.angryEmoji > 0 ? "angry emoji\(times(scan.angryEmoji))" : "emoji\(times(scan.emoji))")
        }
        if scan.emoticons > 0 { markers.append("emoticon\(times(scan.emoticons))") }
        if scan.laughter > 0 {
            let word = scan.firstLaughter.map { " '\(quote($0))'" } ?? ""
            markers.append("laughter\(word)\(times(scan.laughter))")
        }
        if scan.greeting { markers.append("greeting '\(quote(scan.firstGreeting))'") }
        if scan.orderNumbers > 0 { markers.append("order number \(quote(scan.firstOrder))\(times(scan.orderNumbers))") }
        if scan.datesAndTimes > 0 {
            markers.append("date/time '\(quote(scan.firstDate))'\(times(scan.datesAndTimes))")
        }
        if scan.amounts > 0 {
            let amount = scan.firstAmount.map { "'\(quote($0))'" } ?? ""
            markers.append("amount \(amount)\(times(scan.amounts))")
        }
        if scan.quantities > 0 {
            markers.append("quantity '\(quote(scan.firstQuantity))'\(times(scan.quantities))")
        }
        if scan.sentences >= 2 || scan.words >= 12 {
            let sentences = scan.sentences == 1 ? "1 sentence" : "\(scan.sentences) sentences"
            markers.append("\(sentences), \(scan.words) words")
        }
        return markers
    }
}
