/// Tone and mentions of recently seen texts: a flashmob pastes the same words thousands of times, and both
/// analyses depend on the text alone.
struct TextVerdictCache: Sendable {
    struct Verdict: Sendable {
        let text: String
        let tone: ToneAnalysis
        let mentions: [NameMention]
    }

    private var entries: [UInt64: Verdict] = [:]
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached verdict for `text`, or the one `analyze` makes (kept for next time).
    mutating func verdict(
        for text: String, analyze: (String) -> (ToneAnalysis, [NameMention])
    ) -> (tone: ToneAnalysis, mentions: [NameMention]) {
        let hash = StableHash.wide(text)
        if let hit = entries[hash], hit.text == text { return (hit.tone, hit.mentions) }
        let (tone, mentions) = analyze(text)
        // Texts longer than a post's usual size are rarely repeated verbatim; do not let them fill the cache.
        if text.utf8.count <= 2048 {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[hash] = Verdict(text: text, tone: tone, mentions: mentions)
        }
        return (tone, mentions)
    }
}
