import BacklashCore
import BacklashStore
import Foundation
import GRDB
import Logging
import Synchronization

/// Delivers the engine's committed pages on each manager's channels (exec, webhook, e-mail) and records every
/// attempt as `page.sent` / `page.failed` / `page.retried`. The journal channel is the page event itself.
///
/// Each contact (a manager on one channel) has a rate limit: a page over it is held (`page.held`) and, when the
/// hold ends, every page held for that contact goes out as one message listing the incidents.
final class PageDelivery: Sendable {
    let engine: Engine
    let config: ConfigBox
    let dispatcher: NotificationDispatcher
    let logger: Logger
    let limiter: Mutex<ContactRateLimiter>

    init(engine: Engine, config: ConfigBox, logger: Logger) {
        self.engine = engine
        self.config = config
        self.logger = logger
        let recorder = AttemptRecorder(engine: engine)
        dispatcher = NotificationDispatcher(now: { engine.now() }, report: { attempt in recorder.record(attempt) })
        limiter = Mutex(ContactRateLimiter(rules: config.current.notifiers.rateLimit))
    }

    /// The channels a manager can be reached on, each with its notifier.
    static func notifiers(for manager: ManagerConfig, settings: NotifierSettings) -> [any Notifier] {
        var notifiers: [any Notifier] = []
        if let command = manager.exec, !command.isEmpty {
            notifiers.append(ExecNotifier(command: command, timeout: settings.timeout))
        }
        if let url = manager.webhook {
            notifiers.append(WebhookNotifier(url: url, timeout: settings.timeout))
        }
        if manager.email != nil {
            notifiers.append(EmailNotifier(sendmail: settings.sendmail, from: settings.emailFrom, timeout: settings.timeout))
        }
        return notifiers
    }

    /// Hands a batch of committed pages to the channels (returns at once).
    func deliver(_ pages: [PendingPage]) {
        Task { await self.send(pages) }
    }

    /// Stops pending deliveries and retries of an incident, and withdraws its held pages.
    func cancel(_ incident: Int) {
        limiter.withLock { $0.withdraw(incident: Int64(incident)) }
        Task { await dispatcher.cancel(incident: Int64(incident)) }
    }

    func send(_ pages: [PendingPage]) async {
        let settings = config.current
        limiter.withLock { limiter in
            // New limits apply once nothing is held under the old ones.
            if limiter.rules != settings.notifiers.rateLimit, limiter.nextRelease == nil {
                limiter = ContactRateLimiter(rules: settings.notifiers.rateLimit)
            }
        }
        for page in pages {
            guard let manager = settings.managers.first(where: { $0.id == page.manager }) else { continue }
            let notifiers = Self.notifiers(for: manager, settings: settings.notifiers)
            guard !notifiers.isEmpty else { continue }
            guard let notification = try? await notification(for: page, manager: manager) else { continue }
            let now = engine.now()
            var admitted: [any Notifier] = []
            var held: [Event] = []
            for notifier in notifiers {
                let (decision, count) = limiter.withLock { limiter in
                    let decision = limiter.admit(notification, on: notifier.channel, at: now)
                    return (decision, limiter.heldCount(manager: manager.id, channel: notifier.channel))
                }
                switch decision {
                case .send: admitted.append(notifier)
                case .hold(let until):
                    held.append(Self.heldEvent(notification, channel: notifier.channel, until: until, count: count, at: now))
                    scheduleRelease(at: until)
                }
            }
            if !held.isEmpty { try? await engine.record(held) }
            guard !admitted.isEmpty else { continue }
            let dispatcher = self.dispatcher
            Task { _ = await dispatcher.deliver(notification, via: admitted) }
        }
    }

    static func heldEvent(
        _ notification: PageNotification, channel: NotificationChannel, until: Double, count: Int, at now: Double
    ) -> Event {
        let manager = notification.recipient.id
        return Event(time: now, kind: .pageHeld, incident: String(notification.incident),
            message: "page for #\(notification.incident) to \(manager) by \(channel.rawValue) held by the rate limit "
                + "until \(RFC3339.format(until)) (\(count) held for this contact; they go out together)",
            details: JSONObject(pairs: [
                "manager": .string(manager), "channel": .string(channel.rawValue),
                "until": .string(RFC3339.format(until)), "held": JSONValue(count),
            ]))
    }

    /// Sends what is held once its hold ends (each due contact gets one combined page).
    func scheduleRelease(at until: Double) {
        let delay = max(0, until - engine.now())
        Task {
            try? await Task.sleep(for: .seconds(delay))
            await self.releaseDue()
        }
    }

    func releaseDue() async {
        let settings = config.current
        let releases = limiter.withLock { $0.releaseDue(at: engine.now()) }
        for release in releases {
            guard let manager = settings.managers.first(where: { $0.id == release.contact.manager }) else { continue }
            let notifiers = Self.notifiers(for: manager, settings: settings.notifiers)
                .filter { $0.channel == release.contact.channel }
            guard !notifiers.isEmpty else { continue }
            let dispatcher = self.dispatcher
            let notification = release.notification
            Task { _ = await dispatcher.deliver(notification, via: notifiers) }
        }
    }

    func notification(for page: PendingPage, manager: ManagerConfig) async throws -> PageNotification? {
        let id = page.incident
        let data = try await engine.read { db -> (IncidentRow?, [StoredPostSummary], [PageNotification.OpenPromise]) in
            let promises = try Row.fetchAll(db, sql: """
                SELECT id, owner, due, text FROM promises WHERE incident = ? AND state = 'open' ORDER BY due
                """, arguments: [id]).map { row in
                PageNotification.OpenPromise(id: row["id"], owner: row["owner"], due: row["due"], text: row["text"])
            }
            return (try IncidentStore.fetch(id, in: db), try IncidentStore.posts(of: id, limit: 3, in: db), promises)
        }
        guard let row = data.0 else { return nil }
        let reason = PageNotification.Reason(rawValue: page.reason) ?? .policy
        let steps = row.playbook["steps"].flatMap { v -> [String]? in
            guard case .array(let items) = v else { return nil }
            return items.compactMap(\.stringValue)
        } ?? []
        var notification = PageNotification(
            incident: Int64(id), severity: row.severity, title: row.title,
            summary: "#\(id) \(row.severity): \(row.posts) posts, reach forecast "
                + "\(row.forecast["reach"].map { JSONWriter().string($0) } ?? "?")",
            reasons: row.reasons,
            topPosts: data.1.map { .init(key: $0.key.description, author: $0.authorID, text: $0.text) },
            playbook: row.playbook["headline"]?.stringValue.map { .init(headline: $0, steps: steps) },
            namedByCrowd: row.namedManagers.contains(manager.id), reason: reason, step: page.step,
            time: engine.now(),
            recipient: .init(id: manager.id, name: manager.name, email: manager.email, webhook: manager.webhook,
                exec: manager.exec))
        notification.promises = data.2
        return notification
    }
}

/// Turns each delivery attempt into an event in the log (and so in the journal).
struct AttemptRecorder: Sendable {
    let engine: Engine

    func record(_ attempt: DeliveryAttempt) {
        let kind: EventKind = attempt.outcome.isDelivered ? .pageSent : .pageFailed
        var details = attempt.eventDetails()
        details["manager"] = .string(attempt.manager)
        let what: String
        switch attempt.outcome {
        case .delivered: what = "delivered to \(attempt.manager) by \(attempt.channel.rawValue)"
        case .failed(let reason):
            what = "could not reach \(attempt.manager) by \(attempt.channel.rawValue) (attempt \(attempt.attempt)): "
                + reason + (attempt.retryAt.map { "; retrying at \(RFC3339.format($0))" } ?? "; giving up on this channel")
        }
        var events = [Event(time: attempt.time, kind: kind, incident: String(attempt.incident),
            message: "page for #\(attempt.incident) \(what)", details: details)]
        if attempt.attempt > 1 && attempt.outcome.isDelivered {
            events.insert(Event(time: attempt.time, kind: .pageRetried, incident: String(attempt.incident),
                message: "page for #\(attempt.incident) to \(attempt.manager) retried by \(attempt.channel.rawValue)",
                details: JSONObject(pairs: [
                    "manager": .string(attempt.manager), "channel": .string(attempt.channel.rawValue),
                    "attempt": JSONValue(attempt.attempt),
                ])), at: 0)
        }
        let engine = self.engine
        Task { try? await engine.record(events) }
    }
}
