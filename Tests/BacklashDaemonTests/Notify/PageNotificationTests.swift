import BacklashCore
import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct PageNotificationTests {
        @Test("the page JSON has stable keys in a documented order and leaves contact secrets out")
        func jsonShape() {
            var page = NotifyFixtures.russianPage()
            page.recipient.webhook = "http://hooks.example.org/secret-token"
            page.recipient.exec = ["/usr/local/bin/page-anna", "--token", "s3cret"]
            let object = page.jsonObject()
            #expect(object.keys == [
                "version", "incident", "severity", "title", "summary", "reasons", "top_posts", "playbook",
                "named_by_crowd", "reason", "step", "time", "time_epoch", "manager", "ack_hint", "held", "promises",
            ])
            #expect(object["incident"] == "17")
            #expect(object["time"] == "2025-02-13T14:05:00Z")
            #expect(object["time_epoch"] == .number("1739455500"))
            #expect(object["named_by_crowd"] == true)
            #expect(object["manager"]?.objectValue?.keys == ["id", "name", "email"])
            let text = JSONWriter().string(.object(object))
            #expect(!text.contains("secret-token") && !text.contains("s3cret"))
            #expect(text.contains("\"url\":null"), "a top post without a link has url null")
        }

        @Test("a title with line breaks becomes one line")
        func titleIsOneLine() {
            let page = PageNotification(
                incident: 3, severity: "low", title: "  Первая строка\r\n\tвторая  ", summary: "", reason: .policy,
                step: 2, time: 0, recipient: .init(id: "ivan", name: "Ivan"))
            #expect(page.title == "Первая строка вторая")
            #expect(page.ackHint == "backlashctl ack 3")
        }

        @Test("the chat paragraph says severity, title, why, reasons and how to ack, on one line")
        func chatParagraph() {
            let page = NotifyFixtures.russianPage()
            #expect(page.chatParagraph == "HIGH incident 17: Жалобы на списание денег за отменённый заказ. "
                + "You are paged because the crowd named you. Reasons: Скорость репостов растёт; "
                + "Автор с 120 тыс. подписчиков назвал менеджера. Ack: backlashctl ack 17")
        }

        @Test("each reason for a page reads as its own sentence in the e-mail")
        func pagedBecause() {
            var page = NotifyFixtures.russianPage()
            page.reason = .policy
            page.step = 2
            #expect(page.plainTextBody.contains("You are paged by escalation step 2."))
            page.reason = .reminder
            #expect(page.plainTextBody.contains("Reminder: still not acknowledged (step 2)."))
            page.reason = .handoff
            #expect(page.plainTextBody.contains("The incident was handed over to you."))
        }

        @Test("open promises travel with a page: in the JSON, the chat paragraph and the e-mail body")
        func promisesInPage() throws {
            var page = NotifyFixtures.russianPage()
            page.reason = .handoff
            let due = RFC3339.parse("2026-11-29T15:00:00Z")!
            page.promises = [.init(id: 4, owner: "boris", due: due, text: "перезвоним в 18:00\nи вернём рубль")]
            let json = JSONWriter().string(.object(page.jsonObject()))
            #expect(json.contains(#""promises":[{"id":"4","owner":"boris","due":"2026-11-29T15:00:00Z","text":"#))
            #expect(page.chatParagraph.contains("Open promises: #4 due 2026-11-29T15:00:00Z (boris): перезвоним в 18:00 и вернём рубль"))
            #expect(page.plainTextBody.contains("Open promises to the customer"))
            #expect(page.plainTextBody.contains("#4 due 2026-11-29T15:00:00Z, made by boris: перезвоним в 18:00 и вернём рубль"))
            page.promises = []
            #expect(!page.plainTextBody.contains("Open promises"))
        }
    }
}
