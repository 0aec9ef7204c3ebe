import Foundation
import Testing

@testable import BacklashCore

@Suite struct ImportFormatTests {
    static let fixtureFormats: [(String, ImportFormat)] = [
        (ImportFixtures.twitterSearch, .twitterV2), (ImportFixtures.twitterPages, .twitterV2),
        (ImportFixtures.vkWall, .vk), (ImportFixtures.vkComments, .vk),
        (ImportFixtures.telegramChannel, .telegram), (ImportFixtures.telegramSupergroup, .telegram),
        (ImportFixtures.csvStandard, .csv), (ImportFixtures.csvExcel, .csv),
    ]

    @Test("format names are the ones `backlashctl import --format` takes")
    func names() {
        #expect(ImportFormat.allCases.map(\.rawValue) == ["twitter-v2", "vk", "telegram", "csv"])
        #expect(ImportFormat(rawValue: "twitter-v2") == .twitterV2)
    }

    @Test("each fixture is guessed as its own format", arguments: fixtureFormats)
    func guess(name: String, format: ImportFormat) throws {
        #expect(ImportFormat.guess(from: try ImportFixtures.data(name)) == format)
    }

    @Test("text that is no export is not guessed as one")
    func noGuess() {
        #expect(ImportFormat.guess(from: Data(text: "")) == nil)
        #expect(ImportFormat.guess(from: Data(text: "hello world")) == nil)
        #expect(ImportFormat.guess(from: Data(text: #"{"name":"x"}"#)) == nil)
    }

    @Test(
        "every importer refuses every other format's fixture with an error naming the format it expects",
        arguments: ImportFormat.allCases)
    func refusesOtherFormats(format: ImportFormat) throws {
        let importer = format.makeImporter()
        #expect(importer.format == format)
        for (name, fixtureFormat) in Self.fixtureFormats where fixtureFormat != format {
            let data = try ImportFixtures.data(name)
            let error = try #require(throws: ImportError.self, "\(format.rawValue) given \(name)") {
                try importer.convert(data, sourceName: name)
            }
            #expect(error.description.hasPrefix("'\(name)' is not \(format.title)"), "\(error)")
            #expect(
                error.description.contains(
                    "It looks like \(fixtureFormat.title): import it with format "
                        + "`\(fixtureFormat.rawValue)`."), "\(error)")
        }
    }

    @Test("every importer refuses an empty file", arguments: ImportFormat.allCases)
    func refusesEmpty(format: ImportFormat) {
        #expect(throws: ImportError.empty(source: "empty", expected: format)) {
            try format.makeImporter().convert(Data(), sourceName: "empty")
        }
    }

    @Test("the result summary counts posts, rejections and skips")
    func summary() throws {
        let result = try TelegramExportImporter()
            .convert(ImportFixtures.data(ImportFixtures.telegramChannel), sourceName: "r")
        #expect(result.description == "5 posts imported, 1 rejected, 1 skipped")
    }
}
