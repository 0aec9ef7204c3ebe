/// Per-contact message limits (in the manner of GoAlert's per-contact-method throttle): at most N messages per window
/// to one manager on one channel. A page over the limit is held, not dropped; when the hold ends, every held page for
/// that contact goes out as one combined page listing the held incidents.
///
/// Pure logic: time is passed in (seconds since the Unix epoch); the caller sets a timer for `nextRelease`.
public struct ContactRateLimiter: Sendable {
    /// At most `messages` messages within any `window` seconds.
    public struct Rule: Sendable, Equatable {
        /// Messages allowed per window (at least 1).
        public var messages: Int
        /// Window length in seconds.
        public var window: Double

        /// Creates a rule.
        public init(messages: Int, window: Double) {
            self.messages = max(1, messages)
            self.window = window
        }
    }

    /// One contact: a manager on a channel.
    public struct Contact: Sendable, Hashable {
        /// Manager id.
        public var manager: String
        /// Channel.
        public var channel: NotificationChannel

        /// Creates a contact key.
        public init(manager: String, channel: NotificationChannel) {
            self.manager = manager
            self.channel = channel
        }
    }

    /// What to do with a page now.
    public enum Decision: Sendable, Equatable {
        /// Send it now (it has been counted).
        case send
        /// Hold it; it goes out, combined with any others held for the contact, from `releaseDue(at:)` at `until`.
        case hold(until: Double)
    }

    /// A page to send now because a hold ended.
    public struct Release: Sendable, Equatable {
        /// Who and where.
        public var contact: Contact
        /// The page: a held page as it was, or one page combining several (see `PageNotification.held`).
        public var notification: PageNotification
    }

    /// The default limits: at most 3 messages a minute and 10 per 15 minutes per contact.
    public static let defaultRules = [Rule(messages: 3, window: 60), Rule(messages: 10, window: 900)]

    /// The limits in force; all must allow a message.
    public let rules: [Rule]
    private var sent: [Contact: [Double]] = [:]
    private var held: [Contact: [PageNotification]] = [:]
    private var holdUntil: [Contact: Double] = [:]

    /// Creates a limiter with the given rules (no rules: never holds).
    public init(rules: [Rule] = ContactRateLimiter.defaultRules) {
        self.rules = rules
    }

    /// Decides whether a page to `notification.recipient` on `channel` may go out at `now`, counting it when it may.
    /// While a contact has held pages, new pages join them so the order stays right.
    public mutating func admit(
        _ notification: PageNotification, on channel: NotificationChannel, at now: Double
    ) -> Decision {
        guard !rules.isEmpty else { return .send }
        let contact = Contact(manager: notification.recipient.id, channel: channel)
        prune(contact, at: now)
        if let until = holdUntil[contact] {
            held[contact, default: []].append(notification)
            return .hold(until: until)
        }
        if let until = earliestAllowed(contact, at: now) {
            held[contact] = [notification]
            holdUntil[contact] = until
            return .hold(until: until)
        }
        sent[contact, default: []].append(now)
        return .send
    }

    /// The pages whose hold has ended by `now`, one per contact (combined when several were held), counted as sent.
    public mutating func releaseDue(at now: Double) -> [Release] {
        let due = holdUntil.filter { $0.value <= now }.sorted { a, b in
            a.value != b.value ? a.value < b.value : (a.key.manager, a.key.channel.rawValue)
                < (b.key.manager, b.key.channel.rawValue)
        }
        var releases: [Release] = []
        for (contact, _) in due {
            let pages = held.removeValue(forKey: contact) ?? []
            holdUntil[contact] = nil
            guard let page = PageNotification.folding(pages, at: now) else { continue }
            prune(contact, at: now)
            sent[contact, default: []].append(now)
            releases.append(Release(contact: contact, notification: page))
        }
        return releases
    }

    /// When the next hold ends, or nil when nothing is held.
    public var nextRelease: Double? { holdUntil.values.min() }

    /// How many pages are held for a contact.
    public func heldCount(manager: String, channel: NotificationChannel) -> Int {
        held[Contact(manager: manager, channel: channel)]?.count ?? 0
    }

    /// Forgets held pages about an incident (it was acknowledged); a contact left with none is no longer held.
    public mutating func withdraw(incident: Int64) {
        for (contact, pages) in held {
            let kept = pages.filter { $0.incident != incident }
            if kept.isEmpty {
                held[contact] = nil
                holdUntil[contact] = nil
            } else {
                held[contact] = kept
            }
        }
    }

    /// The first time a message to the contact is allowed again, or nil when it is allowed at `now`.
    /// A message at time `s` counts for every instant in `[s, s + window)`.
    private func earliestAllowed(_ contact: Contact, at now: Double) -> Double? {
        let times = sent[contact] ?? []
        var until: Double?
        for rule in rules {
            let inWindow = times.filter { $0 > now - rule.window }.sorted()
            guard inWindow.count >= rule.messages else { continue }
            let freedAt = inWindow[inWindow.count - rule.messages] + rule.window
            until = max(until ?? freedAt, freedAt)
        }
        return until
    }

    private mutating func prune(_ contact: Contact, at now: Double) {
        guard let longest = rules.map(\.window).max(), var times = sent[contact] else { return }
        times.removeAll { $0 <= now - longest }
        sent[contact] = times.isEmpty ? nil : times
    }
}
