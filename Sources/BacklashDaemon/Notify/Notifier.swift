/// Delivers a page over one channel; the seam the dispatcher retries and tests replace.
///
/// `deliver` never throws and returns within the notifier's own timeout (plus a moment to clean up).
/// When the calling task is cancelled, a notifier stops what it is doing and returns `.failed`.
public protocol Notifier: Sendable {
    /// The channel this notifier delivers on.
    var channel: NotificationChannel { get }
    /// Tries once to deliver the page.
    func deliver(_ notification: PageNotification) async -> NotifierOutcome
}
