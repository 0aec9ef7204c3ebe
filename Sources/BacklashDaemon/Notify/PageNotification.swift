import BacklashCore

/// One page to one manager about one incident: everything a channel needs to tell them what happened and how to ack.
public struct PageNotification: Sendable, Equatable {
    /// Why this manager is paged now.
    public enum Reason: String, Sendable, Equatable, CaseIterable {
        /// A step of the escalation policy reached them.
        case policy
        /// The crowd named them, so they are paged directly.
        case named
        /// A reminder: the incident is still not acknowledged.
        case reminder
        /// The incident was handed over (assigned) to them.
        case handoff
    }

    /// A post that shows what the incident is about.
    public struct TopPost: Sendable, Equatable {
        /// `platform:id` of the post.
        public var key: String
        /// The author's handle as shown on the platform.
        public var author: String
        /// The post text.
        public var text: String
        /// A link to the post, when known.
        public var url: String?

        /// Creates a top post.
        public init(key: String, author: String, text: String, url: String? = nil) {
            self.key = key
            self.author = author
            self.text = text
            self.url = url
        }
    }

    /// The playbook entry that applies to the incident.
    public struct Playbook: Sendable, Equatable {
        /// One line saying what to do first.
        public var headline: String
        /// The steps in order.
        public var steps: [String]

        /// Creates a playbook entry.
        public init(headline: String, steps: [String]) {
            self.headline = headline
            self.steps = steps
        }
    }

    /// A promise made to the customer that is still open (call back at 18:00, answer by tomorrow).
    public struct OpenPromise: Sendable, Equatable {
        /// Promise id (`backlashctl promise-kept ID`).
        public var id: Int64
        /// The manager who made it.
        public var owner: String
        /// When it is due, seconds since the Unix epoch.
        public var due: Double
        /// What was promised.
        public var text: String

        /// Creates an open promise.
        public init(id: Int64, owner: String, due: Double, text: String) {
            self.id = id
            self.owner = owner
            self.due = due
            self.text = text
        }
    }

    /// The manager being paged and their contacts.
    public struct Recipient: Sendable, Equatable {
        /// Stable manager id (`anna`).
        public var id: String
        /// Full name ("Анна Петрова").
        public var name: String
        /// E-mail address, when configured.
        public var email: String?
        /// Webhook URL, when configured (never written into the page JSON: such URLs often carry tokens).
        public var webhook: String?
        /// Command to run, when configured (never written into the page JSON).
        public var exec: [String]?

        /// Creates a recipient.
        public init(id: String, name: String, email: String? = nil, webhook: String? = nil, exec: [String]? = nil) {
            self.id = id
            self.name = name
            self.email = email
            self.webhook = webhook
            self.exec = exec
        }
    }

    /// A page the rate limiter held back and folded into this one.
    public struct HeldPage: Sendable, Equatable {
        /// Incident id.
        public var incident: Int64
        /// Severity level name.
        public var severity: String
        /// One-line title.
        public var title: String
        /// Why it was paged.
        public var reason: Reason
        /// Escalation step (1-based).
        public var step: Int
        /// When it was first due, seconds since the Unix epoch.
        public var time: Double
        /// How to acknowledge it.
        public var ackHint: String

        /// Creates a held-page summary.
        public init(
            incident: Int64, severity: String, title: String, reason: Reason, step: Int, time: Double, ackHint: String
        ) {
            self.incident = incident
            self.severity = severity
            self.title = title
            self.reason = reason
            self.step = step
            self.time = time
            self.ackHint = ackHint
        }
    }

    /// Incident id.
    public var incident: Int64
    /// Severity level name: `info`, `low`, `medium`, `high` or `critical`.
    public var severity: String
    /// One line saying what is happening (line breaks are turned into spaces).
    public var title: String
    /// A few sentences on the incident.
    public var summary: String
    /// Why the incident scored as it did, as sentences.
    public var reasons: [String]
    /// The posts that show the incident best, most telling first.
    public var topPosts: [TopPost]
    /// The playbook entry that applies, when there is one.
    public var playbook: Playbook?
    /// Whether the crowd named a manager in the posts.
    public var namedByCrowd: Bool
    /// Why this manager is paged now.
    public var reason: Reason
    /// Escalation step (1-based).
    public var step: Int
    /// When the page is due, seconds since the Unix epoch.
    public var time: Double
    /// Who is paged.
    public var recipient: Recipient
    /// The command that acknowledges the incident (`backlashctl ack 17`).
    public var ackHint: String
    /// Pages the rate limiter held back and folded into this one (empty for an ordinary page).
    public var held: [HeldPage]
    /// Promises to the customer still open on the incident: whoever takes over must keep them.
    public var promises: [OpenPromise] = []

    /// Creates a page; `ackHint` defaults to `backlashctl ack <incident>`.
    public init(
        incident: Int64, severity: String, title: String, summary: String, reasons: [String] = [],
        topPosts: [TopPost] = [], playbook: Playbook? = nil, namedByCrowd: Bool = false,
        reason: Reason, step: Int, time: Double, recipient: Recipient, ackHint: String? = nil,
        held: [HeldPage] = []
    ) {
        self.incident = incident
        self.severity = severity
        self.title = Self.oneLine(title)
        self.summary = summary
        self.reasons = reasons
        self.topPosts = topPosts
        self.playbook = playbook
        self.namedByCrowd = namedByCrowd
        self.reason = reason
        self.step = step
        self.time = time
        self.recipient = recipient
        self.ackHint = ackHint ?? "backlashctl ack \(incident)"
        self.held = held
    }

    /// The page as a JSON object with stable keys, in this order:
    ///
    /// `version` (1), `incident` (decimal string), `severity`, `title`, `summary`, `reasons` ([string]),
    /// `top_posts` ([{`key`, `author`, `text`, `url` (string or null)}]), `playbook` ({`headline`, `steps`} or
    /// null), `named_by_crowd` (bool), `reason` (`policy`|`named`|`reminder`|`handoff`), `step` (number),
    /// `time` (RFC 3339), `time_epoch` (seconds), `manager` ({`id`, `name`, `email` (string or null)}),
    /// `ack_hint`, `held` ([{`incident`, `severity`, `title`, `reason`, `step`, `time`, `ack_hint`}], empty
    /// unless the rate limiter folded held pages into this one), `promises` ([{`id`, `owner`, `due`, `text`}]: the
    /// incident's open promises). Webhook URLs and exec commands are left
    /// out on purpose: they are configuration, and webhook URLs often carry secrets.
    public func jsonObject() -> JSONObject {
        JSONObject(pairs: [
            "version": 1,
            "incident": .string(String(incident)),
            "severity": .string(severity),
            "title": .string(title),
            "summary": .string(summary),
            "reasons": .array(reasons.map { .string($0) }),
            "top_posts": .array(topPosts.map { post in
                .object(JSONObject(pairs: [
                    "key": .string(post.key),
                    "author": .string(post.author),
                    "text": .string(post.text),
                    "url": post.url.map { .string($0) } ?? .null,
                ]))
            }),
            "playbook": playbook.map { book in
                .object(JSONObject(pairs: [
                    "headline": .string(book.headline),
                    "steps": .array(book.steps.map { .string($0) }),
                ]))
            } ?? .null,
            "named_by_crowd": .bool(namedByCrowd),
            "reason": .string(reason.rawValue),
            "step": JSONValue(step),
            "time": .string(RFC3339.format(time)),
            "time_epoch": JSONValue(time),
            "manager": .object(JSONObject(pairs: [
                "id": .string(recipient.id),
                "name": .string(recipient.name),
                "email": recipient.email.map { .string($0) } ?? .null,
            ])),
            "ack_hint": .string(ackHint),
            "held": .array(held.map { page in
                .object(JSONObject(pairs: [
                    "incident": .string(String(page.incident)),
                    "severity": .string(page.severity),
                    "title": .string(page.title),
                    "reason": .string(page.reason.rawValue),
                    "step": JSONValue(page.step),
                    "time": .string(RFC3339.format(page.time)),
                    "ack_hint": .string(page.ackHint),
                ]))
            }),
            "promises": .array(promises.map { promise in
                .object(JSONObject(pairs: [
                    "id": .string(String(promise.id)), "owner": .string(promise.owner),
                    "due": .string(RFC3339.format(promise.due)), "text": .string(promise.text),
                ]))
            }),
        ])
    }

    /// The text with every run of line breaks and other control characters turned into one space.
    static func oneLine(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.properties.generalCategory == .control
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
            if isBreak || scalar == " " {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Severity levels from lowest to highest; unknown names rank below `info`.
    static func severityRank(_ name: String) -> Int {
        ["info", "low", "medium", "high", "critical"].firstIndex(of: name) ?? -1
    }
}
