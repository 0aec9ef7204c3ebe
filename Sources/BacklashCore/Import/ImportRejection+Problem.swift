extension ImportRejection {
    /// Why one item cannot become a post: thrown while converting it, caught into a rejection.
    struct Problem: Error, Sendable {
        var reason: String

        init(_ reason: String) {
            self.reason = reason
        }
    }
}
