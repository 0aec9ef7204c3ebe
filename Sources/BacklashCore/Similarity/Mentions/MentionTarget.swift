/// Someone or something the public may name in a post: a manager ("Анна Петрова", "@apetrova"), a brand or a topic.
public struct MentionTarget: Sendable, Hashable {
    /// How the names are read.
    public enum Kind: Sendable, Hashable {
        /// A person: names are "Given Surname", "Surname Given", or "Given Patronymic Surname"; a one-word name is a
        /// surname. Full names, initials ("А. Петрова"), titles ("Ms Petrova") and the surname alone are found.
        case person
        /// A brand or topic term: each name must appear whole, its words in order, in any grammatical case.
        case term
    }

    /// The id reported with each mention (a manager id, a brand key).
    public var id: String
    /// Names as written in the nominative: "Анна Петрова", "Anna Petrova", "ЛитРес".
    public var names: [String]
    /// Handles, with or without the leading `@`; matched case-insensitively as whole handles.
    public var handles: [String]
    /// How the names are read.
    public var kind: Kind
    /// The person's gender, which decides the surname's case forms; nil infers it from the names.
    public var gender: RussianNameInflector.Gender?

    /// Creates a target.
    public init(
        id: String, names: [String], handles: [String] = [], kind: Kind = .person,
        gender: RussianNameInflector.Gender? = nil
    ) {
        self.id = id
        self.names = names
        self.handles = handles
        self.kind = kind
        self.gender = gender
    }
}
