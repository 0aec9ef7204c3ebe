/// A parsed JSON value as the importers read it: lenient accessors, no Foundation bridging.
///
/// The importers read platform exports that may be hundreds of megabytes (a Telegram channel
/// history), so they parse with `ImportJSON.Parser` instead of `JSONSerialization`, which is
/// several times slower here and cannot tell `true` from `1` without bridging tricks.
enum ImportJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([ImportJSON])
    case object([String: ImportJSON])

    /// The member named `key` when this is an object, else nil.
    subscript(key: String) -> ImportJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value at a dotted path of object keys (`"public_metrics.like_count"`).
    func value(at path: String) -> ImportJSON? {
        var current: ImportJSON? = self
        for key in path.split(separator: ".") {
            current = current?[String(key)]
        }
        return current
    }

    /// The string, or nil for anything else (including null).
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// An integer written as a JSON integer, an integral number, or a string of digits
    /// (Telegram writes `date_unixtime` as a string).
    var integer: Int? {
        switch self {
        case .integer(let value):
            return value
        case .number(let value):
            return value.rounded() == value && abs(value) < 9e15 ? Int(value) : nil
        case .string(let text):
            return Int(text)
        default:
            return nil
        }
    }

    /// An identifier: a string as is, or an integer in decimal (platforms mix both).
    var identifier: String? {
        switch self {
        case .string(let text):
            return text.isEmpty ? nil : text
        case .integer(let value):
            return String(value)
        case .number(let value):
            return value.rounded() == value && abs(value) < 9e15 ? String(Int(value)) : nil
        default:
            return nil
        }
    }

    /// A boolean written as `true`/`false` or as `1`/`0` (VK writes flags as integers).
    var bool: Bool? {
        switch self {
        case .bool(let value):
            return value
        case .integer(let value):
            return value != 0
        default:
            return nil
        }
    }

    /// The elements when this is an array, else nil.
    var array: [ImportJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// A few words saying what this value is, for error messages ("an object with keys `a`, `b`").
    var shapeDescription: String {
        switch self {
        case .null:
            return "null"
        case .bool:
            return "a boolean"
        case .integer, .number:
            return "a number"
        case .string:
            return "a string"
        case .array(let elements):
            return elements.isEmpty ? "an empty array" : "an array of \(elements.count) items"
        case .object(let members):
            if members.isEmpty { return "an empty object" }
            let keys = members.keys.sorted()
            let shown = keys.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
            return "an object with keys " + shown + (keys.count > 6 ? ", …" : "")
        }
    }
}
