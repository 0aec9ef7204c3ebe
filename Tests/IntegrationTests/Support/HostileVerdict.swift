import Foundation

/// What the daemon must make of one hostile post, in terms precise enough to check every channel's wording.
///
/// Offsets are byte offsets into the post's own bytes (its line). The ingest socket reports them as
/// `invalid JSON at byte N`, a quarantined single-line inbox file as `line 1, column N+1`, and a line of an
/// NDJSON inbox file as `line L: invalid JSON at byte N`.
enum HostileVerdict: Sendable, Equatable {
    /// A valid post, however strange: stored as `new`.
    case accepted
    /// Rejected for fields; each JSON path is named with the start of its problem (`author.followers`: expected…).
    case fields(path: String, problem: String)
    /// Not JSON at exactly this offset, with this problem.
    case syntax(offset: Int, problem: String)
    /// Cut short: a JSON error at or before the cut.
    case syntaxWithin(cut: Int)
    /// Not UTF-8; the first bad byte is at this offset.
    case invalidUTF8(offset: Int)
    /// Nested too deep: the value at `valueOffset` is a run of opening brackets entered at depth `depthAtValue`.
    case nesting(valueOffset: Int, depthAtValue: Int)
    /// Valid JSON but not an object ("a string", "a number", "null", …).
    case notAnObject(kind: String)
    /// A socket line that is empty or only blanks.
    case blankLine
    /// A socket line over the 1 MiB line limit (discarded unread).
    case overLineLimit

    /// The socket's decoder limit and the inbox file reader's (one more: a file may be an array of posts).
    static let socketDepth = 32
    static let fileDepth = 33

    /// Checks one ingest-socket reply line; nil when it is exactly what this verdict demands.
    func checkSocketReply(_ reply: String, line: Int, key: String) -> String? {
        if self == .accepted {
            let want = #"{"ok":true,"post":"\#(key)","status":"new"}"#
            return reply == want ? nil : "wanted \(want)"
        }
        let prefix = #"{"ok":false,"line":\#(line),"error":"#
        guard reply.hasPrefix(prefix), let error = Self.errorField(reply) else {
            return "wanted a rejection of line \(line)"
        }
        switch self {
        case .blankLine:
            return error == "the line is empty; expected one JSON post per line" ? nil : "wanted the blank-line reply"
        case .overLineLimit:
            return error.hasPrefix("the line is ")
                && error.hasSuffix(" bytes, over the 1048576-byte limit; it was discarded")
                ? nil : "wanted the line-limit reply"
        default:
            return checkLineError(error, depth: Self.socketDepth)
        }
    }

    /// Checks the error text of one rejected line (socket reply or NDJSON report line after `line L: `).
    func checkLineError(_ error: String, depth: Int) -> String? {
        let ok: Bool
        switch self {
        case .accepted: return "an accepted post has no error"
        case .fields(let path, let problem): ok = error.contains("`\(path)`: \(problem)")
        case .syntax(let offset, let problem): ok = error.hasPrefix("invalid JSON at byte \(offset): \(problem)")
        case .syntaxWithin(let cut):
            ok = Self.number(after: "invalid JSON at byte ", in: error).map { $0 <= cut } ?? false
        case .invalidUTF8(let offset): ok = error == "not valid UTF-8 at byte \(offset); posts must be UTF-8 JSON"
        case .nesting(let valueOffset, let depthAtValue):
            let at = valueOffset + depth + 1 - depthAtValue
            ok = error == "invalid JSON at byte \(at): nesting is deeper than \(depth) levels"
        case .notAnObject(let kind): ok = error == "expected a JSON object (one post), found \(kind)"
        case .blankLine, .overLineLimit: return "a socket-only verdict"
        }
        return ok ? nil : "wanted \(self)"
    }

    /// Checks the `.error` report of a single-line inbox file; nil when it says exactly what it must.
    func checkInboxReport(_ report: String) -> String? {
        let ok: Bool
        switch self {
        case .accepted: return "an accepted file has no report"
        case .fields(let path, let problem): ok = report.contains("`\(path)`: \(problem)")
        case .syntax(let offset, let problem): ok = report.contains("line 1, column \(offset + 1): \(problem)")
        case .syntaxWithin(let cut):
            ok = Self.number(after: "line 1, column ", in: report).map { $0 - 1 <= cut } ?? false
        case .invalidUTF8(let offset): ok = report.contains("first bad byte at line 1, column \(offset + 1))")
        case .nesting(let valueOffset, let depthAtValue):
            let at = valueOffset + Self.fileDepth + 1 - depthAtValue
            ok = report.contains("line 1, column \(at + 1): nesting is deeper than \(Self.fileDepth) levels")
        case .notAnObject(let kind): ok = report.contains("expected a JSON object (one post), found \(kind)")
        case .blankLine, .overLineLimit: return "a socket-only verdict"
        }
        return ok ? nil : "wanted \(self)"
    }

    static func errorField(_ reply: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(reply.utf8)) as? [String: Any] else {
            return nil
        }
        return object["error"] as? String
    }

    static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }
}
