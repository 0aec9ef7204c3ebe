/// One place where a post names a `MentionTarget`.
public struct NameMention: Sendable, Hashable {
    /// How the target was named, strongest first.
    public enum Form: Sendable, Hashable {
        /// By handle: "@apetrova".
        case handle
        /// By a full name in any case or order ("Анне Петровой", "Петрова Анна Сергеевна"), by an initial and the
        /// surname ("А. Петрова"), by a title and the surname ("Ms Petrova"), or by a whole term.
        case fullName
        /// By the surname alone ("Петровой"): weaker, since other people share it.
        case surname
    }

    /// The id of the target named.
    public var targetID: String
    /// The text as written in the post.
    public var matchedText: String
    /// Offset of the first Unicode scalar of the mention in the post's text.
    public var start: Int
    /// Offset just past the last Unicode scalar of the mention.
    public var end: Int
    /// How the target was named.
    public var form: Form

    /// Creates a mention.
    public init(targetID: String, matchedText: String, start: Int, end: Int, form: Form) {
        self.targetID = targetID
        self.matchedText = matchedText
        self.start = start
        self.end = end
        self.form = form
    }
}
