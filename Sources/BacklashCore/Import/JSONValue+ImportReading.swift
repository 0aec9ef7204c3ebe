/// Lenient readers for platform exports, which mix strings and numbers for ids and write flags as `1`/`0`.
extension JSONValue {
    /// The member named `key` when this is an object, else nil.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value at a dotted path of object keys (`"public_metrics.like_count"`).
    func value(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") {
            current = current?[String(key)]
        }
        return current
    }

    /// The elements when this is an array, else nil.
    var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for an object.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// An integer written as a JSON integer, an integral number below 9e15 (`1.0`, `2e3`), or a
    /// string of digits (Telegram writes `date_unixtime` as a string).
    var looseInteger: Int? {
        switch self {
        case .number(let literal):
            return Int(literal) ?? Self.integral(literal)
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
        case .number(let literal):
            return (Int(literal) ?? Self.integral(literal)).map { String($0) }
        default:
            return nil
        }
    }

    /// A boolean written as `true`/`false` or as an integer, nonzero meaning true (VK writes flags as `1`/`0`).
    var looseBool: Bool? {
        switch self {
        case .bool(let value):
            return value
        case .number(let literal):
            return Int(literal).map { $0 != 0 }
        default:
            return nil
        }
    }

    /// A few words saying what this value is, for error messages ("an object with keys `a`, `b`").
    var shapeDescription: String {
        switch self {
        case .array(let elements):
            return elements.isEmpty ? "an empty array" : "an array of \(elements.count) items"
        case .object(let members):
            if members.members.isEmpty { return "an empty object" }
            let keys = members.keys.sorted()
            let shown = keys.prefix(6).map { "`\($0)`" }.joined(separator: ", ")
            return "an object with keys " + shown + (keys.count > 6 ? ", …" : "")
        default:
            return kindDescription
        }
    }

    /// The integer a non-integer literal (`1.0`, `2e3`) stands for, when it is whole and below 9e15.
    private static func integral(_ literal: String) -> Int? {
        guard let value = Double(literal), value.rounded() == value, abs(value) < 9e15 else { return nil }
        return Int(value)
    }
}
