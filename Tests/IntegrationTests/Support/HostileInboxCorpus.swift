import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One hostile thing dropped into the inbox's `new/`, and what the daemon must do with it.
struct HostileInboxEntry {
    /// What lands in `new/` under the entry's name.
    enum Kind {
        /// A regular file with these bytes, delivered Maildir-style (tmp/, then rename).
        case file([UInt8])
        case symlink(to: String)
        case hardLink(to: String)
        case fifo
        case characterDevice(major: UInt32, minor: UInt32)
        case blockDevice(major: UInt32, minor: UInt32)
        case socket
        case directory
        /// A sparse regular file of this many bytes (its size alone must get it refused).
        case sized(Int)
        /// A good file that a racing writer deletes, truncates, regrows or swaps for a link right after delivery.
        case racing(RaceMove, good: [UInt8])
    }

    enum RaceMove: CaseIterable { case unlink, truncate, grow, swapForLink }

    /// Where the daemon must put it.
    enum Outcome {
        /// Into `cur/`, its posts stored.
        case taken(keys: [String])
        /// Into `failed/` with `NAME.error` containing every one of these texts; `stored` of its posts kept.
        case quarantined(containing: [String], keys: [String])
        /// A single hostile post in a file of its own: judged by the post's verdict.
        case post(HostilePost)
        /// A race: gone, or in `cur/`, or in `failed/` with a `.error` — never stuck in `new/`, never a crash.
        case raced
    }

    /// The file name's bytes (names may hold newlines, RTL overrides, or bytes that are not UTF-8).
    let name: [UInt8]
    let kind: Kind
    let outcome: Outcome

    var printableName: String { String(decoding: name, as: UTF8.self) }
}

/// Generates the inbox's hostile corpus from a seed: single-post files from `HostilePostCorpus`, NDJSON and array files
/// mixing good and bad posts, links (to /etc/shadow, to a secret outside the inbox, dangling, looping), FIFOs,
/// devices, sockets, directories, a 100 MB file, empty and BOM files, hostile names, and races against the reader.
struct HostileInboxCorpus {
    var random: SeededRandom
    var posts: HostilePostCorpus
    /// A regular file outside the inbox whose content must never be read.
    let secretPath: String
    var index = 0

    init(seed: UInt64, secretPath: String) {
        random = SeededRandom(seed: seed ^ 0x1BB0)
        posts = HostilePostCorpus(seed: seed ^ 0xF11E, tag: "f")
        self.secretPath = secretPath
    }

    /// A fresh name: a sortable counter, then sometimes a hostile decoration.
    mutating func name(_ label: String, decorated: Bool = true) -> [UInt8] {
        index += 1
        var base = Array(String(format: "%07d.%@", index, label).utf8)
        switch decorated ? random.below(12) : 11 {
        case 0: base += Array("\nwith a newline\n".utf8)
        case 1: base += Array("\u{202E}nosj.exe".utf8)
        case 2: base += Array(" spaced -- name ; rm -rf ~ $(id)".utf8)
        case 3: base += Array("\u{1B}[31mred\u{7F}".utf8)
        case 4: base += Array(repeating: UInt8(ascii: "n"), count: 250 - base.count)  // 250 bytes: no room for ".error"
        case 5: base += [0xFF, 0xFE, UInt8(ascii: "x"), 0xC0, 0x80]  // not UTF-8
        default: break
        }
        return base
    }

    /// Single-post files: each judged by its post's verdict.
    mutating func postFiles(_ count: Int) -> [HostileInboxEntry] {
        (0..<count).map { _ in
            let post = posts.next()
            return HostileInboxEntry(name: name("post"), kind: .file(post.bytes), outcome: .post(post))
        }
    }

    /// NDJSON files: a good first line, then good and bad lines; the report names each bad line.
    mutating func ndjsonFiles(_ count: Int) -> [HostileInboxEntry] {
        (0..<count).map { _ in
            var lines: [HostilePost] = []
            while lines.isEmpty {
                let p = posts.next()
                if p.verdict == .accepted { lines.append(p) }
            }
            for _ in 0..<random.within(1...12) {
                let p = posts.next()
                if case .invalidUTF8 = p.verdict { continue }  // that one spoils the whole file: kept for single files
                if case .nesting(0, _) = p.verdict { continue }  // a top-level bracket run is not a line of its own
                lines.append(p)
            }
            var bytes: [UInt8] = []
            for p in lines { bytes += p.bytes + (random.chance(0.2) ? [0x0D, 0x0A] : [0x0A]) }
            let good = lines.filter { $0.verdict == .accepted }
            var expect: [String] = []
            for (i, p) in lines.enumerated() where p.verdict != .accepted {
                expect.append("line \(i + 1): ")
                expect.append(contentsOf: Self.lineErrorFragments(p.verdict))
            }
            let outcome: HostileInboxEntry.Outcome =
                good.count == lines.count
                ? .taken(keys: good.map(\.key))
                : .quarantined(
                    containing: ["\(good.count) of \(lines.count) posts were stored"] + expect,
                    keys: good.map(\.key))
            return HostileInboxEntry(name: name("ndjson"), kind: .file(bytes), outcome: outcome)
        }
    }

    /// What a rejected line's report must contain, whatever the offset wording.
    static func lineErrorFragments(_ verdict: HostileVerdict) -> [String] {
        switch verdict {
        case .accepted: []
        case .fields(let path, let problem): ["`\(path)`: \(problem)"]
        case .syntax(let offset, let problem): ["invalid JSON at byte \(offset): \(problem)"]
        case .syntaxWithin: ["invalid JSON at byte "]
        case .invalidUTF8(let offset): ["not valid UTF-8 at byte \(offset)"]
        case .nesting(let valueOffset, let depthAtValue):
            ["invalid JSON at byte \(valueOffset + HostileVerdict.socketDepth + 1 - depthAtValue): nesting is deeper"]
        case .notAnObject(let kind): ["expected a JSON object (one post), found \(kind)"]
        case .blankLine, .overLineLimit: []
        }
    }

    /// Array files: `[post, post, …]`; each bad item is named by its number.
    mutating func arrayFiles(_ count: Int) -> [HostileInboxEntry] {
        (0..<count).map { _ in
            var items: [RawPost] = []
            var keys: [String] = []
            var expect: [String] = []
            let n = random.within(1...8)
            for i in 0..<n {
                posts.counter += 1
                let id = "arr\(posts.counter)"
                var post = RawPost.valid(id: id, text: "массив #" + id)
                if random.chance(0.4) {
                    post.set("author.followers", .bytes(Array("-1".utf8)))
                    expect.append("item \(i + 1): `author.followers`: expected a non-negative integer below 2^63")
                } else {
                    keys.append("hostile:" + id)
                }
                items.append(post)
            }
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (i, item) in items.enumerated() {
                if i > 0 { bytes += Array(",\n ".utf8) }
                bytes += item.render().bytes
            }
            bytes.append(UInt8(ascii: "]"))
            let outcome: HostileInboxEntry.Outcome =
                expect.isEmpty
                ? .taken(keys: keys)
                : .quarantined(containing: ["\(keys.count) of \(n) posts were stored"] + expect, keys: keys)
            return HostileInboxEntry(name: name("array"), kind: .file(bytes), outcome: outcome)
        }
    }

    /// Everything that is not a regular file of posts, and the files that are wrong as a whole.
    mutating func specials(deviceFiles: Bool) -> [HostileInboxEntry] {
        var out: [HostileInboxEntry] = []
        func add(_ label: String, _ kind: HostileInboxEntry.Kind, _ expect: [String]) {
            // A unix socket's path must fit sun_path (108 bytes): its name stays plain.
            let plain: Bool = if case .socket = kind { true } else { false }
            out.append(
                HostileInboxEntry(
                    name: name(label, decorated: !plain), kind: kind,
                    outcome: .quarantined(containing: expect, keys: [])))
        }
        for target in [
            "/etc/shadow", "/etc/passwd", secretPath, "/nonexistent/post.json", "/proc/self/environ",
            "/dev/zero", "../../../../etc/shadow", "/etc",
        ] {
            add("symlink", .symlink(to: target), ["is a symbolic link (to \(target)); links are never followed"])
        }
        add("loop", .symlink(to: "loop"), ["is a symbolic link"])
        add("hardlink", .hardLink(to: secretPath), ["hard links; deliver files by rename from tmp/"])
        add("fifo", .fifo, ["is a FIFO (named pipe), not a regular file"])
        add("socket", .socket, ["is a socket, not a regular file"])
        add("directory", .directory, ["is a directory, not a regular file"])
        if deviceFiles {
            add("dev-null", .characterDevice(major: 1, minor: 3), ["is a character device, not a regular file"])
            add("dev-zero", .characterDevice(major: 1, minor: 5), ["is a character device, not a regular file"])
            add("dev-random", .characterDevice(major: 1, minor: 8), ["is a character device, not a regular file"])
            add("dev-loop", .blockDevice(major: 7, minor: 0), ["is a block device, not a regular file"])
        }
        add(
            "100MB", .sized(100 * 1024 * 1024),
            ["is 104857600 bytes, over the 16777216-byte limit (inbox.max_file_size)"])
        add("16MiB-plus-1", .sized(16 * 1024 * 1024 + 1), ["is 16777217 bytes, over the 16777216-byte limit"])
        add("empty", .file([]), ["the file is empty"])
        add("blank", .file(Array(" \n\t\r\n  \n".utf8)), ["the file is empty"])
        add("bom-only", .file([0xEF, 0xBB, 0xBF]), ["the file is empty"])
        add("empty-array", .file(Array("[]".utf8)), ["the file holds an empty array"])
        add("nul-only", .file([0, 0, 0, 0]), ["line 1, column 1: expected a value, found a NUL byte"])
        add(
            "utf16", .file([0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00]),
            ["not valid UTF-8 (first bad byte at line 1, column 1)"])
        add(
            "array-of-junk", .file(Array("[1, \"x\", null, []]".utf8)),
            [
                "0 of 4 posts were stored", "item 1: expected a JSON object (one post), found a number",
                "item 4: expected a JSON object (one post), found an array",
            ])
        // A file of tiny array items just under the size limit: bounded work and memory, every item rejected.
        var junk = Array("[".utf8)
        junk.reserveCapacity(8 << 20)
        while junk.count < (8 << 20) - 4 { junk += Array("0,".utf8) }
        junk += Array("0]".utf8)
        add("8MiB-of-zeros", .file(junk), ["expected a JSON object (one post), found a number"])
        // The good ones among the odd: a BOM before a valid post, a CRLF NDJSON file.
        posts.counter += 1
        let bomID = "bom\(posts.counter)"
        out.append(
            HostileInboxEntry(
                name: name("bom"),
                kind: .file([0xEF, 0xBB, 0xBF] + RawPost.valid(id: bomID, text: "BOM #" + bomID).render().bytes),
                outcome: .taken(keys: ["hostile:" + bomID])))
        return out
    }

    /// Good files attacked by a racing writer right after delivery.
    mutating func races(_ count: Int) -> [HostileInboxEntry] {
        (0..<count).map { i in
            posts.counter += 1
            let id = "race\(posts.counter)"
            let move = HostileInboxEntry.RaceMove.allCases[i % HostileInboxEntry.RaceMove.allCases.count]
            let bytes = RawPost.valid(id: id, text: "гонка #" + id).render().bytes
            return HostileInboxEntry(name: name("race"), kind: .racing(move, good: bytes), outcome: .raced)
        }
    }
}
