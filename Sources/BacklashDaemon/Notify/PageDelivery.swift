import BacklashCore
import BacklashStore
import Foundation
import Logging

/// Delivers the engine's committed pages on each manager's channels (exec, webhook, e-mail) and records every
/// attempt as `page.sent` / `page.failed` / `page.retried`. The journal channel is the page event itself.
final class PageDelivery: Sendable {
    let engine: Engine
    let config: ConfigBox
    let dispatcher: NotificationDispatcher
    let logger: Logger

    init(engine: Engine, config: ConfigBox, logger: Logger) {
        self.engine = engine
        self.config = config
        self.logger = logger
        let recorder = AttemptRecorder(engine: engine)
        dispatcher = NotificationDispatcher(now: { engine.now() }, report: { attempt in recorder.record(attempt) })
    }

    /// Hands a batch of committed pages to the channels (returns at once).
    func deliver(_ pages: [PendingPage]) {
        Task { await self.send(pages) }
    }

    /// Stops pending deliveries and retries of an incident.
    func cancel(_ incident: Int) {
        Task { await dispatcher.cancel(incident: Int64(incident)) }
    }

    func send(_ pages: [PendingPage]) async {
        let settings = config.current
        for page in pages {
            guard let manager = settings.managers.first(where: { $0.id == page.manager }) else { continue }
            var notifiers: [any Notifier] = []
            if let command = manager.exec, !command.isEmpty {
                notifiers.append(ExecNotifier(command: command, timeout: settings.notifiers.timeout))
            }
            if let url = manager.webhook {
                notifiers.append(WebhookNotifier(url: url, timeout: settings.notifiers.timeout))
            }
            if manager.email != nil {
                notifiers.append(EmailNotifier(
                    sendmail: settings.notifiers.sendmail, from: settings.notifiers.emailFrom,
                    timeout: settings.notifiers.timeout))
            }
            guard !notifiers.isEmpty else { continue }
            guard let notification = try? await notification(for: page, manager: manager) else { continue }
            let dispatcher = self.dispatcher
            Task { _ = await dispatcher.deliver(notification, via: notifiers) }
        }
    }

    func notification(for page: PendingPage, manager: ManagerConfig) async throws -> PageNotification? {
        let id = page.incident
        let data = try await engine.read { db -> (IncidentRow?, [StoredPostSummary]) in
            (try IncidentStore.fetch(id, in: db), try IncidentStore.posts(of: id, limit: 3, in: db))
        }
        guard let row = data.0 else { return nil }
        let reason = PageNotification.Reason(rawValue: page.reason) ?? .policy
        let steps = row.playbook["steps"].flatMap { v -> [String]? in
            guard case .array(let items) = v else { return nil }
            return items.compactMap(\.stringValue)
        } ?? []
        return PageNotification(
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
