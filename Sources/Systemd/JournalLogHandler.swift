public import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler that writes to the journal with metadata as fields, or readable lines to stderr.
public struct JournalLogHandler: LogHandler {
    /// Where log lines go.
    public enum Target: String, Sendable, CaseIterable {
        /// Structured entries over the journal's native protocol.
        case journal
        /// `LEVEL message key=value` lines on standard error.
        case stderr
    }

    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let target: Target
    let journal: Journal

    /// Creates a handler writing to `target`.
    public init(label: String, target: Target, journal: Journal) {
        self.label = label
        self.target = target
        self.journal = journal
    }

    /// Journal when started by systemd with stderr connected to the journal and not a terminal; stderr otherwise.
    public static func automaticTarget() -> Target {
        if isatty(STDERR_FILENO) != 0 { return .stderr }
        guard let stream = getenv("JOURNAL_STREAM").map({ String(cString: $0) }) else { return .stderr }
        // JOURNAL_STREAM is "device:inode" of the stream stderr is connected to.
        var st = stat()
        guard fstat(STDERR_FILENO, &st) == 0 else { return .stderr }
        return stream == "\(st.st_dev):\(st.st_ino)" ? .journal : .stderr
    }

    /// Gets or sets one metadata value.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one log event.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let m = event.metadata { merged.merge(m) { $1 } }
        switch target {
        case .journal:
            var fields: [(String, String)] = [
                ("CODE_FILE", event.file), ("CODE_LINE", String(event.line)), ("CODE_FUNC", event.function),
                ("BACKLASH_LOGGER", label),
            ]
            for (key, value) in merged {
                fields.append((Self.fieldName(key), "\(value)"))
            }
            journal.send(message: event.message.description, priority: Self.priority(event.level), fields: fields)
        case .stderr:
            var line = "\(Self.levelName(event.level)) \(event.message)"
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                let text = "\(value)"
                line += text.contains(" ") || text.isEmpty ? " \(key)=\"\(text)\"" : " \(key)=\(text)"
            }
            line += "\n"
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
        }
    }

    /// A metadata key as a journal field: `incident` -> `BACKLASH_INCIDENT`; upper-case names are kept.
    static func fieldName(_ key: String) -> String {
        let upper = String(key.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        if key == key.uppercased(), Journal.isValidFieldName(key) { return key }
        return "BACKLASH_" + upper
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace: "trace"
        case .debug: "debug"
        case .info: "info"
        case .notice: "notice"
        case .warning: "warning"
        case .error: "error"
        case .critical: "critical"
        }
    }
}
