import Foundation
import GitdeskCore

/// Every movement of every client, for accounting tools. Fails when any client's money is
/// ambiguous: an export is complete or it is not made.
public struct MoneyExport {
    public let movements: [Movement]
    public let currency: String

    public init(desk: Desk) throws {
        let accounts = Accounts(desk: desk)
        if !accounts.deskFindings.isEmpty { throw DeskError.invalidDesk(accounts.deskFindings) }
        var all: [Movement] = []
        var blocked: [Finding] = []
        for (_, result) in accounts.all() {
            switch result {
            case .success(let account): all += account.movements
            case .failure(let error): blocked += error.findings
            }
        }
        if !blocked.isEmpty { throw DeskError.invalidDesk(blocked) }
        movements = all.sorted { ($0.date, $0.location) < ($1.date, $1.location) }
        currency = desk.config.currency
    }

    /// An hledger journal: one transaction per movement; `hledger balance clients` shows
    /// the same balances as `gitdesk balance`.
    public func hledger() -> String {
        var out = "; gitdesk export — client balances are the clients:* accounts\n\n"
        for m in movements {
            let other: String
            switch m.source {
            case .work: other = "revenue:work"
            case .charge: other = "revenue:charges"
            case .payment: other = "assets:bank"
            case .credit: other = "expenses:credits"
            }
            var description = m.source == .work
                ? "\(m.ticket ?? "") \(m.login ?? "") \(Duration(minutes: m.minutes ?? 0)) \(m.kind ?? "")" + (m.note.isEmpty ? "" : ": \(m.note)")
                : "\(m.source.rawValue)" + (m.note.isEmpty ? "" : ": \(m.note)")
            description = description.replacingOccurrences(of: ";", with: ",")
            out += "\(m.date)\(m.id.map { " (\($0))" } ?? "") \(description)\n"
            out += "    clients:\(m.client)  \(m.amount.plain) \(currency)\n"
            out += "    \(other)  \((-m.amount).plain) \(currency)\n\n"
        }
        return out
    }

    public static let csvHeader = ["date", "client", "type", "id", "ticket", "login", "kind", "minutes", "rate", "amount", "note"]

    /// RFC 4180 CSV with plain numbers (amounts in major units, signed by their effect on
    /// the balance).
    public func csv() -> String {
        CSV.render([MoneyExport.csvHeader] + movements.map { m in
            [m.date.description, m.client, m.source.rawValue, m.id ?? "", m.ticket ?? "", m.login ?? "", m.kind ?? "",
             m.minutes.map(String.init) ?? "", m.rate?.plain ?? "", m.amount.plain, m.note]
        })
    }
}

/// RFC 4180 CSV.
public enum CSV {
    public static func render(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}
