/// What an importer made of one export file: the posts, the items it rejected, and notes.
public struct ImportResult: Sendable, Hashable, CustomStringConvertible {
    /// The converted posts, first the export's own items in file order, then parents it embedded
    /// (retweeted or quoted tweets in `includes`, VK `copy_history` originals).
    public var posts: [ImportedPost]
    /// Items that could not be converted, each with its position and the reason.
    public var rejected: [ImportRejection]
    /// Items left out on purpose: Telegram service messages, deleted VK comments, repeated ids, blank rows.
    public var skipped: Int
    /// Remarks a user should read about the import as a whole (what could not be linked, API warnings).
    public var notes: [String]

    /// A result with the given posts, rejections, skipped count and notes.
    public init(posts: [ImportedPost] = [], rejected: [ImportRejection] = [], skipped: Int = 0, notes: [String] = []) {
        self.posts = posts
        self.rejected = rejected
        self.skipped = skipped
        self.notes = notes
    }

    /// "12 posts imported, 1 rejected, 3 skipped".
    public var description: String {
        let noun = posts.count == 1 ? "post" : "posts"
        return "\(posts.count) \(noun) imported, \(rejected.count) rejected, \(skipped) skipped"
    }
}
