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
}
