import Foundation
import Testing

@Suite("backlashctl against a running daemon and offline", .serialized)
struct BacklashctlTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/BacklashCoreTests/Fixtures/import")

    @Test("status finds ./var/control.sock by itself and reports the counters; --json is machine-readable")
    func status() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ctlstatus")
        let daemon = try RunningDaemon(directory: dir)
        let text = try runProgram(TestPaths.backlashctl, ["status"], directory: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("embedded defaults"))
        // DESIGN's form: connection options before the command.
        let json = try runProgram(TestPaths.backlashctl, ["--json", "--socket", daemon.controlSocket, "status"], directory: dir)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["posts"] as? Int == 0)
        try daemon.stop()
    }

    @Test("without a daemon, an online command says how to fix it and exits 3")
    func unreachable() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ctlnone")
        let r = try runProgram(TestPaths.backlashctl, ["status", "--socket", dir.path + "/none.sock"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("cannot reach backlashd"))
        #expect(r.stderr.contains("Is it running?"))
    }

    @Test("lint-reply blocks the seed's formal reply (exit 1) and passes the seed's good one (exit 0)")
    func lintReply() throws {
        let formal = try runProgram(TestPaths.backlashctl, [
            "lint-reply", "--json", "--text",
            "Согласно пользовательскому соглашению, при оформлении заказа на карте блокируется 1 рубль.",
        ])
        #expect(formal.status == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(formal.stdout.utf8)) as? [[String: Any]] ?? []
        let legalese = try #require(findings.first { $0["rule"] as? String == "legalese" })
        #expect(legalese["severity"] as? String == "block")
        #expect((legalese["span"] as? [String: Any])?["text"] as? String == "Согласно пользовательскому соглашению")
        #expect(legalese["suggestion"] as? String != nil)
        let good = try runProgram(TestPaths.backlashctl, ["lint-reply", "--name", "Анна", "--our-fault"], stdin: """
            Анна, здравствуйте! Прошу прощения, что мы испортили ваше утро и день. Позвольте нам исправить ваш вечер: \
            рубль вернётся сразу после поездки, а сегодня мы пришлём за вами машину бизнес-класса. Спасибо, что написали нам.
            """)
        #expect(good.status == 0, "\(good.stdout)")
    }

    @Test("import feeds a VK export to the socket, counts new then duplicate, and lists the rejected record")
    func importToSocket() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ctlimport")
        let daemon = try RunningDaemon(directory: dir)
        let file = Self.fixtures.appendingPathComponent("vk-wall-get-user-wall-with-repost-chain.json").path
        let first = try runProgram(TestPaths.backlashctl, ["import", "--format", "vk", file], directory: dir)
        #expect(first.stderr.contains("5 posts: 5 new"), "\(first.stderr)")
        #expect(first.stderr.contains("1 rejected"))
        #expect(first.status == 1, "a rejected record makes the exit status 1")
        let again = try runProgram(TestPaths.backlashctl, ["import", file], directory: dir)
        #expect(again.stderr.contains("5 duplicate"), "\(again.stderr)")
        #expect(try Fixtures.sql(daemon.database, "SELECT count(*) FROM posts WHERE platform = 'vk'") == "5")
        let wrong = try runProgram(TestPaths.backlashctl, ["import", "--format", "telegram", file], directory: dir)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("import it with format `vk`"))
        try daemon.stop()
    }

    @Test("tail prints posts and events as they are committed")
    func tail() throws {
        let dir = try TestPaths.makeTemporaryDirectory("ctltail")
        let daemon = try RunningDaemon(directory: dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPaths.backlashctl)
        p.arguments = ["tail", "--json", "--count", "2", "--interval", "0.1"]
        p.currentDirectoryURL = dir
        let outURL = dir.appendingPathComponent("tail.out")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        try p.run()
        Thread.sleep(forTimeInterval: 0.5)
        let client = try UnixLineClient(path: daemon.ingestSocket, timeout: 10)
        _ = try client.request(Fixtures.post("tail-1"))
        try Fixtures.deliver("not json", name: "bad.json", inbox: daemon.inbox)
        try waitUntil("tail exits after two lines", timeout: 20) { !p.isRunning }
        let lines = try String(contentsOf: outURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.contains { $0.contains("\"post\":\"twitter:tail-1\"") })
        #expect(lines.contains { $0.contains("\"kind\":\"inbox.quarantined\"") })
        try daemon.stop()
    }

    @Test("shell completion: bash completes commands and options; zsh and fish scripts are produced")
    func completions() throws {
        let dir = try TestPaths.makeTemporaryDirectory("completion")
        let bash = try runProgram(TestPaths.backlashctl, ["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        let script = dir.appendingPathComponent("backlashctl.bash")
        try bash.stdout.write(to: script, atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let shell = """
                source '\(script.path)'
                COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                _backlashctl backlashctl '\(words.last!)' '\(words[words.count - 2])'
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try runProgram("/bin/bash", ["-c", shell])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["backlashctl", "ac"]) == ["ack"])
        #expect(try complete(["backlashctl", "pro"]).sorted() == ["promise", "promise-kept", "promises"])
        #expect(try complete(["backlashctl", "snooze", "--f"]).contains("--for"))
        for shell in ["zsh", "fish"] {
            let r = try runProgram(TestPaths.backlashctl, ["--generate-completion-script", shell])
            #expect(r.status == 0 && r.stdout.contains("backlashctl"), "\(shell): \(r.stderr)")
        }
    }
}
