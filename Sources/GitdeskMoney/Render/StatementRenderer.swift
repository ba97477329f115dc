import Foundation
import GitdeskCore

/// Renders a statement as Markdown (the default, also fine as text), CSV or HTML. Every
/// total printed is the sum of the lines printed above it.
public struct StatementRenderer {
    public let statement: Statement
    public let format: MoneyFormat

    public init(statement: Statement, format: MoneyFormat) {
        self.statement = statement
        self.format = format
    }

    private var russian: Bool { format.locale == "ru" }
    private func t(_ ru: String, _ en: String) -> String { russian ? ru : en }

    private var workRows: [[String]] {
        statement.work.map { m in
            [m.date.description, m.ticket ?? "", m.login ?? "", m.kind ?? "", Duration(minutes: m.minutes ?? 0).description,
             m.rate.map(format.string) ?? "", format.string(-m.amount), m.note]
        }
    }

    private var ledgerRows: [[String]] {
        statement.ledger.map { m in [m.date.description, label(m.source), format.string(m.amount), m.note] }
    }

    private func label(_ source: Movement.Source) -> String {
        switch source {
        case .payment: return t("оплата", "payment")
        case .credit: return t("зачёт", "credit")
        case .charge: return t("начисление", "charge")
        case .work: return t("работа", "work")
        }
    }

    private var summary: [(String, String)] {
        [(t("Входящий остаток", "Opening balance"), format.string(statement.opening)),
         (t("Работы", "Work charged"), format.string(-statement.workTotal)),
         (t("Оплаты", "Payments"), format.string(statement.payments)),
         (t("Зачёты", "Credits"), format.string(statement.credits)),
         (t("Начисления", "Charges"), format.string(-statement.charges)),
         (t("Исходящий остаток", "Closing balance"), format.string(statement.closing))]
    }

    private var workHeader: [String] {
        [t("Дата", "Date"), t("Заявка", "Ticket"), t("Исполнитель", "Person"), t("Вид", "Kind"), t("Время", "Time"),
         t("Ставка", "Rate"), t("Сумма", "Amount"), t("Что сделано", "Note")]
    }

    private var title: String {
        "\(t("Выписка", "Statement")): \(statement.clientName) — \(statement.period) (\(statement.first) … \(statement.last))"
    }

    public func markdown() -> String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
            return (["| " + header.map(escape).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
                + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }).joined(separator: "\n")
        }
        var out = ["# \(title)", "", "\(t("Входящий остаток", "Opening balance")): \(format.string(statement.opening))", ""]
        out += ["## \(t("Работы", "Work"))", ""]
        out.append(workRows.isEmpty ? t("Работ за период нет.", "No work charged in the period.") : table(workHeader, workRows))
        let minutes = statement.work.reduce(0) { $0 + ($1.minutes ?? 0) }
        out += ["", "\(t("Итого работ", "Work total")): \(Duration(minutes: minutes)), \(format.string(statement.workTotal))"]
        if !statement.disputedIDs.isEmpty {
            out.append("\(t("Оспаривается", "Disputed")): \(format.string(statement.disputedTotal)) "
                       + "(\(statement.disputedIDs.map { "^" + $0 }.joined(separator: ", ")))")
        }
        if statement.notChargedMinutes > 0 {
            out.append("\(t("Не выставлено (наше время)", "Not charged (our time)")): \(Duration(minutes: statement.notChargedMinutes))")
        }
        out += ["", "## \(t("Оплаты и начисления", "Payments and charges"))", ""]
        out.append(ledgerRows.isEmpty ? t("Движений нет.", "None in the period.")
                   : table([t("Дата", "Date"), t("Вид", "Type"), t("Сумма", "Amount"), t("Основание", "Note")], ledgerRows))
        out += ["", "## \(t("Итоги", "Summary"))", ""]
        out.append(table([t("Показатель", "Item"), t("Сумма", "Amount")], summary.map { [$0.0, $0.1] }))
        return out.joined(separator: "\n") + "\n"
    }

    /// CSV an accountant can sum: every movement's `amount` signed by its effect on the
    /// balance (work and charges negative), `balance` running after each row, so opening +
    /// the sum of `amount` = closing. The opening and closing rows carry only a balance.
    public func csv() -> String {
        var rows = [["section", "date", "id", "ticket", "login", "kind", "minutes", "rate", "amount", "balance", "note"]]
        var balance = statement.opening
        rows.append(["opening", statement.first.description, "", "", "", "", "", "", "", balance.plain, ""])
        let movements = (statement.work + statement.ledger).sorted { ($0.date, $0.location) < ($1.date, $1.location) }
        for m in movements {
            balance = balance + m.amount
            rows.append([m.source.rawValue, m.date.description, m.id ?? "", m.ticket ?? "", m.login ?? "", m.kind ?? "",
                         m.minutes.map(String.init) ?? "", m.rate?.plain ?? "", m.amount.plain, balance.plain, m.note])
        }
        rows.append(["closing", statement.last.description, "", "", "", "", "", "", "", statement.closing.plain, ""])
        return CSV.render(rows, numeric: ["minutes", "rate", "amount", "balance"])
    }

    /// A print-ready standalone page: inline CSS, no scripts, every text escaped.
    public func html() -> String {
        func row(_ cells: [String], header: Bool = false) -> String {
            "<tr>" + cells.map { header ? "<th scope=\"col\">\(escapeHTML($0))</th>" : "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>"
        }
        var out = """
            <!DOCTYPE html>
            <html lang="\(format.locale)">
            <head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(escapeHTML(title))</title>
            <style>body{font:14px/1.4 sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:1em 0}
            td,th{border:1px solid #999;padding:.2em .5em;text-align:left}@media print{body{margin:0}}</style></head>
            <body><main><h1>\(escapeHTML(title))</h1>

            """
        out += "<h2>\(escapeHTML(t("Работы", "Work")))</h2>\n<table>\n" + row(workHeader, header: true) + "\n"
        out += workRows.map { row($0) }.joined(separator: "\n") + "\n</table>\n"
        out += "<h2>\(escapeHTML(t("Оплаты и начисления", "Payments and charges")))</h2>\n<table>\n"
        out += row([t("Дата", "Date"), t("Вид", "Type"), t("Сумма", "Amount"), t("Основание", "Note")], header: true) + "\n"
        out += ledgerRows.map { row($0) }.joined(separator: "\n") + "\n</table>\n"
        out += "<h2>\(escapeHTML(t("Итоги", "Summary")))</h2>\n<table>\n" + summary.map { row([$0.0, $0.1]) }.joined(separator: "\n")
        out += "\n</table>\n</main></body>\n</html>\n"
        return out
    }
}

/// Escapes text for HTML element content and attribute values.
public func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}
