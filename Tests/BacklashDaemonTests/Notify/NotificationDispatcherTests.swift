import BacklashCore
import Synchronization
import Testing

@testable import BacklashDaemon

/// A notifier that answers from a script of outcomes (the last one repeats), optionally after a pause.
final class ScriptedNotifier: Notifier {
    let channel: NotificationChannel
    private let outcomes: [NotifierOutcome]
    private let pause: Duration
    private let calls = Mutex(0)

    init(_ channel: NotificationChannel, _ outcomes: [NotifierOutcome], pause: Duration = .zero) {
        self.channel = channel
        self.outcomes = outcomes
        self.pause = pause
    }

    /// How many times `deliver` was called.
    var callCount: Int { calls.withLock { $0 } }

    func deliver(_ notification: PageNotification) async -> NotifierOutcome {
        let index = calls.withLock { count in
            count += 1
            return count - 1
        }
        if pause > .zero {
            do { try await Task.sleep(for: pause) } catch { return .failed("cancelled") }
        }
        return outcomes[min(index, outcomes.count - 1)]
    }
}

extension NotifyTests {
    @Suite struct NotificationDispatcherTests {
        @Test("failures are retried with exponential backoff and every attempt is reported with its next try")
        func backoffAndReports() async {
            let attempts = NotifyRecorder<DeliveryAttempt>()
            let waits = NotifyRecorder<Double>()
            let dispatcher = NotificationDispatcher(
                retryPolicy: RetryPolicy(maxAttempts: 4, initialDelay: 2, multiplier: 2),
                now: { 1000 }, sleep: { waits.append($0) }, report: { attempts.append($0) })
            let notifier = ScriptedNotifier(.exec, [.failed("exit 1")])
            let finals = await dispatcher.deliver(NotifyFixtures.russianPage(), via: [notifier])
            #expect(notifier.callCount == 4)
            #expect(waits.all == [2, 4, 8])
            #expect(attempts.all.map(\.attempt) == [1, 2, 3, 4])
            #expect(attempts.all.map(\.retryAt) == [1002, 1004, 1008, nil])
            #expect(attempts.all.allSatisfy { $0.channel == .exec && $0.manager == "anna" && $0.incident == 17 })
            #expect(finals.map(\.attempt) == [4])
            #expect(finals.first?.eventKind == "page.failed")
        }

        @Test("every channel is tried at once, and a slow failing channel does not hold up the others")
        func channelsAreIndependent() async {
            let attempts = NotifyRecorder<DeliveryAttempt>()
            let dispatcher = NotificationDispatcher(
                retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: 0.05),
                now: { 0 }, report: { attempts.append($0) })
            let slow = ScriptedNotifier(.webhook, [.failed("503")], pause: .milliseconds(300))
            let fast = ScriptedNotifier(.email, [.delivered])
            let exec = ScriptedNotifier(.exec, [.failed("exit 1"), .delivered])
            let started = ContinuousClock.now
            let finals = await dispatcher.deliver(NotifyFixtures.russianPage(), via: [slow, fast, exec])
            let elapsed = ContinuousClock.now - started

            let order = attempts.all.map(\.channel)
            #expect((order.firstIndex(of: .email) ?? 99) < (order.firstIndex(of: .webhook) ?? -1),
                "the fast channel reports before the slow one")
            #expect(attempts.all.prefix(3).map(\.channel).filter { $0 == .exec }.count == 2,
                "the exec retry finishes while the webhook is still waiting")
            #expect(finals.map(\.channel) == [.webhook, .email, .exec])
            #expect(finals.map(\.outcome.isDelivered) == [false, true, true])
            // Concurrency is shown by the order above (the exec retry and the e-mail finish while the slow webhook
            // still waits); a wall-clock bound flaked when the 2-core machine was loaded by other tests.
            #expect(elapsed >= .milliseconds(300), "the slow channel's pause is really waited for")
        }

        @Test("an ack cancels pending retries for the incident at once, and other incidents keep going")
        func cancelStopsRetries() async throws {
            let attempts = NotifyRecorder<DeliveryAttempt>()
            let dispatcher = NotificationDispatcher(
                retryPolicy: RetryPolicy(maxAttempts: 5, initialDelay: 30), now: { 0 }, report: { attempts.append($0) })
            let failing = ScriptedNotifier(.webhook, [.failed("500")])
            let other = ScriptedNotifier(.webhook, [.failed("500")])
            let acked = Task { await dispatcher.deliver(NotifyFixtures.russianPage(incident: 17), via: [failing]) }
            let unrelated = Task { await dispatcher.deliver(NotifyFixtures.russianPage(incident: 18), via: [other]) }
            for _ in 0..<100 where attempts.all.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(await dispatcher.activeIncidents == [17, 18])

            let started = ContinuousClock.now
            await dispatcher.cancel(incident: 17)
            let finals = await acked.value
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(failing.callCount == 1)
            #expect(finals.map(\.attempt) == [1])
            #expect(await dispatcher.activeIncidents == [18])

            unrelated.cancel()
            _ = await unrelated.value
            #expect(await dispatcher.activeIncidents.isEmpty)
        }

        @Test("an ack also stops a command that is still running")
        func cancelStopsInFlightCommand() async throws {
            let attempts = NotifyRecorder<DeliveryAttempt>()
            let dispatcher = NotificationDispatcher(now: { 0 }, report: { attempts.append($0) })
            let command = ExecNotifier(command: ["/bin/sh", "-c", "sleep 30; true"], timeout: 20)
            let delivery = Task { await dispatcher.deliver(NotifyFixtures.russianPage(), via: [command]) }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            await dispatcher.cancel(incident: 17)
            let finals = await delivery.value
            #expect(ContinuousClock.now - started < .seconds(1))
            #expect(finals.first?.outcome.failureReason?.contains("cancelled") == true)
            #expect(finals.first?.retryAt == nil, "no retry is planned after an ack")
        }

        @Test("the default retry policy waits 2 s then 4 s and gives up after the third attempt")
        func defaultPolicy() {
            let policy = RetryPolicy()
            #expect((1...3).map { policy.delay(afterAttempt: $0) } == [2, 4, nil])
            let capped = RetryPolicy(maxAttempts: 10, initialDelay: 10, multiplier: 3, maxDelay: 60)
            #expect((1...4).map { capped.delay(afterAttempt: $0) } == [10, 30, 60, 60])
        }

        @Test("attempts turn into page.sent and page.failed details as the event log documents them")
        func eventDetails() {
            var attempt = DeliveryAttempt(
                incident: 17, manager: "anna", channel: .email, step: 2, reason: .policy, attempt: 1,
                outcome: .delivered, time: 0, retryAt: nil)
            #expect(attempt.eventKind == "page.sent")
            #expect(attempt.eventDetails() == JSONObject(pairs: [
                "manager": "anna", "channel": "email", "step": 2, "attempt": 1, "reason": "policy",
            ]))
            attempt.outcome = .failed("no answer within 10 s")
            attempt.retryAt = 1_739_455_502
            #expect(attempt.eventKind == "page.failed")
            #expect(attempt.eventDetails() == JSONObject(pairs: [
                "manager": "anna", "channel": "email", "attempt": 1, "error": "no answer within 10 s",
                "retry_at": "2025-02-13T14:05:02Z",
            ]))
        }
    }
}
