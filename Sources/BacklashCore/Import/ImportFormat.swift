import Foundation

/// The export formats Backlash can import, named as `backlashctl import --format` takes them.
public enum ImportFormat: String, Sendable, Hashable, CaseIterable {
    /// A Twitter/X API v2 tweets response (search, timeline, lookup), one or one per line.
    case twitterV2 = "twitter-v2"
    /// A VK API `wall.get` / `wall.getComments` response.
    case vk
    /// A Telegram Desktop chat or channel export (`result.json`).
    case telegram
    /// A CSV sheet with a header row.
    case csv

    /// What a file of this format is, with its article ("a Telegram Desktop export").
    public var title: String {
        switch self {
        case .twitterV2: return "a Twitter API v2 response"
        case .vk: return "a VK API response"
        case .telegram: return "a Telegram Desktop export"
        case .csv: return "a CSV file"
        }
    }

    /// The shape the importer expects, as a phrase for error messages.
    public var expectedShape: String {
        switch self {
        case .twitterV2:
            return "a top-level `data` array of tweets (each with `id`, `text`, `author_id` and `created_at`)"
                + " with their authors in `includes.users`"
        case .vk:
            return "`{\"response\": {\"items\": [...]}}` from `wall.get` or `wall.getComments`"
                + " (or the object inside `response`), each item with `id`, `owner_id`, `from_id`, `date` and `text`"
        case .telegram:
            return "the `result.json` object of a chat export, with `name`, `type`, `id` and a `messages` array"
                + " (or `chats.list` of a full account export)"
        case .csv:
            return "UTF-8 text with a header row naming the columns, then one post per row"
        }
    }

    /// An importer for this format with default settings (CSV: the default column map).
    ///
    /// - Parameter observedAt: when the export was taken, in seconds since the Unix epoch; stamped as
    ///   `observed_at` on posts that carry metrics. Nil leaves `observed_at` out.
    public func makeImporter(observedAt: Double? = nil) -> any PostImporter {
        switch self {
        case .twitterV2: return TwitterV2Importer(observedAt: observedAt)
        case .vk: return VKImporter(observedAt: observedAt)
        case .telegram: return TelegramExportImporter(observedAt: observedAt)
        case .csv: return CSVImporter(observedAt: observedAt)
        }
    }

    /// The format a file most likely has, judged by its shape, or nil when it looks like none of them.
    public static func guess(from data: Data) -> ImportFormat? {
        let bytes = [UInt8](data)
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { return nil }
        if bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") {
            guard let documents = try? ImportDocuments.parse(bytes) else { return nil }
            return guess(documents: documents)
        }
        return guess(text: bytes[start...])
    }

    /// The JSON format whose landmarks the first document has.
    static func guess(documents: [JSONValue]) -> ImportFormat? {
        guard let first = documents.first else { return nil }
        if case .array(let elements) = first {
            guard let item = elements.first else { return nil }
            if item["owner_id"] != nil || item["from_id"]?.looseInteger != nil { return .vk }
            if item["author_id"] != nil { return .twitterV2 }
            return nil
        }
        if first["messages"] != nil || first["chats"] != nil { return .telegram }
        if first["response"] != nil || first["error"]?["error_code"] != nil { return .vk }
        if let items = first["items"]?.arrayValue,
            items.contains(where: { $0["owner_id"] != nil || $0["from_id"] != nil })
        {
            return .vk
        }
        if first["data"] != nil || first["includes"] != nil || first["meta"]?["result_count"] != nil {
            return .twitterV2
        }
        return nil
    }

    /// `.csv` when the first line of a non-JSON text has a delimiter in it.
    static func guess(text: ArraySlice<UInt8>) -> ImportFormat? {
        let firstLine = text.prefix { $0 != 0x0A && $0 != 0x0D }
        let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        return firstLine.contains(where: delimiters.contains) ? .csv : nil
    }
}
