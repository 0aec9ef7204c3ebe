/// How far a compensation gesture may go, in abstract units (the deployment decides what a unit is worth).
public struct GestureRange: Codable, Sendable, Hashable {
    /// The kind of gesture.
    public enum Level: String, Codable, Sendable, Hashable, CaseIterable {
        /// No gesture.
        case none
        /// Attention only: a personal reply or call, no material compensation.
        case attentionOnly = "attention-only"
        /// A coupon or a discount up to `maxUnits`.
        case coupon
        /// Something personal and memorable, such as a business-class car with flowers, up to `maxUnits`.
        case premium
    }

    /// The kind of gesture.
    public var level: Level
    /// The most it may cost, in units; 0 for none and attention only.
    public var maxUnits: Int
    /// Examples of fitting gestures.
    public var examples: [String]

    /// Creates a range.
    public init(level: Level, maxUnits: Int = 0, examples: [String] = []) {
        self.level = level
        self.maxUnits = maxUnits
        self.examples = examples
    }

    /// No gesture.
    public static let none = GestureRange(level: .none)

    /// Attention only: a personal reply or a call-back.
    public static let attentionOnly = GestureRange(
        level: .attentionOnly, examples: ["personal reply by name", "call-back at a time they choose"])

    /// A coupon up to a number of units.
    public static func coupon(upTo units: Int) -> GestureRange {
        GestureRange(level: .coupon, maxUnits: units, examples: ["coupon for the next order", "discount"])
    }

    /// A premium gesture up to a number of units.
    public static func premium(upTo units: Int) -> GestureRange {
        GestureRange(
            level: .premium, maxUnits: units,
            examples: ["business-class car", "flowers", "personal call from a named manager"])
    }
}
