/// The reach chart of a review: observed audience and forecast (with its 90% band) over time, and a marker
/// for each detection, page, acknowledgement, reply, gesture step and closure. Renders as self-contained SVG.
///
/// Every marker is an SVG `<g class="marker marker-<kind>">` with a `<title>` tooltip, where kind is one of
/// `MarkerKind`'s raw values, so a reader (or a test) can count them.
public struct ReachChart: Sendable, Equatable {
    /// What a marker stands for.
    public enum MarkerKind: String, Sendable, Equatable, CaseIterable {
        /// The incident was opened (`incident.opened`).
        case detection
        /// A manager was paged (`page.sent`).
        case page
        /// The incident was acknowledged (`incident.acknowledged`).
        case ack
        /// A reply was recorded (`reply.recorded`).
        case reply
        /// A gesture changed step (`gesture.*`).
        case gesture
        /// The incident was closed (`incident.closed`).
        case closure

        /// The marker kind of an event kind, or nil when that event gets no marker.
        public init?(event: EventKind) {
            switch event {
            case .incidentOpened: self = .detection
            case .pageSent: self = .page
            case .incidentAcknowledged: self = .ack
            case .replyRecorded: self = .reply
            case .gestureProposed, .gestureApproved, .gestureDispatched, .gestureDelivered, .gestureDeclined,
                .gestureFailed, .gestureCancelled, .gestureOverdue:
                self = .gesture
            case .incidentClosed: self = .closure
            default: return nil
            }
        }

        /// The lane label on the chart.
        public var label: String {
            switch self {
            case .detection: "detected"
            case .page: "paged"
            case .ack: "acked"
            case .reply: "replied"
            case .gesture: "gesture"
            case .closure: "closed"
            }
        }
    }

    /// One marked moment.
    public struct Marker: Sendable, Equatable {
        /// What it stands for.
        public var kind: MarkerKind
        /// When, seconds since the epoch.
        public var time: Double
        /// The event kind it comes from.
        public var event: EventKind
        /// The tooltip text.
        public var label: String

        /// Creates a marker.
        public init(kind: MarkerKind, time: Double, event: EventKind, label: String) {
            self.kind = kind
            self.time = time
            self.event = event
            self.label = label
        }
    }

    /// The SVG view box width.
    public static let width = 800.0
    /// The SVG view box height.
    public static let height = 420.0

    /// The reach samples, in time order.
    public var samples: [ReachSample]
    /// The markers, in log order.
    public var markers: [Marker]
    /// A short accessible name for the chart.
    public var caption: String

    /// Creates a chart from samples and markers.
    public init(samples: [ReachSample], markers: [Marker], caption: String = "Reach over time") {
        self.samples = samples.sorted { $0.time < $1.time }
        self.markers = markers
        self.caption = caption
    }

    /// The chart of a review: its reach samples and a marker for each marked event of its timeline.
    public init(review: IncidentReview) {
        let markers = review.timeline.compactMap { entry -> Marker? in
            guard let kind = MarkerKind(event: entry.kind) else { return nil }
            let label =
                ReviewFormat.clock(entry.time, withDate: false) + " UTC · " + entry.kind.rawValue + " · "
                + entry.actor + (entry.message.isEmpty ? "" : ": " + entry.message)
            return Marker(kind: kind, time: entry.time, event: entry.kind, label: label)
        }
        self.init(
            samples: review.reach, markers: markers,
            caption: "Reach of incident \(review.incident): observed audience and forecast over time")
    }

    /// Every value the value axis must show: audience, forecast and the finite interval bounds.
    var plottedValues: [Double] {
        samples.flatMap { [$0.audience, $0.forecastReach, $0.forecastLow, $0.forecastHigh].compactMap { $0 } }
    }

    /// Whether the value axis is logarithmic: chosen when the values span two orders of magnitude or more.
    public var usesLogScale: Bool { ValueAxis.prefersLog(plottedValues) }
}
