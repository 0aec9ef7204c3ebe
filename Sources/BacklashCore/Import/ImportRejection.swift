/// One item of an export that could not become a v1 post, and why.
public struct ImportRejection: Sendable, Hashable, CustomStringConvertible {
    /// 1-based position of the item: the CSV row (the header is row 1) or the place in the JSON list.
    public var index: Int
    /// Where the item is, in words a user can find it by ("row 4", "tweet 2 (id 1745…)", "message 57").
    public var location: String
    /// Why it was rejected and what to do, as a predicate that follows `location` ("has no `author_id`; …").
    public var reason: String

    /// A rejection of the item at `index`, found at `location`, for `reason`.
    public init(index: Int, location: String, reason: String) {
        self.index = index
        self.location = location
        self.reason = reason
    }

    /// The sentence a user reads: "row 4 has `created_at` '2024-13-01', which is not a date; …".
    public var description: String { location + " " + reason }
}
