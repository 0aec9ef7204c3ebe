import Foundation

/// Which CSV column holds which post format v1 field.
///
/// The standard map expects columns named like the v1 fields with `_` for `.` (`author_id`,
/// `created_at`) and bare metric names (`likes`). Header names match exactly, or else ignoring
/// case and surrounding spaces. Columns for `id`, `author.id`, `text` and `created_at` must exist;
/// mapped optional columns the file lacks are simply not read.
public struct CSVColumnMap: Sendable, Hashable {
    /// A post format v1 field a CSV column can fill, named by its v1 path.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// `platform`: the network; may come from a default instead.
        case platform
        /// `id`: the post's id (required).
        case id
        /// `author.id` (required).
        case authorID = "author.id"
        /// `author.handle`.
        case authorHandle = "author.handle"
        /// `author.name`.
        case authorName = "author.name"
        /// `author.followers`.
        case authorFollowers = "author.followers"
        /// `author.following`.
        case authorFollowing = "author.following"
        /// `author.verified`: true/false, yes/no or 1/0.
        case authorVerified = "author.verified"
        /// `author.created_at`.
        case authorCreatedAt = "author.created_at"
        /// `text` (required).
        case text
        /// `created_at` (required).
        case createdAt = "created_at"
        /// `url`.
        case url
        /// `reply_to`.
        case replyTo = "reply_to"
        /// `repost_of`.
        case repostOf = "repost_of"
        /// `quote_of`.
        case quoteOf = "quote_of"
        /// `channel`: post, comment, review, dm, email or chat.
        case channel
        /// `lang`.
        case lang
        /// `metrics.likes`.
        case likes = "metrics.likes"
        /// `metrics.reposts`.
        case reposts = "metrics.reposts"
        /// `metrics.replies`.
        case replies = "metrics.replies"
        /// `metrics.views`.
        case views = "metrics.views"
        /// `observed_at`: when the metrics were seen.
        case observedAt = "observed_at"

        /// True for the fields every v1 post must have (the platform may also come from a default).
        public var isRequired: Bool { [.id, .authorID, .text, .createdAt].contains(self) }

        /// The column name the standard map uses for this field.
        public var standardColumn: String {
            switch self {
            case .likes, .reposts, .replies, .views: return String(rawValue.dropFirst("metrics.".count))
            default: return String(rawValue.map { $0 == "." ? "_" : $0 })
            }
        }
    }

    /// The column name for each mapped field; a field without an entry is not read.
    public var columns: [Field: String]

    /// A map with exactly these columns.
    public init(columns: [Field: String]) {
        self.columns = columns
    }

    /// Every field mapped to its `standardColumn` (`author.id` → `author_id`, `metrics.likes` → `likes`).
    public static let standard = CSVColumnMap(
        columns: Dictionary(uniqueKeysWithValues: Field.allCases.map { ($0, $0.standardColumn) }))

    /// The standard map with overrides written as `field=column` pairs separated by commas
    /// (`author.id=user,text=body,lang=`); an empty column name stops a field from being read.
    public init(overriding specification: String) throws(ImportError) {
        self = .standard
        for pair in specification.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2 else {
                let written = pair.trimmingCharacters(in: .whitespaces)
                throw .badColumnMap(
                    specification: specification, problem: "`\(written)` is not written as field=column")
            }
            guard let field = Field(rawValue: name) else {
                throw .badColumnMap(specification: specification, problem: "`\(name)` is not a v1 field")
            }
            let column = parts[1].trimmingCharacters(in: .whitespaces)
            columns[field] = column.isEmpty ? nil : column
        }
    }

    /// The column name mapped to `field`, or nil when the field is not read.
    public subscript(field: Field) -> String? {
        get { columns[field] }
        set { columns[field] = newValue }
    }

    /// The index in `header` of each mapped column the header has.
    func resolve(header: [String]) -> [Field: Int] {
        var indices: [Field: Int] = [:]
        func folded(_ name: String) -> String { name.trimmingCharacters(in: .whitespaces).lowercased() }
        let foldedHeader = header.map(folded)
        for (field, column) in columns {
            if let exact = header.firstIndex(of: column) {
                indices[field] = exact
            } else if let loose = foldedHeader.firstIndex(of: folded(column)) {
                indices[field] = loose
            }
        }
        return indices
    }
}
