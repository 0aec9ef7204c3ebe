import Foundation
import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct EmailMessageTests {
        /// Decodes one `=?UTF-8?B?…?=` word, or nil when it is not one or is not whole UTF-8.
        static func decode(_ word: String) -> String? {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return nil }
            guard let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
            return String(data: data, encoding: .utf8)
        }

        @Test("encoded-words stay within 75 characters, never split a character, and decode to the original text")
        func encodedWordsRoundTrip() {
            let text = "Жалобы на списание 💳 денег за отменённый заказ 👨‍👩‍👧 — срочно, ёлки!"
            let words = EmailMessage.encodedWords(text, firstRoom: 67)
            #expect(words.count > 1)
            #expect(words[0].count <= 67)
            #expect(words.allSatisfy { $0.count <= 75 })
            let decoded = words.map { Self.decode($0) }
            #expect(!decoded.contains(nil), "every word is whole UTF-8 on its own")
            #expect(decoded.compactMap { $0 }.joined() == text)
        }

        @Test("the Date header is RFC 5322 in UTC")
        func dateHeader() {
            #expect(EmailMessage.dateHeader(1_739_455_500) == "Thu, 13 Feb 2025 14:05:00 +0000")
            #expect(EmailMessage.dateHeader(0) == "Thu, 1 Jan 1970 00:00:00 +0000")
            #expect(EmailMessage.dateHeader(951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
        }

        @Test("a plain ASCII subject stays readable, and one that looks encoded is encoded")
        func asciiSubject() throws {
            let plain = EmailMessage.textField("Subject", "Incident 4 is over")
            #expect(plain == ["Subject: Incident 4 is over"])
            let tricky = EmailMessage.textField("Subject", "=?UTF-8?B?0J/RgNC40LLQtdGC?=")
            #expect(tricky.first?.hasPrefix("Subject: =?UTF-8?B?") == true)
            #expect(Self.decode(String(tricky[0].dropFirst("Subject: ".count))) == "=?UTF-8?B?0J/RgNC40LLQtdGC?=")
        }

        @Test("display names with commas or quotes are quoted so they cannot add a recipient")
        func quotedDisplayName() {
            let field = EmailMessage.addressField(
                "To", [EmailMessage.Mailbox(name: "Petrov, \"Boss\"", address: "boss@example.org")])
            #expect(field == ["To: \"Petrov, \\\"Boss\\\"\" <boss@example.org>"])
        }

        @Test("addresses a mail program would misread are refused with what to fix")
        func addressChecks() {
            for bad in ["anna example.org", "анна@example.org", "a@b\r\nBcc: c@d", "@example.org", "anna@", "a<b>@c"] {
                #expect(throws: EmailMessage.Problem.self) {
                    try EmailMessage(
                        from: .init(address: "backlash@example.org"), to: [.init(address: bad)], subject: "s",
                        date: 0, messageID: "x@y", body: "")
                }
            }
            let problem = EmailMessage.Problem.unusableAddress("anna example.org", why: "it has no @")
            #expect(problem.description == "e-mail address 'anna example.org' cannot be used: it has no @; "
                + "write it as name@example.org")
        }

        @Test("the body is sent base64 in lines of 76 and decodes to the text with CRLF line ends")
        func bodyEncoding() throws {
            let message = try EmailMessage(
                from: .init(address: "backlash@example.org"), to: [.init(name: "Anna", address: "anna@example.org")],
                subject: "s", date: 0, messageID: "m@example.org", body: String(repeating: "Строка\n", count: 40))
            let rendered = message.rendered()
            let parts = rendered.components(separatedBy: "\n\n")
            #expect(parts.count == 2)
            let lines = parts[1].split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 76 })
            let data = try #require(Data(base64Encoded: lines.joined()))
            #expect(String(decoding: data, as: UTF8.self) == String(repeating: "Строка\r\n", count: 40))
            #expect(parts[0].contains("To: Anna <anna@example.org>"))
            #expect(!rendered.contains("\r"), "a local sendmail program reads plain newlines")
        }

        @Test("mailboxes are read from 'Name <address>' and from bare addresses")
        func mailboxParsing() {
            #expect(EmailMessage.Mailbox(parsing: "Backlash <b@example.org>")
                == .init(name: "Backlash", address: "b@example.org"))
            #expect(EmailMessage.Mailbox(parsing: "\"Back, lash\" <b@x.org>")
                == .init(name: "Back, lash", address: "b@x.org"))
            #expect(EmailMessage.Mailbox(parsing: " b@example.org ") == .init(name: nil, address: "b@example.org"))
        }
    }
}
