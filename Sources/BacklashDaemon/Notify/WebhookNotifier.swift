import BacklashCore

/// Pages by POSTing the page as JSON to an `http://` URL (Slack/Mattermost incoming-webhook compatible).
///
/// The body is the page object (see `PageNotification.jsonObject()`) with a top-level `text` field first: one
/// paragraph with severity, title, reasons and the ack command, which chat webhooks show as the message. A 2xx
/// answer means delivered; any other status, a connection error or no answer within `timeout` is a failure. Failure
/// reasons name only the URL's host and port, since webhook paths often carry secrets.
public struct WebhookNotifier: Notifier {
    /// The webhook URL (`http://` only).
    public var url: String
    /// Seconds the whole exchange may take.
    public var timeout: Double
    /// The HTTP client used.
    public var client: HTTPPostClient

    /// Creates a webhook notifier.
    public init(url: String, timeout: Double = 10, client: HTTPPostClient = HTTPPostClient()) {
        self.url = url
        self.timeout = timeout
        self.client = client
    }

    /// Always `.webhook`.
    public var channel: NotificationChannel { .webhook }

    /// The JSON body sent for a page: `text` followed by every member of the page object.
    public static func payload(for notification: PageNotification) -> JSONObject {
        var members = [JSONObject.Member(key: "text", value: .string(notification.chatParagraph))]
        members += notification.jsonObject().members
        return JSONObject(members)
    }

    /// POSTs the page once.
    public func deliver(_ notification: PageNotification) async -> NotifierOutcome {
        let body = Array(JSONWriter().string(.object(Self.payload(for: notification))).utf8)
        let origin = (try? HTTPPostClient.Target.parse(url).get())?.origin ?? "the webhook"
        switch await client.post(body, to: url, timeout: timeout) {
        case .success(let response) where (200..<300).contains(response.status):
            return .delivered
        case .success(let response):
            let excerpt = PageNotification.oneLine(response.body)
            let said = excerpt.isEmpty ? "" : ": " + (excerpt.count > 300 ? excerpt.prefix(300) + "…" : excerpt)
            return .failed("webhook at \(origin) answered \(response.status) \(response.reasonPhrase)\(said)")
        case .failure(.httpsNeedsRelay):
            return .failed(HTTPPostClient.Failure.httpsNeedsRelay.description)
        case .failure(.invalidURL(_, let why)):
            return .failed("webhook URL of manager '\(notification.recipient.id)' cannot be used: \(why)")
        case .failure(let failure):
            return .failed("webhook at \(origin): \(failure)")
        }
    }
}
