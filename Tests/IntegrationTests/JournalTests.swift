import Foundation
import Testing
import BacklashCore

@Suite("backlashd writes its story to a real journald", .serialized)
struct JournalTests {
    @Test("the start-up event reaches journald with MESSAGE_ID and BACKLASH_* fields")
    func startEventIsJournaled() throws {
        try requireJournald()
        let dir = try TestPaths.makeTemporaryDirectory("journal")
        let daemon = try RunningDaemon(directory: dir)
        let mine = try JournalReader.waitForEntries(["BACKLASH_EVENT=daemon.started", "SYSLOG_IDENTIFIER=backlashd"]) {
            $0["MESSAGE"]?.contains(dir.path) == true
        }
        #expect(mine.count == 1, "one start entry for this daemon")
        let e = try #require(mine.first)
        #expect(e["MESSAGE_ID"] == "e2a214e8bbe946759d52490575ffc53d")
        #expect(e["PRIORITY"] == "6")
        #expect(e["BACKLASH_ACTOR"] == "backlashd")
        #expect(e["BACKLASH_SEQUENCE"] != nil)
        #expect(e["BACKLASH_DETAILS"]?.contains("\"version\"") == true)
        try daemon.stop()
    }

    @Test("a quarantined inbox file is a warning entry naming the file and the reason")
    func quarantineIsJournaled() throws {
        try requireJournald()
        let dir = try TestPaths.makeTemporaryDirectory("jq")
        let daemon = try RunningDaemon(directory: dir)
        let name = "broken-\(UInt32.random(in: 0...UInt32.max)).json"
        try Fixtures.deliver("{\"platform\": ", name: name, inbox: daemon.inbox)
        try waitUntil("the file is quarantined", timeout: 30) {
            FileManager.default.fileExists(atPath: daemon.inbox.appendingPathComponent("failed/\(name).error").path)
        }
        let entries = try JournalReader.waitForEntries(["BACKLASH_EVENT=inbox.quarantined"], timeout: 30) {
            $0["MESSAGE"]?.contains(name) == true
        }
        let mine = try #require(entries.first)
        #expect(mine["PRIORITY"] == "4")
        #expect(mine["MESSAGE"]?.contains("line 1") == true)
        try daemon.stop()
    }
}

/// Journal tests need the private journald that scripts/test starts; without it they fail loudly, never skip.
func requireJournald() throws {
    try #require(
        TestPaths.journaldAvailable,
        "no private journald: run the tests through scripts/test (or scripts/with-journald swift test)")
}

@Suite("the journal catalog")
struct CatalogTests {
    @Test("Deploy/catalog documents every event kind, under its MESSAGE_ID and name, and nothing else")
    func everyKindHasAnEntry() throws {
        let url = TestPaths.packageRoot.appendingPathComponent("Deploy/catalog/backlash.catalog")
        let text = try String(contentsOf: url, encoding: .utf8)
        var entries: [String: String] = [:]  // MESSAGE_ID -> the entry's text
        for chunk in text.components(separatedBy: "\n-- ").dropFirst() {
            let id = String(chunk.prefix(32))
            #expect(entries[id] == nil, "MESSAGE_ID \(id) appears twice")
            entries[id] = chunk
        }
        for kind in EventKind.allCases {
            let entry = entries[kind.messageID]
            #expect(entry != nil, "no catalog entry for \(kind.rawValue) (\(kind.messageID))")
            #expect(entry?.contains("BACKLASH_EVENT=\(kind.rawValue))") == true, "the entry of \(kind.messageID) names another kind")
        }
        #expect(Set(entries.keys) == Set(EventKind.allCases.map(\.messageID)), "the catalog has entries for unknown kinds")
    }
}
