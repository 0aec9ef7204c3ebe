import BacklashCore

/// One control-socket request line, decoded: `{"cmd": "...", "args": {...}, "as": "manager"}`.
///
/// Decoding is pure (bytes in, request or error out), so it is fuzzed on its own (`Fuzz/`); executing the request is
/// `ControlCommands`' job.
package struct ControlRequest: Sendable, Equatable {
    /// The longest request line the control socket reads.
    package static let maxLineBytes = 1 << 20
    /// The deepest nesting a request may have.
    package static let maxDepth = 16

    /// The command name (`status`, `ack`, …), not yet checked against the known ones.
    package var command: String
    /// The arguments object; empty when absent or not an object.
    package var arguments: JSONObject
    /// The manager root or an admin acts for (`--as`), if given as a string.
    package var actingAs: String?

    /// Decodes one request line (without its newline).
    package static func decode(_ bytes: [UInt8]) -> Result<ControlRequest, ControlRequestError> {
        let value: JSONValue
        do throws(JSONSyntaxError) {
            value = try JSONParser(maxDepth: maxDepth).parse(bytes)
        } catch {
            return .failure(.notJSON(error))
        }
        guard let object = value.objectValue else { return .failure(.notAnObject) }
        guard let command = object["cmd"]?.stringValue else { return .failure(.noCommand) }
        return .success(
            ControlRequest(
                command: command, arguments: object["args"]?.objectValue ?? JSONObject(),
                actingAs: object["as"]?.stringValue))
    }
}

/// Why a control request line could not be decoded.
package enum ControlRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(JSONSyntaxError)
    case notAnObject
    case noCommand
    case tooLong(bytes: Int)

    /// The sentence the client gets back.
    package var description: String {
        switch self {
        case .notJSON(let error): "the request is not JSON: \(error)"
        case .notAnObject: "a request must be a JSON object such as {\"cmd\":\"status\"}"
        case .noCommand: "the request has no `cmd` string"
        case .tooLong(let bytes):
            "the request is \(bytes) bytes, over the \(ControlRequest.maxLineBytes)-byte limit; "
                + "send one JSON object per line"
        }
    }
}
