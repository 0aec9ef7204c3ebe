import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension HostileInboxEntry {
    /// Whether the name is valid UTF-8 (a name that is not must be quarantined for its name alone).
    var nameIsUTF8: Bool { String(validating: name, as: UTF8.self) != nil }
}

/// Puts hostile entries into a real inbox with raw system calls (names are bytes, not strings), and reads back
/// what the daemon made of them.
enum HostileInboxPlacer {
    static func path(_ dir: String, _ name: [UInt8]) -> [CChar] {
        (Array(dir.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
    }

    static func check(_ rc: Int32, _ what: String) throws {
        if rc != 0 { throw TestFailure("\(what): \(String(cString: strerror(errno)))") }
    }

    static func write(_ bytes: [UInt8], to path: [CChar]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TestFailure("open for writing: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            guard n > 0 else { throw TestFailure("write: \(String(cString: strerror(errno)))") }
            offset += n
        }
    }

    /// Places one entry in `new/` (regular files by way of `tmp/` and rename, like a Maildir writer).
    static func place(_ entry: HostileInboxEntry, new: String, tmp: String) throws {
        let target = path(new, entry.name)
        let label = entry.printableName
        switch entry.kind {
        case .file(let bytes):
            let staging = path(tmp, entry.name)
            try write(bytes, to: staging)
            try check(rename(staging, target), "rename \(label)")
        case .symlink(let to): try check(symlink(to, target), "symlink \(label)")
        case .hardLink(let to): try check(link(to, target), "link \(label)")
        case .fifo: try check(mkfifo(target, 0o644), "mkfifo \(label)")
        case .characterDevice(let major, let minor):
            try check(mknod(target, S_IFCHR | 0o600, dev_t(major << 8 | minor)), "mknod \(label)")
        case .blockDevice(let major, let minor):
            try check(mknod(target, S_IFBLK | 0o600, dev_t(major << 8 | minor)), "mknod \(label)")
        case .directory: try check(mkdir(target, 0o755), "mkdir \(label)")
        case .socket:
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            let bytes = target.map { UInt8(bitPattern: $0) }
            guard bytes.count <= MemoryLayout.size(ofValue: addr.sun_path) else {
                throw TestFailure("socket path too long")
            }
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in for (i, b) in bytes.enumerated() { raw[i] = b } }
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            try check(rc, "bind \(label)")
        case .sized(let size):
            let staging = path(tmp, entry.name)
            let fd = open(staging, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw TestFailure("open \(label)") }
            // Really written, not sparse: the daemon must refuse it by its size without reading it.
            let chunk = [UInt8](repeating: UInt8(ascii: "["), count: 1 << 20)
            var left = size
            while left > 0 {
                let n = chunk.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, min(left, chunk.count)) }
                guard n > 0 else {
                    close(fd)
                    throw TestFailure("write \(label)")
                }
                left -= n
            }
            close(fd)
            try check(rename(staging, target), "rename \(label)")
        case .racing(let move, let good):
            let staging = path(tmp, entry.name)
            try write(good, to: staging)
            try check(rename(staging, target), "rename \(label)")
            switch move {
            case .unlink: unlink(target)
            case .truncate: truncate(target, Int(good.count / 2))
            case .grow:
                let fd = open(target, O_WRONLY | O_APPEND | O_CLOEXEC)
                if fd >= 0 {
                    _ = [UInt8](repeating: UInt8(ascii: " "), count: 64).withUnsafeBytes {
                        Glibc.write(fd, $0.baseAddress!, 64)
                    }
                    _ = [UInt8(ascii: "x")].withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, 1) }
                    close(fd)
                }
            case .swapForLink:
                let link = path(tmp, entry.name + Array(".link".utf8))
                symlink("/etc/shadow", link)
                rename(link, target)
            }
        }
    }

    /// Every name in a directory, as bytes (`.` and `..` left out).
    static func names(in dir: String) -> [[UInt8]] {
        guard let handle = opendir(dir) else { return [] }
        defer { closedir(handle) }
        var out: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            out.append(name)
        }
        return out
    }

    /// The `.error` reports in `failed/`, keyed by the quoted name each one begins with.
    static func reports(in failed: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in names(in: failed) where name.count > 6 && name.suffix(6) == Array(".error".utf8) {
            guard
                let data = FileManager.default.contents(
                    atPath: String(decoding: path(failed, name).dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
                ),
                let text = String(data: data, encoding: .utf8)
            else { continue }
            let head = "inbox file "
            guard text.hasPrefix(head), let end = text.range(of: " was quarantined:\n") else { continue }
            out[String(text[text.index(text.startIndex, offsetBy: head.count)..<end.lowerBound])] = text
        }
        return out
    }

    /// A name as the daemon's reports print it: quoted; control characters, bidi overrides and bytes that are not
    /// UTF-8 escaped.
    static func quoted(_ name: [UInt8]) -> String {
        var out = "'"
        var decoder = UTF8()
        var iterator = name.makeIterator()
        var consumed = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let v = scalar.value
                if v < 0x20 || v == 0x7F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                    out += "\\u{" + String(v, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
                consumed += String(scalar).utf8.count
            case .error:
                // Re-read from the raw bytes: one bad byte at a time is escaped as \xHH.
                out += "\\x" + String(format: "%02X", name[consumed])
                consumed += 1
                iterator = Array(name[consumed...]).makeIterator()
                decoder = UTF8()
            case .emptyInput:
                break loop
            }
        }
        return out + "'"
    }
}
