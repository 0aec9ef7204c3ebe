import BacklashCore
import BacklashStore
import Foundation

/// Executes control requests (`{"cmd": "...", "args": {...}}`) against the engine and renders JSON replies.
public struct ControlCommands: Sendable {
    let engine: Engine
    let configSummary: @Sendable () -> JSONObject

    /// Creates the command table.
    public init(engine: Engine, configSummary: @escaping @Sendable () -> JSONObject) {
        self.engine = engine
        self.configSummary = configSummary
    }

    /// Handles one request line and returns the reply line (without the newline).
    func handle(_ bytes: [UInt8], peer: PeerCredentials?) async -> String {
        let request: JSONObject
        do {
            guard let object = try JSONParser(maxDepth: 16).parse(bytes).objectValue else {
                return Self.errorReply("a request must be a JSON object such as {\"cmd\":\"status\"}")
            }
            request = object
        } catch {
            return Self.errorReply("the request is not JSON: \(error)")
        }
        guard let cmd = request["cmd"]?.stringValue else {
            return Self.errorReply("the request has no `cmd` string")
        }
        switch cmd {
        case "ping":
            return Self.okReply(.object(JSONObject(pairs: ["pong": true])))
        case "status":
            let s = await engine.currentStatus()
            var result = JSONObject(pairs: [
                "posts": JSONValue(s.posts), "events": JSONValue(s.events), "open_incidents": JSONValue(s.openIncidents),
                "quarantined": JSONValue(s.quarantined), "rejected": JSONValue(s.rejected),
                "started_at": .string(RFC3339.format(s.startedAt)), "version": .string(BacklashDaemonInfo.version),
                "pid": JSONValue(Int(ProcessInfo.processInfo.processIdentifier)),
            ])
            for m in configSummary().members { result[m.key] = m.value }
            return Self.okReply(.object(result))
        case "tail":
            return await tail(request["args"]?.objectValue ?? JSONObject())
        default:
            return Self.errorReply("unknown command `\(cmd)`; this daemon knows: ping, status, tail")
        }
    }

    /// New posts and events after the client's cursors; without cursors, only the current cursors.
    func tail(_ args: JSONObject) async -> String {
        let status = await engine.currentStatus()
        let afterPost = args["after_post"]?.int64Value ?? Int64(status.posts)
        let afterEvent = args["after_event"]?.int64Value ?? Int64(status.events)
        do {
            let (posts, events) = try await engine.recent(afterPost: afterPost, afterEvent: afterEvent, limit: 500)
            let postValues: [JSONValue] = posts.map { p in
                .object(JSONObject(pairs: [
                    "seq": JSONValue(Int(p.sequence)), "post": .string(p.key.description), "author": .string(p.authorID),
                    "text": .string(p.text), "created_at": .string(RFC3339.format(p.createdAt)), "source": .string(p.source),
                ]))
            }
            let eventValues: [JSONValue] = events.map { e in
                .object(JSONObject(pairs: [
                    "seq": JSONValue(Int(e.sequence ?? 0)), "time": .string(RFC3339.format(e.time)),
                    "kind": .string(e.kind.rawValue), "incident": e.incident.map { .string($0) } ?? .null,
                    "actor": .string(e.actor), "message": .string(e.message),
                ]))
            }
            return Self.okReply(.object(JSONObject(pairs: [
                "posts": .array(postValues), "events": .array(eventValues),
                "post_cursor": JSONValue(Int(posts.last?.sequence ?? afterPost)),
                "event_cursor": JSONValue(Int(events.last?.sequence ?? afterEvent)),
            ])))
        } catch {
            return Self.errorReply("cannot read the store: \(error)")
        }
    }

    static func okReply(_ result: JSONValue) -> String {
        JSONWriter().string(.object(JSONObject(pairs: ["ok": true, "result": result])))
    }

    static func errorReply(_ message: String) -> String {
        JSONWriter().string(.object(JSONObject(pairs: ["ok": false, "error": .string(message)])))
    }
}

/// Build facts shown by `--version` and `status`.
public enum BacklashDaemonInfo {
    /// The release version.
    public static let version = "0.1.0"
}
