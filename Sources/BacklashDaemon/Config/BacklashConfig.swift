import BacklashCore

/// Everything `backlashd` can be configured with; every field has an embedded default.
public struct BacklashConfig: Sendable, Equatable {
    /// The file this was loaded from, or nil for the embedded defaults.
    public var sourceFile: String?
    public var paths: Paths
    public var inbox = InboxSettings()
    public var ingest = IngestSettings()
    public var control = ControlSettings()
    public var managers: [ManagerConfig] = []
    public var log = LogSettings()
    /// The Prometheus listener; nil (no `metrics:` section) opens no port.
    public var metrics: MetricsSettings?
    /// On-call rotations.
    public var schedules: [OnCallSchedule] = []
    /// Escalation policies (the embedded `default` is added when the file defines none of that id).
    public var policies: [EscalationPolicy] = []
    /// Which policy an incident follows.
    public var routes = RoutingTable()
    /// Detection thresholds, VIPs and topics.
    public var detection = DetectionSettings()
    /// How pages leave the machine.
    public var notifiers = NotifierSettings()
    /// How long after an acknowledgement a public reply is due, by severity name; missing: no reply clock.
    public var replyDue: [String: Double] = ["low": 4 * 3600, "medium": 3600, "high": 1800, "critical": 900]

    /// The policies in force: the configured ones, plus the embedded default when none is called `default`.
    public var effectivePolicies: [EscalationPolicy] {
        if policies.contains(where: { $0.id == "default" }) { return policies }
        return policies + [EscalationPolicy.embeddedDefault(
            scheduleIDs: schedules.map(\.id), managerIDs: managers.map(\.id))]
    }

    /// Where state, spool and sockets live.
    public struct Paths: Sendable, Equatable {
        public var database: String
        public var inbox: String
        public var ingestSocket: String
        public var controlSocket: String

        /// The development layout under `base` (`./var` when no config exists).
        public static func development(base: String) -> Paths {
            Paths(
                database: base + "/backlash.sqlite", inbox: base + "/inbox",
                ingestSocket: base + "/ingest.sock", controlSocket: base + "/control.sock")
        }

        /// The system layout, honouring systemd's `STATE_DIRECTORY` / `RUNTIME_DIRECTORY` when set.
        public static func system(stateDirectory: String?, runtimeDirectory: String?) -> Paths {
            let state = stateDirectory ?? "/var/lib/backlash"
            let run = runtimeDirectory ?? "/run/backlash"
            return Paths(
                database: state + "/backlash.sqlite", inbox: "/var/spool/backlash/inbox",
                ingestSocket: run + "/ingest.sock", controlSocket: run + "/control.sock")
        }
    }

    /// How inbox files are taken in.
    public struct InboxSettings: Sendable, Equatable {
        /// Files larger than this are quarantined unread.
        public var maxFileSize = 16 * 1024 * 1024
        /// A full rescan of `new/` this often, in case an inotify event was lost.
        public var rescanInterval = 60.0
        /// At most this many files are committed in one transaction.
        public var batchFiles = 256
    }

    /// The ingest socket's limits.
    public struct IngestSettings: Sendable, Equatable {
        public var maxLineBytes = 1024 * 1024
        public var maxConnections = 256
        public var idleTimeout = 300.0
        /// A line started and not finished within this many seconds closes the connection (slow clients).
        public var lineTimeout = 60.0
        public var batchMaxPosts = 2000
        /// Lines a connection may have in flight before the daemon stops reading from it.
        public var maxPendingPerConnection = 1024
        public var socketMode: UInt16 = 0o660
        public var socketGroup: String? = "backlash"
    }

    /// The control socket used by `backlashctl`.
    public struct ControlSettings: Sendable, Equatable {
        public var socketMode: UInt16 = 0o660
        public var socketGroup: String? = "backlash"
        /// Members of this group (and root) may act for any manager with `--as`.
        public var adminGroup = "backlash-admin"
    }

    /// Logging.
    public struct LogSettings: Sendable, Equatable {
        /// trace, debug, info, notice, warning, error, critical.
        public var level = "info"
        /// auto, journal or stderr.
        public var target = "auto"
    }

    /// The embedded defaults with the given paths.
    public init(sourceFile: String? = nil, paths: Paths) {
        self.sourceFile = sourceFile
        self.paths = paths
    }
}

/// How pages are delivered on the managers' exec, webhook and e-mail channels.
public struct NotifierSettings: Sendable, Equatable {
    /// The sendmail-compatible program e-mail is piped to.
    public var sendmail = ["/usr/sbin/sendmail", "-t", "-i"]
    /// The From: address of e-mail pages.
    public var emailFrom = "backlash@localhost"
    /// How long one delivery attempt may take.
    public var timeout = 30.0
    /// Per-contact limits (a manager on one channel); pages over a limit are held and sent together, never dropped.
    public var rateLimit = ContactRateLimiter.defaultRules
}

/// A named manager the public may mention and the engine may page.
public struct ManagerConfig: Sendable, Equatable {
    /// Stable id (`anna`), used in commands and events.
    public var id: String
    /// Full name as people write it ("Анна Петрова").
    public var name: String
    /// Other ways the public may name them ("@apetrova", "Anna Petrova").
    public var aliases: [String] = []
    /// The unix account that identifies them on the control socket.
    public var unixUser: String?
    /// IANA time zone for schedules and notifications.
    public var timeZone: String?
    /// Contact channels.
    public var email: String?
    public var webhook: String?
    public var exec: [String]?
    /// Largest gesture value this manager may approve alone (nil: no limit set).
    public var approvalLimit: Double?
}
