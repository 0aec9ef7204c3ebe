/// Every kind of event Backlash records; each has a fixed journal MESSAGE_ID documented in the catalog.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    /// Backlash started and is ready.
    case daemonStarted = "daemon.started"
    /// Backlash is stopping.
    case daemonStopping = "daemon.stopping"
    /// Configuration reloaded.
    case configReloaded = "config.reloaded"
    /// New configuration rejected; the old one stays in force.
    case configRejected = "config.rejected"
    /// An inbox file was quarantined.
    case inboxQuarantined = "inbox.quarantined"
    /// A new incident was opened.
    case incidentOpened = "incident.opened"
    /// An incident's assessment changed.
    case incidentUpdated = "incident.updated"
    /// Two incidents were merged.
    case incidentMerged = "incident.merged"
    /// An incident escalated to the next step.
    case incidentEscalated = "incident.escalated"
    /// The crowd names a manager.
    case managerNamed = "manager.named"
    /// An incident looks like a coordinated campaign.
    case incidentCoordinated = "incident.coordinated"
    /// A manager was notified.
    case pageSent = "page.sent"
    /// A notification could not be delivered.
    case pageFailed = "page.failed"
    /// A notification is being retried.
    case pageRetried = "page.retried"
    /// A notification was held by the contact's rate limit; it goes out, combined with others, when the hold ends.
    case pageHeld = "page.held"
    /// On-call duty of a schedule passed to another manager (who is told what is open).
    case onCallHandOff = "oncall.handoff"
    /// An incident was acknowledged.
    case incidentAcknowledged = "incident.acknowledged"
    /// An acknowledgement was withdrawn.
    case incidentUnacknowledged = "incident.unacknowledged"
    /// Nobody acknowledged an incident.
    case escalationExhausted = "escalation.exhausted"
    /// An incident was assigned.
    case incidentAssigned = "incident.assigned"
    /// Paging for an incident was snoozed.
    case incidentSnoozed = "incident.snoozed"
    /// A new surge broke a snooze.
    case snoozeBroken = "incident.snooze_broken"
    /// A note was added to an incident.
    case noteAdded = "incident.note"
    /// A reply was recorded.
    case replyRecorded = "reply.recorded"
    /// A reply was blocked by the linter.
    case replyBlocked = "reply.blocked"
    /// The public reply is overdue.
    case replyOverdue = "reply.overdue"
    /// A promise was recorded.
    case promiseRecorded = "promise.recorded"
    /// A promise was kept.
    case promiseKept = "promise.kept"
    /// A promise was missed.
    case promiseMissed = "promise.missed"
    /// A gesture was proposed.
    case gestureProposed = "gesture.proposed"
    /// A gesture was approved.
    case gestureApproved = "gesture.approved"
    /// A gesture was dispatched.
    case gestureDispatched = "gesture.dispatched"
    /// A gesture was delivered.
    case gestureDelivered = "gesture.delivered"
    /// A gesture was declined.
    case gestureDeclined = "gesture.declined"
    /// A gesture failed.
    case gestureFailed = "gesture.failed"
    /// A gesture was cancelled.
    case gestureCancelled = "gesture.cancelled"
    /// A gesture step missed its deadline.
    case gestureOverdue = "gesture.overdue"
    /// An incident was closed.
    case incidentClosed = "incident.closed"
    /// An incident was reopened.
    case incidentReopened = "incident.reopened"
    /// A control request was refused.
    case controlRefused = "control.refused"
    /// Stored posts whose judgement could not be committed after repeated attempts were left unjudged.
    case judgementSkipped = "judgement.skipped"

    /// The 128-bit journal MESSAGE_ID of this kind (lowercase hex, no dashes).
    public var messageID: String {
        switch self {
        case .daemonStarted: "e2a214e8bbe946759d52490575ffc53d"
        case .daemonStopping: "03aa3897fcf446b6986c39e8c7bb69f6"
        case .configReloaded: "5c22c46963e948fda4d4748ca3c77ebf"
        case .configRejected: "b2609a0bdd2b45508c656018eee38dc1"
        case .inboxQuarantined: "5bd0f521be84462bbb9be05d0e8e2329"
        case .incidentOpened: "7ea3ef27e2e94528a4e0689e1888df20"
        case .incidentUpdated: "5c3981a844ab46d8bb81e5e0309e6043"
        case .incidentMerged: "0bcc0d1cd5a9414599ba695ab78d8387"
        case .incidentEscalated: "e08137f33a084ec99f95e90587134be1"
        case .managerNamed: "6b8816776b5a4b73a94472d1a7d32946"
        case .incidentCoordinated: "c9ce5ddc2a52483e96dfd21e9d1f5c01"
        case .pageSent: "f41fae4a5518483da98647fe161b80de"
        case .pageFailed: "6cc3ba5031834d1db933dffe9f578985"
        case .pageRetried: "dbc01b3d2ea2438ca4e166c70794a750"
        case .onCallHandOff: "f6bb29fad2984ec9982c4e7d1a3ce820"
        case .pageHeld: "875d752b2b9444e983aa0c547f1df9fd"
        case .incidentAcknowledged: "60b3bedce0ec4deabc434d6e6054aa24"
        case .incidentUnacknowledged: "a0d0861e4f7e43538227e820e6a60526"
        case .escalationExhausted: "b3c478b638e64772b86ed285da543b3d"
        case .incidentAssigned: "449ab166818648568c529b4839c340b3"
        case .incidentSnoozed: "78e8b5bcefb74578b78e1ffad9cf7a0c"
        case .snoozeBroken: "f03198c45f954f9cbef12c37ca6cd66c"
        case .noteAdded: "0fd539ac359d41d684b11609cef605c9"
        case .replyRecorded: "15c0e0b73abb4e85b0a037efd7376ab4"
        case .replyBlocked: "c54a55eb16014892921f7305e164f982"
        case .replyOverdue: "1d7163de5cf84d93982ed19d185f80d2"
        case .promiseRecorded: "64cec5fe01d84fbcb39897dbbf44e1ec"
        case .promiseKept: "e39626c901d6494caa602675de5e3a9f"
        case .promiseMissed: "9b31f6ab674545279afad5ab4bae8b9b"
        case .gestureProposed: "fe399f935eab4c89a52f0f9e8e8afc84"
        case .gestureApproved: "2a2d67fff45947319119cf3b52c7c179"
        case .gestureDispatched: "a92d9e0fe3104aee9817a1320b6451b0"
        case .gestureDelivered: "c46f071bca9e47f6a232c00c385aa089"
        case .gestureDeclined: "8e78e7aa35694d458b8e16a81a6b839b"
        case .gestureFailed: "89cad3eb60c14c73b7ef1c359b20631f"
        case .gestureCancelled: "f0a389f9f65b4c26aae2e12a945b3a5a"
        case .gestureOverdue: "0c3372247b924155a60a2f4d9ba2ec66"
        case .incidentClosed: "0c2cf268bc96435d92c92b285eb3f861"
        case .incidentReopened: "66d665c28fe746f1ae55080acdc9b508"
        case .controlRefused: "d719af35e6614b3dae3b0baec64e73af"
        case .judgementSkipped: "d090a80715784d21a0e3b4cff0c9f1d6"
        }
    }

    /// The syslog priority of the journal entry (2 crit … 6 info).
    public var priority: Int {
        switch self {
        case .escalationExhausted:
            2
        case .configRejected, .pageFailed, .promiseMissed, .judgementSkipped:
            3
        case .inboxQuarantined, .incidentOpened, .incidentEscalated, .managerNamed, .incidentCoordinated, .snoozeBroken, .replyBlocked, .replyOverdue, .gestureFailed, .gestureOverdue, .incidentReopened, .controlRefused:
            4
        case .incidentMerged, .pageSent, .pageRetried, .pageHeld, .onCallHandOff, .incidentAcknowledged, .incidentUnacknowledged, .incidentAssigned, .incidentSnoozed, .replyRecorded, .promiseRecorded, .promiseKept, .gestureProposed, .gestureApproved, .gestureDispatched, .gestureDelivered, .gestureDeclined, .gestureCancelled, .incidentClosed:
            5
        case .daemonStarted, .daemonStopping, .configReloaded, .incidentUpdated, .noteAdded:
            6
        }
    }

    /// A one-line summary used in the catalog and as the default message.
    public var summary: String {
        switch self {
        case .daemonStarted: "Backlash started and is ready"
        case .daemonStopping: "Backlash is stopping"
        case .configReloaded: "configuration reloaded"
        case .configRejected: "new configuration rejected; the old one stays in force"
        case .inboxQuarantined: "an inbox file was quarantined"
        case .incidentOpened: "a new incident was opened"
        case .incidentUpdated: "an incident's assessment changed"
        case .incidentMerged: "two incidents were merged"
        case .incidentEscalated: "an incident escalated to the next step"
        case .managerNamed: "the crowd names a manager"
        case .incidentCoordinated: "an incident looks like a coordinated campaign"
        case .pageSent: "a manager was notified"
        case .pageFailed: "a notification could not be delivered"
        case .pageRetried: "a notification is being retried"
        case .pageHeld: "a notification was held by the contact's rate limit"
        case .onCallHandOff: "on-call duty passed to another manager"
        case .incidentAcknowledged: "an incident was acknowledged"
        case .incidentUnacknowledged: "an acknowledgement was withdrawn"
        case .escalationExhausted: "nobody acknowledged an incident"
        case .incidentAssigned: "an incident was assigned"
        case .incidentSnoozed: "paging for an incident was snoozed"
        case .snoozeBroken: "a new surge broke a snooze"
        case .noteAdded: "a note was added to an incident"
        case .replyRecorded: "a reply was recorded"
        case .replyBlocked: "a reply was blocked by the linter"
        case .replyOverdue: "the public reply is overdue"
        case .promiseRecorded: "a promise was recorded"
        case .promiseKept: "a promise was kept"
        case .promiseMissed: "a promise was missed"
        case .gestureProposed: "a gesture was proposed"
        case .gestureApproved: "a gesture was approved"
        case .gestureDispatched: "a gesture was dispatched"
        case .gestureDelivered: "a gesture was delivered"
        case .gestureDeclined: "a gesture was declined"
        case .gestureFailed: "a gesture failed"
        case .gestureCancelled: "a gesture was cancelled"
        case .gestureOverdue: "a gesture step missed its deadline"
        case .incidentClosed: "an incident was closed"
        case .incidentReopened: "an incident was reopened"
        case .controlRefused: "a control request was refused"
        case .judgementSkipped: "stored posts were left unjudged after repeated failures"
        }
    }
}
