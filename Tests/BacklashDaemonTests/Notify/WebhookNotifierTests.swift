import BacklashCore
import Foundation
import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct WebhookNotifierTests {
        @Test("a webhook receives the page as JSON with a chat text paragraph in front")
        func receiverGetsPage() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let receiver = try NotifyScriptServer("webhook_receiver.py", [folder])
            defer { receiver.stop() }
            let page = NotifyFixtures.russianPage()
            let url = "http://127.0.0.1:\(receiver.port)/hooks/T000/secret-token"
            let outcome = await WebhookNotifier(url: url, timeout: 5).deliver(page)
            #expect(outcome == .delivered)

            let body = try NotifyFixtures.parseObject(NotifyFixtures.read(folder + "/1.json"))
            #expect(body.keys.first == "text")
            let text = try #require(NotifyFixtures.string(body, "text"))
            #expect(text.contains("HIGH incident 17: \(page.title)"))
            #expect(text.contains("Скорость репостов растёт"))
            #expect(text.contains("Ack: backlashctl ack 17"))
            #expect(!text.contains("\n"))
            #expect(NotifyFixtures.string(body, "incident") == "17")
            #expect(NotifyFixtures.string(body, "reason") == "named")
            #expect(body["top_posts"]?.objectArray?.first?["key"]?.stringValue == "vk:555")

            let headers = try NotifyFixtures.parseObject(NotifyFixtures.read(folder + "/1.headers"))
            #expect(NotifyFixtures.string(headers, "content-type") == "application/json")
            #expect(NotifyFixtures.string(headers, "path") == "/hooks/T000/secret-token")
            #expect(NotifyFixtures.string(headers, "host") == "127.0.0.1:\(receiver.port)")
        }

        @Test("a receiver that fails twice with 500 gets the page on the dispatcher's third attempt")
        func retriedUntilDelivered() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let receiver = try NotifyScriptServer("webhook_receiver.py", [folder, "--fail-first", "2"])
            defer { receiver.stop() }
            let attempts = NotifyRecorder<DeliveryAttempt>()
            let waits = NotifyRecorder<Double>()
            let dispatcher = NotificationDispatcher(
                retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: 2, multiplier: 2),
                now: { NotifyFixtures.pageTime },
                sleep: { waits.append($0) },
                report: { attempts.append($0) })
            let url = "http://127.0.0.1:\(receiver.port)/hooks/secret-token"
            let finals = await dispatcher.deliver(
                NotifyFixtures.russianPage(), via: [WebhookNotifier(url: url, timeout: 5)])

            #expect(attempts.all.map(\.attempt) == [1, 2, 3])
            #expect(attempts.all.map(\.outcome.isDelivered) == [false, false, true])
            #expect(attempts.all.map(\.retryAt) == [NotifyFixtures.pageTime + 2, NotifyFixtures.pageTime + 4, nil])
            let firstError = attempts.all.first?.outcome.failureReason ?? ""
            #expect(firstError.contains("answered 500"))
            #expect(firstError.contains("receiver failure 1"))
            #expect(!firstError.contains("secret-token"), "webhook paths may hold secrets and stay out of the log")
            #expect(waits.all == [2, 4])
            #expect(finals.map(\.outcome) == [.delivered])
            #expect(FileManager.default.fileExists(atPath: folder + "/3.json"))
        }

        @Test("a receiver that never answers fails once the timeout is up, not later")
        func silentReceiverTimesOut() async throws {
            let folder = NotifyFixtures.temporaryDirectory()
            let receiver = try NotifyScriptServer("webhook_receiver.py", [folder, "--hang"])
            defer { receiver.stop() }
            let started = ContinuousClock.now
            let outcome = await WebhookNotifier(url: "http://127.0.0.1:\(receiver.port)/hook", timeout: 0.5)
                .deliver(NotifyFixtures.russianPage())
            let elapsed = ContinuousClock.now - started
            #expect(outcome.failureReason?.contains("no answer within 0.5 s") == true)
            #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(2))
            #expect(FileManager.default.fileExists(atPath: folder + "/1.json"), "the request itself was sent")
        }

        @Test("nothing listening on the port fails at once with the connection error")
        func connectionRefused() async {
            let port = NotifyFixtures.closedPort()
            let outcome = await WebhookNotifier(url: "http://127.0.0.1:\(port)/hook", timeout: 5)
                .deliver(NotifyFixtures.russianPage())
            let reason = outcome.failureReason ?? ""
            #expect(reason.contains("cannot connect to http://127.0.0.1:\(port)"))
            #expect(reason.lowercased().contains("refused"))
        }

        @Test("an https webhook fails with advice to use a local relay")
        func httpsNeedsRelay() async {
            let outcome = await WebhookNotifier(url: "https://hooks.slack.com/services/T/B/x", timeout: 5)
                .deliver(NotifyFixtures.russianPage())
            #expect(outcome == .failed("https webhooks need a local relay; use exec with curl"))
        }

        @Test("webhook URLs are read into host, port and path, and unusable ones are refused with a reason")
        func urlParsing() throws {
            let plain = try HTTPPostClient.Target.parse("http://chat.example.org/hooks/abc?x=1#frag").get()
            #expect(plain == .init(host: "chat.example.org", port: 80, path: "/hooks/abc?x=1",
                hostHeader: "chat.example.org"))
            let v6 = try HTTPPostClient.Target.parse("http://[::1]:9000").get()
            #expect(v6 == .init(host: "::1", port: 9000, path: "/", hostHeader: "[::1]:9000"))
            let bad = ["ftp://x/", "http://user:pw@host/", "http://host:99999/", "http://host/a b", "http:///path"]
            for url in bad {
                guard case .failure(.invalidURL) = HTTPPostClient.Target.parse(url) else {
                    Issue.record("\(url) should be refused")
                    continue
                }
            }
        }
    }
}

extension JSONValue {
    /// The array's objects, or nil when this is not an array.
    fileprivate var objectArray: [JSONObject]? {
        if case .array(let items) = self { return items.compactMap(\.objectValue) }
        return nil
    }
}
