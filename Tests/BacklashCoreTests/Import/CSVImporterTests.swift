import Foundation
import Testing

@testable import BacklashCore

@Suite struct CSVImporterTests {
    func importStandard(defaultPlatform: String? = "twitter", observedAt: Double? = nil) throws -> ImportResult {
        try CSVImporter(defaultPlatform: defaultPlatform, observedAt: observedAt)
            .convert(ImportFixtures.data(ImportFixtures.csvStandard), sourceName: "posts.csv")
    }

    @Test("a row with the standard columns becomes a v1 post with author, link, channel and metrics")
    func fullRow() throws {
        let post = try #require(try importStandard().post("t1"))
        #expect(post.platform == "twitter")
        #expect(post.author == ImportedPost.Author(id: "u1", handle: "@anna_k", followers: 48210))
        #expect(post.text == "Такси списывает 1 рубль до поездки!!! Как так-то????")
        #expect(post.createdAt == "2024-03-05T07:12:09Z")
        #expect(post.url == "https://x.com/anna_k/status/t1")
        #expect(post.channel == .post)
        #expect(post.lang == "ru")
        #expect(post.metrics == ImportedPost.Metrics(reposts: 12, likes: 88, replies: 7, views: 15400))
        #expect(post.observedAt == nil)
        #expect(post.source?["row"] == .integer(2))
    }

    @Test("doubled quotes unquote to one, the platform is lower-cased, a space-separated date is UTC")
    func doubledQuoteAndSpaceDate() throws {
        let post = try #require(try importStandard().post("t2"))
        #expect(post.text == "Она права, \"холд\" — это развод")
        #expect(post.platform == "twitter")
        #expect(post.createdAt == "2024-03-05T07:20:41Z")
        #expect(post.replyTo == "t1")
        #expect(post.channel == .comment)
        #expect(post.metrics == ImportedPost.Metrics(likes: 0), "empty count cells are left out")
    }

    @Test("a quoted text over several lines stays one field; unix seconds are accepted")
    func quotedNewlines() throws {
        let post = try #require(try importStandard().post("r1"))
        #expect(post.text == "Отзыв:\nВодитель опоздал,\nа деньги списали.")
        #expect(post.platform == "maps")
        #expect(post.channel == .review)
        #expect(post.createdAt == "2024-03-05T08:00:00Z")
        #expect(post.metrics == nil)
    }

    @Test("an empty platform cell takes the default platform; a zone offset is converted to UTC")
    func defaultPlatformAndOffset() throws {
        let post = try #require(try importStandard(defaultPlatform: "Twitter").post("t5"))
        #expect(post.platform == "twitter")
        #expect(post.createdAt == "2024-03-05T06:00:00Z")
        #expect(post.channel == .dm)
    }

    @Test("bad rows are rejected with their spreadsheet row (and line when they differ) and the reason")
    func rejectedRows() throws {
        let result = try importStandard()
        #expect(result.posts.map(\.id) == ["t1", "t2", "r1", "t5"])
        #expect(result.rejected.map(\.index) == [5, 6, 8])
        #expect(result.rejected.map(\.location) == ["row 5 (line 7)", "row 6 (line 8)", "row 8 (line 10)"])
        #expect(result.rejected[0].description == "row 5 (line 7) has no `author_id` (author.id)")
        #expect(result.rejected[1].reason.hasPrefix("has `created_at` '05.03.2024 08:00', which is not a date; use"))
        #expect(result.rejected[2].reason == "has `likes` 'lots', which is not a whole number ≥ 0")
    }

    @Test("without a default platform, a row with an empty platform cell is rejected")
    func emptyPlatformWithoutDefault() throws {
        let result = try importStandard(defaultPlatform: nil)
        #expect(result.post("t5") == nil)
        #expect(result.rejected.contains { $0.index == 7 && $0.reason.contains("no default platform") })
    }

    @Test("observed_at is stamped on rows with counts when the caller gives the time")
    func observedAt() throws {
        let result = try importStandard(observedAt: 1_709_700_000)
        #expect(result.post("t1")?.observedAt == "2024-03-06T04:40:00Z")
        #expect(result.post("r1")?.observedAt == nil)
    }

    @Test("an Excel sheet with BOM, CRLF, semicolons and its own column names imports through a column map")
    func excelSheet() throws {
        let columns = try CSVColumnMap(
            overriding: "id=Номер, author.id=Автор, text=Текст, created_at=Дата, metrics.likes=Лайки")
        let result = try CSVImporter(columns: columns, defaultPlatform: "vk")
            .convert(ImportFixtures.data(ImportFixtures.csvExcel), sourceName: "excel.csv")
        #expect(result.posts.map(\.id) == ["101", "102", "103"], "the BOM does not hide the first column")
        #expect(result.posts.map(\.platform) == ["vk", "vk", "vk"])
        #expect(result.post("101")?.text == "Верните деньги; срочно!")
        #expect(result.post("102")?.text == "Строка один\r\nстрока два", "a quoted CRLF is kept")
        #expect(result.post("102")?.metrics == nil)
        #expect(result.post("103")?.createdAt == "2024-03-05T10:10:00Z")
        #expect(result.post("103")?.metrics?.likes == 7)
        #expect(result.post("103")?.source?["row"] == .integer(5))
        #expect(result.skipped == 1, "the blank row")
        #expect(result.rejected.isEmpty)
    }

    @Test("a header lacking required columns is refused, listing what is missing and what the file has")
    func missingColumns() throws {
        let csv = "user,body,date\nu1,hello,2024-01-01T00:00:00Z\n"
        let error = try #require(throws: ImportError.self) {
            try CSVImporter(defaultPlatform: "vk").convert(Data(text: csv), sourceName: "export.csv")
        }
        let missing = ["id", "author_id", "text", "created_at"]
        #expect(error == .missingColumns(source: "export.csv", missing: missing, available: ["user", "body", "date"]))
        #expect(error.description.contains("its columns are `user`, `body`, `date`"))
    }

    @Test("header names match ignoring case and spaces")
    func looseHeaderMatch() throws {
        let csv = "ID, Author_ID ,TEXT,Created_At\n1,u,hi,2024-01-01 00:00:00\n"
        let result = try CSVImporter(defaultPlatform: "vk").convert(Data(text: csv), sourceName: "x.csv")
        #expect(result.posts.map(\.author.id) == ["u"])
    }

    @Test("a sheet with neither a platform column nor a default platform is refused")
    func noPlatform() throws {
        let csv = "id,author_id,text,created_at\n1,u,hi,2024-01-01T00:00:00Z\n"
        let error = try #require(throws: ImportError.self) {
            try CSVImporter().convert(Data(text: csv), sourceName: "x.csv")
        }
        guard case .noPlatform(_, "platform", _) = error else {
            Issue.record("expected noPlatform, got \(error)")
            return
        }
    }

    @Test("a row with more or fewer values than the header is rejected, telling to quote")
    func fieldCountMismatch() throws {
        let csv = "id,author_id,text,created_at\n1,u,hello, world,2024-01-01T00:00:00Z\n2,u,short\n3,u,ok,0,\n"
        let result = try CSVImporter(defaultPlatform: "vk").convert(Data(text: csv), sourceName: "x.csv")
        #expect(result.rejected.map(\.index) == [2, 3])
        #expect(result.rejected[0].reason.hasPrefix("has 5 values but the header names 4 columns"))
        #expect(result.posts.map(\.id) == ["3"], "a trailing empty value is tolerated")
    }

    @Test("a date in milliseconds is rejected with a hint to divide by 1000")
    func millisecondsHint() throws {
        let csv = "id,author_id,text,created_at\n1,u,hi,1709622729000\n"
        let result = try CSVImporter(defaultPlatform: "vk").convert(Data(text: csv), sourceName: "x.csv")
        #expect(result.rejected.first?.reason.hasSuffix("(this looks like milliseconds: divide by 1000)") == true)
    }

    @Test("verified, channel and follower cells are checked; unknown values are rejected with the allowed ones")
    func checkedCells() throws {
        let csv = """
            id,author_id,text,created_at,author_verified,channel,author_followers
            1,u,a,2024-01-01T00:00:00Z,yes,Comment,10
            2,u,b,2024-01-01T00:00:00Z,maybe,,
            3,u,c,2024-01-01T00:00:00Z,,tweet,
            4,u,d,2024-01-01T00:00:00Z,,,-5
            """
        let result = try CSVImporter(defaultPlatform: "vk").convert(Data(text: csv), sourceName: "x.csv")
        #expect(result.post("1")?.author.verified == true)
        #expect(result.post("1")?.channel == .comment)
        #expect(result.rejected.map(\.index) == [3, 4, 5])
        #expect(
            result.rejected[1].reason == "has `channel` 'tweet', which is not one of "
                + "post, comment, review, dm, email, chat")
    }

    @Test("a column map with an unknown field is refused, listing the v1 fields")
    func badColumnMap() throws {
        let error = try #require(throws: ImportError.self) {
            try CSVColumnMap(overriding: "author.idd=user")
        }
        #expect(error == .badColumnMap(specification: "author.idd=user", problem: "`author.idd` is not a v1 field"))
        #expect(error.description.contains("`author.id`"))
    }

    @Test("an empty mapping stops a column from being read")
    func unmappedColumn() throws {
        let columns = try CSVColumnMap(overriding: "lang=")
        #expect(columns[.lang] == nil)
        #expect(columns[.text] == "text")
        let csv = "id,author_id,text,created_at,lang\n1,u,hi,2024-01-01T00:00:00Z,ru\n"
        let result = try CSVImporter(columns: columns, defaultPlatform: "vk").convert(Data(text: csv), sourceName: "x")
        #expect(result.posts.first?.lang == nil)
    }

    @Test("a Telegram export is refused as JSON with a hint to use format telegram")
    func refusesTelegram() throws {
        let data = try ImportFixtures.data(ImportFixtures.telegramChannel)
        let error = try #require(throws: ImportError.self) {
            try CSVImporter().convert(data, sourceName: "result.json")
        }
        #expect(error.description.hasPrefix("'result.json' is not a CSV file: expected UTF-8 text with a header row"))
        #expect(error.description.contains("import it with format `telegram`"))
    }

    @Test("an empty file or one with only a BOM is refused as empty")
    func refusesEmpty() {
        #expect(throws: ImportError.empty(source: "e.csv", expected: .csv)) {
            try CSVImporter().convert(Data([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]), sourceName: "e.csv")
        }
    }

    @Test("a sheet in Windows-1251 is refused as not UTF-8, naming the line and byte offset")
    func refusesNonUTF8() {
        let header = Array("id,author_id,text,created_at\n".utf8)
        let bytes = header + [0x31, 0x2C, 0x75, 0x2C, 0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2, 0x2C, 0x30, 0x0A]  // "Привет"
        #expect(
            throws: ImportError.notUTF8(source: "cp1251.csv", expected: .csv, line: 2, byteOffset: header.count + 4)
        ) {
            try CSVImporter(defaultPlatform: "vk").convert(Data(bytes), sourceName: "cp1251.csv")
        }
    }
}
