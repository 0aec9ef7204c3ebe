import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file read out of `new/` safely, or the reason it must be quarantined unread.
enum InboxRead: Sendable {
    case bytes([UInt8])
    case quarantine(String)
    /// Gone before it could be opened (another process took it): nothing to do.
    case vanished
}

/// The Maildir-style inbox: `tmp/` (writers), `new/` (ready), `cur/` (done), `failed/` (quarantined + `.error`).
struct InboxDirectory: Sendable {
    let root: String
    var new: String { root + "/new" }
    var cur: String { root + "/cur" }
    var failed: String { root + "/failed" }
    var tmp: String { root + "/tmp" }

    /// Creates the four directories (mode 0770 for new ones).
    func create() throws {
        for dir in [root, tmp, new, cur, failed] {
            try FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o770])
        }
    }

    /// Names in `new/`, sorted (Maildir names start with a timestamp, so this is roughly arrival order).
    /// Hidden names (leading '.') are writers' temporary files and are skipped.
    func pendingNames() -> [String] {
        pendingEntries().names
    }

    /// Names in `new/`: those that are UTF-8 (sorted), and those that are not, as raw bytes (they cannot be opened
    /// through a `String` path, so they are quarantined by their bytes; see ``quarantine(rawName:report:)``).
    func pendingEntries() -> (names: [String], undecodable: [[UInt8]]) {
        guard let dir = opendir(new) else { return ([], []) }
        defer { closedir(dir) }
        var names: [String] = []
        var undecodable: [[UInt8]] = []
        while let entry = readdir(dir) {
            let raw: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if raw.first == UInt8(ascii: ".") { continue }
            if let name = String(validating: raw, as: UTF8.self) {
                names.append(name)
            } else {
                undecodable.append(raw)
            }
        }
        return (names.sorted(), undecodable)
    }

    /// Opens `new/NAME` without following links and reads it if, and only if, it is a plain regular file.
    func read(_ name: String, maxSize: Int) -> InboxRead {
        let path = new + "/" + name
        var st = stat()
        if lstat(path, &st) != 0 {
            return errno == ENOENT ? .vanished : .quarantine("cannot be inspected: \(String(cString: strerror(errno)))")
        }
        if let kind = Self.irregularKind(st.st_mode) {
            if (st.st_mode & S_IFMT) == S_IFLNK {
                var target = [CChar](repeating: 0, count: 4097)
                let n = readlink(path, &target, 4096)
                let to = n > 0 ? String(decoding: target[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "?"
                return .quarantine("is a symbolic link (to \(to)); links are never followed, deliver regular files")
            }
            return .quarantine("is \(kind), not a regular file; only regular files are read")
        }
        if st.st_nlink > 1 {
            return .quarantine("has \(st.st_nlink) hard links; deliver files by rename from tmp/, not by link")
        }
        if Int(st.st_size) > maxSize {
            return .quarantine("is \(st.st_size) bytes, over the \(maxSize)-byte limit (inbox.max_file_size)")
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            let e = errno
            if e == ENOENT { return .vanished }
            if e == ELOOP { return .quarantine("is a symbolic link; links are never followed") }
            return .quarantine("cannot be opened: \(String(cString: strerror(e)))")
        }
        defer { close(fd) }
        var st2 = stat()
        // The file could have been swapped between lstat and open: check it is the same regular file.
        guard fstat(fd, &st2) == 0, st2.st_ino == st.st_ino, st2.st_dev == st.st_dev,
            (st2.st_mode & S_IFMT) == S_IFREG
        else {
            return .quarantine("changed while it was being opened; deliver files by rename from tmp/")
        }
        var bytes = [UInt8](repeating: 0, count: Int(st2.st_size))
        var total = 0
        while true {
            if total == bytes.count {
                if total > maxSize { break }
                bytes.append(contentsOf: repeatElement(0, count: max(4096, min(total, maxSize + 1 - total))))
            }
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                return .quarantine("could not be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            total += n
        }
        if total > maxSize {
            return .quarantine("grew past the \(maxSize)-byte limit while being read (inbox.max_file_size)")
        }
        bytes.removeSubrange(total...)
        return .bytes(bytes)
    }

    static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    /// Moves `new/NAME` into `cur/` (kept name; shortened when too long, a numbered suffix when taken). Returns false
    /// if it was gone.
    @discardableResult
    func accept(_ name: String) -> Bool {
        let target = freeName(name, in: cur, reserve: 0)
        return Self.renameBytes(Array((new + "/" + name).utf8), Array((cur + "/" + target).utf8))
    }

    /// Writes `failed/NAME.error` with the reason, then moves the file into `failed/`.
    @discardableResult
    func quarantine(_ name: String, report: String) -> Bool {
        quarantine(rawName: Array(name.utf8), report: report)
    }

    /// Quarantines a file by the bytes of its name; in `failed/` it gets a printable name (escaped, shortened to leave
    /// room for `.error`) when its own is not UTF-8 or too long.
    @discardableResult
    func quarantine(rawName: [UInt8], report: String) -> Bool {
        let readable = String(validating: rawName, as: UTF8.self) ?? InboxFileName.printable(rawName)
        let target = freeName(readable, in: failed, reserve: ".error".utf8.count)
        let errorPath = failed + "/" + target + ".error"
        let tmpPath = tmp + "/.backlash-error-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if FileManager.default.createFile(atPath: tmpPath, contents: Data(report.utf8)),
            rename(tmpPath, errorPath) != 0
        {
            unlink(tmpPath)
        }
        return Self.renameBytes(Array((new + "/").utf8) + rawName, Array((failed + "/" + target).utf8))
    }

    /// rename(2) over byte paths (a name need not be UTF-8).
    static func renameBytes(_ from: [UInt8], _ to: [UInt8]) -> Bool {
        let f = (from + [0]).map { CChar(bitPattern: $0) }, t = (to + [0]).map { CChar(bitPattern: $0) }
        return Glibc.rename(f, t) == 0
    }

    /// The name itself when free in `dir`, else `NAME.1`, `NAME.2`…; shortened (see `InboxFileName.fitting`) only as
    /// far as the suffix and `reserve` more bytes need.
    private func freeName(_ name: String, in dir: String, reserve: Int) -> String {
        var candidate = InboxFileName.fitting(name, reserve: reserve)
        var n = 1
        var st = stat()
        while lstat(dir + "/" + candidate, &st) == 0 {
            let suffix = ".\(n)"
            candidate = InboxFileName.fitting(name, reserve: reserve + suffix.utf8.count) + suffix
            n += 1
        }
        return candidate
    }
}
