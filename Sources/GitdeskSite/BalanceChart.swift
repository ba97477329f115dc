import GitdeskCore
import GitdeskMoney

/// The balance over the last twelve months as inline SVG: a bar per month-end, above the
/// line for prepayment, below it for debt. Drawn by gitdesk from numbers only (no text of
/// the desk in it), so it needs no script and no escaping beyond the month labels.
enum BalanceChart {
    static func svg(_ months: [BalanceOutlook.MonthEnd], title: String, format: MoneyFormat) -> String {
        let width = 360, height = 150, top = 12, bottom = 22
        let values = months.map(\.balance.minor)
        let high = max(values.max() ?? 0, 0), low = min(values.min() ?? 0, 0)
        let span = max(high - low, 1)
        let plot = height - top - bottom
        func y(_ value: Int64) -> Int { top + Int((high - value) * Int64(plot) / span) }
        let zero = y(0)
        let slot = width / max(months.count, 1)
        var bars = ""
        for (index, month) in months.enumerated() {
            let value = month.balance.minor
            let x = index * slot + slot / 6
            let barTop = value >= 0 ? y(value) : zero
            let barHeight = max(abs(y(value) - zero), value == 0 ? 0 : 1)
            let label = escapeHTML("\(month.month): \(format.string(month.balance))")
            bars += "<rect class=\"\(value < 0 ? "debt" : "prepaid")\" x=\"\(x)\" y=\"\(barTop)\" width=\"\(slot * 2 / 3)\" height=\"\(barHeight)\"><title>\(label)</title></rect>"
            // The first label starts at its bar, the last ends at its bar: both inside the box.
            if index == 0 {
                bars += "<text x=\"\(x)\" y=\"\(height - 6)\">\(escapeHTML(month.month))</text>"
            } else if index == months.count - 1 {
                bars += "<text x=\"\(x + slot * 2 / 3)\" y=\"\(height - 6)\" text-anchor=\"end\">\(escapeHTML(month.month))</text>"
            }
        }
        return "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
            + "<title>\(escapeHTML(title))</title><line x1=\"0\" x2=\"\(width)\" y1=\"\(zero)\" y2=\"\(zero)\"/>" + bars + "</svg>"
    }
}
