import BacklashCore
import Foundation
import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct ExecNotifierTests {
        let recordScript = NotifyFixtures.support.appendingPathComponent("record_page.sh").path

        @Test("the manager's command gets the page as JSON on stdin and its facts in the environment")
        func commandReceivesPage() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let page = NotifyFixtures.russianPage()
            let outcome = await ExecNotifier(command: [recordScript, folder], timeout: 5).deliver(page)
            #expect(outcome == .delivered)

            let json = try NotifyFixtures.parseObject(NotifyFixtures.read(folder + "/stdin.json"))
            #expect(NotifyFixtures.string(json, "incident") == "17")
            #expect(NotifyFixtures.string(json, "title") == page.title)
            #expect(NotifyFixtures.string(json, "ack_hint") == "backlashctl ack 17")
            #expect(json["manager"]?.objectValue?["id"]?.stringValue == "anna")

            let environment = try NotifyFixtures.read(folder + "/env").split(separator: "\n").map(String.init)
            #expect(environment.contains("BACKLASH_INCIDENT=17"))
            #expect(environment.contains("BACKLASH_SEVERITY=high"))
            #expect(environment.contains("BACKLASH_MANAGER=anna"))
            #expect(environment.contains("BACKLASH_REASON=named"))
            #expect(environment.contains("BACKLASH_TITLE=" + page.title))
        }

        @Test("a command that exits 1 fails, and the reason quotes its stderr")
        func nonZeroExitFails() async {
            let command = ["/bin/sh", "-c", "echo 'relay refused the page' >&2; exit 1"]
            let outcome = await ExecNotifier(command: command, timeout: 5).deliver(NotifyFixtures.russianPage())
            let reason = outcome.failureReason ?? ""
            #expect(reason.contains("exited with status 1"))
            #expect(reason.contains("relay refused the page"))
        }

        @Test("only the first 2 KiB of a chatty command's stderr end up in the reason")
        func stderrIsCut() async throws {
            let command = ["/bin/sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x >&2; exit 3"]
            let outcome = await ExecNotifier(command: command, timeout: 5).deliver(NotifyFixtures.russianPage())
            let reason = outcome.failureReason ?? ""
            let quoted = try #require(reason.components(separatedBy: "exited with status 3: ").last)
            #expect(quoted.filter { $0 == "x" }.count == 2048)
            #expect(reason.hasSuffix("…"))
        }

        @Test("a command that outlives its timeout fails in time, and its whole process group is killed and reaped")
        func timeoutKillsProcessGroup() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let script = "sleep 30 & echo $! > \(folder)/child; echo $$ > \(folder)/shell; wait"
            let started = ContinuousClock.now
            let outcome = await ExecNotifier(command: ["/bin/sh", "-c", script], timeout: 0.5)
                .deliver(NotifyFixtures.russianPage())
            let elapsed = ContinuousClock.now - started
            #expect(outcome.failureReason?.contains("did not finish within 0.5 s") == true)
            #expect(elapsed < .seconds(2))
            let shell = try #require(Int32(NotifyFixtures.read(folder + "/shell").trimmingCharacters(in: .newlines)))
            let child = try #require(Int32(NotifyFixtures.read(folder + "/child").trimmingCharacters(in: .newlines)))
            #expect(!NotifyFixtures.processExists(shell), "the command itself is reaped, not left a zombie")
            try await Task.sleep(for: .milliseconds(100))
            #expect(!NotifyFixtures.processRunning(child), "the command's own child is killed with the group")
        }

        @Test("a program that does not exist fails with a sentence instead of throwing")
        func missingProgramFails() async {
            let outcome = await ExecNotifier(command: ["/nonexistent/page-me"], timeout: 5)
                .deliver(NotifyFixtures.russianPage())
            #expect(outcome.failureReason?.contains("cannot start '/nonexistent/page-me'") == true)
            let empty = await ExecNotifier(command: [], timeout: 5).deliver(NotifyFixtures.russianPage())
            #expect(empty.failureReason?.contains("empty") == true)
        }

        @Test("a command that ignores its stdin still counts as delivered when it exits 0")
        func commandIgnoringStdin() async {
            var page = NotifyFixtures.russianPage()
            page.summary = String(repeating: "долгое описание ", count: 20_000)
            let outcome = await ExecNotifier(command: ["/bin/true"], timeout: 5).deliver(page)
            #expect(outcome == .delivered)
        }

        @Test("no run leaves descriptors open or a zombie behind")
        func noLeaks() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let before = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
            var shells: [Int32] = []
            for run in 0..<20 {
                let script = "echo $$ > \(folder)/pid.\(run); exit $(( \(run) % 2 ))"
                _ = await ExecNotifier(command: ["/bin/sh", "-c", script], timeout: 5)
                    .deliver(NotifyFixtures.russianPage())
                let pid = try NotifyFixtures.read("\(folder)/pid.\(run)").trimmingCharacters(in: .newlines)
                shells.append(try #require(Int32(pid)))
            }
            let after = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
            #expect(after <= before + 10, "20 runs must not leave their pipes open (before \(before), after \(after))")
            #expect(shells.allSatisfy { !NotifyFixtures.processExists($0) })
        }

        @Test("the command inherits stdin, stdout and stderr and no other descriptor of the daemon")
        func onlyStandardDescriptorsInherited() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let delivery = Task {
                await ExecNotifier(command: ["/bin/sh", "-c", "echo $$ > \(folder)/pid; exec sleep 0.5"], timeout: 5)
                    .deliver(NotifyFixtures.russianPage())
            }
            var listed: [String] = []
            for _ in 0..<40 {
                try await Task.sleep(for: .milliseconds(25))
                let text = try? NotifyFixtures.read(folder + "/pid")
                guard let text, let pid = Int32(text.trimmingCharacters(in: .newlines)) else { continue }
                try await Task.sleep(for: .milliseconds(100))
                listed = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
                break
            }
            #expect(await delivery.value == .delivered)
            #expect(listed.sorted() == ["0", "1", "2"])
        }

        @Test("cancelling the delivering task stops the command at once")
        func cancellationStopsCommand() async {
            let task = Task {
                await ExecNotifier(command: ["/bin/sh", "-c", "sleep 30; true"], timeout: 20)
                    .deliver(NotifyFixtures.russianPage())
            }
            try? await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            task.cancel()
            let outcome = await task.value
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(outcome.failureReason?.contains("cancelled") == true)
        }
    }
}
