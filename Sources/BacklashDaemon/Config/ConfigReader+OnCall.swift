import BacklashCore
import Foundation
import Yams

/// Reads the on-call sections: who is on call when (`schedules:`), how an incident escalates (`policies:`) and
/// which policy an incident gets (`routes:`). Every section is optional; without them the embedded default policy
/// pages the on-call (the first manager when there is no schedule), then everyone.
///
/// ```yaml
/// schedules:
///   - id: care-leads
///     timezone: Europe/Moscow          # IANA zone; hand-offs follow its wall clock, DST included
///     rotation:
///       type: weekly                   # weekly | daily
///       hand_off_day: monday           # weekly only
///       hand_off_time: "10:00"         # HH:MM in the schedule's zone
///       start: 2026-01-05              # members[0] takes the first hand-off on or after this date
///       members: [anna, boris, vera]
///     overrides:                       # the one listed last wins where they overlap
///       - member: vera
///         from: 2026-03-09 08:00                 # the schedule's local time...
///         until: "2026-03-10T20:00:00+03:00"     # ...or RFC 3339 with an offset
/// policies:
///   - id: standard                     # a policy named `default` replaces the embedded one
///     repeat: 2                        # run the steps 3 times in all, then give up ("exhausted")
///     steps:
///       - schedules: [care-leads]      # whoever is on call when the step fires
///         wait: 5m                     # for an acknowledgement before the next step (default 5m)
///       - managers: [anna]
///         everyone: true
///         wait: 15m
/// routes:
///   default: standard                  # for incidents no rule matches (default: `default`)
///   rules:                             # the first matching rule wins
///     - name: coordinated campaigns
///       match: {coordinated: true}
///       policy: standard
///     - match: {min_severity: high, platform: [vk, telegram], channel: [post, review]}
///       policy: standard
/// ```
/// `match` also takes `topic:` and `portrait:` (one value or a list). Ids of schedules and policies use lower-case
/// letters, digits, `-` and `_`, like manager ids.
extension ConfigReader {
    /// The root keys this extension reads.
    static let onCallRootKeys = ["schedules", "policies", "routes"]

    static let scheduleKeys = ["id", "timezone", "rotation", "overrides"]
    static let rotationKeys = ["type", "hand_off_day", "hand_off_time", "start", "members"]
    static let overrideKeys = ["member", "from", "until"]
    static let policyKeys = ["id", "repeat", "steps"]
    static let stepKeys = ["managers", "schedules", "everyone", "wait"]
    static let routesKeys = ["default", "rules"]
    static let ruleKeys = ["name", "match", "policy"]
    static let matchKeys = ["min_severity", "platform", "channel", "topic", "portrait", "coordinated"]

    // MARK: schedules

    /// Reads `schedules:`, a list of schedules, reporting every problem with its line.
    mutating func readSchedules(_ node: Node) -> [OnCallSchedule] {
        guard case .sequence(let sequence) = node else {
            fail(node, "`schedules` must be a list; each item starts with `- id: …`")
            return []
        }
        var schedules: [OnCallSchedule] = []
        var seen: [String: Node] = [:]
        for (index, item) in sequence.enumerated() {
            let path = "schedules[\(index)]"
            guard let members = mapping(item, path, allowed: Self.scheduleKeys) else { continue }
            var id: String?
            var calendar: ZonedCalendar?
            // The zone first: overrides written in local time are read in it, whatever the key order.
            for (key, _, value) in members where key == "timezone" {
                calendar = readTimeZone(value, "\(path).timezone")
            }
            var rotation: Rotation?
            var overrides: [ScheduleOverride] = []
            for (key, _, value) in members {
                switch key {
                case "id": id = readID(value, "\(path).id", kind: "schedule", seen: &seen)
                case "rotation": rotation = readRotation(value, "\(path).rotation")
                case "overrides":
                    overrides = readOverrides(value, "\(path).overrides", calendar: calendar ?? Self.utcCalendar)
                default: break
                }
            }
            if !members.contains(where: { $0.key == "id" }) { fail(item, "`\(path)` needs an `id`") }
            if !members.contains(where: { $0.key == "timezone" }) {
                fail(item, "`\(path)` needs a `timezone`, an IANA zone such as Europe/Moscow")
            }
            if let id, let calendar {
                schedules.append(
                    OnCallSchedule(id: id, timeZone: calendar.timeZone, rotation: rotation, overrides: overrides))
            }
        }
        return schedules
    }

    static var utcCalendar: ZonedCalendar { ZonedCalendar(timeZone: .gmt) }

    mutating func readTimeZone(_ node: Node, _ path: String) -> ZonedCalendar? {
        guard let name = nonEmptyString(node, path) else { return nil }
        guard let calendar = ZonedCalendar(identifier: name) else {
            var message = "`\(path)` \"\(name)\" is not an IANA time zone"
            if let near = Self.closest(name, among: TimeZone.knownTimeZoneIdentifiers) {
                message += "; did you mean `\(near)`?"
            } else {
                message += "; write one such as Europe/Moscow or America/New_York"
            }
            fail(node, message)
            return nil
        }
        return calendar
    }

    mutating func readRotation(_ node: Node, _ path: String) -> Rotation? {
        guard let members = mapping(node, path, allowed: Self.rotationKeys) else { return nil }
        var weekly: Bool?
        var weekday: ZonedCalendar.Weekday?
        var dayNode: Node?
        var time: WallClockTime?
        var start: ZonedCalendar.CivilDate?
        var ids: [String] = []
        for (key, _, value) in members {
            switch key {
            case "type":
                guard let text = string(value, "\(path).type") else { continue }
                switch text.lowercased() {
                case "weekly": weekly = true
                case "daily": weekly = false
                default: fail(value, "`\(path).type` \"\(text)\" is not a rotation type; write weekly or daily")
                }
            case "hand_off_day":
                dayNode = value
                guard let text = string(value, "\(path).hand_off_day") else { continue }
                weekday = ZonedCalendar.Weekday(name: text)
                if weekday == nil {
                    let names = ZonedCalendar.Weekday.allCases.map(\.description).joined(separator: ", ")
                    fail(value, "`\(path).hand_off_day` \"\(text)\" is not a weekday; write one of \(names)")
                }
            case "hand_off_time":
                guard let text = string(value, "\(path).hand_off_time") else { continue }
                time = WallClockTime(parsing: text)
                if time == nil {
                    fail(
                        value,
                        "`\(path).hand_off_time` \"\(text)\" is not a time of day; write HH:MM from 00:00 to 23:59")
                }
            case "start":
                guard let text = string(value, "\(path).start") else { continue }
                start = ZonedCalendar.CivilDate(parsing: text)
                if start == nil { fail(value, "`\(path).start` \"\(text)\" is not a date; write YYYY-MM-DD") }
            case "members":
                ids = readIDList(value, "\(path).members")
            default: break
            }
        }
        let present = Set(members.map(\.key))
        for required in ["type", "hand_off_time", "start", "members"] where !present.contains(required) {
            fail(node, "`\(path)` needs `\(required)`")
        }
        if weekly == true, dayNode == nil {
            fail(node, "`\(path)` is weekly, so it needs `hand_off_day` (e.g. monday)")
        }
        if weekly == false, let dayNode { fail(dayNode, "`\(path).hand_off_day` only applies to a weekly rotation") }
        guard let weekly, let time, let start, !weekly || weekday != nil else { return nil }
        let cadence: Rotation.Cadence = weekly ? .weekly(weekday ?? .monday) : .daily
        return Rotation(members: ids, cadence: cadence, handOffTime: time, startDate: start)
    }

    mutating func readOverrides(_ node: Node, _ path: String, calendar: ZonedCalendar) -> [ScheduleOverride] {
        guard case .sequence(let sequence) = node else {
            fail(node, "`\(path)` must be a list; each item starts with `- member: …`")
            return []
        }
        var overrides: [ScheduleOverride] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let members = mapping(item, itemPath, allowed: Self.overrideKeys) else { continue }
            var member: String?
            var from: Double?
            var until: (time: Double, node: Node)?
            for (key, _, value) in members {
                switch key {
                case "member": member = nonEmptyString(value, "\(itemPath).member")
                case "from": from = readMoment(value, "\(itemPath).from", calendar: calendar)
                case "until": until = readMoment(value, "\(itemPath).until", calendar: calendar).map { ($0, value) }
                default: break
                }
            }
            for required in Self.overrideKeys where !members.contains(where: { $0.key == required }) {
                fail(item, "`\(itemPath)` needs `\(required)`")
            }
            guard let member, let from, let until else { continue }
            guard until.time > from else {
                fail(until.node, "`\(itemPath).until` must be after `from`")
                continue
            }
            overrides.append(ScheduleOverride(member: member, start: from, end: until.time))
        }
        return overrides
    }

    mutating func readMoment(_ node: Node, _ path: String, calendar: ZonedCalendar) -> Double? {
        guard let text = nonEmptyString(node, path) else { return nil }
        guard let moment = calendar.instant(parsing: text) else {
            fail(
                node,
                "`\(path)` \"\(text)\" is not a moment; write the schedule's local time as YYYY-MM-DD HH:MM "
                    + "or RFC 3339 such as 2026-03-09T08:00:00+03:00")
            return nil
        }
        return moment
    }

    // MARK: policies

    /// Reads `policies:`, a list of escalation policies, reporting every problem with its line.
    mutating func readPolicies(_ node: Node) -> [EscalationPolicy] {
        guard case .sequence(let sequence) = node else {
            fail(node, "`policies` must be a list; each item starts with `- id: …`")
            return []
        }
        var policies: [EscalationPolicy] = []
        var seen: [String: Node] = [:]
        for (index, item) in sequence.enumerated() {
            let path = "policies[\(index)]"
            guard let members = mapping(item, path, allowed: Self.policyKeys) else { continue }
            var id: String?
            var repeats = 0
            var steps: [EscalationStep] = []
            for (key, _, value) in members {
                switch key {
                case "id": id = readID(value, "\(path).id", kind: "policy", seen: &seen)
                case "repeat": repeats = int(value, "\(path).repeat", range: 0...100) ?? 0
                case "steps": steps = readSteps(value, "\(path).steps")
                default: break
                }
            }
            if !members.contains(where: { $0.key == "id" }) { fail(item, "`\(path)` needs an `id`") }
            if !members.contains(where: { $0.key == "steps" }) {
                fail(item, "`\(path)` needs `steps`, a list of whom to page and how long to wait")
            }
            if let id { policies.append(EscalationPolicy(id: id, steps: steps, repeats: repeats)) }
        }
        return policies
    }

    mutating func readSteps(_ node: Node, _ path: String) -> [EscalationStep] {
        guard case .sequence(let sequence) = node, !sequence.isEmpty else {
            fail(
                node, "`\(path)` must be a non-empty list; each step names `managers`, `schedules` or `everyone: true`")
            return []
        }
        var steps: [EscalationStep] = []
        for (index, item) in sequence.enumerated() {
            let stepPath = "\(path)[\(index)]"
            guard let members = mapping(item, stepPath, allowed: Self.stepKeys) else { continue }
            var targets: [EscalationTarget] = []
            var wait = 300.0
            for (key, _, value) in members {
                switch key {
                case "managers": targets += readIDList(value, "\(stepPath).managers").map { .manager($0) }
                case "schedules": targets += readIDList(value, "\(stepPath).schedules").map { .schedule($0) }
                case "everyone": if bool(value, "\(stepPath).everyone") == true { targets.append(.everyone) }
                case "wait": wait = duration(value, "\(stepPath).wait") ?? wait
                default: break
                }
            }
            if targets.isEmpty {
                let remedy = "give it `managers: […]`, `schedules: […]` or `everyone: true`"
                fail(item, "`\(stepPath)` pages nobody; \(remedy)")
            }
            steps.append(EscalationStep(targets: targets, waitSeconds: wait))
        }
        return steps
    }

    // MARK: routes

    /// Reads `routes:` (`default:` and `rules:`; a bare list is read as the rules), reporting every problem.
    mutating func readRoutes(_ node: Node) -> RoutingTable {
        var table = RoutingTable()
        if case .sequence = node {
            table.routes = readRules(node, "routes")
            return table
        }
        guard let members = mapping(node, "routes", allowed: Self.routesKeys) else { return table }
        for (key, _, value) in members {
            switch key {
            case "default": if let id = nonEmptyString(value, "routes.default") { table.defaultPolicyID = id }
            case "rules": table.routes = readRules(value, "routes.rules")
            default: break
            }
        }
        return table
    }

    mutating func readRules(_ node: Node, _ path: String) -> [Route] {
        guard case .sequence(let sequence) = node else {
            fail(node, "`\(path)` must be a list; each rule has a `match:` and a `policy:`")
            return []
        }
        var routes: [Route] = []
        for (index, item) in sequence.enumerated() {
            let rulePath = "\(path)[\(index)]"
            guard let members = mapping(item, rulePath, allowed: Self.ruleKeys) else { continue }
            var name: String?
            var match = RouteMatch()
            var policy: String?
            for (key, _, value) in members {
                switch key {
                case "name": name = nonEmptyString(value, "\(rulePath).name")
                case "match": match = readMatch(value, "\(rulePath).match")
                case "policy": policy = nonEmptyString(value, "\(rulePath).policy")
                default: break
                }
            }
            if !members.contains(where: { $0.key == "policy" }) { fail(item, "`\(rulePath)` needs a `policy`") }
            if match.matchesEverything, index < sequence.count - 1 {
                fail(
                    item,
                    "`\(rulePath)` matches every incident, so the rules after it never apply; "
                        + "give it a `match:`, move it last, or name its policy in `routes.default`")
            }
            if let policy { routes.append(Route(name: name, match: match, policyID: policy)) }
        }
        return routes
    }

    mutating func readMatch(_ node: Node, _ path: String) -> RouteMatch {
        var match = RouteMatch()
        guard let members = mapping(node, path, allowed: Self.matchKeys) else { return match }
        for (key, _, value) in members {
            let keyPath = "\(path).\(key)"
            switch key {
            case "min_severity":
                guard let text = string(value, keyPath) else { continue }
                match.minimumSeverity = RouteSeverity(name: text)
                if match.minimumSeverity == nil {
                    let levels = RouteSeverity.allCases.map(\.rawValue).joined(separator: ", ")
                    fail(value, "`\(keyPath)` \"\(text)\" is not a severity; write one of \(levels)")
                }
            case "platform": match.platforms = Set((stringList(value, keyPath) ?? []).map { $0.lowercased() })
            case "channel":
                let known = PostChannel.allCases.map(\.rawValue)
                match.channels = Set(readKnownValues(value, keyPath, known: known, what: "channel"))
            case "topic": match.topics = Set((stringList(value, keyPath) ?? []).map { $0.lowercased() })
            case "portrait":
                let known = Portrait.allCases.map(\.rawValue)
                match.portraits = Set(readKnownValues(value, keyPath, known: known, what: "portrait"))
            case "coordinated": match.coordinated = bool(value, keyPath)
            default: break
            }
        }
        return match
    }

    /// A string or list of strings each of which must be one of `known` (compared in lower case).
    mutating func readKnownValues(_ node: Node, _ path: String, known: [String], what: String) -> [String] {
        var values: [String] = []
        for (item, itemPath) in Self.listItems(node, path) {
            guard let text = nonEmptyString(item, itemPath)?.lowercased() else { continue }
            if known.contains(text) {
                values.append(text)
            } else {
                var message = "`\(itemPath)` \"\(text)\" is not a \(what)"
                if let near = Self.closest(text, among: known) { message += "; did you mean `\(near)`?" }
                fail(item, message + " (known: \(known.joined(separator: ", ")))")
            }
        }
        if case .mapping = node { fail(node, "`\(path)` must be a string or a list of strings") }
        return values
    }

    // MARK: shared

    /// An id of lower-case letters, digits, `-` and `_`, unique among its section.
    mutating func readID(_ node: Node, _ path: String, kind: String, seen: inout [String: Node]) -> String? {
        guard let id = nonEmptyString(node, path) else { return nil }
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            fail(node, "`\(path)` must use lower-case letters, digits, '-' and '_' (got \"\(id)\")")
            return nil
        }
        if let first = seen[id] {
            fail(node, "\(kind) id \"\(id)\" is used twice (first at line \(first.mark?.line ?? 0))")
            return nil
        }
        seen[id] = node
        return id
    }

    /// A string or a list of non-empty strings (ids), each checked where it stands.
    mutating func readIDList(_ node: Node, _ path: String) -> [String] {
        if case .mapping = node {
            fail(node, "`\(path)` must be a list of ids such as [anna, boris]")
            return []
        }
        return Self.listItems(node, path).compactMap { nonEmptyString($0.node, $0.path) }
    }

    /// The items of a list with their paths; a lone scalar is a list of one.
    static func listItems(_ node: Node?, _ path: String) -> [(node: Node, path: String)] {
        switch node {
        case .sequence(let sequence)?: sequence.enumerated().map { ($1, "\(path)[\($0)]") }
        case .scalar(let scalar)?: [(.scalar(scalar), path)]
        default: []
        }
    }

    // MARK: references

    /// Reports every manager, schedule and policy id that a schedule, policy or route names but nobody defined,
    /// at the line of the reference. Pass the section nodes as they were read (nil when a section is absent).
    mutating func validateReferences(managers: [String], schedules: Node?, policies: Node?, routes: Node?) {
        let scheduleIDs = Self.listItems(schedules, "").compactMap { Self.scalar(Self.member($0.node, "id")) }
        let definedPolicies = Self.listItems(policies, "").compactMap { Self.scalar(Self.member($0.node, "id")) }
        // The embedded `default` policy is always there unless the file defines its own.
        let policyIDs = Array(Set(definedPolicies + [EscalationPolicy.defaultID])).sorted()

        for (item, path) in Self.listItems(schedules, "schedules") {
            let rotationMembers = Self.member(Self.member(item, "rotation"), "members")
            for (member, memberPath) in Self.listItems(rotationMembers, "\(path).rotation.members") {
                checkReference(member, memberPath, known: managers, kind: "manager", section: "managers")
            }
            for (entry, entryPath) in Self.listItems(Self.member(item, "overrides"), "\(path).overrides") {
                if let member = Self.member(entry, "member") {
                    checkReference(member, "\(entryPath).member", known: managers, kind: "manager", section: "managers")
                }
            }
        }
        for (item, path) in Self.listItems(policies, "policies") {
            for (step, stepPath) in Self.listItems(Self.member(item, "steps"), "\(path).steps") {
                for (id, idPath) in Self.listItems(Self.member(step, "managers"), "\(stepPath).managers") {
                    checkReference(id, idPath, known: managers, kind: "manager", section: "managers")
                }
                for (id, idPath) in Self.listItems(Self.member(step, "schedules"), "\(stepPath).schedules") {
                    checkReference(id, idPath, known: scheduleIDs, kind: "schedule", section: "schedules")
                }
            }
        }
        var rules = Self.member(routes, "rules")
        var rulesPath = "routes.rules"
        if case .sequence? = routes {
            rules = routes
            rulesPath = "routes"
        }
        if let fallback = Self.member(routes, "default") {
            checkReference(fallback, "routes.default", known: policyIDs, kind: "policy", section: "policies")
        }
        for (rule, path) in Self.listItems(rules, rulesPath) {
            if let policy = Self.member(rule, "policy") {
                checkReference(policy, "\(path).policy", known: policyIDs, kind: "policy", section: "policies")
            }
        }
    }

    mutating func checkReference(_ node: Node, _ path: String, known: [String], kind: String, section: String) {
        guard let id = Self.scalar(node), !id.isEmpty, !known.contains(id) else { return }
        var message = "`\(path)` names \(kind) \"\(id)\", which is not defined under `\(section):`"
        if let near = Self.closest(id, among: known) {
            message += "; did you mean `\(near)`?"
        } else if known.isEmpty {
            message += " (none are defined)"
        } else {
            message += " (known: \(known.joined(separator: ", ")))"
        }
        fail(node, message)
    }

    /// The value under a plain-string key of a mapping node; nil for anything else.
    static func member(_ node: Node?, _ key: String) -> Node? {
        guard case .mapping(let mapping)? = node else { return nil }
        return mapping.first { $0.key.string == key }?.value
    }

    /// The text of a scalar node; nil for anything else.
    static func scalar(_ node: Node?) -> String? {
        guard case .scalar(let scalar)? = node else { return nil }
        return scalar.string
    }
}
