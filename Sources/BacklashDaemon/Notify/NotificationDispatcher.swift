/// Delivers a page on all of a manager's channels at once, retries failures with backoff, and reports every attempt.
///
/// Each channel runs on its own, so a slow or failing channel never holds up another. Every finished attempt is
/// passed to `report` (the engine turns it into `page.sent` / `page.failed` / `page.retried`). `cancel(incident:)`
/// stops every pending retry for the incident at once and interrupts attempts in flight (an ack makes them moot);
/// after it, no further attempts for that incident are reported, so a `retryAt` already reported may not happen.
public actor NotificationDispatcher {
    /// Waits the given number of seconds; must throw promptly when the task is cancelled.
    public typealias Sleep = @Sendable (Double) async throws -> Void

    /// How failed attempts are retried.
    public let retryPolicy: RetryPolicy
    private let now: @Sendable () -> Double
    private let sleep: Sleep
    private let report: @Sendable (DeliveryAttempt) -> Void
    private var running: [Int64: [Int: Task<[DeliveryAttempt], Never>]] = [:]
    private var nextToken = 0

    /// Creates a dispatcher; `now` gives seconds since the Unix epoch (the engine's clock), `sleep` waits
    /// (inject a fast one in tests), `report` receives every attempt as it finishes.
    public init(
        retryPolicy: RetryPolicy = RetryPolicy(),
        now: @escaping @Sendable () -> Double,
        sleep: @escaping Sleep = { seconds in try await Task.sleep(for: .seconds(seconds)) },
        report: @escaping @Sendable (DeliveryAttempt) -> Void
    ) {
        self.retryPolicy = retryPolicy
        self.now = now
        self.sleep = sleep
        self.report = report
    }

    /// Delivers on every notifier concurrently, retrying each as the policy says, and returns the last attempt of
    /// each channel (in the notifiers' order) when all are done; a channel cancelled before its first try is absent.
    public func deliver(_ notification: PageNotification, via notifiers: [any Notifier]) async -> [DeliveryAttempt] {
        let token = nextToken
        nextToken += 1
        let (policy, now, sleep, report) = (retryPolicy, self.now, self.sleep, self.report)
        let task = Task<[DeliveryAttempt], Never> {
            await withTaskGroup(of: (Int, DeliveryAttempt?).self) { group in
                for (index, notifier) in notifiers.enumerated() {
                    group.addTask {
                        let last = await Self.deliverWithRetries(
                            notification, via: notifier, policy: policy, now: now, sleep: sleep, report: report)
                        return (index, last)
                    }
                }
                var finals: [(Int, DeliveryAttempt)] = []
                for await (index, last) in group {
                    if let last { finals.append((index, last)) }
                }
                return finals.sorted { $0.0 < $1.0 }.map(\.1)
            }
        }
        running[notification.incident, default: [:]][token] = task
        let finals = await withTaskCancellationHandler {
            await task.value
        } onCancel: {
            task.cancel()
        }
        running[notification.incident]?[token] = nil
        if running[notification.incident]?.isEmpty == true { running[notification.incident] = nil }
        return finals
    }

    /// Stops every pending retry and in-flight attempt for the incident (call it when the incident is acknowledged).
    public func cancel(incident: Int64) {
        for task in (running[incident] ?? [:]).values { task.cancel() }
    }

    /// Incidents with deliveries still running or waiting to retry.
    public var activeIncidents: Set<Int64> { Set(running.keys) }

    private static func deliverWithRetries(
        _ notification: PageNotification, via notifier: any Notifier, policy: RetryPolicy,
        now: @Sendable () -> Double, sleep: Sleep, report: @Sendable (DeliveryAttempt) -> Void
    ) async -> DeliveryAttempt? {
        var last: DeliveryAttempt?
        var attempt = 1
        while !Task.isCancelled {
            let outcome = await notifier.deliver(notification)
            let finished = now()
            let wait = outcome.isDelivered || Task.isCancelled ? nil : policy.delay(afterAttempt: attempt)
            let record = DeliveryAttempt(
                incident: notification.incident, manager: notification.recipient.id, channel: notifier.channel,
                step: notification.step, reason: notification.reason, attempt: attempt, outcome: outcome,
                time: finished, retryAt: wait.map { finished + $0 })
            report(record)
            last = record
            guard let wait else { break }
            do { try await sleep(wait) } catch { break }
            attempt += 1
        }
        return last
    }
}
