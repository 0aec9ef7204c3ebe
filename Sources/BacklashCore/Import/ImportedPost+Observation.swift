extension ImportedPost {
    /// Sets `metrics` when any count is known, with `observed_at` when the caller knows when they were seen.
    mutating func attach(_ metrics: Metrics, observedAt: Double?) {
        guard !metrics.isEmpty else { return }
        self.metrics = metrics
        if let observedAt { self.observedAt = ImportTimestamp.rfc3339(observedAt) }
    }
}
