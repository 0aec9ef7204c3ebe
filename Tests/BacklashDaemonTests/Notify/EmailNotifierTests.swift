import BacklashCore
import Foundation
import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct EmailNotifierTests {
        /// msmtp as the sendmail program, talking to the SMTP server on `port` with a config file of its own.
        static func msmtp(port: Int, folder: String) throws -> [String] {
            let config = folder + "/msmtprc"
            let text = "defaults\nauth off\ntls off\naccount default\nhost 127.0.0.1\nport \(port)\n"
                + "from backlash@example.org\n"
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            chmod(config, 0o600)
            return ["/usr/bin/msmtp", "-C", config, "-t", "-i"]
        }

        @Test("a page with a Russian subject reaches a real SMTP server and reads back right in a mail reader")
        func russianPageArrives() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let server = try NotifyScriptServer("smtp_sink.py", [folder])
            defer { server.stop() }
            let notifier = EmailNotifier(
                sendmail: try Self.msmtp(port: server.port, folder: folder), from: "Backlash <backlash@example.org>",
                timeout: 10)
            let page = NotifyFixtures.russianPage()
            #expect(await notifier.deliver(page) == .delivered)

            let mail = try NotifyFixtures.parseObject(NotifyFixtures.runScript("read_mail.py", [folder + "/1.eml"]))
            func field(_ key: String) -> String? { NotifyFixtures.string(mail, key) }
            #expect(field("subject") == "[Backlash] HIGH incident 17: Жалобы на списание денег за отменённый заказ")
            #expect(field("to_name") == "Анна Петрова")
            #expect(field("to_address") == "anna@example.org")
            #expect(field("from_address") == "backlash@example.org")
            #expect(field("date") == "2025-02-13T14:05:00+00:00")
            #expect(field("message_id")?.hasPrefix("<backlash.17.1.named.anna.1739455500@example.org>") == true)
            #expect(field("mime_version") == "1.0")
            #expect(field("content_type") == "text/plain")
            #expect(field("charset") == "utf-8")
            #expect(field("incident") == "17")
            #expect(field("severity") == "high")
            #expect(mail["defects"] == .array([]))

            let body = try #require(field("body"))
            #expect(body.contains(page.summary))
            #expect(body.contains("  - Скорость репостов растёт"))
            #expect(body.contains("  - vk:555 @olga_k: Анна Петрова, верните деньги!"))
            #expect(body.contains("    https://vk.com/wall1_555"))
            #expect(body.contains("Playbook: Двойное списание"))
            #expect(body.contains("  2. Ответить публично за 30 минут"))
            #expect(body.contains("To acknowledge: backlashctl ack 17"))

            let headerLines = mail["header_lines"].flatMap { value -> [String]? in
                if case .array(let items) = value { return items.compactMap(\.stringValue) }
                return nil
            } ?? []
            let encodedLines = headerLines.filter { $0.contains("=?UTF-8?B?") }
            #expect(encodedLines.count >= 3, "the subject is folded into several encoded-words")
            #expect(encodedLines.allSatisfy { $0.count <= 76 })
            let longest = try #require(mail["longest_line"]?.int64Value)
            #expect(longest <= 78)
        }

        @Test("line breaks in the data cannot add headers or recipients to the e-mail")
        func headerInjectionIsHarmless() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let server = try NotifyScriptServer("smtp_sink.py", [folder])
            defer { server.stop() }
            var page = NotifyFixtures.russianPage()
            page.title = "Сбой оплаты\r\nBcc: intruder@example.org\r\nX-Evil: 1"
            page.recipient.name = "Анна\nCc: other@example.org"
            page.severity = "high\r\nBcc: second@example.org"
            let notifier = EmailNotifier(
                sendmail: try Self.msmtp(port: server.port, folder: folder), from: "backlash@example.org", timeout: 10)
            #expect(await notifier.deliver(page) == .delivered)

            let envelope = try NotifyFixtures.parseObject(NotifyFixtures.read(folder + "/1.envelope"))
            #expect(envelope["rcpt_tos"] == .array(["anna@example.org"]))
            let mail = try NotifyFixtures.parseObject(NotifyFixtures.runScript("read_mail.py", [folder + "/1.eml"]))
            let names = mail["header_names"].map { JSONWriter().string($0) } ?? ""
            #expect(!names.contains("bcc") && !names.contains("\"cc\"") && !names.contains("x-evil"))
            #expect(NotifyFixtures.string(mail, "subject")?.contains("Сбой оплаты Bcc: intruder@example.org") == true)
        }

        @Test("a sendmail program that cannot reach its server fails with its own words in the reason")
        func unreachableRelayFails() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let notifier = EmailNotifier(
                sendmail: try Self.msmtp(port: NotifyFixtures.closedPort(), folder: folder),
                from: "backlash@example.org", timeout: 10)
            let outcome = await notifier.deliver(NotifyFixtures.russianPage())
            let reason = outcome.failureReason ?? ""
            #expect(reason.contains("command '/usr/bin/msmtp' exited with status"))
            #expect(reason.contains("msmtp:"))
        }

        @Test("a manager without an e-mail address, or with a broken one, fails with what to fix")
        func missingAddressFails() async {
            let notifier = EmailNotifier(sendmail: ["/bin/false"], from: "backlash@example.org")
            let none = await notifier.deliver(NotifyFixtures.russianPage(email: nil))
            #expect(none.failureReason == "cannot e-mail manager 'anna': manager 'anna' has no e-mail address; "
                + "set contacts.email for them in the config")
            let broken = await notifier.deliver(NotifyFixtures.russianPage(email: "anna at example.org"))
            #expect(broken.failureReason?.contains("write it as name@example.org") == true)
        }
    }
}
