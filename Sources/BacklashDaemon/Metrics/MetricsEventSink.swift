import BacklashCore

/// Passes committed events on to another sink (the journal) and counts them in the daemon's metrics.
struct MetricsEventSink: EventSink {
    let metrics: DaemonMetrics
    let next: any EventSink

    func emit(_ events: [Event]) {
        metrics.observe(events)
        next.emit(events)
    }
}
