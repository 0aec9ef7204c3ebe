/// The ordered severity levels a route can require at least: info < low < medium < high < critical.
public enum RouteSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    /// Reads a level name in any letter case (`"High"`); nil for anything else.
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// 0 for info up to 4 for critical.
    public var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// Lower levels sort first.
    public static func < (lhs: RouteSeverity, rhs: RouteSeverity) -> Bool { lhs.rank < rhs.rank }
}
