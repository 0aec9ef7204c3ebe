/// The language of a reply; it selects the language of the linter's suggestions.
public enum ReplyLanguage: String, Sendable, Codable {
    /// Russian.
    case ru
    /// English.
    case en
}
