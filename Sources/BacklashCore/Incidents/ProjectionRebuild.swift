/// Rebuilds the incident, gesture and promise projections from the append-only event log alone.
///
/// The engine writes every state change as an event in the same transaction as the projection rows it changes;
/// folding the events in log order must therefore give back what the `incidents`, `gestures` and `promises`
/// tables hold. `backlashd --check-store` compares the two after a crash. Only columns the events determine are
/// rebuilt (not, for instance, the forecast or the post count, which change with every batch without an event).
public struct ProjectionRebuild: Sendable {
    /// An incident's workflow as its events tell it.
    public struct Incident: Sendable, Equatable {
        public var id: Int
        public var state = "open"
        public var severity = "info"
        public var peakSeverity = 0
        public var openedAt: Double
        public var root: String
        public var ackedBy: String?
        public var ackedAt: Double?
        public var assignedTo: String?
        public var snoozedUntil: Double?
        public var closedAt: Double?
        public var resolution: String?
        public var cause: String?
        public var policy: String?
        /// 0-based, as the `esc_round` column stores it.
        public var escalationRound: Int?
        /// 0-based, as the `esc_step` column stores it.
        public var escalationStep: Int?
        public var escalationDeadline: Double? {
            didSet { escalationDeadlineKnown = true }
        }
        /// False after an `incident.escalated` event written before events carried `deadline` (older stores).
        public var escalationDeadlineKnown = true
        public var escalationExhausted = false
        /// Managers paged since the incident (re)opened, in the order first paged.
        public var paged: [String] = []
        public var firstReplyAt: Double?
        /// The sequence number of the last event that changed this incident.
        public var lastEvent: Int64?

        /// An incident as its opening event describes it.
        public init(id: Int, openedAt: Double, root: String) {
            self.id = id
            self.openedAt = openedAt
            self.root = root
        }
    }

    /// A gesture's state as its events tell it.
    public struct Gesture: Sendable, Equatable {
        public var id: Int
        public var incident: Int
        public var state: String
        public var deadline: Double?
        public var lastEvent: Int64?
    }

    /// A promise's state as its events tell it.
    public struct Promise: Sendable, Equatable {
        public var id: Int
        public var incident: Int
        public var state: String
        public var due: Double?
        public var lastEvent: Int64?
    }

    /// Rebuilt incidents by id.
    public private(set) var incidents: [Int: Incident] = [:]
    /// Rebuilt gestures by id.
    public private(set) var gestures: [Int: Gesture] = [:]
    /// Rebuilt promises by id.
    public private(set) var promises: [Int: Promise] = [:]
    /// Events that cannot be folded (an event about an incident that was never opened, a malformed detail).
    public private(set) var problems: [String] = []
    /// Events folded so far.
    public private(set) var eventCount = 0

    /// An empty rebuild.
    public init() {}

    /// Folds events in log order.
    public mutating func apply(_ events: some Sequence<Event>) {
        for event in events { apply(event) }
    }

    /// Folds one event.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        guard let text = event.incident else { return }
        guard let id = Int(text) else {
            problem(event, "names incident '\(text)', which is not a number")
            return
        }
        if event.kind == .incidentOpened {
            guard incidents[id] == nil else {
                problem(event, "opens incident #\(id) a second time")
                return
            }
            var incident = Incident(id: id, openedAt: event.time, root: event.details["root"]?.stringValue ?? "")
            incident.setSeverity(event.details["severity"]?.stringValue)
            incident.lastEvent = event.sequence
            incidents[id] = incident
            return
        }
        guard var incident = incidents[id] else {
            problem(event, "is about incident #\(id), which no incident.opened event opened")
            return
        }
        incident.lastEvent = event.sequence
        fold(event, into: &incident)
        incidents[id] = incident
    }

    mutating func fold(_ event: Event, into incident: inout Incident) {
        let d = event.details
        switch event.kind {
        case .incidentUpdated:
            incident.setSeverity(d["severity"]?.stringValue)
            if d["snooze_expired"] == .bool(true) {
                // The escalation (an incident.escalated or escalation.exhausted event) follows if there is one.
                incident.state = "open"
                incident.snoozedUntil = nil
                incident.escalationDeadline = nil
            }
        case .snoozeBroken:
            incident.setSeverity(d["severity"]?.stringValue)
            incident.state = "open"
            incident.snoozedUntil = nil
        case .incidentReopened:
            incident.setSeverity(d["severity"]?.stringValue)
            incident.state = "open"
            incident.closedAt = nil
            incident.resolution = nil
            incident.cause = nil
            incident.ackedBy = nil
            incident.ackedAt = nil
            incident.policy = nil
            incident.escalationExhausted = false
            incident.paged = []
        case .incidentEscalated:
            incident.policy = d["policy"]?.stringValue
            incident.escalationRound = d["round"]?.int64Value.map { Int($0) - 1 }
            incident.escalationStep = d["step"]?.int64Value.map { Int($0) - 1 }
            // A missed deadline escalates a snoozed or acknowledged incident too, but only an open one keeps waiting.
            incident.escalationDeadline = incident.state == "open" ? time(d["deadline"], of: event) : nil
            if d["deadline"] == nil && incident.state == "open" { incident.escalationDeadlineKnown = false }
        case .escalationExhausted:
            incident.escalationDeadline = nil
            incident.escalationExhausted = true
        case .pageSent:
            if d["channel"]?.stringValue == "journal", let manager = d["manager"]?.stringValue,
                !incident.paged.contains(manager)
            {
                incident.paged.append(manager)
            }
        case .incidentAcknowledged:
            incident.state = "acknowledged"
            incident.ackedBy = d["manager"]?.stringValue ?? event.actor
            incident.ackedAt = event.time
            incident.escalationDeadline = nil
            incident.snoozedUntil = nil
        case .incidentUnacknowledged:
            incident.state = "open"
            incident.ackedBy = nil
            incident.ackedAt = nil
            incident.escalationDeadline = incident.policy == nil ? nil : event.time
        case .incidentAssigned:
            incident.assignedTo = d["manager"]?.stringValue
        case .incidentSnoozed:
            incident.state = "snoozed"
            incident.snoozedUntil = time(d["until"], of: event)
        case .replyRecorded:
            if d["channel"]?.stringValue == "public" && incident.firstReplyAt == nil {
                incident.firstReplyAt = event.time
            }
        case .replyOverdue:
            if d["escalated"] == .bool(true) { incident.state = "open" }
        case .incidentClosed:
            incident.state = "closed"
            incident.closedAt = event.time
            incident.resolution = d["resolution"]?.stringValue
            incident.cause = d["cause"]?.stringValue
            incident.escalationDeadline = nil
            incident.snoozedUntil = nil
            // Closing cancels the gestures still open, without an event per gesture.
            for (gid, g) in gestures
            where g.incident == incident.id && GestureState(rawValue: g.state)?.isOpen == true {
                gestures[gid]?.state = GestureState.cancelled.rawValue
                gestures[gid]?.deadline = nil
                gestures[gid]?.lastEvent = event.sequence
            }
        case .promiseRecorded, .promiseKept, .promiseMissed:
            foldPromise(event, incident: incident.id)
        case .gestureProposed, .gestureApproved, .gestureDispatched, .gestureDelivered, .gestureDeclined,
            .gestureFailed, .gestureCancelled, .gestureOverdue:
            foldGesture(event, incident: incident.id)
        default:
            break
        }
    }

    mutating func foldPromise(_ event: Event, incident: Int) {
        guard let pid = event.details["promise"]?.stringValue.flatMap({ Int($0) }) else {
            problem(event, "has no promise id")
            return
        }
        switch event.kind {
        case .promiseRecorded:
            promises[pid] = Promise(
                id: pid, incident: incident, state: "open", due: time(event.details["due"], of: event),
                lastEvent: event.sequence)
        default:
            guard promises[pid] != nil else {
                problem(event, "is about promise #\(pid), which no promise.recorded event recorded")
                return
            }
            promises[pid]?.state = event.kind == .promiseKept ? "kept" : "missed"
            promises[pid]?.lastEvent = event.sequence
        }
    }

    mutating func foldGesture(_ event: Event, incident: Int) {
        guard let gid = event.details["gesture"]?.stringValue.flatMap({ Int($0) }) else {
            problem(event, "has no gesture id")
            return
        }
        if event.kind == .gestureProposed {
            gestures[gid] = Gesture(
                id: gid, incident: incident, state: GestureState.proposed.rawValue,
                deadline: time(event.details["deadline"], of: event), lastEvent: event.sequence)
            return
        }
        guard gestures[gid] != nil else {
            problem(event, "is about gesture #\(gid), which no gesture.proposed event proposed")
            return
        }
        gestures[gid]?.lastEvent = event.sequence
        if event.kind == .gestureOverdue {
            gestures[gid]?.deadline = nil
            return
        }
        if let state = GestureState.allCases.first(where: { $0.eventKind == event.kind }) {
            let deadline = time(event.details["deadline"], of: event)
            gestures[gid]?.state = state.rawValue
            gestures[gid]?.deadline = deadline
        }
    }

    /// A time detail (RFC 3339, milliseconds) as seconds, or nil when null or absent.
    mutating func time(_ value: JSONValue?, of event: Event) -> Double? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue, let t = RFC3339.parse(text) else {
            problem(event, "has a time detail that is not RFC 3339: \(JSONWriter().string(value))")
            return nil
        }
        return t
    }

    mutating func problem(_ event: Event, _ text: String) {
        problems.append("event #\(event.sequence ?? 0) (\(event.kind.rawValue)) \(text)")
    }
}

extension ProjectionRebuild.Incident {
    mutating func setSeverity(_ name: String?) {
        guard let name, let level = Severity(name: name) else { return }
        severity = name
        peakSeverity = max(peakSeverity, level.rawValue)
    }
}
