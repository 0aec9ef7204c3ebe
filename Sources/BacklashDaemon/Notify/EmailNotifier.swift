/// Pages by e-mail: builds an `EmailMessage` for the page and pipes it to a sendmail-compatible program.
///
/// The default program is `/usr/sbin/sendmail -t -i` (recipients read from the headers; a lone `.` line does not end
/// the input). Exit status 0 means the program took the message; anything else, or running past `timeout`, is a
/// failure whose reason quotes the program's stderr.
public struct EmailNotifier: Notifier {
    /// The sendmail program and its arguments (for example `msmtp -C FILE -t`).
    public var sendmail: [String]
    /// The sender, `Name <address>` or a bare address.
    public var from: String
    /// Seconds the program may run.
    public var timeout: Double

    /// Creates an e-mail notifier.
    public init(sendmail: [String] = ["/usr/sbin/sendmail", "-t", "-i"], from: String, timeout: Double = 30) {
        self.sendmail = sendmail
        self.from = from
        self.timeout = timeout
    }

    /// Always `.email`.
    public var channel: NotificationChannel { .email }

    /// Sends the page once.
    public func deliver(_ notification: PageNotification) async -> NotifierOutcome {
        let message: EmailMessage
        do {
            message = try EmailMessage(page: notification, from: EmailMessage.Mailbox(parsing: from))
        } catch {
            return .failed("cannot e-mail manager '\(notification.recipient.id)': \(error)")
        }
        let run = PipedCommand(arguments: sendmail, input: Array(message.rendered().utf8), timeout: timeout)
        return ExecNotifier.outcome(of: await run.run(), program: sendmail.first ?? "", timeout: timeout)
    }
}
