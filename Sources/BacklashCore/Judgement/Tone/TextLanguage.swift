/// The language a post is written in, as far as tone analysis can tell.
public enum TextLanguage: String, Codable, Sendable, Hashable, CaseIterable {
    /// Russian (mostly Cyrillic letters).
    case ru
    /// English (mostly Latin letters with English words).
    case en
    /// Anything else, or too little text to tell.
    case other
}
