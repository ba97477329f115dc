import Foundation
import GitdeskCore
import GitdeskWords

/// Renders a statement as Markdown (the default, also fine as text), CSV or HTML. Every
/// total printed is the sum of the lines printed above it.
public struct StatementRenderer {
    public let statement: Statement
    /// The language's words and formats (CSV stays locale-free).
    public let words: Words
    /// The firm, named on the printed act beside the client.
    public let company: String

    public init(statement: Statement, words: Words, company: String = "") {
        self.statement = statement
        self.words = words
        self.company = company
    }

    private var format: MoneyFormat { words.moneyFormat }

    private var workRows: [[String]] {
        statement.work.map { m in
            [words.day(m.date), m.ticket ?? "", m.login ?? "", m.kind.map { words.name($0, .kind) } ?? "", words.duration(minutes: m.minutes ?? 0),
             m.rate.map(format.string) ?? "", format.string(-m.amount), statement.note(of: m, words: words)]
        }
    }

    private var ledgerRows: [[String]] {
        statement.ledger.map { m in [words.day(m.date), label(m.source), format.string(m.amount), statement.note(of: m, words: words)] }
    }

    private func label(_ source: Movement.Source) -> String {
        switch source {
        case .payment: return words[StatementWord.payment]
        case .credit: return words[StatementWord.credit]
        case .charge: return words[StatementWord.charge]
        case .work: return words[StatementWord.work]
        }
    }

    private var summary: [(String, String)] {
        [(words[StatementWord.openingBalance], format.string(statement.opening)),
         (words[StatementWord.workCharged], format.string(-statement.workTotal)),
         (words[StatementWord.payments], format.string(statement.payments)),
         (words[StatementWord.credits], format.string(statement.credits)),
         (words[StatementWord.charges], format.string(-statement.charges)),
         (words[StatementWord.closingBalance], format.string(statement.closing))]
    }

    private var workHeader: [String] {
        [words[StatementWord.date], words[StatementWord.ticket], words[StatementWord.person], words[StatementWord.kind], words[StatementWord.time],
         words[StatementWord.rate], words[StatementWord.amount], words[StatementWord.note]]
    }

    private var title: String {
        "\(words[StatementWord.statement]): \(statement.clientName) — \(Period(statement.period).map(words.period) ?? statement.period) (\(words.day(statement.first)) … \(words.day(statement.last)))"
    }

    public func markdown() -> String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
            return (["| " + header.map(escape).joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
                + rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }).joined(separator: "\n")
        }
        var out = ["# \(title)", "", "\(words[StatementWord.openingBalance]): \(format.string(statement.opening))", ""]
        out += ["## \(words[StatementWord.work2])", ""]
        out.append(workRows.isEmpty ? words[StatementWord.noWorkChargedInThePeriod] : table(workHeader, workRows))
        let minutes = statement.work.reduce(0) { $0 + ($1.minutes ?? 0) }
        out += ["", "\(words[StatementWord.workTotal]): \(words.duration(minutes: minutes)), \(format.string(statement.workTotal))"]
        if !statement.disputedIDs.isEmpty {
            out.append("\(words[StatementWord.disputed]): \(format.string(statement.disputedTotal)) "
                       + "(\(statement.disputedIDs.map { "^" + $0 }.joined(separator: ", ")))")
        }
        if statement.notChargedMinutes > 0 {
            out.append("\(words[StatementWord.notChargedOurTime]): \(words.duration(minutes: statement.notChargedMinutes))")
        }
        out += ["", "## \(words[StatementWord.paymentsAndCharges])", ""]
        out.append(ledgerRows.isEmpty ? words[StatementWord.noneInThePeriod]
                   : table([words[StatementWord.date], words[StatementWord.type], words[StatementWord.amount], words[StatementWord.note2]], ledgerRows))
        out += ["", "## \(words[StatementWord.summary])", ""]
        out.append(table([words[StatementWord.item], words[StatementWord.amount]], summary.map { [$0.0, $0.1] }))
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

    /// The monthly act as a standalone page (inline CSS, no scripts, every text escaped):
    /// the parties, the opening balance, every work line with its total, payments, credits
    /// and charges each by date and document with their totals, the summary and a place for
    /// both signatures; printed (or `--format pdf`) it is an A4 document with page numbers.
    public func html() -> String {
        func cell(_ text: String, number: Bool = false) -> String { "<td\(number ? " class=\"num\"" : "")>\(escapeHTML(text))</td>" }
        func header(_ cells: [String], numbers: Set<Int> = []) -> String {
            "<thead><tr>" + cells.enumerated().map { "<th scope=\"col\"\(numbers.contains($0) ? " class=\"num\"" : "")>\(escapeHTML($1))</th>" }.joined() + "</tr></thead>"
        }
        func total(_ label: String, span: Int, value: String, after: Int = 0) -> String {
            "<tr class=\"total\"><th scope=\"row\" colspan=\"\(span)\">\(escapeHTML(label))</th>\(cell(value, number: true))" + String(repeating: "<td></td>", count: after) + "</tr>"
        }
        var out = """
            <!DOCTYPE html>
            <html lang="\(words.language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(escapeHTML(title))</title>
            <style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}
            td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td:not(:last-child){white-space:nowrap}tr.total th,tr.total td{font-weight:700;border-top:2px solid #111}.signatures{display:flex;gap:3em;margin-top:3em}
            .signatures p{flex:1;border-top:1px solid #111;padding-top:.3em}
            @page{size:A4;margin:18mm 15mm 20mm;@bottom-right{content:counter(page) " / " counter(pages);font:9pt sans-serif}}
            @media print{body{margin:0;font-size:10.5pt}tr{break-inside:avoid}}</style></head>
            <body><main><h1>\(escapeHTML(title))</h1>
            <p>\(escapeHTML([company, statement.clientName].filter { !$0.isEmpty }.joined(separator: " — ")))</p>
            <table><tbody><tr><th scope="row">\(escapeHTML(words[StatementWord.openingBalance]))</th>\(cell(format.string(statement.opening), number: true))</tr></tbody></table>

            """
        out += "<h2>\(escapeHTML(words[StatementWord.work2]))</h2>\n<table>\n" + header(workHeader, numbers: [5, 6]) + "<tbody>\n"
        out += statement.work.map { m in
            "<tr>" + [words.day(m.date), m.ticket ?? "", m.login ?? "", m.kind.map { words.name($0, .kind) } ?? "", words.duration(minutes: m.minutes ?? 0)].map { cell($0) }.joined()
                + cell(m.rate.map(format.string) ?? "", number: true) + cell(format.string(-m.amount), number: true) + cell(statement.note(of: m, words: words)) + "</tr>"
        }.joined(separator: "\n")
        out += total(words[StatementWord.workTotal], span: 6, value: format.string(statement.workTotal), after: 1) + "\n</tbody></table>\n"
        for (source, heading, sum) in [(Movement.Source.payment, words[StatementWord.payments], statement.payments),
                                       (.credit, words[StatementWord.credits], statement.credits), (.charge, words[StatementWord.charges], statement.charges)] {
            let lines = statement.ledger.filter { $0.source == source }
            guard !lines.isEmpty else { continue }
            out += "<h2>\(escapeHTML(heading))</h2>\n<table>\n" + header([words[StatementWord.date], words[StatementWord.document], words[StatementWord.amount]], numbers: [2]) + "<tbody>\n"
            out += lines.map { "<tr>" + cell(words.day($0.date)) + cell(statement.note(of: $0, words: words)) + cell(format.string(source == .charge ? -$0.amount : $0.amount), number: true) + "</tr>" }
                .joined(separator: "\n")
            out += total(words[StatementWord.total], span: 2, value: format.string(sum)) + "\n</tbody></table>\n"
        }
        out += "<h2>\(escapeHTML(words[StatementWord.summary]))</h2>\n<table><tbody>\n"
        out += summary.map { "<tr><th scope=\"row\">\(escapeHTML($0.0))</th>\(cell($0.1, number: true))</tr>" }.joined(separator: "\n")
        out += "\n</tbody></table>\n<div class=\"signatures\"><p>\(escapeHTML(company))</p><p>\(escapeHTML(statement.clientName))</p></div>\n</main></body>\n</html>\n"
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
