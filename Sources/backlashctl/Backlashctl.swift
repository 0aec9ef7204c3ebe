import ArgumentParser
import BacklashDaemon

@main
struct Backlashctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backlashctl",
        abstract: "The on-call manager's tool for Backlash: see incidents, acknowledge, reply, close.",
        discussion: """
            Online commands talk to backlashd over its control socket: --socket PATH, else $BACKLASH_SOCKET, else the
            control socket of /etc/backlash/backlash.yaml, else ./var/control.sock when it exists, else
            /run/backlash/control.sock.

            Exit codes: 0 done, 1 the daemon refused or the check failed, 2 bad arguments, 3 daemon unreachable,
            4 not allowed.
            """,
        version: BacklashDaemonInfo.version,
        subcommands: [
            StatusCommand.self, IncidentsCommand.self, ShowCommand.self, AckCommand.self, UnackCommand.self,
            AssignCommand.self, NoteCommand.self, SnoozeCommand.self, ReplyCommand.self, PromiseCommand.self,
            PromiseKeptCommand.self, PromisesCommand.self, OncallCommand.self, GestureCommand.self, CloseCommand.self,
            ReopenCommand.self, ReviewCommand.self, ReportCommand.self, TailCommand.self, LintReplyCommand.self,
            ImportCommand.self, SimulateCommand.self, ReplayCommand.self, EvalCommand.self, ForecastCommand.self,
        ]
    )

    /// DESIGN's contract puts the connection options before the command (`backlashctl --json incidents`);
    /// ArgumentParser reads them after it, so leading `--socket PATH`, `--as MANAGER` and `--json` move there.
    static func main() async {
        await main(Self.movingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
    }

    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var args = arguments
        var globals: [String] = []
        while let first = args.first {
            if (first == "--socket" || first == "--as"), args.count >= 2 {
                globals += args.prefix(2)
                args.removeFirst(2)
            } else if first.hasPrefix("--socket=") || first.hasPrefix("--as=") || first == "--json" {
                globals.append(first)
                args.removeFirst()
            } else {
                break
            }
        }
        guard !globals.isEmpty, !args.isEmpty else { return globals + args }
        args.insert(contentsOf: globals, at: 1)
        return args
    }
}
