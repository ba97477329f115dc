import Foundation
import GitdeskCore
import GitdeskWords

/// Renders a statement as Markdown (the default, also fine as text) or CSV (the HTML and
/// PDF statement is the site's statement page: `SiteBuilder.statementDocument`). Every total
/// printed is the sum of the lines printed above it.
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
    public func csv(dialect: CSV.Dialect = .machine) -> String {
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
        return CSV.render(rows, numeric: ["minutes", "rate", "amount", "balance"], dialect: dialect)
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
