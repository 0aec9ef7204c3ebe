/// The moment on-call duty passes from one manager to another.
public struct HandOff: Sendable, Hashable {
    /// When the new manager takes over (seconds since the Unix epoch).
    public var time: Double
    /// Who was on call until then; nil when nobody was.
    public var from: String?
    /// Who is on call from then on; nil when nobody is.
    public var to: String?

    /// A hand-off at `time` from `from` to `to`.
    public init(time: Double, from: String?, to: String?) {
        self.time = time
        self.from = from
        self.to = to
    }
}
