import Testing

@testable import BacklashDaemon

extension NotifyTests {
    @Suite struct ContactRateLimiterTests {
        static func page(_ incident: Int64, severity: String = "medium", manager: String = "anna", at time: Double)
            -> PageNotification
        {
            PageNotification(
                incident: incident, severity: severity, title: "incident \(incident)", summary: "", reason: .policy,
                step: 1, time: time, recipient: .init(id: manager, name: manager))
        }

        @Test("pages within the limit go out at once, and the next one is held until the window frees a slot")
        func holdsOverLimit() {
            var limiter = ContactRateLimiter(rules: [.init(messages: 3, window: 60)])
            #expect(limiter.admit(Self.page(1, at: 0), on: .email, at: 0) == .send)
            #expect(limiter.admit(Self.page(2, at: 5), on: .email, at: 5) == .send)
            #expect(limiter.admit(Self.page(3, at: 9), on: .email, at: 9) == .send)
            #expect(limiter.admit(Self.page(4, at: 12), on: .email, at: 12) == .hold(until: 60))
            #expect(limiter.nextRelease == 60)
            #expect(limiter.heldCount(manager: "anna", channel: .email) == 1)
        }

        @Test("held pages are batched, not dropped: one combined page lists every held incident, most severe first")
        func releasesCombinedPage() throws {
            var limiter = ContactRateLimiter(rules: [.init(messages: 1, window: 60)])
            #expect(limiter.admit(Self.page(1, at: 0), on: .webhook, at: 0) == .send)
            #expect(limiter.admit(Self.page(2, at: 10), on: .webhook, at: 10) == .hold(until: 60))
            #expect(limiter.admit(Self.page(3, severity: "critical", at: 20), on: .webhook, at: 20) == .hold(until: 60))
            #expect(limiter.admit(Self.page(2, at: 30), on: .webhook, at: 30) == .hold(until: 60))
            #expect(limiter.releaseDue(at: 59.9).isEmpty)

            let releases = limiter.releaseDue(at: 60)
            #expect(releases.count == 1)
            let combined = try #require(releases.first?.notification)
            #expect(releases.first?.contact == .init(manager: "anna", channel: .webhook))
            #expect(combined.incident == 3, "the critical incident leads")
            #expect(combined.severity == "critical")
            #expect(combined.time == 60)
            #expect(combined.held.map(\.incident) == [2, 3], "incident 2 counts once")
            #expect(combined.held.first?.time == 30, "the latest page of an incident is kept")
            #expect(combined.subjectLine == "[Backlash] CRITICAL incident 3 and 1 more: incident 3")
            #expect(combined.plainTextBody.contains("backlashctl ack 2"))
            #expect(limiter.nextRelease == nil)
            #expect(limiter.admit(Self.page(5, at: 70), on: .webhook, at: 70) == .hold(until: 120),
                "the combined page counted as a message")
        }

        @Test("a single held page goes out as it was")
        func singleHeldPage() {
            var limiter = ContactRateLimiter(rules: [.init(messages: 1, window: 30)])
            _ = limiter.admit(Self.page(1, at: 0), on: .exec, at: 0)
            _ = limiter.admit(Self.page(2, at: 1), on: .exec, at: 1)
            let released = limiter.releaseDue(at: 31)
            #expect(released.map(\.notification.incident) == [2])
            #expect(released.first?.notification.held == [])
        }

        @Test("each manager and each channel has a bucket of its own")
        func separateBuckets() {
            var limiter = ContactRateLimiter(rules: [.init(messages: 1, window: 60)])
            #expect(limiter.admit(Self.page(1, at: 0), on: .email, at: 0) == .send)
            #expect(limiter.admit(Self.page(1, at: 0), on: .webhook, at: 0) == .send)
            #expect(limiter.admit(Self.page(1, manager: "ivan", at: 0), on: .email, at: 0) == .send)
            #expect(limiter.admit(Self.page(2, at: 1), on: .email, at: 1) == .hold(until: 60))
        }

        @Test("a limit lasts only its window, and the strictest of several rules decides")
        func severalRules() {
            var limiter = ContactRateLimiter(rules: [.init(messages: 1, window: 10), .init(messages: 3, window: 100)])
            #expect(limiter.admit(Self.page(1, at: 0), on: .email, at: 0) == .send)
            #expect(limiter.admit(Self.page(2, at: 5), on: .email, at: 5) == .hold(until: 10))
            #expect(limiter.releaseDue(at: 10).count == 1)
            #expect(limiter.admit(Self.page(3, at: 20), on: .email, at: 20) == .send)
            #expect(limiter.admit(Self.page(4, at: 35), on: .email, at: 35) == .hold(until: 100))
            _ = limiter.releaseDue(at: 100)
            #expect(limiter.admit(Self.page(5, at: 200), on: .email, at: 200) == .send)
        }

        @Test("an acknowledged incident's held page is withdrawn; with nothing left the contact is free again")
        func withdrawAcknowledged() {
            var limiter = ContactRateLimiter(rules: [.init(messages: 1, window: 60)])
            _ = limiter.admit(Self.page(1, at: 0), on: .email, at: 0)
            _ = limiter.admit(Self.page(2, at: 1), on: .email, at: 1)
            _ = limiter.admit(Self.page(3, at: 2), on: .email, at: 2)
            limiter.withdraw(incident: 2)
            #expect(limiter.releaseDue(at: 60).map(\.notification.incident) == [3])
            _ = limiter.admit(Self.page(4, at: 130), on: .email, at: 130)
            _ = limiter.admit(Self.page(5, at: 131), on: .email, at: 131)
            limiter.withdraw(incident: 5)
            #expect(limiter.nextRelease == nil)
            #expect(limiter.releaseDue(at: 1000).isEmpty)
        }

        @Test("with no rules nothing is ever held")
        func noRules() {
            var limiter = ContactRateLimiter(rules: [])
            for second in 0..<50 {
                #expect(limiter.admit(Self.page(1, at: Double(second)), on: .email, at: Double(second)) == .send)
            }
        }
    }
}
