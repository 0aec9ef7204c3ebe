/// How bad an incident is, lowest first; ordered so thresholds compare naturally.
public enum Severity: Int, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info = 0, low, medium, high, critical

    /// The lower-case name used in config, events and the journal.
    public var name: String {
        switch self {
        case .info: "info"
        case .low: "low"
        case .medium: "medium"
        case .high: "high"
        case .critical: "critical"
        }
    }

    /// Parses a name (`"high"`).
    public init?(name: String) {
        guard let s = Severity.allCases.first(where: { $0.name == name }) else { return nil }
        self = s
    }

    /// The level a score in 0…1 maps to.
    public init(score: Double, cuts: [Double] = [0.2, 0.35, 0.5, 0.7]) {
        var level = 0
        for (i, cut) in cuts.enumerated() where score >= cut { level = i + 1 }
        self = Severity(rawValue: min(level, 4))!
    }

    /// The name.
    public var description: String { name }

    /// Orders by level.
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
}
