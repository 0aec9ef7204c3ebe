/// A reply a manager wrote for the incident, recorded or blocked, with what the reply linter said about it.
public struct ReviewReply: Sendable, Equatable {
    /// One linter finding as stored in the event (`{rule, severity, span{start,end,text}, message, suggestion}`).
    public struct Finding: Sendable, Equatable {
        /// The rule id (`legalese`, `no-greeting`…).
        public var rule: String
        /// `block` or `warn`.
        public var severity: String
        /// Unicode-scalar offset of the first flagged character (0 for whole-text findings).
        public var spanStart: Int
        /// Unicode-scalar offset just past the flagged text.
        public var spanEnd: Int
        /// The flagged text as written ("" for whole-text findings).
        public var spanText: String
        /// What is wrong, as a sentence.
        public var message: String
        /// A better wording.
        public var suggestion: String

        /// Creates a finding.
        public init(
            rule: String, severity: String, spanStart: Int = 0, spanEnd: Int = 0, spanText: String = "",
            message: String = "", suggestion: String = ""
        ) {
            self.rule = rule
            self.severity = severity
            self.spanStart = spanStart
            self.spanEnd = spanEnd
            self.spanText = spanText
            self.message = message
            self.suggestion = suggestion
        }

        /// Whether the finding blocks a reply.
        public var blocks: Bool { severity == "block" }
    }

    /// When, seconds since the epoch.
    public var time: Double
    /// Who wrote it.
    public var actor: String
    /// `public` or `dm`, when known.
    public var channel: String?
    /// The reply text.
    public var text: String
    /// Whether it was sent (recorded) or stopped by the linter (blocked).
    public var blocked: Bool
    /// Whether a blocking finding was overridden with `--force`.
    public var forced: Bool
    /// Why it was forced, when it was.
    public var reason: String?
    /// The linter's findings.
    public var findings: [Finding]

    /// Creates a reply record.
    public init(
        time: Double, actor: String, channel: String?, text: String, blocked: Bool, forced: Bool = false,
        reason: String? = nil, findings: [Finding] = []
    ) {
        self.time = time
        self.actor = actor
        self.channel = channel
        self.text = text
        self.blocked = blocked
        self.forced = forced
        self.reason = reason
        self.findings = findings
    }

    /// Whether this reply went out in public.
    public var isPublic: Bool { channel == "public" }
}
