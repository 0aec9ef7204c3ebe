extension ReachChart {
    private enum Layout {
        static let plotLeft = 72.0
        static let plotRight = 780.0
        static let plotTop = 40.0
        static let plotBottom = 250.0
        static let laneTop = 282.0
        static let laneHeight = 18.0
        static let observedColour = "#1f4e79"
        static let forecastColour = "#b03a2e"
    }

    /// The chart as one self-contained SVG element (fixed view box, no scripts, no external fonts).
    public func svg() -> String {
        let timeAxis = TimeAxis(
            times: samples.map(\.time) + markers.map(\.time), left: Layout.plotLeft, right: Layout.plotRight)
        let valueAxis = ValueAxis(values: plottedValues, top: Layout.plotTop, bottom: Layout.plotBottom)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\""
        out += " width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" class=\"reach-chart\" role=\"img\""
        out += " aria-label=\"\(esc(caption))\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#222\">\n"
        out += "<title>\(esc(caption))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" fill=\"#fff\"/>\n"
        out += legend()
        out += valueGrid(valueAxis)
        out += timeGrid(timeAxis)
        out += forecastBand(timeAxis, valueAxis)
        out += lines(timeAxis, valueAxis)
        if samples.isEmpty {
            let middle = (Layout.plotLeft + Layout.plotRight) / 2
            let y = (Layout.plotTop + Layout.plotBottom) / 2
            out += "<text x=\"\(n(middle))\" y=\"\(n(y))\" text-anchor=\"middle\" fill=\"#666\">"
            out += "No reach was recorded for this incident.</text>\n"
        }
        out += lanes()
        for marker in markers { out += markerElement(marker, timeAxis) }
        out += "</svg>\n"
        return out
    }

    private func legend() -> String {
        let y = 20.0
        var out = "<g class=\"legend\">\n"
        out += "<line x1=\"72\" y1=\"\(n(y))\" x2=\"96\" y2=\"\(n(y))\" stroke=\"\(Layout.observedColour)\""
        out += " stroke-width=\"2.5\"/><text x=\"100\" y=\"\(n(y + 4))\">observed audience</text>\n"
        out += "<line x1=\"220\" y1=\"\(n(y))\" x2=\"244\" y2=\"\(n(y))\" stroke=\"\(Layout.forecastColour)\""
        out += " stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        out += "<text x=\"248\" y=\"\(n(y + 4))\">forecast final reach (made at that time)</text>\n"
        out += "<rect x=\"480\" y=\"\(n(y - 6))\" width=\"24\" height=\"12\" fill=\"\(Layout.forecastColour)\""
        out += " fill-opacity=\"0.15\"/><text x=\"508\" y=\"\(n(y + 4))\">90% forecast interval</text>\n"
        let scale = usesLogScale ? "log scale" : "linear scale"
        out += "<text x=\"780\" y=\"\(n(y + 4))\" text-anchor=\"end\" fill=\"#666\">\(scale)</text>\n"
        return out + "</g>\n"
    }

    private func valueGrid(_ axis: ValueAxis) -> String {
        var out = "<g class=\"value-axis\">\n"
        for tick in axis.ticks {
            let y = n(axis.y(tick))
            out += "<line x1=\"\(n(Layout.plotLeft))\" y1=\"\(y)\" x2=\"\(n(Layout.plotRight))\" y2=\"\(y)\""
            out += " stroke=\"#ddd\" stroke-width=\"1\"/>"
            out += "<text x=\"\(n(Layout.plotLeft - 6))\" y=\"\(n(axis.y(tick) + 4))\" text-anchor=\"end\">"
            out += esc(ReviewFormat.compact(tick)) + "</text>\n"
        }
        out += "<line x1=\"\(n(Layout.plotLeft))\" y1=\"\(n(Layout.plotTop))\" x2=\"\(n(Layout.plotLeft))\""
        out += " y2=\"\(n(Layout.plotBottom))\" stroke=\"#444\" stroke-width=\"1\"/>\n"
        return out + "</g>\n"
    }

    private func timeGrid(_ axis: TimeAxis) -> String {
        var out = "<g class=\"time-axis\">\n"
        out += "<line x1=\"\(n(Layout.plotLeft))\" y1=\"\(n(Layout.plotBottom))\" x2=\"\(n(Layout.plotRight))\""
        out += " y2=\"\(n(Layout.plotBottom))\" stroke=\"#444\" stroke-width=\"1\"/>\n"
        for tick in axis.ticks {
            let x = n(axis.x(tick))
            out += "<line x1=\"\(x)\" y1=\"\(n(Layout.plotBottom))\" x2=\"\(x)\" y2=\"\(n(Layout.plotBottom + 5))\""
            out += " stroke=\"#444\"/><text x=\"\(x)\" y=\"\(n(Layout.plotBottom + 18))\" text-anchor=\"middle\">"
            out += esc(axis.label(tick)) + "</text>\n"
        }
        let first = ReviewFormat.clock(axis.start, withDate: true).prefix(10)
        let last = ReviewFormat.clock(axis.end, withDate: true).prefix(10)
        let dates = first == last ? String(first) : first + " – " + last
        out += "<text x=\"\(n(Layout.plotRight))\" y=\"\(n(Self.height - 6))\" text-anchor=\"end\" fill=\"#666\">"
        out += "time (UTC), " + esc(dates) + "</text>\n"
        return out + "</g>\n"
    }

    private func forecastBand(_ timeAxis: TimeAxis, _ valueAxis: ValueAxis) -> String {
        let forecasts = samples.filter(\.hasForecast)
        guard !forecasts.isEmpty else { return "" }
        func low(_ s: ReachSample) -> Double { valueAxis.y(s.forecastLow ?? s.forecastReach ?? 0) }
        func high(_ s: ReachSample) -> Double {
            s.forecastHigh.map(valueAxis.y) ?? Layout.plotTop
        }
        let attributes = "fill=\"\(Layout.forecastColour)\" fill-opacity=\"0.15\" stroke=\"none\""
        if forecasts.count == 1, let only = forecasts.first {
            let x = timeAxis.x(only.time)
            let top = high(only)
            return "<rect class=\"forecast-band\" x=\"\(n(x - 4))\" y=\"\(n(top))\" width=\"8\""
                + " height=\"\(n(max(low(only) - top, 1)))\" \(attributes)/>\n"
        }
        let lower = forecasts.map { "\(n(timeAxis.x($0.time))),\(n(low($0)))" }
        let upper = forecasts.reversed().map { "\(n(timeAxis.x($0.time))),\(n(high($0)))" }
        return "<polygon class=\"forecast-band\" points=\"\((lower + upper).joined(separator: " "))\" \(attributes)/>\n"
    }

    private func lines(_ timeAxis: TimeAxis, _ valueAxis: ValueAxis) -> String {
        var out = ""
        let forecasts = samples.compactMap { s in s.forecastReach.map { (s, $0) } }
        if forecasts.count > 1 {
            let points = forecasts.map { "\(n(timeAxis.x($0.0.time))),\(n(valueAxis.y($0.1)))" }
            out += "<polyline class=\"forecast-line\" points=\"\(points.joined(separator: " "))\" fill=\"none\""
            out += " stroke=\"\(Layout.forecastColour)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n"
        }
        let observed = samples.compactMap { s in s.audience.map { (s, $0) } }
        if observed.count > 1 {
            let points = observed.map { "\(n(timeAxis.x($0.0.time))),\(n(valueAxis.y($0.1)))" }
            out += "<polyline class=\"observed-line\" points=\"\(points.joined(separator: " "))\" fill=\"none\""
            out += " stroke=\"\(Layout.observedColour)\" stroke-width=\"2.5\"/>\n"
        }
        for sample in samples {
            let x = n(timeAxis.x(sample.time))
            let tip = esc(sampleLabel(sample))
            if let reach = sample.forecastReach {
                out += "<circle class=\"sample forecast-point\" cx=\"\(x)\" cy=\"\(n(valueAxis.y(reach)))\" r=\"3\""
                out += " fill=\"#fff\" stroke=\"\(Layout.forecastColour)\" stroke-width=\"1.5\"><title>\(tip)"
                out += "</title></circle>\n"
            }
            if let audience = sample.audience {
                out += "<circle class=\"sample observed-point\" cx=\"\(x)\" cy=\"\(n(valueAxis.y(audience)))\""
                out += " r=\"3.5\" fill=\"\(Layout.observedColour)\"><title>\(tip)</title></circle>\n"
            }
        }
        return out
    }

    private func sampleLabel(_ sample: ReachSample) -> String {
        var parts = [ReviewFormat.clock(sample.time, withDate: false) + " UTC"]
        if let audience = sample.audience { parts.append("audience " + ReviewFormat.compact(audience)) }
        if let posts = sample.posts { parts.append("posts " + ReviewFormat.number(posts)) }
        if let reshares = sample.reshares { parts.append("reshares " + ReviewFormat.number(reshares)) }
        if let reach = sample.forecastReach {
            let low = sample.forecastLow.map(ReviewFormat.compact) ?? "?"
            let high = sample.forecastHigh.map(ReviewFormat.compact) ?? "unbounded"
            parts.append("forecast " + ReviewFormat.compact(reach) + " (90%: " + low + "–" + high + ")")
        }
        return parts.joined(separator: " · ")
    }

    private func lanes() -> String {
        var out = "<g class=\"lanes\">\n"
        for (index, kind) in MarkerKind.allCases.enumerated() {
            let middle = laneMiddle(kind)
            if index % 2 == 0 {
                out += "<rect x=\"\(n(Layout.plotLeft))\" y=\"\(n(middle - Layout.laneHeight / 2))\""
                out += " width=\"\(n(Layout.plotRight - Layout.plotLeft))\" height=\"\(n(Layout.laneHeight))\""
                out += " fill=\"#f4f4f4\"/>"
            }
            out += "<text x=\"\(n(Layout.plotLeft - 6))\" y=\"\(n(middle + 4))\" text-anchor=\"end\">"
            out += kind.label + "</text>\n"
        }
        return out + "</g>\n"
    }

    private func laneMiddle(_ kind: MarkerKind) -> Double {
        let index = Double(MarkerKind.allCases.firstIndex(of: kind) ?? 0)
        return Layout.laneTop + Layout.laneHeight * (index + 0.5)
    }

    private func markerElement(_ marker: Marker, _ axis: TimeAxis) -> String {
        let x = axis.x(marker.time)
        let y = laneMiddle(marker.kind)
        let colour = Self.colour(marker.kind)
        var out = "<g class=\"marker marker-\(marker.kind.rawValue)\" data-event=\"\(esc(marker.event.rawValue))\">"
        out += "<title>\(esc(marker.label))</title>"
        out += "<line x1=\"\(n(x))\" y1=\"\(n(Layout.plotTop))\" x2=\"\(n(x))\" y2=\"\(n(y))\" stroke=\"\(colour)\""
        out += " stroke-opacity=\"0.35\" stroke-dasharray=\"2 3\"/>"
        switch marker.kind {
        case .detection:
            out += "<path d=\"M\(n(x)),\(n(y - 6)) L\(n(x + 6)),\(n(y + 5)) L\(n(x - 6)),\(n(y + 5)) Z\""
            out += " fill=\"\(colour)\"/>"
        case .page:
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"\(colour)\"/>"
        case .ack:
            out += "<rect x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
        case .reply:
            out += "<path d=\"M\(n(x)),\(n(y - 6)) L\(n(x + 6)),\(n(y)) L\(n(x)),\(n(y + 6)) L\(n(x - 6)),\(n(y)) Z\""
            out += " fill=\"\(colour)\"/>"
        case .gesture:
            out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"#fff\" stroke=\"\(colour)\""
            out += " stroke-width=\"2.5\"/>"
        case .closure:
            out += "<path d=\"M\(n(x - 1)),\(n(y + 7)) L\(n(x - 1)),\(n(y - 7)) L\(n(x + 8)),\(n(y - 4))"
            out += " L\(n(x - 1)),\(n(y - 1))\" fill=\"\(colour)\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
        }
        return out + "</g>\n"
    }

    private static func colour(_ kind: MarkerKind) -> String {
        switch kind {
        case .detection: "#b03a2e"
        case .page: "#d68910"
        case .ack: "#1e8449"
        case .reply: "#2874a6"
        case .gesture: "#7d3c98"
        case .closure: "#212f3d"
        }
    }

    /// A coordinate with at most one decimal.
    private func n(_ value: Double) -> String {
        ReviewFormat.number((value * 10).rounded() / 10)
    }

    private func esc(_ text: String) -> String { ReviewFormat.xml(text) }
}
