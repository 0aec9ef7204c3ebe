/// Whether a cluster of near-duplicate posts looks like a coordinated campaign ("black PR"), and why.
///
/// A flagged verdict changes the playbook (answer once with facts, collect evidence, tell the platform); it never
/// hides, closes or downgrades the incident: the posts are still public and still read by real customers.
public struct CoordinationVerdict: Sendable, Hashable {
    /// Whether the cluster looks coordinated.
    public var flagged: Bool
    /// How strongly it looks coordinated, 0–1.
    public var score: Double
    /// Sentences a care lead reads, e.g. "7 near-identical texts from 7 accounts in 12 min".
    public var evidence: [String]
    /// The numbers behind the sentences.
    public var measurements: CoordinationEvidence

    /// Creates a verdict.
    public init(flagged: Bool, score: Double, evidence: [String], measurements: CoordinationEvidence) {
        self.flagged = flagged
        self.score = score
        self.evidence = evidence
        self.measurements = measurements
    }
}
