extension IncidentReview {
    /// Builds the review of `incident` from an event log in log order.
    ///
    /// Events of other incidents are skipped, unknown or malformed details are ignored, and a figure the
    /// events cannot support (no acknowledgement, no closure, no first-post time) is nil, never a guess.
    public static func build(incident: String, events: [Event]) -> IncidentReview {
        var builder = ReviewBuilder(incident: incident)
        for event in events where event.incident == incident {
            builder.add(event)
        }
        return builder.finish()
    }
}
