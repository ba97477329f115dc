import GitdeskMoney

/// A chart drawn by gitdesk as inline SVG: one value per category (month, week, person) in
/// each series, as lines, side-by-side bars or stacked bars. Every mark carries a `<title>`
/// with its exact figure, so hovering shows it without a script; the page needs none.
struct Chart {
    enum Style { case lines, bars, stacked }

    struct Series {
        let name: String
        /// Exact values in the chart's unit (minor units, minutes, basis points); nil where
        /// there is none (a month without hours has no rate): a line breaks there.
        let values: [Int64?]
        /// What a mark says when hovered.
        let label: (Int64) -> String
    }

    let title: String
    let style: Style
    let categories: [String]
    let series: [Series]
    /// A horizontal reference line (the plan's allowance, a target), with what it says.
    var reference: (value: Int64, label: String)?

    /// The drawing for a desktop's column and for a phone's: each is drawn at about the
    /// size it is shown, so its words stay 11–12 px on screen.
    static let wide = 520, narrow = 300
    private static let height = 240, left = 8, right = 8, top = 20, bottom = 26, legendRow = 16

    /// The chart as a captioned figure: the wide drawing, and the narrow one a phone shows
    /// instead (no script: the stylesheet picks one).
    func html() -> String {
        "<figure class=\"chart-box\">" + svg(width: Self.wide, class: "wide") + svg(width: Self.narrow, class: "narrow")
            + "<figcaption>\(escapeHTML(title))</figcaption></figure>"
    }

    func svg(width: Int, class variant: String) -> String {
        // The legend first: its rows, wrapped to the width, set the drawing's height.
        var legend = "", legendX = Self.left, legendRows = 1
        var items: [(x: Int, row: Int, number: Int, name: String)] = []
        for (number, line) in series.enumerated() {
            let itemWidth = 24 + line.name.count * 7
            if legendX > Self.left, legendX + itemWidth > width - Self.right { legendX = Self.left; legendRows += 1 }
            items.append((legendX, legendRows - 1, number, line.name))
            legendX += itemWidth
        }
        let plotBottom = Self.height - Self.bottom - Self.legendRow
        let height = Self.height + (legendRows - 1) * Self.legendRow
        for item in items {
            let y = plotBottom + Self.bottom + item.row * Self.legendRow
            legend += "<rect class=\"s\(item.number % 8)\" x=\"\(item.x)\" y=\"\(y - 10)\" width=\"10\" height=\"10\"/>"
                + "<text class=\"legend\" x=\"\(item.x + 14)\" y=\"\(y - 1)\">\(escapeHTML(item.name))</text>"
        }
        let plotWidth = width - Self.left - Self.right, plotHeight = plotBottom - Self.top
        var high: Int64 = 0, low: Int64 = 0
        for index in categories.indices {
            if style == .stacked {
                let values = series.compactMap { $0.values[index] }
                high = max(high, values.filter { $0 > 0 }.reduce(0, +))
                low = min(low, values.filter { $0 < 0 }.reduce(0, +))
            } else {
                for value in series.compactMap({ $0.values[index] }) { high = max(high, value); low = min(low, value) }
            }
        }
        if let reference { high = max(high, reference.value); low = min(low, reference.value) }
        let span = max(high - low, 1)
        func y(_ value: Int64) -> Int {
            Self.top + Int(scaledRounded(high - value, by: Int64(plotHeight), over: span) ?? 0)
        }
        let slot = Double(plotWidth) / Double(max(categories.count, 1))
        func x(_ index: Int) -> Int { Self.left + Int(slot * Double(index)) }
        var marks = ""
        let zero = y(0)
        marks += "<line class=\"axis\" x1=\"\(Self.left)\" x2=\"\(width - Self.right)\" y1=\"\(zero)\" y2=\"\(zero)\"/>"
        // The axis's values: the highest (and the lowest below zero) in the chart's unit.
        let unit = series.first?.label
        if let unit, high > 0 {
            marks += "<line class=\"grid\" x1=\"\(Self.left)\" x2=\"\(width - Self.right)\" y1=\"\(y(high))\" y2=\"\(y(high))\"/>"
                + "<text class=\"value\" x=\"\(Self.left)\" y=\"\(y(high) - 4)\">\(escapeHTML(unit(high)))</text>"
        }
        if let unit, low < 0 {
            marks += "<text class=\"value\" x=\"\(Self.left)\" y=\"\(y(low) + 12)\">\(escapeHTML(unit(low)))</text>"
        }
        // As many labels as fit (a label is about 50 units wide), always the last.
        let every = max(1, Int((50 / slot).rounded(.up)))
        for (index, category) in categories.enumerated() where index % every == (categories.count - 1) % every {
            marks += "<text class=\"label\" x=\"\(x(index) + Int(slot / 2))\" y=\"\(plotBottom + 14)\">\(escapeHTML(category))</text>"
        }
        switch style {
        case .lines:
            for (number, line) in series.enumerated() {
                var run: [String] = []
                func finishRun() {
                    if run.count > 1 { marks += "<polyline class=\"s\(number % 8)\" points=\"\(run.joined(separator: " "))\"/>" }
                    run = []
                }
                for index in categories.indices {
                    guard let value = line.values[index] else { finishRun(); continue }
                    let point = (x(index) + Int(slot / 2), y(value))
                    run.append("\(point.0),\(point.1)")
                    marks += "<circle class=\"s\(number % 8)\" cx=\"\(point.0)\" cy=\"\(point.1)\" r=\"4\">"
                        + "<title>\(escapeHTML("\(categories[index]) · \(line.name): \(line.label(value))"))</title></circle>"
                }
                finishRun()
            }
        case .bars:
            let barWidth = max(Int(slot * 0.8) / max(series.count, 1), 1)
            for (number, bars) in series.enumerated() {
                for index in categories.indices {
                    guard let value = bars.values[index] else { continue }
                    let barX = x(index) + Int(slot * 0.1) + number * barWidth
                    marks += bar(x: barX, width: barWidth, from: zero, to: y(value), class: "s\(number % 8)",
                                 title: "\(categories[index]) · \(bars.name): \(bars.label(value))")
                }
            }
        case .stacked:
            let barWidth = max(Int(slot * 0.7), 1)
            for index in categories.indices {
                var above: Int64 = 0, below: Int64 = 0
                for (number, part) in series.enumerated() {
                    guard let value = part.values[index], value != 0 else { continue }
                    let base = value > 0 ? above : below
                    marks += bar(x: x(index) + Int(slot * 0.15), width: barWidth, from: y(base), to: y(base + value), class: "s\(number % 8)",
                                 title: "\(categories[index]) · \(part.name): \(part.label(value))")
                    if value > 0 { above += value } else { below += value }
                }
            }
        }
        if let reference {
            let level = y(reference.value)
            marks += "<line class=\"reference\" x1=\"\(Self.left)\" x2=\"\(width - Self.right)\" y1=\"\(level)\" y2=\"\(level)\">"
                + "<title>\(escapeHTML(reference.label))</title></line>"
        }
        return "<svg class=\"chart \(variant)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
            + "<title>\(escapeHTML(title))</title>" + marks + legend + "</svg>"
    }

    private func bar(x: Int, width: Int, from: Int, to: Int, class name: String, title: String) -> String {
        let top = min(from, to), height = max(abs(to - from), from == to ? 0 : 1)
        return "<rect class=\"\(name)\" x=\"\(x)\" y=\"\(top)\" width=\"\(width)\" height=\"\(height)\"><title>\(escapeHTML(title))</title></rect>"
    }
}
