import Foundation
import Testing

@testable import BacklashCore

@Suite("escalation policies")
struct EscalationPolicyTests {
    let opened = 1_767_600_000.0  // 2026-01-05T08:00:00Z, a Monday
    let managers = ["anna", "boris", "vera"]

    /// care-leads: anna until Monday 2026-01-05 08:10 UTC, boris after (a daily hand-off at 11:10 Moscow).
    var careLeads: OnCallSchedule {
        OnCallSchedule(
            id: "care-leads", timeZone: TimeZone(identifier: "Europe/Moscow")!,
            rotation: Rotation(
                members: ["boris", "anna"], cadence: .daily, handOffTime: WallClockTime(hour: 11, minute: 10)!,
                startDate: ZonedCalendar.CivilDate(parsing: "2026-01-01")!))
    }

    @Test("with only managers configured the default pages the first manager, then everyone, three rounds")
    func embeddedDefault() {
        let policy = EscalationPolicy.embeddedDefault(scheduleIDs: [], managerIDs: managers)
        let plan = policy.plan(openedAt: opened, schedules: [:], managers: managers)
        #expect(plan.map(\.managerIDs) == [["anna"], managers, ["anna"], managers, ["anna"], managers])
        #expect(plan.map(\.time) == (0..<6).map { opened + Double($0) * 300 })
        #expect(plan.map(\.round) == [0, 0, 1, 1, 2, 2])
        #expect(plan.last?.deadline == opened + 1800)
        let exhausted = policy.next(
            after: plan[5].position, deadline: plan[5].deadline, schedules: [:], managers: managers)
        #expect(exhausted == .exhausted(at: opened + 1800))
    }

    @Test("a schedule step pages whoever is on call when the step fires, not when the incident opened")
    func scheduleResolvedAtStepTime() {
        let policy = EscalationPolicy(
            id: "leads", steps: [EscalationStep(targets: [.schedule("care-leads")], waitSeconds: 600)], repeats: 1)
        let plan = policy.plan(openedAt: opened, schedules: ["care-leads": careLeads], managers: managers)
        #expect(plan.map(\.managerIDs) == [["anna"], ["boris"]])
    }

    @Test("an engine that stores round, step and deadline and restarts pages at exactly the planned times")
    func restartResumesAtTheSameDeadline() {
        let policy = EscalationPolicy(
            id: "two-step",
            steps: [
                EscalationStep(targets: [.schedule("care-leads")], waitSeconds: 300),
                EscalationStep(targets: [.manager("vera"), .everyone], waitSeconds: 900),
            ],
            repeats: 1)
        let schedules = ["care-leads": careLeads]
        let uninterrupted = policy.plan(openedAt: opened, schedules: schedules, managers: managers)

        var stored: (round: Int, step: Int, deadline: Double)?
        var paged: [EscalationPolicy.PlannedStep] = []
        var progress = policy.start(openedAt: opened, schedules: schedules, managers: managers)
        while case .page(let step) = progress {
            paged.append(step)
            stored = (step.round, step.step, step.deadline)
            // The engine dies here and a fresh one, with a freshly loaded policy, wakes up long after the deadline.
            let reloaded = EscalationPolicy(id: policy.id, steps: policy.steps, repeats: policy.repeats)
            guard let saved = stored else { break }
            progress = reloaded.next(
                after: .init(round: saved.round, step: saved.step), deadline: saved.deadline,
                schedules: schedules, managers: managers)
        }
        #expect(paged == uninterrupted)
        #expect(paged.count == 4)
        #expect(paged[1].managerIDs == ["vera", "anna", "boris"])
        #expect(progress == .exhausted(at: opened + 2 * (300 + 900)))
    }

    @Test("a step that reaches nobody does not wait; the next step fires at once")
    func emptyStepFallsThrough() {
        let empty = OnCallSchedule(id: "nights", timeZone: TimeZone(identifier: "Europe/Moscow")!)
        let policy = EscalationPolicy(
            id: "nights",
            steps: [
                EscalationStep(targets: [.schedule("nights")], waitSeconds: 600),
                EscalationStep(targets: [.manager("boris")], waitSeconds: 300),
            ])
        let plan = policy.plan(openedAt: opened, schedules: ["nights": empty], managers: managers)
        #expect(plan.map(\.managerIDs) == [[], ["boris"]])
        #expect(plan.map(\.time) == [opened, opened])
        #expect(plan.last?.deadline == opened + 300)
    }

    @Test("repeat 0 runs the steps once; a policy without steps is exhausted at once")
    func roundsAndEmptyPolicy() {
        let once = EscalationPolicy(id: "once", steps: [EscalationStep(targets: [.manager("anna")], waitSeconds: 60)])
        #expect(once.plan(openedAt: opened, schedules: [:], managers: managers).count == 1)
        let none = EscalationPolicy(id: "none", steps: [], repeats: 3)
        #expect(none.plan(openedAt: opened, schedules: [:], managers: managers).isEmpty)
        #expect(none.start(openedAt: opened, schedules: [:], managers: managers) == .exhausted(at: opened))
    }

    @Test("a stored position beyond a reloaded, shorter policy moves on to the next round")
    func positionPastTheEnd() {
        let policy = EscalationPolicy(
            id: "short", steps: [EscalationStep(targets: [.manager("anna")], waitSeconds: 60)], repeats: 1)
        let progress = policy.next(
            after: .init(round: 0, step: 4), deadline: opened, schedules: [:], managers: managers)
        guard case .page(let step) = progress else {
            Issue.record("expected a page, got \(progress)")
            return
        }
        #expect(step.position == .init(round: 1, step: 0))
        #expect(
            policy.next(after: .init(round: 1, step: 4), deadline: opened, schedules: [:], managers: managers)
                == .exhausted(at: opened))
    }

    @Test("the embedded default with schedules pages every schedule's on-call first")
    func embeddedDefaultWithSchedule() {
        let policy = EscalationPolicy.embeddedDefault(scheduleIDs: ["care-leads"], managerIDs: managers)
        let plan = policy.plan(openedAt: opened, schedules: ["care-leads": careLeads], managers: managers)
        #expect(plan.first?.managerIDs == ["anna"])
        #expect(plan[2].managerIDs == ["boris"])
    }
}
