/// One state change, appended to the event log; the log is the incident timeline and the journal story.
public struct Event: Sendable, Equatable {
    /// Position in the log, assigned by the store (nil before it is appended).
    public var sequence: Int64?
    /// When it happened on the engine's clock, seconds since the epoch.
    public var time: Double
    public var kind: EventKind
    /// The incident it belongs to, if any.
    public var incident: String?
    /// Who caused it: a manager id, `uid:N` for an unknown peer, or `backlashd`.
    public var actor: String
    /// A sentence a person reads in the journal and the timeline.
    public var message: String
    /// Structured details; well-known keys are also journal fields (see `journalFields`).
    public var details: JSONObject

    /// Creates an event.
    public init(
        sequence: Int64? = nil, time: Double, kind: EventKind, incident: String? = nil, actor: String = "backlashd",
        message: String, details: JSONObject = JSONObject()
    ) {
        self.sequence = sequence
        self.time = time
        self.kind = kind
        self.incident = incident
        self.actor = actor
        self.message = message
        self.details = details
    }

    /// Detail keys that become `BACKLASH_<KEY>` journal fields.
    public static let journaledDetailKeys = ["manager", "severity", "gesture", "post", "platform", "reach_forecast"]

    /// The journal fields of this event (without MESSAGE/PRIORITY, which the journal writer adds).
    public var journalFields: [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE_ID", kind.messageID),
            ("BACKLASH_EVENT", kind.rawValue),
            ("BACKLASH_ACTOR", actor),
            ("BACKLASH_TIME", RFC3339.format(time)),
        ]
        if let incident { fields.append(("BACKLASH_INCIDENT", incident)) }
        if let sequence { fields.append(("BACKLASH_SEQUENCE", String(sequence))) }
        for key in Self.journaledDetailKeys {
            guard let value = details[key] else { continue }
            let text: String
            switch value {
            case .string(let s): text = s
            case .number(let n): text = n
            case .bool(let b): text = b ? "true" : "false"
            case .null: continue
            default: text = JSONWriter().string(value)
            }
            fields.append(("BACKLASH_" + key.uppercased(), text))
        }
        fields.append(("BACKLASH_DETAILS", JSONWriter().string(.object(details))))
        return fields
    }
}
