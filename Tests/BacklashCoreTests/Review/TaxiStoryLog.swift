@testable import BacklashCore

/// A hand-written event log of the taxi story (DOMAIN.md, seed 003): a high-roller's post about the 1-rouble
/// hold, a named care lead, a failed page, a blocked legalese reply, a personal apology, a business car with
/// flowers, a kept call-back promise, a lesson for the review, closure. Incident 18 and daemon events are
/// interleaved to show they are left out of incident 17's review.
enum TaxiStoryLog {
    static let incident = "17"
    static let otherIncident = "18"
    static let postText = "Они списывают деньги ДО поездки!!! <script>alert(1)</script> Позор, @apetrova"
    static let blockedReplyText =
        "Согласно пользовательскому соглашению, сервис вправе заблокировать 1 рубль при оформлении заказа."
    static let legalesePhrase = "Согласно пользовательскому соглашению"
    static let apologyText =
        "Марина, добрый день! Простите, что испортили вам утро — давайте мы исправим ваш вечер.\n"
        + "Напишите в личные сообщения номер заказа."
    static let lessonText = "Объяснять холд 1 ₽ в приложении до заказа и сразу давать купон на 100 ₽"

    /// A time on the morning of the story, `HH:MM:SS` UTC.
    static func at(_ clock: String, day: Int = 12) -> Double {
        RFC3339.parse("2024-03-\(day)T\(clock)Z")!
    }

    static func forecast(_ reach: Int, _ low: Int, _ high: Int?) -> JSONValue {
        .object(
            JSONObject(pairs: [
                "reach": JSONValue(reach), "low": JSONValue(low), "high": high.map { JSONValue($0) } ?? .null,
                "reshares": 140, "p": 0.82, "explosive": false, "model": "improved",
            ]))
    }

    static func gesture(
        _ id: String, _ kind: String, _ value: Int, _ note: String, _ step: EventKind, at time: Double,
        by actor: String
    ) -> Event {
        Event(
            time: time, kind: step, incident: incident, actor: actor,
            message: "Gesture \(id) (\(kind), \(value) RUB) \(step.rawValue.dropFirst(8)).",
            details: JSONObject(pairs: [
                "gesture": .string(id), "kind": .string(kind), "value": JSONValue(value), "currency": "RUB",
                "note": .string(note), "deadline": "2024-03-12T19:00:00Z",
            ]))
    }

    static var events: [Event] {
        var log: [Event] = []
        log.append(
            Event(
                time: at("07:00:00"), kind: .daemonStarted, message: "Backlash started.",
                details: JSONObject(pairs: ["version": "0.1.0", "config": "/etc/backlash/backlash.yaml"])))
        log.append(
            Event(
                time: at("07:19:30"), kind: .incidentOpened, incident: incident,
                message: "Incident 17 opened: «\(postText)» by @marina_k (41 200 followers)",
                details: JSONObject(pairs: [
                    "root": "vk:5521", "post": "vk:5521", "platform": "vk", "severity": "high", "score": 0.81,
                    "reasons": .array(["author has 41 200 followers", "reshares are accelerating"]),
                    "posts": 3, "audience": 41200, "first_post_at": "2024-03-12T07:12:00Z",
                    "forecast": forecast(180_000, 95_000, 410_000), "reach_forecast": 180_000,
                    "portrait": "high-roller", "coordinated": false, "named_managers": .array([]),
                    "playbook": .object(
                        JSONObject(pairs: [
                            "headline": "Say in public at once that it is being solved, then solve it privately.",
                            "steps": .array([
                                "greet by name", "thank", "apologise", "clarify the order", "solve", "end well",
                            ]),
                            "response_mode": "public-then-private",
                        ])),
                    "experimental_flag": .object(JSONObject(pairs: ["whatever": .array(["x", 1])])),
                ])))
        log.append(
            Event(
                time: at("07:25:00"), kind: .incidentOpened, incident: otherIncident,
                message: "Incident 18 opened: a lost umbrella.",
                details: JSONObject(pairs: [
                    "root": "tg:88", "platform": "telegram", "severity": "low", "posts": 1, "audience": 9_000_000,
                    "first_post_at": "2024-03-12T07:20:00Z", "portrait": "meek",
                ])))
        log.append(
            Event(
                time: at("07:31:00"), kind: .incidentUpdated, incident: incident, message: "Incident 17 is growing.",
                details: JSONObject(pairs: [
                    "severity": "high", "previous_severity": "high", "score": 0.86, "posts": 14, "reshares": 11,
                    "audience": 96500, "forecast": forecast(260_000, 150_000, 620_000), "portrait": "high-roller",
                ])))
        log.append(
            Event(
                time: at("07:34:00"), kind: .managerNamed, incident: incident,
                message: "The crowd names anna (Анна Петрова).",
                details: JSONObject(pairs: [
                    "manager": "anna", "posts": .array(["vk:5530", "vk:5533"]),
                    "forms": .array(["Анна Петрова", "@apetrova"]),
                ])))
        log.append(
            Event(
                time: at("07:34:10"), kind: .incidentEscalated, incident: incident,
                message: "Incident 17 escalated to step 1 of policy default.",
                details: JSONObject(pairs: [
                    "policy": "default", "step": 1, "round": 1, "managers": .array(["ivan"]), "reason": "severity high",
                ])))
        log.append(
            Event(
                time: at("07:34:12"), kind: .pageSent, incident: incident, message: "Paged ivan by email.",
                details: JSONObject(pairs: [
                    "manager": "ivan", "channel": "email", "step": 1, "attempt": 1, "reason": "policy",
                ])))
        log.append(
            Event(
                time: at("07:34:15"), kind: .pageSent, incident: incident, message: "Paged anna by webhook.",
                details: JSONObject(pairs: [
                    "manager": "anna", "channel": "webhook", "step": 1, "attempt": 1, "reason": "named",
                ])))
        log.append(
            Event(
                time: at("07:34:16"), kind: .pageFailed, incident: incident,
                message: "The webhook page to anna failed: connection refused.",
                details: JSONObject(pairs: [
                    "manager": "anna", "channel": "webhook", "attempt": 1, "error": "connection refused",
                    "retry_at": "2024-03-12T07:35:16Z",
                ])))
        log.append(
            Event(
                time: at("07:34:40"), kind: .pageSent, incident: otherIncident, message: "Paged anna by email.",
                details: JSONObject(pairs: ["manager": "anna", "channel": "email", "step": 1, "attempt": 1])))
        log.append(
            Event(
                time: at("07:35:16"), kind: .pageRetried, incident: incident, message: "Retrying the page to anna.",
                details: JSONObject(pairs: ["manager": "anna", "channel": "webhook", "attempt": 2])))
        log.append(
            Event(
                time: at("07:38:00"), kind: .incidentUpdated, incident: incident,
                message: "Incident 17 is now critical.",
                details: JSONObject(pairs: [
                    "severity": "critical", "previous_severity": "high", "posts": 37, "reshares": 29,
                    "audience": 212_000, "forecast": forecast(540_000, 300_000, nil),
                ])))
        log.append(
            Event(
                time: at("07:41:03"), kind: .incidentAcknowledged, incident: incident, actor: "anna",
                message: "anna acknowledged incident 17.", details: JSONObject(pairs: ["manager": "anna"])))
        log.append(
            Event(
                time: at("07:42:00"), kind: .incidentAcknowledged, incident: otherIncident, actor: "ivan",
                message: "ivan acknowledged incident 18.", details: JSONObject(pairs: ["manager": "ivan"])))
        let legaleseEnd = legalesePhrase.unicodeScalars.count
        log.append(
            Event(
                time: at("07:47:00"), kind: .replyBlocked, incident: incident, actor: "anna",
                message: "A public reply was blocked: legalese.",
                details: JSONObject(pairs: [
                    "channel": "public", "text": .string(blockedReplyText),
                    "findings": .array([
                        .object(
                            JSONObject(pairs: [
                                "rule": "legalese", "severity": "block",
                                "span": .object(
                                    JSONObject(pairs: [
                                        "start": 0, "end": JSONValue(legaleseEnd), "text": .string(legalesePhrase),
                                    ])),
                                "message": "Quoting the user agreement sounds like a wall (seed 003).",
                                "suggestion": "Объясните по-человечески, зачем нужен холд, и извинитесь.",
                            ])),
                        .object(
                            JSONObject(pairs: [
                                "rule": "no-greeting", "severity": "warn",
                                "span": .object(JSONObject(pairs: ["start": 0, "end": 0, "text": ""])),
                                "message": "The reply does not greet the customer by name.",
                                "suggestion": "Марина, добрый день!",
                            ])),
                    ]),
                ])))
        log.append(
            Event(
                time: at("07:52:00"), kind: .replyRecorded, incident: incident, actor: "anna",
                message: "anna replied in public.",
                details: JSONObject(pairs: [
                    "channel": "public", "text": .string(apologyText), "findings": .array([]), "forced": false,
                ])))
        log.append(
            Event(
                time: at("08:05:00"), kind: .incidentUpdated, incident: incident, message: "Incident 17 is slowing.",
                details: JSONObject(pairs: [
                    "severity": "critical", "previous_severity": "critical", "posts": 52, "reshares": 41,
                    "audience": 305_000, "forecast": forecast(420_000, 350_000, 520_000),
                ])))
        log.append(
            Event(
                time: at("08:06:00"), kind: .promiseRecorded, incident: incident, actor: "anna",
                message: "anna promised to call Marina at 18:00.",
                details: JSONObject(pairs: [
                    "promise": "p1", "due": "2024-03-12T18:00:00Z",
                    "text": "Позвонить Марине в 18:00 и подтвердить машину", "owner": "anna", "channel": "dm",
                ])))
        log.append(gesture("g1", "car", 3500, "бизнес-класс к 19:00", .gestureProposed, at: at("08:10:00"), by: "anna"))
        log.append(
            gesture("g2", "flowers", 2000, "букет от водителя", .gestureProposed, at: at("08:11:00"), by: "anna"))
        log.append(gesture("g3", "coupon", 500, "купон на поездку", .gestureProposed, at: at("08:12:00"), by: "anna"))
        log.append(
            gesture("g1", "car", 3500, "бизнес-класс к 19:00", .gestureApproved, at: at("08:15:00"), by: "boris"))
        log.append(
            gesture("g2", "flowers", 2000, "букет от водителя", .gestureApproved, at: at("08:15:30"), by: "boris"))
        log.append(gesture("g3", "coupon", 500, "купон на поездку", .gestureDeclined, at: at("08:16:00"), by: "boris"))
        log.append(
            Event(
                time: at("18:02:00"), kind: .promiseKept, incident: incident, actor: "anna",
                message: "anna kept promise p1.",
                details: JSONObject(pairs: ["promise": "p1", "due": "2024-03-12T18:00:00Z", "owner": "anna"])))
        log.append(
            gesture("g1", "car", 3500, "бизнес-класс к 19:00", .gestureDispatched, at: at("18:30:00"), by: "anna"))
        log.append(
            gesture("g2", "flowers", 2000, "букет от водителя", .gestureDispatched, at: at("18:31:00"), by: "anna"))
        log.append(
            gesture("g1", "car", 3500, "бизнес-класс к 19:00", .gestureDelivered, at: at("19:02:00"), by: "anna"))
        log.append(
            gesture("g2", "flowers", 2000, "букет от водителя", .gestureDelivered, at: at("19:03:00"), by: "anna"))
        log.append(
            Event(
                time: at("19:20:00"), kind: .noteAdded, incident: incident, actor: "anna",
                message: "anna added a note.",
                details: JSONObject(pairs: ["text": .string(lessonText), "review": true])))
        log.append(
            Event(
                time: at("19:21:00"), kind: .noteAdded, incident: incident, actor: "anna",
                message: "anna added a note.",
                details: JSONObject(pairs: ["text": "Марина довольна, пост удалён", "review": false])))
        log.append(
            Event(
                time: at("19:40:00"), kind: .incidentClosed, incident: incident, actor: "anna",
                message: "anna closed incident 17.",
                details: JSONObject(pairs: [
                    "resolution": "Personal apology in the thread; business car with flowers delivered.",
                    "cause": "terms", "forced": false,
                ])))
        return log.enumerated().map { index, event in
            var numbered = event
            numbered.sequence = Int64(index + 1)
            return numbered
        }
    }

    /// The first event of incident 17 of a kind.
    static func first(_ kind: EventKind, in log: [Event] = events) -> Event {
        log.first { $0.incident == incident && $0.kind == kind }!
    }

    /// The events of incident 17.
    static var ownEvents: [Event] { events.filter { $0.incident == incident } }
}
