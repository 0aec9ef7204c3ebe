extension IncidentReview {
    /// One gesture (coupon, car, flowers…) and every step it went through.
    public struct GestureRecord: Sendable, Equatable {
        /// One step of a gesture's life.
        public struct Step: Sendable, Equatable {
            /// The step: `proposed`, `approved`, `dispatched`, `delivered`, `declined`, `failed`, `cancelled`,
            /// `overdue`.
            public var name: String
            /// When, seconds since the epoch.
            public var time: Double
            /// Who took the step.
            public var actor: String

            /// Creates a step.
            public init(name: String, time: Double, actor: String) {
                self.name = name
                self.time = time
                self.actor = actor
            }
        }

        /// The gesture id.
        public var id: String
        /// `coupon`, `car`, `flowers`, `refund`, `callback`, `other`, when known.
        public var kind: String?
        /// Its value, when it has one.
        public var value: Double?
        /// Currency of the value.
        public var currency: String?
        /// The free-text note (car class, coupon code…).
        public var note: String?
        /// The deadline of the current step, when set.
        public var deadline: Double?
        /// The steps in order.
        public var steps: [Step]

        /// Creates a gesture record.
        public init(
            id: String, kind: String? = nil, value: Double? = nil, currency: String? = nil, note: String? = nil,
            deadline: Double? = nil, steps: [Step] = []
        ) {
            self.id = id
            self.kind = kind
            self.value = value
            self.currency = currency
            self.note = note
            self.deadline = deadline
            self.steps = steps
        }

        /// The last step that changed its state (overdue warnings do not).
        public var state: String { steps.last { $0.name != "overdue" }?.name ?? "proposed" }

        /// Whether it reached the customer at some point.
        public var delivered: Bool { steps.contains { $0.name == "delivered" } }
    }
}
