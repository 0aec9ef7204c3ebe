import ArgumentParser
import BacklashCore
import BacklashDaemon
import Foundation

/// Flags shared by every command that talks to the daemon.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The daemon's control socket.", valueName: "PATH"))
    var socket: String?

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act for this manager (root and the admin group only).", valueName: "MANAGER"))
    var actAs: String?

    /// The control socket to use, by the documented search order.
    func resolvedSocket() -> String {
        if let socket { return socket }
        let env = ProcessInfo.processInfo.environment
        if let s = env["BACKLASH_SOCKET"], !s.isEmpty { return s }
        if FileManager.default.fileExists(atPath: ConfigLoader.systemPath),
            let config = try? ConfigLoader.load(file: ConfigLoader.systemPath, environment: env)
        {
            return config.paths.controlSocket
        }
        let local = FileManager.default.currentDirectoryPath + "/var/control.sock"
        if FileManager.default.fileExists(atPath: local) { return local }
        return "/run/backlash/control.sock"
    }

    /// Sends one command and returns the `result`, or exits with the right code and a readable message.
    func call(_ cmd: String, args: JSONObject = JSONObject()) throws -> JSONValue {
        var request = JSONObject(pairs: ["cmd": .string(cmd)])
        if !args.members.isEmpty { request["args"] = .object(args) }
        if let actAs { request["as"] = .string(actAs) }
        let path = resolvedSocket()
        let reply: String
        do throws(ControlClientError) {
            let client = try ControlClient(path: path)
            reply = try client.request(JSONWriter().string(.object(request)))
        } catch {
            printError(error.description)
            throw ExitCode(error.exitCode)
        }
        guard let object = try? JSONParser().parse(reply).objectValue else {
            printError("the daemon sent an unreadable reply: \(reply.prefix(200))")
            throw ExitCode(1)
        }
        if object["ok"] == .bool(true) { return object["result"] ?? .null }
        let message = object["error"]?.stringValue ?? "the daemon refused the request"
        if json, let data = object["data"] { print(JSONWriter().string(data)) }
        printError(message)
        switch object["code"]?.stringValue {
        case "forbidden": throw ExitCode(4)
        case "not_found": throw ExitCode(5)
        default: throw ExitCode(1)
        }
    }
}

/// Writes a line to standard error, prefixed with the program name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("backlashctl: \(message)\n".utf8))
}
