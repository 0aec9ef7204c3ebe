import BacklashCore

/// Pages by running the manager's own command (no shell) with the page JSON on stdin.
///
/// The environment also carries `BACKLASH_INCIDENT`, `BACKLASH_SEVERITY`, `BACKLASH_MANAGER`, `BACKLASH_REASON`
/// and `BACKLASH_TITLE`. Exit status 0 means delivered; any other status, a signal, or running past `timeout`
/// (the command's whole process group is then killed) means failed, with the start of its stderr in the reason.
public struct ExecNotifier: Notifier {
    /// The program and its arguments; the program is looked up on `PATH` unless it contains a `/`.
    public var command: [String]
    /// Seconds the command may run.
    public var timeout: Double

    /// Creates an exec notifier.
    public init(command: [String], timeout: Double = 30) {
        self.command = command
        self.timeout = timeout
    }

    /// Always `.exec`.
    public var channel: NotificationChannel { .exec }

    /// Runs the command once with the page.
    public func deliver(_ notification: PageNotification) async -> NotifierOutcome {
        let json = JSONWriter().string(.object(notification.jsonObject())) + "\n"
        let run = PipedCommand(
            arguments: command,
            environment: [
                "BACKLASH_INCIDENT": String(notification.incident),
                "BACKLASH_SEVERITY": notification.severity,
                "BACKLASH_MANAGER": notification.recipient.id,
                "BACKLASH_REASON": notification.reason.rawValue,
                "BACKLASH_TITLE": notification.title,
            ],
            input: Array(json.utf8),
            timeout: timeout)
        let result = await run.run()
        return Self.outcome(of: result, program: command.first ?? "", timeout: timeout)
    }

    /// Turns how a command ended into an outcome whose reason names the program and quotes its stderr.
    static func outcome(of result: PipedCommand.Result, program: String, timeout: Double) -> NotifierOutcome {
        let said = result.stderr.isEmpty ? "" : ": " + result.stderr
        switch result.termination {
        case .exited(0): return .delivered
        case .exited(let status): return .failed("command '\(program)' exited with status \(status)\(said)")
        case .signalled(let signal): return .failed("command '\(program)' was killed by signal \(signal)\(said)")
        case .timedOut:
            let limit = seconds(timeout)
            return .failed("command '\(program)' did not finish within \(limit) s and was stopped\(said)")
        case .cancelled: return .failed("command '\(program)' was stopped because the page was cancelled")
        case .couldNotStart(let why): return .failed(why)
        case .statusUnavailable:
            return .failed("command '\(program)' ended but its exit status was lost (another part reaped it)\(said)")
        }
    }

    /// Seconds as people write them (`2`, `0.5`).
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
