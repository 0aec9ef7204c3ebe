/// The tone of one post: how emotional, how positive or negative, what kind of reaction and request it is.
public struct ToneAnalysis: Codable, Sendable, Hashable {
    /// The language the post is written in.
    public var language: TextLanguage
    /// How emotional the post is, from 0 (calm) to 1 (an outburst).
    public var emotionality: Double
    /// How factual and detailed the post is, from 0 (no facts) to 1 (order number, date, amount, details).
    public var factuality: Double
    /// Lexicon sentiment from -1 (very negative) to 1 (very positive).
    public var valence: Double
    /// Spontaneous outburst or weighed complaint.
    public var reaction: ReactionKind
    /// Suggestion, question, problem or praise.
    public var requestType: RequestType
    /// Whether the post contains profanity.
    public var profane: Bool
    /// Human-readable evidence for the scores, such as "5× '!'", "caps 60%" or "order number №4711".
    public var markers: [String]
    /// Counts of the facts found in the post.
    public var facts: Facts

    /// Counts of the concrete details a weighed complaint tends to carry.
    public struct Facts: Codable, Sendable, Hashable {
        /// Order, ticket or reference numbers ("№ 12345", "#A-123", "заказ 123456").
        public var orderNumbers: Int
        /// Dates and times ("вчера", "18.03", "18:30", "5 марта").
        public var datesAndTimes: Int
        /// Money amounts ("350 руб", "$20").
        public var amounts: Int
        /// Other measured quantities ("2 грамма", "40 minutes").
        public var quantities: Int
        /// Whether the post opens with a greeting.
        public var greeting: Bool
        /// Number of sentences.
        public var sentences: Int
        /// Number of words.
        public var words: Int

        /// Creates a set of fact counts.
        public init(
            orderNumbers: Int = 0, datesAndTimes: Int = 0, amounts: Int = 0, quantities: Int = 0,
            greeting: Bool = false, sentences: Int = 0, words: Int = 0
        ) {
            self.orderNumbers = orderNumbers
            self.datesAndTimes = datesAndTimes
            self.amounts = amounts
            self.quantities = quantities
            self.greeting = greeting
            self.sentences = sentences
            self.words = words
        }
    }

    /// Creates a tone analysis; normally produced by `ToneAnalyzer`.
    public init(
        language: TextLanguage, emotionality: Double, factuality: Double = 0, valence: Double,
        reaction: ReactionKind, requestType: RequestType, profane: Bool = false, markers: [String] = [],
        facts: Facts = Facts()
    ) {
        self.language = language
        self.emotionality = emotionality
        self.factuality = factuality
        self.valence = valence
        self.reaction = reaction
        self.requestType = requestType
        self.profane = profane
        self.markers = markers
        self.facts = facts
    }
}
