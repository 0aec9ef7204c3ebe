import BacklashCore
import BacklashStore
import Foundation

/// Executes control requests (`{"cmd": "...", "args": {...}, "as": "manager"}`) and renders JSON replies.
///
/// Anyone who can open the socket (its group) may read; actions need a manager: the peer's unix user mapped
/// through `unix_user`, or, for root and the admin group, the manager named with `as`. A refusal is audited.
public struct ControlCommands: Sendable {
    let engine: Engine
    let daemonFacts: @Sendable () -> JSONObject

    /// Creates the command table; `daemonFacts` adds the daemon's own facts (paths, journal counters) to `status`.
    public init(engine: Engine, daemonFacts: @escaping @Sendable () -> JSONObject) {
        self.engine = engine
        self.daemonFacts = daemonFacts
    }

    static let readCommands: Set<String> = [
        "ping", "status", "tail", "incidents", "show", "promises", "oncall", "events", "whoami",
    ]
    static let writeCommands: Set<String> = [
        "ack", "unack", "assign", "note", "snooze", "reply", "promise", "promise-kept", "gesture", "close", "reopen",
        "our-fault",
    ]

    /// Handles one request line and returns the reply line (without the newline).
    func handle(_ bytes: [UInt8], peer: PeerCredentials?) async -> String {
        let request: ControlRequest
        switch ControlRequest.decode(bytes) {
        case .success(let decoded): request = decoded
        case .failure(let error): return Self.errorReply(error.description)
        }
        let cmd = request.command, args = request.arguments
        // Every post acknowledged before this request is judged first, so its incident and pages are visible.
        if cmd != "ping" { await engine.settle() }
        do {
            if Self.readCommands.contains(cmd) {
                return Self.okReply(try await read(cmd, args, peer: peer))
            }
            guard Self.writeCommands.contains(cmd) else {
                let known = (Self.readCommands.union(Self.writeCommands)).sorted().joined(separator: ", ")
                return Self.errorReply("unknown command `\(cmd)`; this daemon knows: \(known)")
            }
            let actor = try await identify(peer: peer, actingAs: request.actingAs, command: cmd)
            return Self.okReply(try await write(cmd, args, actor: actor))
        } catch let error as CommandError {
            return Self.errorReply(error.message, code: error.code, data: error.data)
        } catch {
            return Self.errorReply("the command failed: \(error)", code: "internal")
        }
    }

    /// The manager a peer acts as, or a refusal (recorded as an audit event).
    func identify(peer: PeerCredentials?, actingAs: String?, command: String) async throws -> String {
        let config = await engine.currentConfig()
        guard let peer else { throw CommandError("forbidden", "the daemon cannot tell who you are (no peer credentials)") }
        let user = peer.userName
        let privileged = peer.uid == 0 || peer.isMember(of: config.control.adminGroup)
        if let actingAs {
            guard privileged else {
                try await refuse(peer, user: user, command: command,
                    reason: "--as is for root and the `\(config.control.adminGroup)` group")
            }
            guard config.managers.contains(where: { $0.id == actingAs }) else {
                throw CommandError("invalid", "`\(actingAs)` is not a configured manager (known: "
                    + config.managers.map(\.id).joined(separator: ", ") + ")")
            }
            return actingAs
        }
        if let user, let m = config.managers.first(where: { $0.unixUser == user }) { return m.id }
        if peer.uid == 0 {
            throw CommandError("invalid", "root acts for a manager: add --as MANAGER")
        }
        try await refuse(peer, user: user, command: command,
            reason: "uid \(peer.uid) (\(user ?? "no name")) is not a configured manager; add `unix_user: "
                + "\(user ?? "NAME")` to a manager in the config")
    }

    func refuse(_ peer: PeerCredentials, user: String?, command: String, reason: String) async throws -> Never {
        try? await engine.record([Event(
            time: engine.now(), kind: .controlRefused, actor: "uid:\(peer.uid)",
            message: "refused `\(command)` from uid \(peer.uid) (\(user ?? "?"), pid \(peer.pid)): \(reason)",
            details: JSONObject(pairs: [
                "uid": JSONValue(Int(peer.uid)), "pid": JSONValue(Int(peer.pid)), "command": .string(command),
                "reason": .string(reason), "user": user.map { .string($0) } ?? .null,
            ]))])
        throw CommandError("forbidden", reason)
    }

    static func okReply(_ result: JSONValue) -> String {
        JSONWriter().string(.object(JSONObject(pairs: ["ok": true, "result": result])))
    }

    /// The reply line for a refused or failed request.
    package static func errorReply(_ message: String, code: String = "invalid", data: JSONValue? = nil) -> String {
        var o = JSONObject(pairs: ["ok": false, "error": .string(message), "code": .string(code)])
        if let data { o["data"] = data }
        return JSONWriter().string(.object(o))
    }
}

/// Build facts shown by `--version` and `status`.
public enum BacklashDaemonInfo {
    /// The release version.
    public static let version = "0.2.0"
}
