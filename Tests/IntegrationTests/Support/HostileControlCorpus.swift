/// One hostile control request line and the reply it must get.
struct HostileControlCase {
    let label: String
    let bytes: [UInt8]
    /// Whether the reply must be `"ok":true` (strange but valid requests) or `"ok":false`.
    let ok: Bool
    /// Text the error must contain (empty for ok replies).
    let error: String
}

/// Generates control-socket requests from a seed: broken JSON, wrong shapes, unknown commands, invalid UTF-8, deep
/// nesting, wrong argument types, and giant numbers aimed at the write commands of one real incident.
struct HostileControlCorpus {
    var random: SeededRandom
    /// An open incident the write commands may act on.
    let incident: Int
    /// A configured manager root may act as.
    let manager: String
    /// Whether the client is root (write commands then need `as`; without root they are refused before parsing).
    let asRoot: Bool

    init(seed: UInt64, incident: Int, manager: String, asRoot: Bool) {
        random = SeededRandom(seed: seed ^ 0xC0DE)
        self.incident = incident
        self.manager = manager
        self.asRoot = asRoot
    }

    mutating func make(_ count: Int) -> [HostileControlCase] {
        (0..<count).map { _ in next() }
    }

    /// Odd reads that return every event the daemon has (`since` NaN or -1e308 means "from the start"): valid, but
    /// each costs seconds once the corpus has made thousands of events, so they are sent once, at the end.
    static let wholeLogReads: [HostileControlCase] = [
        HostileControlCase(
            label: "events since NaN", bytes: line(#"{"cmd":"events","args":{"since":"nan"}}"#),
            ok: true, error: ""),
        HostileControlCase(
            label: "events since -1e308", bytes: line(#"{"cmd":"events","args":{"since":-1e308}}"#),
            ok: true, error: ""),
    ]

    static func line(_ text: String) -> [UInt8] { Array(text.utf8) }

    mutating func next() -> HostileControlCase {
        switch random.below(asRoot ? 13 : 9) {
        case 0:
            let request = Self.line(#"{"cmd":"show","args":{"id":\#(incident)},"as":"\#(manager)"}"#)
            let cut = random.within(1...(request.count - 1))
            return HostileControlCase(
                label: "truncated at \(cut)", bytes: Array(request[..<cut]), ok: false,
                error: "the request is not JSON: invalid JSON at byte ")
        case 1:
            let raw = random.pick(["[]", "\"status\"", "42", "null", "true", "[{\"cmd\":\"status\"}]", "-0.0e-0"])
            return HostileControlCase(
                label: "not an object \(raw)", bytes: Self.line(raw), ok: false,
                error: "a request must be a JSON object such as {\"cmd\":\"status\"}")
        case 2:
            let raw = random.pick([
                "{}", #"{"cmd":42}"#, #"{"cmd":null}"#, #"{"command":"status"}"#, #"{"cmd":["status"]}"#,
                #"{"cmd":{"cmd":"status"}}"#, #"{"args":{"id":1}}"#, #"{"cmd":true}"#,
            ])
            return HostileControlCase(
                label: "no cmd \(raw)", bytes: Self.line(raw), ok: false,
                error: "the request has no `cmd` string")
        case 3:
            let name = random.pick([
                "STATUS", "status ", " status", "stat\\u0000us", "\\u202Estatus", "../../etc/shadow", "rm -rf /",
                String(repeating: "x", count: 10_000), "ack\\nstatus", "🚕", "",
            ])
            return HostileControlCase(
                label: "unknown command", bytes: Self.line(#"{"cmd":"\#(name)"}"#), ok: false,
                error: "unknown command `")
        case 4:
            let bad = random.pick(HostilePostCorpus.badSequences)
            if random.chance(0.5) {
                return HostileControlCase(
                    label: "invalid UTF-8 in a string",
                    bytes: Self.line(#"{"cmd":"st"#) + bad + Self.line(#"atus"}"#), ok: false,
                    error: "the request is not JSON: invalid JSON at byte 10: invalid UTF-8 inside a string")
            }
            return HostileControlCase(
                label: "invalid UTF-8 outside strings",
                bytes: Self.line(#"{"cmd":"#) + bad + Self.line("1}"), ok: false,
                error: "the request is not JSON: invalid JSON at byte 7: expected a value, found byte 0x"
                    + String(bad[0], radix: 16, uppercase: true))
        case 5:
            let c = random.pick((UInt8(0)...0x1F).filter { $0 != 0x0A })
            let text = c == 0 ? "a NUL byte" : "byte 0x" + String(c, radix: 16, uppercase: true)
            return HostileControlCase(
                label: "raw control \(c)",
                bytes: Self.line(#"{"cmd":"st"#) + [c] + Self.line(#"atus"}"#), ok: false,
                error: "invalid JSON at byte 10: raw control character \(text) inside a string")
        case 6:
            let depth = random.chance(0.2) ? random.within(10_000...200_000) : random.within(16...500)
            let request =
                #"{"cmd":"status","args":{"x":"# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}}"
            // The request is depth 1, `args` depth 2, the first bracket depth 3: the 15th bracket is too deep.
            return HostileControlCase(
                label: "nesting \(depth)", bytes: Self.line(request), ok: false,
                error: "invalid JSON at byte \(28 + 14): nesting is deeper than 16 levels")
        case 7:
            let (value, error) = random.pick([
                ("\"abc\"", "`id` must be a number"), ("true", "`id` must be a number"),
                ("[]", "`id` must be a number"),
                ("{}", "`id` must be a number"), ("1.5", "`id` must be a number"), ("1e400", "`id` must be a number"),
                ("\"#x\"", "`id` must be a number"), ("99999999999999999999", "`id` must be a number"),
                ("-1", "there is no incident #-1"), ("0", "there is no incident #0"),
                ("9223372036854775807", "there is no incident #9223372036854775807"),
                ("\"#123456\"", "there is no incident #123456"), ("\"-5\"", "there is no incident #-5"),
                ("null", "`id` must be a number"),
            ])
            return HostileControlCase(
                label: "show id \(value)",
                bytes: Self.line(#"{"cmd":"show","args":{"id":\#(value)}}"#), ok: false, error: error)
        case 8:
            let request = random.pick([
                #"{"cmd":"tail","args":{"after_post":-1,"after_event":9223372036854775807}}"#,
                #"{"cmd":"tail","args":{"after_post":"x","after_event":1e400}}"#,
                #"{"cmd":"events","args":{"incident":"\u202E1"}}"#, #"{"cmd":"incidents","args":{"all":"yes"}}"#,
                #"{"cmd":"ping","args":[1,2,3],"as":42,"extra":{"deep":[[[[]]]]}}"#, #"{"cmd":"status","cmd2":"ack"}"#,
                #"{"cmd":"promises","args":{"all":true}}"#, #"{"cmd":"oncall"}"#, #"{"cmd":"whoami"}"#,
            ])
            return HostileControlCase(label: "odd but valid read", bytes: Self.line(request), ok: true, error: "")
        case 9:
            let request = random.pick([
                (#"{"cmd":"ack","args":{"id":\#(incident)}}"#, "root acts for a manager: add --as MANAGER"),
                (#"{"cmd":"ack","args":{"id":\#(incident)},"as":"nobody"}"#, "`nobody` is not a configured manager"),
                (#"{"cmd":"ack","args":{"id":"abc"},"as":"\#(manager)"}"#, "`id` must be a number"),
                (#"{"cmd":"ack","args":{"id":424242},"as":"\#(manager)"}"#, "there is no incident #424242"),
                (
                    #"{"cmd":"assign","args":{"id":\#(incident),"manager":"\u202Enobody"},"as":"\#(manager)"}"#,
                    "nobody` is not a configured manager"
                ),
                (
                    #"{"cmd":"close","args":{"id":\#(incident),"resolution":"x","cause":"bogus"},"as":"\#(manager)"}"#,
                    "--cause must be one of"
                ),
                (
                    #"{"cmd":"reply","args":{"id":\#(incident),"channel":"fax","text":"x"},"as":"\#(manager)"}"#,
                    "--channel must be public or dm"
                ),
                (#"{"cmd":"gesture","args":{"action":"explode","gesture":1},"as":"\#(manager)"}"#, "gesture actions"),
                (
                    #"{"cmd":"gesture","args":{"action":"propose","id":\#(incident),"kind":"yacht"},"#
                        + #""as":"\#(manager)"}"#,
                    "--kind must be one of"
                ),
                (
                    #"{"cmd":"gesture","args":{"action":"propose","id":\#(incident),"kind":"coupon","value":-1},"#
                        + #""as":"\#(manager)"}"#,
                    "--value must be a positive number"
                ),
                (
                    #"{"cmd":"gesture","args":{"action":"propose","id":\#(incident),"kind":"coupon","value":"inf"},"#
                        + #""as":"\#(manager)"}"#,
                    "--value must be a positive number"
                ),
                (#"{"cmd":"promise-kept","args":{"promise":987654321},"as":"\#(manager)"}"#, "there is no promise"),
            ])
            return HostileControlCase(label: "refused write", bytes: Self.line(request.0), ok: false, error: request.1)
        case 10:
            let (value, error) = random.pick([
                ("1e300", "a snooze lasts between 1 second and 7 days"), ("-5m", "--for takes a duration"),
                (String(repeating: "9", count: 30) + "h", "a snooze lasts between 1 second and 7 days"),
                (String(repeating: "9", count: 400) + "h", "--for takes a duration"), ("inf", "--for takes a duration"),
                ("nan", "--for takes a duration"), ("1e400", "--for takes a duration"), ("", "--for takes a duration"),
                ("0", "a snooze lasts between 1 second and 7 days"),
                ("8d", "a snooze lasts between 1 second and 7 days"),
            ])
            let request =
                #"{"cmd":"snooze","args":{"id":\#(incident),"for":"\#(value)","reason":"x"},"as":"\#(manager)"}"#
            return HostileControlCase(label: "snooze for \(value)", bytes: Self.line(request), ok: false, error: error)
        case 11:
            let at = random.pick([
                "+1e300", "+" + String(repeating: "9", count: 25) + "w", "+1e15", "0001-01-01T00:00:00Z", "+-1h",
                "25:00",
                "+inf", "99999-01-01T00:00:00Z",
            ])
            let error = at.hasPrefix("0001") ? "is in the past" : "--at takes an RFC 3339 time"
            let request = #"{"cmd":"promise","args":{"id":\#(incident),"at":"\#(at)","text":"x"},"as":"\#(manager)"}"#
            return HostileControlCase(label: "promise at \(at)", bytes: Self.line(request), ok: false, error: error)
        default:
            if random.chance(0.5) {
                let value = random.pick(["1e300", "9.3e18", "\"1e300\"", "1.7976931348623157e308", "123456789.5"])
                let request =
                    #"{"cmd":"gesture","args":{"action":"propose","id":\#(incident),"kind":"coupon","#
                    + #""value":\#(value),"currency":"RUB"},"as":"\#(manager)"}"#
                return HostileControlCase(
                    label: "gesture value \(value)", bytes: Self.line(request), ok: true, error: "")
            }
            let text = random.pick([
                "\\u202Eреверс", "esc \\u001b[31m red \\u0007", "nul \\u0000 inside", "\\ud83d\\ude95 taxi",
                String(repeating: "ж", count: 100_000),
            ])
            let request = #"{"cmd":"note","args":{"id":\#(incident),"text":"\#(text)"},"as":"\#(manager)"}"#
            return HostileControlCase(label: "note", bytes: Self.line(request), ok: true, error: "")
        }
    }
}
