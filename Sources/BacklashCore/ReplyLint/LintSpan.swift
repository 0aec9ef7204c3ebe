/// A stretch of the reply a finding points at, in Unicode scalar offsets (end exclusive).
///
/// Offsets count Unicode scalars (code points) of the original reply text, so a tool can highlight
/// the same characters the manager typed. A whole-text finding ("no greeting") has an empty span at 0.
public struct LintSpan: Sendable, Codable, Equatable {
    /// Offset of the first scalar of the span.
    public var start: Int
    /// Offset just past the last scalar of the span.
    public var end: Int
    /// The spanned text exactly as written in the reply (original case).
    public var text: String

    /// Creates a span from scalar offsets and the text they cover.
    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// The empty span at the start of the reply, used by findings about the whole text.
    public static let wholeText = LintSpan(start: 0, end: 0, text: "")

    /// Whether the span covers no text.
    public var isEmpty: Bool { start == end }
}
