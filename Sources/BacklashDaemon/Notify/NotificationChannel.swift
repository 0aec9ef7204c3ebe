/// A way a page reaches a manager; the raw value is the `channel` field of `page.*` events.
public enum NotificationChannel: String, Sendable, Hashable, CaseIterable {
    /// A structured journal entry (written by the daemon's journal sink, not by a notifier here).
    case journal
    /// The manager's own command, run without a shell, with the page as JSON on stdin.
    case exec
    /// An HTTP POST of the page as JSON (Slack/Mattermost incoming-webhook compatible).
    case webhook
    /// An e-mail handed to the local sendmail program.
    case email
}
