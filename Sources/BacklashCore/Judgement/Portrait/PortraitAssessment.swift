/// Which portrait fits a post's author, how sure the classifier is, and why.
public struct PortraitAssessment: Codable, Sendable, Hashable {
    /// The best-fitting portrait.
    public var portrait: Portrait
    /// How sure the classifier is, 0...1.
    public var confidence: Double
    /// What points to it (and to other portraits that also fit), in words a care lead reads.
    public var evidence: [String]
    /// Other portraits that also fit, best first.
    public var alsoFits: [Portrait]

    /// Creates an assessment; normally produced by `PortraitClassifier`.
    public init(portrait: Portrait, confidence: Double, evidence: [String] = [], alsoFits: [Portrait] = []) {
        self.portrait = portrait
        self.confidence = confidence
        self.evidence = evidence
        self.alsoFits = alsoFits
    }
}
