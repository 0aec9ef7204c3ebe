/// A post in a `NearDuplicateIndex` that resembles the queried text.
public struct NearDuplicateMatch: Sendable, Hashable {
    /// The id the post was inserted under.
    public var id: String
    /// Estimated Jaccard similarity of the two texts, 0–1.
    public var similarity: Double
    /// The time the post was inserted with, seconds since the Unix epoch.
    public var time: Double

    /// Creates a match.
    public init(id: String, similarity: Double, time: Double) {
        self.id = id
        self.similarity = similarity
        self.time = time
    }
}
