import BacklashCore
import Foundation
import Synchronization
import Testing

@testable import BacklashDaemon

/// All notifier tests, run one after another: some count the process's open descriptors.
@Suite(.serialized) struct NotifyTests {}

/// Shared fixtures of the notifier tests: sample pages, temp folders, and the helper servers in `Support/`.
enum NotifyFixtures {
    /// `Tests/BacklashDaemonTests/Notify/Support`.
    static let support = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Support")

    /// Debian's python (it has python3-aiosmtpd), else whatever `python3` is on PATH.
    static let python =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    /// 2025-02-13T14:05:00Z.
    static let pageTime = 1_739_455_500.0

    /// A page about a Russian-language incident, paged because the crowd named Anna.
    static func russianPage(incident: Int64 = 17, email: String? = "anna@example.org") -> PageNotification {
        PageNotification(
            incident: incident, severity: "high",
            title: "Жалобы на списание денег за отменённый заказ",
            summary: "За 20 минут 46 постов о двойном списании; два автора с большой аудиторией.",
            reasons: ["Скорость репостов растёт", "Автор с 120 тыс. подписчиков назвал менеджера"],
            topPosts: [
                PageNotification.TopPost(
                    key: "vk:555", author: "@olga_k", text: "Анна Петрова, верните деньги!",
                    url: "https://vk.com/wall1_555"),
                PageNotification.TopPost(key: "telegram:77", author: "@ivanov", text: "У меня то же самое"),
            ],
            playbook: PageNotification.Playbook(
                headline: "Двойное списание", steps: ["Проверить платёжный шлюз", "Ответить публично за 30 минут"]),
            namedByCrowd: true, reason: .named, step: 1, time: pageTime,
            recipient: PageNotification.Recipient(id: "anna", name: "Анна Петрова", email: email))
    }

    /// A new empty folder under the system temp folder.
    static func temporaryDirectory() -> String {
        var template = Array((NSTemporaryDirectory() + "/backlash-notify-XXXXXX").utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

    /// Runs a helper script to the end and returns its stdout.
    static func runScript(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python.hasPrefix("/") ? python : "/usr/bin/env")
        process.arguments = (python.hasPrefix("/") ? [] : [python]) + [support.appendingPathComponent(name).path]
            + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses JSON text with the product's parser.
    static func parseObject(_ text: String) throws -> JSONObject {
        let value = try JSONParser().parse(text)
        return try #require(value.objectValue)
    }

    /// A string member of a JSON object.
    static func string(_ object: JSONObject, _ key: String) -> String? { object[key]?.stringValue }

    /// Reads a file as UTF-8 text.
    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Whether a process id still names a process that was not reaped (running or zombie).
    static func processExists(_ pid: Int32) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/\(pid)")
    }

    /// Whether a process id names a running (not zombie) process.
    static func processRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// A loopback TCP port with nothing listening on it (bound, read and closed again).
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A helper server script started for one test: prints its port on the first stdout line, stopped on `stop()`.
final class NotifyScriptServer {
    let port: Int
    private let process: Process

    /// Starts `Support/<script> <arguments>` and waits for its port.
    init(_ script: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: NotifyFixtures.python)
        process.arguments = [NotifyFixtures.support.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while true {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line += byte
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw NotifyScriptServerError.noPort(script)
        }
        self.port = port
        self.process = process
    }

    /// Stops the server and waits for it.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    enum NotifyScriptServerError: Error, CustomStringConvertible {
        case noPort(String)
        var description: String {
            switch self {
            case .noPort(let script):
                "helper server \(script) did not print its port; is python3 (with python3-aiosmtpd) installed?"
            }
        }
    }
}

/// A thread-safe list tests append to from callbacks.
final class NotifyRecorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])

    /// Appends an item.
    func append(_ item: Element) { items.withLock { $0.append(item) } }

    /// The items so far.
    var all: [Element] { items.withLock { $0 } }
}
