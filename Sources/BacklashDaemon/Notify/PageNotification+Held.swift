extension PageNotification {
    /// This page summarised for the `held` list of a combined page.
    public var heldSummary: HeldPage {
        HeldPage(
            incident: incident, severity: severity, title: title, reason: reason, step: step, time: time,
            ackHint: ackHint)
    }

    /// One page standing for several held-back pages to the same person: the most severe (then latest) page
    /// leads, and every incident is listed in `held`. Pages about the same incident count once (the latest).
    /// Returns nil for an empty list, and a single page unchanged except for its time.
    public static func folding(_ pages: [PageNotification], at time: Double) -> PageNotification? {
        var latestByIncident: [Int64: PageNotification] = [:]
        var order: [Int64] = []
        for page in pages {
            if latestByIncident[page.incident] == nil { order.append(page.incident) }
            if let seen = latestByIncident[page.incident], seen.time > page.time { continue }
            latestByIncident[page.incident] = page
        }
        let distinct = order.compactMap { latestByIncident[$0] }
        guard var lead = distinct.max(by: { a, b in
            let (ra, rb) = (severityRank(a.severity), severityRank(b.severity))
            return ra != rb ? ra < rb : a.time < b.time
        }) else { return nil }
        lead.time = time
        guard distinct.count > 1 else { return lead }
        lead.held = distinct.map(\.heldSummary)
        lead.namedByCrowd = distinct.contains { $0.namedByCrowd }
        return lead
    }
}
