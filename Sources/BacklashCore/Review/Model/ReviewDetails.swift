/// Tolerant reading of an event's `details`: a missing key or a value of the wrong type reads as nil.
struct ReviewDetails {
    let object: JSONObject

    init(_ object: JSONObject) {
        self.object = object
    }

    /// A non-empty string value.
    func string(_ key: String) -> String? {
        guard let s = object[key]?.stringValue, !s.isEmpty else { return nil }
        return s
    }

    /// A finite number, also accepted when written as a numeric string.
    func number(_ key: String) -> Double? {
        guard let value = object[key] else { return nil }
        return Self.number(value)
    }

    /// A boolean; nil when absent or not a boolean.
    func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = object[key] { return b }
        return nil
    }

    /// A nested object.
    func object(_ key: String) -> ReviewDetails? {
        object[key]?.objectValue.map(ReviewDetails.init)
    }

    /// The strings of an array (non-strings skipped), or a single string as a one-element array.
    func strings(_ key: String) -> [String] {
        switch object[key] {
        case .array(let items)?: return items.compactMap(\.stringValue).filter { !$0.isEmpty }
        case .string(let s)? where !s.isEmpty: return [s]
        default: return []
        }
    }

    /// The objects of an array (non-objects skipped).
    func objects(_ key: String) -> [ReviewDetails] {
        guard case .array(let items)? = object[key] else { return [] }
        return items.compactMap(\.objectValue).map(ReviewDetails.init)
    }

    /// A time: RFC 3339 text or seconds since the epoch.
    func time(_ key: String) -> Double? {
        switch object[key] {
        case .string(let s)?: return RFC3339.parse(s) ?? Double(s)
        case .number(let n)?: return Double(n).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .number(let n): return Double(n).flatMap { $0.isFinite ? $0 : nil }
        case .string(let s): return Double(s).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }
}
