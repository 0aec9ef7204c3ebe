import BacklashCore
import Foundation
import Yams

extension ConfigReader {
    static let rootKeys = [
        "paths", "inbox", "ingest", "control", "managers", "log", "detection", "reply_due", "notifiers",
        "metrics",
    ]
        + onCallRootKeys

    mutating func readRoot(_ root: Node, into config: inout BacklashConfig) {
        if case .scalar(let s) = root, s.string.isEmpty { return }
        guard let members = mapping(root, "", allowed: Self.rootKeys) else { return }
        var nodes: [String: Node] = [:]
        for (key, _, value) in members {
            nodes[key] = value
            switch key {
            case "schedules": config.schedules = readSchedules(value)
            case "policies": config.policies = readPolicies(value)
            case "routes": config.routes = readRoutes(value)
            case "detection": readDetection(value, into: &config.detection)
            case "reply_due": readReplyDue(value, into: &config.replyDue)
            case "notifiers": readNotifiers(value, into: &config.notifiers)
            case "paths": readPaths(value, into: &config.paths)
            case "inbox": readInbox(value, into: &config.inbox)
            case "ingest": readIngest(value, into: &config.ingest)
            case "control": readControl(value, into: &config.control)
            case "managers": config.managers = readManagers(value)
            case "log": readLog(value, into: &config.log)
            case "metrics": config.metrics = readMetrics(value)
            default: break
            }
        }
        validateReferences(
            managers: config.managers.map(\.id), schedules: nodes["schedules"], policies: nodes["policies"],
            routes: nodes["routes"])
    }

    mutating func readDetection(_ node: Node, into d: inout DetectionSettings) {
        let keys = ["open_at", "page_at", "reach_threshold", "near_duplicate", "group_window", "copy_window", "velocity_window",
            "vip", "topics"]
        guard let members = mapping(node, "detection", allowed: keys) else { return }
        for (key, _, value) in members {
            switch key {
            case "open_at", "page_at":
                guard let name = string(value, "detection.\(key)") else { continue }
                guard let s = Severity(name: name) else {
                    fail(value, "`detection.\(key)` must be one of info, low, medium, high, critical")
                    continue
                }
                if key == "open_at" { d.openAt = s } else { d.pageAt = s }
            case "reach_threshold": if let v = number(value, "detection.reach_threshold") { d.reachThreshold = v }
            case "near_duplicate":
                if let v = number(value, "detection.near_duplicate") {
                    if v > 0 && v <= 1 { d.nearDuplicateThreshold = v } else {
                        fail(value, "`detection.near_duplicate` is a similarity between 0 and 1, e.g. 0.6")
                    }
                }
            case "group_window": if let v = duration(value, "detection.group_window", min: 60) { d.groupWindow = v }
            case "copy_window": if let v = duration(value, "detection.copy_window", min: 60) { d.copyWindow = v }
            case "velocity_window":
                if let v = duration(value, "detection.velocity_window", min: 10) { d.velocityWindow = v }
            case "topics": d.topics = stringList(value, "detection.topics") ?? []
            case "vip":
                guard case .mapping(let map) = value else {
                    fail(value, "`detection.vip` maps handles to a note, e.g. \"@olga\": journalist")
                    continue
                }
                for (k, v) in map {
                    guard let handle = k.string, let note = v.string else {
                        fail(k, "`detection.vip` entries are \"@handle\": note")
                        continue
                    }
                    d.vipHandles[handle] = note
                }
            default: break
            }
        }
        if d.pageAt < d.openAt {
            fail(node, "`detection.page_at` (\(d.pageAt.name)) is below `detection.open_at` (\(d.openAt.name))")
        }
    }

    mutating func readNotifiers(_ node: Node, into n: inout NotifierSettings) {
        guard let members = mapping(node, "notifiers", allowed: ["sendmail", "email_from", "timeout", "rate_limit"])
        else { return }
        for (key, _, value) in members {
            switch key {
            case "sendmail":
                if let v = stringList(value, "notifiers.sendmail"), !v.isEmpty { n.sendmail = v }
            case "email_from":
                if let v = nonEmptyString(value, "notifiers.email_from") {
                    if v.contains("@"), !v.contains("\n") { n.emailFrom = v } else {
                        fail(value, "`notifiers.email_from` must be an e-mail address")
                    }
                }
            case "timeout": if let v = duration(value, "notifiers.timeout", min: 1) { n.timeout = v }
            case "rate_limit": if let v = rateLimit(value) { n.rateLimit = v }
            default: break
            }
        }
    }

    /// `rate_limit: [{messages: 3, per: 1m}, ...]`, or `off` / `[]` for no limit.
    mutating func rateLimit(_ node: Node) -> [ContactRateLimiter.Rule]? {
        if case .scalar(let s) = node, s.string == "off" { return [] }
        guard case .sequence(let items) = node else {
            fail(node, "`notifiers.rate_limit` must be a list such as [{messages: 3, per: 1m}] or `off`")
            return nil
        }
        var rules: [ContactRateLimiter.Rule] = []
        for (i, item) in items.enumerated() {
            let path = "notifiers.rate_limit[\(i)]"
            guard let members = mapping(item, path, allowed: ["messages", "per"]) else { continue }
            var messages: Int?
            var window: Double?
            for (key, _, value) in members {
                switch key {
                case "messages": messages = int(value, "\(path).messages", range: 1...10_000)
                case "per": window = duration(value, "\(path).per", min: 1)
                default: break
                }
            }
            guard let messages, let window else {
                fail(item, "`\(path)` needs both `messages` and `per` (e.g. {messages: 3, per: 1m})")
                continue
            }
            rules.append(ContactRateLimiter.Rule(messages: messages, window: window))
        }
        return rules
    }

    mutating func readReplyDue(_ node: Node, into due: inout [String: Double]) {
        guard let members = mapping(node, "reply_due", allowed: Severity.allCases.map(\.name)) else { return }
        for (key, _, value) in members {
            if let v = duration(value, "reply_due.\(key)", min: 60) { due[key] = v }
        }
    }

    mutating func readPaths(_ node: Node, into paths: inout BacklashConfig.Paths) {
        let keys = ["state_directory", "database", "inbox", "runtime_directory", "ingest_socket", "control_socket"]
        guard let members = mapping(node, "paths", allowed: keys) else { return }
        // Directories first, so explicit files override them whatever the order in the file.
        for (key, _, value) in members {
            if key == "state_directory", let p = path(value, "paths.state_directory") {
                paths.database = p + "/backlash.sqlite"
            }
            if key == "runtime_directory", let p = path(value, "paths.runtime_directory") {
                paths.ingestSocket = p + "/ingest.sock"
                paths.controlSocket = p + "/control.sock"
            }
        }
        for (key, _, value) in members {
            switch key {
            case "database": if let p = path(value, "paths.database") { paths.database = p }
            case "inbox": if let p = path(value, "paths.inbox") { paths.inbox = p }
            case "ingest_socket": if let p = path(value, "paths.ingest_socket") { paths.ingestSocket = p }
            case "control_socket": if let p = path(value, "paths.control_socket") { paths.controlSocket = p }
            default: break
            }
        }
        for (key, _, value) in members where key.hasSuffix("_socket") {
            let p = key == "ingest_socket" ? paths.ingestSocket : paths.controlSocket
            if p.utf8.count > 107 { fail(value, "`paths.\(key)` is longer than the 107 bytes a unix socket path allows") }
        }
    }

    mutating func readInbox(_ node: Node, into inbox: inout BacklashConfig.InboxSettings) {
        guard let members = mapping(node, "inbox", allowed: ["max_file_size", "rescan_interval", "batch_files"]) else {
            return
        }
        for (key, _, value) in members {
            switch key {
            case "max_file_size":
                if let v = size(value, "inbox.max_file_size", range: 1...(1 << 30)) { inbox.maxFileSize = v }
            case "rescan_interval":
                if let v = duration(value, "inbox.rescan_interval", min: 1) { inbox.rescanInterval = v }
            case "batch_files":
                if let v = int(value, "inbox.batch_files", range: 1...10_000) { inbox.batchFiles = v }
            default: break
            }
        }
    }

    mutating func readIngest(_ node: Node, into ingest: inout BacklashConfig.IngestSettings) {
        let keys = [
            "max_line", "max_connections", "idle_timeout", "line_timeout", "batch_max_posts",
            "max_pending_per_connection", "socket_mode", "socket_group",
        ]
        guard let members = mapping(node, "ingest", allowed: keys) else { return }
        for (key, _, value) in members {
            switch key {
            case "max_line":
                if let v = size(value, "ingest.max_line", range: 1024...(64 << 20)) { ingest.maxLineBytes = v }
            case "max_connections":
                if let v = int(value, "ingest.max_connections", range: 1...100_000) { ingest.maxConnections = v }
            case "idle_timeout":
                if let v = duration(value, "ingest.idle_timeout", min: 1) { ingest.idleTimeout = v }
            case "line_timeout":
                if let v = duration(value, "ingest.line_timeout", min: 1) { ingest.lineTimeout = v }
            case "batch_max_posts":
                if let v = int(value, "ingest.batch_max_posts", range: 1...100_000) { ingest.batchMaxPosts = v }
            case "max_pending_per_connection":
                if let v = int(value, "ingest.max_pending_per_connection", range: 1...1_000_000) {
                    ingest.maxPendingPerConnection = v
                }
            case "socket_mode": if let v = mode(value, "ingest.socket_mode") { ingest.socketMode = v }
            case "socket_group": ingest.socketGroup = string(value, "ingest.socket_group").flatMap { $0.isEmpty ? nil : $0 }
            default: break
            }
        }
    }

    mutating func readControl(_ node: Node, into control: inout BacklashConfig.ControlSettings) {
        guard let members = mapping(node, "control", allowed: ["socket_mode", "socket_group", "admin_group"]) else {
            return
        }
        for (key, _, value) in members {
            switch key {
            case "socket_mode": if let v = mode(value, "control.socket_mode") { control.socketMode = v }
            case "socket_group":
                control.socketGroup = string(value, "control.socket_group").flatMap { $0.isEmpty ? nil : $0 }
            case "admin_group": if let v = nonEmptyString(value, "control.admin_group") { control.adminGroup = v }
            default: break
            }
        }
    }

    mutating func readLog(_ node: Node, into log: inout BacklashConfig.LogSettings) {
        guard let members = mapping(node, "log", allowed: ["level", "target"]) else { return }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        for (key, _, value) in members {
            guard let v = string(value, "log.\(key)") else { continue }
            if key == "level" {
                if levels.contains(v) { log.level = v } else {
                    fail(value, "`log.level` must be one of \(levels.joined(separator: ", "))")
                }
            } else {
                if ["auto", "journal", "stderr"].contains(v) { log.target = v } else {
                    fail(value, "`log.target` must be auto, journal or stderr")
                }
            }
        }
    }

    mutating func readManagers(_ node: Node) -> [ManagerConfig] {
        guard case .sequence(let seq) = node else {
            fail(node, "`managers` must be a list; each item starts with `- id: …`")
            return []
        }
        var out: [ManagerConfig] = []
        var seen: [String: Node] = [:]
        let keys = ["id", "name", "aliases", "unix_user", "timezone", "contacts", "approval_limit"]
        for (i, item) in seq.enumerated() {
            let p = "managers[\(i)]"
            guard let members = mapping(item, p, allowed: keys) else { continue }
            var m = ManagerConfig(id: "", name: "")
            for (key, _, value) in members {
                switch key {
                case "id":
                    if let v = nonEmptyString(value, "\(p).id") {
                        if v.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
                            m.id = v
                        } else {
                            fail(value, "`\(p).id` must use lower-case letters, digits, '-' and '_' (got \"\(v)\")")
                        }
                        if let first = seen[v] {
                            fail(value, "manager id \"\(v)\" is used twice (first at line \(first.mark?.line ?? 0))")
                        }
                        seen[v] = value
                    }
                case "name": m.name = nonEmptyString(value, "\(p).name") ?? ""
                case "aliases": m.aliases = stringList(value, "\(p).aliases") ?? []
                case "unix_user": m.unixUser = nonEmptyString(value, "\(p).unix_user")
                case "timezone":
                    if let tz = nonEmptyString(value, "\(p).timezone") {
                        if TimeZone(identifier: tz) == nil {
                            fail(value, "`\(p).timezone` \"\(tz)\" is not an IANA time zone such as Europe/Moscow")
                        } else {
                            m.timeZone = tz
                        }
                    }
                case "approval_limit": m.approvalLimit = number(value, "\(p).approval_limit")
                case "contacts": readContacts(value, p + ".contacts", into: &m)
                default: break
                }
            }
            if members.first(where: { $0.key == "id" }) == nil { fail(item, "`\(p)` needs an `id`") }
            if members.first(where: { $0.key == "name" }) == nil { fail(item, "`\(p)` needs a `name`") }
            out.append(m)
        }
        return out
    }

    mutating func readContacts(_ node: Node, _ p: String, into m: inout ManagerConfig) {
        guard let members = mapping(node, p, allowed: ["email", "webhook", "exec"]) else { return }
        for (key, _, value) in members {
            switch key {
            case "email":
                if let v = nonEmptyString(value, "\(p).email") {
                    if v.contains("@"), !v.contains(" "), !v.contains("\n") { m.email = v } else {
                        fail(value, "`\(p).email` \"\(v)\" is not an e-mail address")
                    }
                }
            case "webhook":
                if let v = nonEmptyString(value, "\(p).webhook") {
                    if v.hasPrefix("http://") || v.hasPrefix("https://") { m.webhook = v } else {
                        fail(value, "`\(p).webhook` must be an http:// or https:// URL")
                    }
                }
            case "exec": m.exec = stringList(value, "\(p).exec")
            default: break
            }
        }
    }
}
