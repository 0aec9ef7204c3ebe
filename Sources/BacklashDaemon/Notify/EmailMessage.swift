import BacklashCore
import Foundation

/// A plain-text RFC 5322 message, rendered for a sendmail-compatible program.
///
/// Header values never carry a line break from the data (control characters become spaces); non-ASCII text in
/// headers becomes RFC 2047 encoded-words (UTF-8, B encoding, every line at most 76 characters); the body is
/// UTF-8 text sent base64-encoded, so any relay can carry it whatever its line lengths.
public struct EmailMessage: Sendable, Equatable {
    /// An address with an optional display name.
    public struct Mailbox: Sendable, Equatable {
        /// Display name ("Анна Петрова"), if any.
        public var name: String?
        /// `local@domain`.
        public var address: String

        /// Creates a mailbox; the address is checked when a message is built from it.
        public init(name: String? = nil, address: String) {
            self.name = name
            self.address = address
        }

        /// Reads `Name <local@domain>` or a bare `local@domain`.
        public init(parsing text: String) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
                var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
                if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                    name = String(name.dropFirst().dropLast())
                }
                self.init(
                    name: name.isEmpty ? nil : name,
                    address: String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
            } else {
                self.init(name: nil, address: trimmed)
            }
        }
    }

    /// An extra header field.
    public struct Header: Sendable, Equatable {
        /// Field name (printable ASCII, no colon).
        public var name: String
        /// Field value (made one line and encoded as needed when rendered).
        public var value: String

        /// Creates a header field.
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Why a message cannot be built.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The page's manager has no e-mail address.
        case noAddress(manager: String)
        /// An address that a mail program would misread or reject.
        case unusableAddress(String, why: String)
        /// A header name outside printable ASCII or with a colon.
        case badHeaderName(String)

        /// The problem as a sentence saying what to fix.
        public var description: String {
            switch self {
            case .noAddress(let manager):
                "manager '\(manager)' has no e-mail address; set contacts.email for them in the config"
            case .unusableAddress(let address, let why):
                "e-mail address '\(address)' cannot be used: \(why); write it as name@example.org"
            case .badHeaderName(let name):
                "header name '\(name)' is not allowed: use letters, digits and dashes only"
            }
        }
    }

    /// Sender.
    public var from: Mailbox
    /// Recipients.
    public var to: [Mailbox]
    /// Subject (any text; encoded when rendered).
    public var subject: String
    /// Date, seconds since the Unix epoch.
    public var date: Double
    /// Message-ID without the angle brackets (`id@domain`).
    public var messageID: String
    /// Further header fields, rendered after the standard ones.
    public var extraHeaders: [Header]
    /// The plain-text body.
    public var body: String

    /// Creates a message, checking every address and header name.
    public init(
        from: Mailbox, to: [Mailbox], subject: String, date: Double, messageID: String,
        extraHeaders: [Header] = [], body: String
    ) throws(Problem) {
        for mailbox in [from] + to { try Self.check(mailbox.address) }
        for header in extraHeaders {
            let ok = !header.name.isEmpty && header.name.utf8.allSatisfy { $0 > 32 && $0 < 127 && $0 != 58 }
            if !ok { throw .badHeaderName(header.name) }
        }
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = Self.idText(messageID, allowing: "@.-_")
        self.extraHeaders = extraHeaders
        self.body = body
    }

    /// The e-mail for a page: subject, `X-Backlash-*` headers and the plain-text body of the page.
    public init(page: PageNotification, from: Mailbox) throws(Problem) {
        guard let address = page.recipient.email, !address.isEmpty else {
            throw .noAddress(manager: page.recipient.id)
        }
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let id = "backlash.\(page.incident).\(page.step).\(page.reason.rawValue)."
            + Self.idText(page.recipient.id, allowing: "-_") + ".\(Int64(page.time.rounded(.down)))@" + domain
        var subject = page.subjectLine
        if subject.count > 180 { subject = String(subject.prefix(179)) + "…" }
        try self.init(
            from: from, to: [Mailbox(name: page.recipient.name, address: address)], subject: subject,
            date: page.time, messageID: id,
            extraHeaders: [
                Header("Auto-Submitted", "auto-generated"),
                Header("X-Backlash-Incident", String(page.incident)),
                Header("X-Backlash-Severity", page.severity),
                Header("X-Backlash-Manager", page.recipient.id),
                Header("X-Backlash-Reason", page.reason.rawValue),
            ],
            body: page.plainTextBody)
    }

    /// The whole message; use `"\n"` for a local sendmail program and `"\r\n"` for the wire.
    public func rendered(lineEnding: String = "\n") -> String {
        var fields: [[String]] = []
        fields.append(Self.fold(name: "Date", tokens: [Self.dateHeader(date)], limit: 78))
        fields.append(Self.addressField("From", [from]))
        fields.append(Self.addressField("To", to))
        fields.append(Self.textField("Subject", subject))
        fields.append(["Message-ID: <\(messageID)>"])
        fields.append(["MIME-Version: 1.0"])
        fields.append(["Content-Type: text/plain; charset=utf-8"])
        fields.append(["Content-Transfer-Encoding: base64"])
        for header in extraHeaders { fields.append(Self.textField(header.name, header.value)) }
        var out = ""
        for field in fields { out += field.joined(separator: lineEnding + " ") + lineEnding }
        out += lineEnding
        let canonical = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(canonical.utf8).base64EncodedString()
        var start = encoded.startIndex
        while start < encoded.endIndex {
            let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[start..<end] + lineEnding
            start = end
        }
        return out
    }

    /// An RFC 5322 date in UTC: `Thu, 13 Feb 2025 14:05:00 +0000`.
    public static func dateHeader(_ time: Double) -> String {
        let seconds = Int64(time.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let (year, month, day) = RFC3339.civilFromDays(Int(days))
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(day) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest % 3600 / 60))"
            + ":\(two(rest % 60)) +0000"
    }

    /// RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for the text; the first is at most `firstRoom` characters long,
    /// the rest at most 75, and no character is split between words.
    public static func encodedWords(_ text: String, firstRoom: Int = 75) -> [String] {
        func length(_ bytes: Int) -> Int { 12 + (bytes + 2) / 3 * 4 }
        func word(_ bytes: [UInt8]) -> String { "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?=" }
        var words: [String] = []
        var chunk: [UInt8] = []
        var room = max(firstRoom, 16)
        func add(_ piece: [UInt8]) {
            if !chunk.isEmpty && length(chunk.count + piece.count) > room {
                words.append(word(chunk))
                chunk = []
                room = 75
            }
            chunk += piece
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if length(bytes.count) <= 75 {
                add(bytes)
            } else {
                for scalar in character.unicodeScalars { add(Array(String(scalar).utf8)) }
            }
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    // MARK: - Header building

    /// A text header: one line, encoded-words when it holds anything but plain ASCII.
    static func textField(_ name: String, _ value: String) -> [String] {
        let line = PageNotification.oneLine(value)
        if needsEncoding(line) {
            return fold(name: name, tokens: encodedWords(line, firstRoom: 76 - name.count - 2), limit: 76)
        }
        return fold(name: name, tokens: line.split(separator: " ").map(String.init), limit: 78)
    }

    /// An address header: display names as atoms, quoted strings or encoded-words, then `<address>`.
    static func addressField(_ name: String, _ mailboxes: [Mailbox]) -> [String] {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            let display = PageNotification.oneLine(mailbox.name ?? "")
            var group: [String]
            if display.isEmpty {
                group = [mailbox.address]
            } else if needsEncoding(display) {
                group = encodedWords(display, firstRoom: tokens.isEmpty ? 76 - name.count - 2 : 75)
                group.append("<\(mailbox.address)>")
            } else if display.utf8.allSatisfy({ isAtomText($0) || $0 == 32 }) {
                group = display.split(separator: " ").map(String.init) + ["<\(mailbox.address)>"]
            } else {
                let quoted = display.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "\"", with: "\\\"")
                group = ["\"\(quoted)\"", "<\(mailbox.address)>"]
            }
            if index < mailboxes.count - 1 { group[group.count - 1] += "," }
            tokens += group
        }
        return fold(name: name, tokens: tokens, limit: 76)
    }

    /// Lays tokens out as `Name: t1 t2` lines of at most `limit` characters where possible; each further line
    /// starts with the space the caller joins in.
    static func fold(name: String, tokens: [String], limit: Int) -> [String] {
        var lines: [String] = []
        var line = name + ":"
        var width = line.count
        for token in tokens {
            if width + 1 + token.count > limit {
                lines.append(line)
                line = token
                width = 1 + token.count
            } else {
                line += " " + token
                width += 1 + token.count
            }
        }
        lines.append(line)
        return lines
    }

    /// Whether header text must be encoded: non-ASCII, control characters, or something that looks encoded.
    static func needsEncoding(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 127 || $0 < 32 } || text.contains("=?")
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtomText(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// Checks an address the way a mail program reads `local@domain` (no quoted local parts, ASCII only).
    static func check(_ address: String) throws(Problem) {
        guard !address.isEmpty else { throw .unusableAddress(address, why: "it is empty") }
        guard address.utf8.count <= 254 else { throw .unusableAddress(address, why: "it is longer than 254 bytes") }
        guard let at = address.lastIndex(of: "@") else { throw .unusableAddress(address, why: "it has no @") }
        let local = address[..<at], domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty else {
            throw .unusableAddress(address, why: "the part before or after the @ is empty")
        }
        guard local.utf8.allSatisfy({ isAtomText($0) || $0 == UInt8(ascii: ".") }) else {
            throw .unusableAddress(
                address, why: "the part before the @ has a space, a non-ASCII or a special character")
        }
        let domainOK = domain.utf8.allSatisfy { byte in
            byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || (byte < 128 && isAtomText(byte)
                && !"!#$%&'*+/=?^_`{|}~".utf8.contains(byte))
        }
        guard domainOK else {
            throw .unusableAddress(address, why: "the domain may hold only ASCII letters, digits, dots and dashes")
        }
    }

    /// Keeps only ASCII letters, digits and the given characters (for Message-ID parts).
    static func idText(_ text: String, allowing extra: String) -> String {
        let kept = text.unicodeScalars.filter { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || extra.unicodeScalars.contains(scalar))
        }
        return kept.isEmpty ? "x" : String(String.UnicodeScalarView(kept))
    }
}
