import CSystemd
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes structured entries to the systemd journal over its native protocol (`sd_journal_sendv`).
public final class Journal: Sendable {
    /// The syslog identifier stamped on every entry.
    public let identifier: String
    /// Path of journald's native socket; when it is missing, entries are counted as lost.
    public let socketPath: String
    private let counters = Mutex(Counters())

    struct Counters {
        var sent = 0
        var lost = 0
        var lastError: Int32 = 0
        var lastWasLost = false
    }

    /// Creates a journal writer.
    public init(identifier: String = "backlashd", socketPath: String = "/run/systemd/journal/socket") {
        self.identifier = identifier
        self.socketPath = socketPath
    }

    /// Entries that reached journald since start.
    public var sentCount: Int { counters.withLock { $0.sent } }
    /// Entries journald did not take (socket missing or refusing) since start.
    public var lostCount: Int { counters.withLock { $0.lost } }
    /// Whether the latest entry was lost (journald is away until an entry gets through again).
    public var isLosing: Bool { counters.withLock { $0.lastWasLost } }

    /// Whether journald's socket exists right now.
    public var isAvailable: Bool {
        var st = stat()
        return lstat(socketPath, &st) == 0 && (st.st_mode & S_IFMT) == S_IFSOCK
    }

    /// Sends one entry; `fields` are `(NAME, value)` pairs with upper-case names. Returns false when it was lost.
    @discardableResult
    public func send(message: String, priority: Int, fields: [(String, String)]) -> Bool {
        var all: [String] = []
        all.reserveCapacity(fields.count + 3)
        all.append("MESSAGE=" + message)
        all.append("PRIORITY=" + String(priority))
        all.append("SYSLOG_IDENTIFIER=" + identifier)
        for (name, value) in fields where Self.isValidFieldName(name) {
            all.append(name + "=" + value)
        }
        // sd_journal_sendv drops entries silently (returns 0) when the socket is absent: check first.
        guard isAvailable else {
            counters.withLock {
                $0.lost += 1
                $0.lastWasLost = true
            }
            return false
        }
        let rc = Self.sendv(all)
        counters.withLock {
            if rc < 0 {
                $0.lost += 1
                $0.lastError = rc
            } else {
                $0.sent += 1
            }
            $0.lastWasLost = rc < 0
        }
        return rc >= 0
    }

    static func sendv(_ entries: [String]) -> Int32 {
        var storage = entries.map { Array($0.utf8) }
        return storage.withUnsafeMutableBufferPointer { buffers -> Int32 in
            var iovecs: [iovec] = []
            iovecs.reserveCapacity(buffers.count)
            for i in buffers.indices {
                buffers[i].withUnsafeMutableBufferPointer { b in
                    iovecs.append(iovec(iov_base: UnsafeMutableRawPointer(b.baseAddress), iov_len: b.count))
                }
            }
            // The pointers stay valid: `storage` is not mutated until this closure returns.
            return iovecs.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }

    /// Journal field names: A–Z, 0–9 and '_', not starting with '_' or a digit, at most 64 characters.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "_"), !(0x30...0x39).contains(first),
            name.utf8.count <= 64
        else { return false }
        return name.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
    }
}
