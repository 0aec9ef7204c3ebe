import Foundation

@testable import BacklashCore

/// The hand-written export files in `Tests/BacklashCoreTests/Fixtures/import`, found next to this source file.
enum ImportFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
        .appendingPathComponent("import")

    static let twitterSearch = "twitter-v2-search-retweet-quote-reply.json"
    static let twitterPages = "twitter-v2-two-pages-overlapping.jsonl"
    static let vkWall = "vk-wall-get-user-wall-with-repost-chain.json"
    static let vkComments = "vk-wall-getcomments-thread.json"
    static let telegramChannel = "telegram-public-channel-result.json"
    static let telegramSupergroup = "telegram-private-supergroup-result.json"
    static let csvStandard = "csv-standard-columns-mixed-rows.csv"
    static let csvExcel = "csv-excel-semicolon-bom-crlf.csv"

    /// The bytes of a fixture file.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}

extension Data {
    /// The UTF-8 bytes of a string, for inline test inputs.
    init(text: String) {
        self.init(text.utf8)
    }
}

extension ImportResult {
    /// The imported post with this platform id, if any.
    func post(_ id: String) -> ImportedPost? {
        posts.first { $0.id == id }
    }
}
