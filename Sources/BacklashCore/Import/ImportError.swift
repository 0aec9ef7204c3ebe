/// Why a whole export file could not be imported, with what to do about it.
public enum ImportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file has no content.
    case empty(source: String, expected: ImportFormat)
    /// A JSON format was expected but the file is not JSON; `problem` says where it breaks.
    case notJSON(source: String, expected: ImportFormat, problem: String, looksLike: ImportFormat?)
    /// The file is readable but is not shaped like the expected format; `found` says what it is.
    case wrongShape(source: String, expected: ImportFormat, found: String, looksLike: ImportFormat?)
    /// The file holds an error reply from the platform's API instead of data.
    case platformError(source: String, expected: ImportFormat, message: String)
    /// The file is not UTF-8 text: the byte at 0-based `byteOffset`, on 1-based `line`, is the first that is not.
    case notUTF8(source: String, expected: ImportFormat, line: Int, byteOffset: Int)
    /// A CSV quoted field opened on `line` never closes.
    case unterminatedQuote(source: String, line: Int)
    /// A CSV header lacks columns a v1 post needs; `available` lists the columns it has.
    case missingColumns(source: String, missing: [String], available: [String])
    /// A CSV column map written as `field=column` pairs could not be read.
    case badColumnMap(specification: String, problem: String)
    /// A CSV has no platform column and the importer was given no default platform.
    case noPlatform(source: String, column: String, available: [String])

    /// The error as sentences a user reads.
    public var description: String {
        switch self {
        case .empty(let source, let expected):
            return "'\(source)' is empty; expected \(expected.title): \(expected.expectedShape). "
                + "Check that the export finished writing and import the complete file."
        case .notJSON(let source, let expected, let problem, let looksLike):
            return "'\(source)' is not \(expected.title): it is not JSON (\(problem)); "
                + "expected \(expected.expectedShape)." + Self.hint(looksLike, expected)
        case .wrongShape(let source, let expected, let found, let looksLike):
            return "'\(source)' is not \(expected.title): expected \(expected.expectedShape); "
                + "found \(found)." + Self.hint(looksLike, expected)
        case .platformError(let source, let expected, let message):
            return "'\(source)' holds an error reply instead of data (\(expected.title) was expected): "
                + "\(message). Repeat the request (check the access token and parameters) and import its result."
        case .notUTF8(let source, let expected, let line, let byteOffset):
            let place =
                "'\(source)' is not UTF-8 text (the first bad byte is at byte offset \(byteOffset), on line \(line))"
            if expected == .csv {
                return place + "; save it as UTF-8 (in Excel: \"CSV UTF-8\") and import it again."
            }
            return place + "; \(expected.title) is always UTF-8, so the file was re-saved in another encoding "
                + "or damaged. Export it again, or convert it to UTF-8, and import it again."
        case .unterminatedQuote(let source, let line):
            return "'\(source)' has a quoted field opened on line \(line) that is never closed; "
                + "close it with '\"' and write a quote inside a quoted field as '\"\"'."
        case .missingColumns(let source, let missing, let available):
            let noun = missing.count == 1 ? "column" : "columns"
            return "'\(source)' has no \(noun) " + Self.list(missing) + "; its columns are "
                + Self.list(available) + ". Rename the header or map the v1 fields to the columns it has."
        case .noPlatform(let source, let column, let available):
            return "'\(source)' has no `\(column)` column and no default platform was given "
                + "(its columns are " + Self.list(available) + "); "
                + "add the column or name the platform (twitter, vk, telegram…) for the whole file."
        case .badColumnMap(let specification, let problem):
            return "The column map '\(specification)' cannot be used: \(problem). Write it as field=column pairs "
                + "separated by commas, with fields among " + Self.list(CSVColumnMap.Field.allCases.map(\.rawValue))
                + "."
        }
    }

    private static func hint(_ looksLike: ImportFormat?, _ expected: ImportFormat) -> String {
        guard let looksLike, looksLike != expected else { return "" }
        return " It looks like \(looksLike.title): import it with format `\(looksLike.rawValue)`."
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "(none)" : names.map { "`\($0)`" }.joined(separator: ", ")
    }
}
