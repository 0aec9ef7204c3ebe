import Testing

@testable import BacklashCore

@Suite struct IncidentReviewTests {
    let log = TaxiStoryLog.events
    var review: IncidentReview { IncidentReview.build(incident: TaxiStoryLog.incident, events: log) }

    @Test("the review's durations are the gaps between the events that define them")
    func durationsFollowTheEvents() {
        let opened = TaxiStoryLog.first(.incidentOpened).time
        let firstPage = TaxiStoryLog.first(.pageSent).time
        let ack = TaxiStoryLog.first(.incidentAcknowledged).time
        let escalated = TaxiStoryLog.first(.incidentEscalated).time
        let publicReply = TaxiStoryLog.first(.replyRecorded).time
        let closed = TaxiStoryLog.first(.incidentClosed).time
        let figures = review.figures
        #expect(figures.timeToDetect == opened - RFC3339.parse("2024-03-12T07:12:00Z")!)
        #expect(figures.timeToEscalate == escalated - opened)
        #expect(figures.timeToAcknowledge == ack - firstPage)
        #expect(figures.timeToFirstPublicReply == publicReply - opened)
        #expect(figures.timeToFirstReply == publicReply - opened)
        #expect(figures.timeToResolve == closed - opened)
    }

    @Test("a blocked reply is listed with its findings but does not count as the first reply")
    func blockedReplyIsNotTheFirstReply() throws {
        let replies = review.replies
        #expect(replies.map(\.blocked) == [true, false])
        let legalese = try #require(replies.first?.findings.first)
        #expect(legalese.rule == "legalese")
        #expect(legalese.blocks)
        #expect(legalese.spanText == TaxiStoryLog.legalesePhrase)
        #expect(legalese.spanEnd == TaxiStoryLog.legalesePhrase.unicodeScalars.count)
        #expect(replies[0].findings.map(\.rule) == ["legalese", "no-greeting"])
        #expect(
            review.figures.timeToFirstPublicReply != TaxiStoryLog.first(.replyBlocked).time
                - TaxiStoryLog.first(.incidentOpened).time)
        #expect(review.figures.repliesBlocked == 1 && review.figures.repliesRecorded == 1)
    }

    @Test("pages are counted per manager and channel, with the failure and its retry")
    func pagesPerManager() {
        let counts = review.pageCounts
        #expect(
            counts == [
                IncidentReview.PageCount(manager: "ivan", channel: "email", sent: 1),
                IncidentReview.PageCount(manager: "anna", channel: "webhook", sent: 1, failed: 1, retried: 1),
            ])
        #expect(review.figures.pagesSent == 2)
        #expect(review.figures.pagesFailed == 1)
        #expect(review.figures.pagesRetried == 1)
        #expect(review.figures.pagesGivenUp == 0)
        let failure = review.pages.first { $0.outcome == .failed }
        #expect(failure?.error == "connection refused")
        #expect(failure?.retryAt == RFC3339.parse("2024-03-12T07:35:16Z"))
    }

    @Test("only delivered gestures cost money; the declined coupon is listed as not delivered")
    func gestureCost() {
        let delivered = TaxiStoryLog.ownEvents.filter { $0.kind == .gestureDelivered }
        let expected = delivered.compactMap { $0.details["value"]?.doubleValue }.reduce(0, +)
        #expect(review.figures.gestureCost == [ReviewFigures.Amount(currency: "RUB", value: expected)])
        #expect(review.undeliveredGestures.map(\.id) == ["g3"])
        #expect(review.undeliveredGestures.first?.state == "declined")
        let car = review.gestures.first { $0.id == "g1" }
        #expect(car?.steps.map(\.name) == ["proposed", "approved", "dispatched", "delivered"])
        #expect(car?.steps[1].actor == "boris")
    }

    @Test("the header carries the story: peak severity, portrait, named manager, cause and resolution")
    func header() {
        let r = review
        #expect(r.title.contains("@marina_k"))
        #expect(r.root == "vk:5521")
        #expect(r.platform == "vk")
        #expect(r.peakSeverity == "critical")
        #expect(r.portrait == "high-roller")
        #expect(r.coordinated == false)
        #expect(r.namedManagers == ["anna"])
        #expect(r.acknowledgedBy == ["anna"])
        #expect(r.cause == "terms")
        #expect(r.resolution?.contains("flowers") == true)
        #expect(r.isClosed)
        #expect(r.playbook?.responseMode == "public-then-private")
        #expect(r.playbook?.steps.count == 6)
    }

    @Test("promises, notes for the review and actions come from their events")
    func promisesNotesActions() {
        let r = review
        #expect(r.promises.count == 1)
        #expect(r.promises.first?.outcome == .kept)
        #expect(r.promises.first?.due == RFC3339.parse("2024-03-12T18:00:00Z"))
        #expect(r.figures.promisesKept == 1 && r.figures.promisesMissed == 0 && r.figures.promisesOpen == 0)
        #expect(r.whatWeChange.map(\.text) == [TaxiStoryLog.lessonText])
        #expect(r.actions.first?.kind == .incidentAcknowledged)
        #expect(r.actions.last?.kind == .incidentClosed)
        #expect(!r.actions.contains { $0.kind == .replyBlocked || $0.kind == .pageSent })
    }

    @Test("the reach samples follow the opening and every update")
    func reachSamples() {
        let assessments = TaxiStoryLog.ownEvents.filter { $0.kind == .incidentOpened || $0.kind == .incidentUpdated }
        #expect(review.reach.map(\.time) == assessments.map(\.time))
        #expect(review.reach.map(\.audience) == assessments.map { $0.details["audience"]?.doubleValue })
        #expect(review.reach[2].forecastHigh == nil)
        #expect(review.reach[2].forecastLow == 300_000)
        #expect(review.figures.peakAudience == assessments.compactMap { $0.details["audience"]?.doubleValue }.max())
    }

    @Test("events of other incidents and of no incident are left out")
    func otherIncidentsIgnored() {
        let r = review
        #expect(r.timeline.count == TaxiStoryLog.ownEvents.count)
        #expect(!r.timeline.contains { $0.message.contains("incident 18") || $0.kind == .daemonStarted })
        #expect(r.figures.peakAudience ?? 0 < 9_000_000)
        #expect(r.acknowledgedBy == ["anna"])
        let other = IncidentReview.build(incident: TaxiStoryLog.otherIncident, events: log)
        #expect(other.timeline.count == 3)
        #expect(other.portrait == "meek")
        #expect(other.figures.pagesSent == 1)
    }

    @Test("an incident never acknowledged or closed has those figures absent")
    func openIncident() {
        let opened = TaxiStoryLog.ownEvents.prefix { $0.kind != .incidentAcknowledged }
        let r = IncidentReview.build(incident: TaxiStoryLog.incident, events: Array(opened))
        #expect(r.figures.timeToAcknowledge == nil)
        #expect(r.figures.timeToResolve == nil)
        #expect(r.figures.timeToFirstPublicReply == nil)
        #expect(r.figures.gestureCost.isEmpty)
        #expect(r.figures.timeToDetect != nil)
        #expect(!r.isClosed)
        #expect(r.cause == nil)
    }

    @Test("reopening after a closure leaves the incident open with no time to resolve")
    func reopened() {
        var events = TaxiStoryLog.events
        events.append(
            Event(
                time: TaxiStoryLog.at("21:00:00"), kind: .incidentReopened, incident: TaxiStoryLog.incident,
                message: "The storm flares again.",
                details: JSONObject(pairs: ["reason": "new posts", "severity": "high"])))
        let r = IncidentReview.build(incident: TaxiStoryLog.incident, events: events)
        #expect(!r.isClosed)
        #expect(r.figures.timeToResolve == nil)
        #expect(r.cause == nil)
        #expect(r.peakSeverity == "critical")
        #expect(r.lastSeverity == "high")
    }

    @Test("malformed and unknown details are ignored instead of crashing or inventing figures")
    func malformedDetails() {
        let id = "5"
        let events = [
            Event(
                time: 100, kind: .incidentOpened, incident: id, message: "",
                details: JSONObject(pairs: [
                    "severity": 7, "posts": "many", "audience": .array([1, 2]), "first_post_at": "yesterday",
                    "forecast": "big", "named_managers": "anna", "playbook": "be nice", "whatever": .null,
                ])),
            Event(time: 130, kind: .pageSent, incident: id, message: "Paged.", details: JSONObject()),
            Event(
                time: 160, kind: .replyRecorded, incident: id, actor: "anna", message: "Replied.",
                details: JSONObject(pairs: ["channel": 1, "findings": "none"])),
            Event(
                time: 170, kind: .replyBlocked, incident: id, actor: "anna", message: "Blocked.",
                details: JSONObject(pairs: ["findings": .array([.object(JSONObject(pairs: ["span": "x"])), 3])])),
            Event(
                time: 200, kind: .gestureDelivered, incident: id, message: "Delivered.",
                details: JSONObject(pairs: ["value": "lots"])),
            Event(time: 220, kind: .incidentClosed, incident: id, message: "Closed.", details: JSONObject()),
        ]
        let r = IncidentReview.build(incident: id, events: events)
        #expect(r.title == "Incident 5")
        #expect(r.peakSeverity == nil)
        #expect(r.figures.timeToDetect == nil)
        #expect(r.reach.isEmpty)
        #expect(r.namedManagers == ["anna"])
        #expect(r.playbook == nil)
        #expect(r.pages.first?.manager == "unknown")
        #expect(r.figures.timeToAcknowledge == nil)
        #expect(r.figures.timeToFirstReply == 60)
        #expect(r.figures.timeToFirstPublicReply == nil)
        #expect(r.replies[1].findings.map(\.rule) == ["unknown"])
        #expect(r.figures.gestureCost.isEmpty)
        #expect(r.gestures.first?.id == "unknown")
        #expect(r.figures.timeToResolve == 120)
        #expect(r.cause == nil)
    }

    @Test("an incident with no events still makes a review of absent figures")
    func noEvents() {
        let r = IncidentReview.build(incident: "404", events: TaxiStoryLog.events)
        #expect(r.title == "Incident 404")
        #expect(r.timeline.isEmpty)
        #expect(r.figures.durations.allSatisfy { duration in duration.seconds == nil })
        #expect(ReviewMarkdownRenderer().render(r).contains("| Time to acknowledge | — |"))
    }

    @Test("an acknowledgement without any page is measured from the opening")
    func ackWithoutPage() {
        let events = [
            Event(time: 1000, kind: .incidentOpened, incident: "9", message: "Opened."),
            Event(time: 1090, kind: .incidentAcknowledged, incident: "9", actor: "ivan", message: "Acked."),
            Event(
                time: 1100, kind: .pageSent, incident: "9", message: "Paged.",
                details: JSONObject(pairs: ["manager": "anna"])),
        ]
        let r = IncidentReview.build(incident: "9", events: events)
        #expect(r.figures.timeToAcknowledge == 90)
        #expect(r.figures.timeToEscalate == 100)
    }
}
