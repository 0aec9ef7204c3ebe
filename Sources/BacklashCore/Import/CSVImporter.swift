import Foundation

/// Imports a CSV sheet with a header row (one post per row) into post format v1.
///
/// Columns are found through a `CSVColumnMap`. Dates may be RFC 3339, `YYYY-MM-DD HH:MM:SS`
/// (read as UTC) or unix seconds. A row lacking a required field, or with a value that cannot be
/// read (a bad date, a non-numeric count, an unknown channel), is rejected with its row number and
/// the reason; the other rows are imported. Row numbers are spreadsheet rows: the header is row 1.
public struct CSVImporter: PostImporter {
    /// Which column holds which v1 field.
    public var columns: CSVColumnMap
    /// The platform of rows whose platform cell is empty or whose file has no platform column.
    public var defaultPlatform: String?
    /// The field delimiter as an ASCII byte; nil detects `,`, `;` or tab from the header.
    public var delimiter: UInt8?
    /// When the sheet's counts were taken, in seconds since the Unix epoch; becomes `observed_at` of
    /// rows with counts and no `observed_at` cell. Nil leaves it out.
    public var observedAt: Double?

    /// An importer reading `columns`, with an optional default platform, delimiter and observation time.
    public init(
        columns: CSVColumnMap = .standard, defaultPlatform: String? = nil, delimiter: UInt8? = nil,
        observedAt: Double? = nil
    ) {
        self.columns = columns
        self.defaultPlatform = defaultPlatform
        self.delimiter = delimiter
        self.observedAt = observedAt
    }

    /// Always `.csv`.
    public var format: ImportFormat { .csv }

    /// Converts a CSV sheet to posts.
    public func convert(_ data: Data, sourceName: String) throws(ImportError) -> ImportResult {
        let bytes = [UInt8](data)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw .empty(source: sourceName, expected: format) }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
            let documents = (try? ImportDocuments.parse(bytes)) ?? []
            let found = documents.first.map { "JSON (\($0.shapeDescription))" } ?? "JSON-like text"
            throw .wrongShape(
                source: sourceName, expected: format, found: found, looksLike: ImportFormat.guess(documents: documents))
        }

        let records = try CSVParser(delimiter: delimiter).records(in: bytes, sourceName: sourceName)
        guard let header = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else {
            throw .empty(source: sourceName, expected: format)
        }
        let indices = columns.resolve(header: header)
        let missing = CSVColumnMap.Field.allCases.filter { $0.isRequired && indices[$0] == nil }
        guard missing.isEmpty else {
            throw .missingColumns(
                source: sourceName, missing: missing.map { columns[$0] ?? $0.standardColumn }, available: header)
        }
        let platform = defaultPlatform.flatMap(Self.normalizedPlatform)
        if indices[.platform] == nil, platform == nil {
            throw .noPlatform(
                source: sourceName, column: columns[.platform] ?? CSVColumnMap.Field.platform.standardColumn,
                available: header)
        }

        var builder = ImportResult.Builder()
        let rows = Rows(
            header: header, indices: indices, defaultPlatform: platform, sourceName: sourceName,
            observedAt: observedAt)
        for (offset, record) in records.enumerated().dropFirst() {
            let row = offset + 1
            if record.isBlank {
                builder.skip()
                continue
            }
            let lineNote = record.line == row ? "" : " (line \(record.line))"
            do throws(ImportRejection.Problem) {
                builder.add(try rows.post(from: record.fields, row: row))
            } catch {
                builder.reject(index: row, location: "row \(row)\(lineNote)", error)
            }
        }
        return builder.finish()
    }

    /// A platform name as v1 writes it: trimmed and lower-case; nil when empty.
    static func normalizedPlatform(_ text: String) -> String? {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        return name.isEmpty ? nil : name
    }

    /// Reads one row with the header resolved.
    private struct Rows {
        var header: [String]
        var indices: [CSVColumnMap.Field: Int]
        var defaultPlatform: String?
        var sourceName: String
        var observedAt: Double?

        func post(from fields: [String], row: Int) throws(ImportRejection.Problem) -> ImportedPost {
            if fields.count < header.count || fields[header.count...].contains(where: { !$0.isEmpty }) {
                throw ImportRejection.Problem(
                    "has \(fields.count) values but the header names \(header.count) columns; "
                        + "quote values that contain the delimiter or a line break")
            }
            func cell(_ field: CSVColumnMap.Field) -> String? {
                guard let index = indices[field] else { return nil }
                let value = fields[index]
                return value.allSatisfy(\.isWhitespace) ? nil : value
            }
            func trimmed(_ field: CSVColumnMap.Field) -> String? {
                cell(field).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            }
            func column(_ field: CSVColumnMap.Field) -> String {
                indices[field].map { header[$0] } ?? field.standardColumn
            }
            func required(_ field: CSVColumnMap.Field) throws(ImportRejection.Problem) -> String {
                guard let value = field == .text ? cell(field) : trimmed(field) else {
                    throw ImportRejection.Problem("has no `\(column(field))` (\(field.rawValue))")
                }
                return value
            }
            func date(_ field: CSVColumnMap.Field, _ text: String) throws(ImportRejection.Problem) -> String {
                guard let seconds = CSVImporter.seconds(fromCell: text) else {
                    let milliseconds =
                        Self.looksLikeMilliseconds(text) ? " (this looks like milliseconds: divide by 1000)" : ""
                    throw ImportRejection.Problem(
                        "has `\(column(field))` '\(text)', which is not a date; use RFC 3339 (2024-01-02T15:04:05Z), "
                            + "'YYYY-MM-DD HH:MM:SS' (UTC) or unix seconds" + milliseconds)
                }
                return ImportTimestamp.rfc3339(seconds)
            }
            func optionalDate(_ field: CSVColumnMap.Field) throws(ImportRejection.Problem) -> String? {
                guard let text = trimmed(field) else { return nil }
                return try date(field, text)
            }
            func count(_ field: CSVColumnMap.Field) throws(ImportRejection.Problem) -> Int? {
                guard let text = trimmed(field) else { return nil }
                guard let value = Int(text), value >= 0 else {
                    throw ImportRejection.Problem("has `\(column(field))` '\(text)', which is not a whole number ≥ 0")
                }
                return value
            }

            guard let platform = trimmed(.platform).flatMap(CSVImporter.normalizedPlatform) ?? defaultPlatform else {
                throw ImportRejection.Problem("has no `\(column(.platform))` and no default platform was given")
            }
            let id = try required(.id)
            let authorID = try required(.authorID)
            let text = try required(.text)
            let createdAt = try date(.createdAt, try required(.createdAt))

            var author = ImportedPost.Author(id: authorID)
            author.handle = trimmed(.authorHandle)
            author.name = trimmed(.authorName)
            author.followers = try count(.authorFollowers)
            author.following = try count(.authorFollowing)
            if let verified = trimmed(.authorVerified) {
                guard let flag = Self.flag(verified) else {
                    throw ImportRejection.Problem(
                        "has `\(column(.authorVerified))` '\(verified)', which is not true or false")
                }
                author.verified = flag
            }
            author.createdAt = try optionalDate(.authorCreatedAt)

            var post = ImportedPost(
                platform: platform, id: id, author: author, text: text, createdAt: createdAt,
                url: trimmed(.url), replyTo: trimmed(.replyTo), repostOf: trimmed(.repostOf),
                quoteOf: trimmed(.quoteOf), lang: trimmed(.lang))
            if let channel = trimmed(.channel) {
                guard let known = ImportedPost.Channel(rawValue: channel.lowercased()) else {
                    let allowed = ImportedPost.Channel.allCases.map(\.rawValue).joined(separator: ", ")
                    throw ImportRejection.Problem(
                        "has `\(column(.channel))` '\(channel)', which is not one of \(allowed)")
                }
                post.channel = known
            }
            let metrics = ImportedPost.Metrics(
                reposts: try count(.reposts), likes: try count(.likes), replies: try count(.replies),
                views: try count(.views))
            let observed = try optionalDate(.observedAt)
            post.attach(metrics, observedAt: observedAt)
            if !metrics.isEmpty, let observed { post.observedAt = observed }
            post.source = ["format": .text("csv"), "file": .text(sourceName), "row": .integer(row)]
            return post
        }

        static func flag(_ text: String) -> Bool? {
            switch text.lowercased() {
            case "true", "yes", "y", "1", "да": return true
            case "false", "no", "n", "0", "нет": return false
            default: return nil
            }
        }

        static func looksLikeMilliseconds(_ text: String) -> Bool {
            text.count >= 12 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber)
        }
    }

    /// Seconds since the Unix epoch for a CSV date cell: RFC 3339, `YYYY-MM-DD HH:MM:SS` (UTC), or
    /// unix seconds (up to 11 digits, optionally with a fraction: before the year 5138).
    static func seconds(fromCell text: String) -> Double? {
        if let seconds = ImportTimestamp.seconds(fromDate: text) { return seconds }
        let isNumeric =
            !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && text.first != "." && text.last != "." && text.filter({ $0 == "." }).count <= 1
        guard isNumeric, let seconds = Double(text), seconds < 1e11 else {
            return nil
        }
        return seconds
    }
}
