import Foundation
import Testing

@testable import BacklashDaemon

#if canImport(Glibc)
    import Glibc
#endif

@Suite("inbox file names as bytes")
struct InboxFileNameTests {
    @Test("control characters, bidi overrides and bytes that are not UTF-8 are printed escaped")
    func printable() {
        #expect(InboxFileName.printable(Array("a\nb\u{202E}c.json".utf8)) == "a\\u{a}b\\u{202e}c.json")
        #expect(InboxFileName.printable([0x61, 0xFF, 0xC0, 0x80, 0x62]) == "a\\xFF\\xC0\\x80b")
        #expect(InboxFileName.printable(Array("ж🚕".utf8)) == "ж🚕")
        #expect(InboxFileName.quoted([0x01]) == "'\\u{1}'")
    }

    @Test("a long name is shortened at a character boundary, distinctly, leaving room for .error")
    func fitting() {
        let long = String(repeating: "ж", count: 125)  // 250 bytes
        #expect(InboxFileName.fitting(long, reserve: 0) == long)
        let short = InboxFileName.fitting(long, reserve: ".error".utf8.count)
        #expect(short.utf8.count + ".error".utf8.count <= InboxFileName.maxBytes)
        #expect(short.hasPrefix("жж") && short.contains("~"))
        #expect(InboxFileName.fitting(long + "x", reserve: 6) != short)
        #expect(InboxFileName.fitting("plain.json", reserve: 8) == "plain.json")
    }

    @Test("a file whose name is not UTF-8 is quarantined by its bytes, with its report beside it")
    func quarantineRawName() throws {
        let root = "/tmp/blt-rawname-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let inbox = InboxDirectory(root: root)
        try inbox.create()
        let raw: [UInt8] = Array("bad".utf8) + [0xFF] + Array(".json".utf8)
        let path = (Array((inbox.new + "/").utf8) + raw + [0]).map { CChar(bitPattern: $0) }
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        close(fd)
        let listing = inbox.pendingEntries()
        #expect(listing.names.isEmpty && listing.undecodable == [raw])
        #expect(inbox.quarantine(rawName: raw, report: "why\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.new).isEmpty)
        #expect(try String(contentsOfFile: inbox.failed + "/bad\\xFF.json.error", encoding: .utf8) == "why\n")
        #expect(FileManager.default.fileExists(atPath: inbox.failed + "/bad\\xFF.json"))
    }
}
