import Foundation
import GitdeskCore

/// Every movement of every client, for accounting tools. Fails when any client's money is
/// ambiguous: an export is complete or it is not made.
public struct MoneyExport {
    public let movements: [Movement]
    public let currency: String
    /// Every client of the desk, sorted (each has an account, moved or not).
    public let clients: [String]
    public let ledgerAccounts: LedgerAccounts

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
        clients = desk.clients.keys.sorted()
        ledgerAccounts = desk.config.ledgerAccounts
    }

    /// A double-entry hledger journal (SPEC §5 money, accounts from `gitdesk.yml`): payments
    /// move cash into the bank and the client's prepaid balance, a liability; work and
    /// charges move it from that liability into revenue; credits are an expense. Every
    /// account and the commodity are declared, so `hledger check --strict` passes, and
    /// `hledger bs` shows each client's balance as `gitdesk balance` does (a client in debt
    /// as a negative liability).
    public func hledger() -> String {
        let names = ledgerAccounts
        var out = """
            ; gitdesk export. Each client's prepaid balance is \(names.clients):CLIENT (a liability:
            ; `hledger bs` shows it as `gitdesk balance` does; a client in debt is negative there).

            commodity 1000.00 \(currency)

            account \(names.bank)  ; type: A
            account \(names.clients)  ; type: L

            """
        for client in clients { out += "account \(names.clients):\(client)  ; type: L\n" }
        out += """
            account \(names.work)  ; type: R
            account \(names.charges)  ; type: R
            account \(names.credits)  ; type: X


            """
        for m in movements {
            let other: String
            switch m.source {
            case .work: other = names.work
            case .charge: other = names.charges
            case .payment: other = names.bank
            case .credit: other = names.credits
            }
            var description = m.source == .work
                ? "\(m.ticket ?? "") \(m.login ?? "") \(Duration(minutes: m.minutes ?? 0)) \(m.kind ?? "")" + (m.note.isEmpty ? "" : ": \(m.note)")
                : "\(m.source.rawValue)" + (m.note.isEmpty ? "" : ": \(m.note)")
            description = description.replacingOccurrences(of: ";", with: ",")
            // The client's liability moves against its balance; the other side with it.
            out += "\(m.date)\(m.id.map { " (\($0))" } ?? "") \(description)\n"
            out += "    \(names.clients):\(m.client)  \((-m.amount).plain) \(currency)\n"
            out += "    \(other)  \(m.amount.plain) \(currency)\n\n"
        }
        return out
    }

    public static let csvHeader = ["date", "client", "type", "id", "ticket", "login", "kind", "minutes", "rate", "amount", "note"]

    /// CSV with plain numbers: amounts in major units, signed by their effect on the
    /// client's balance (work and charges negative), so a client's rows sum to its balance.
    public func csv() -> String {
        CSV.render([MoneyExport.csvHeader] + movements.map { m in
            [m.date.description, m.client, m.source.rawValue, m.id ?? "", m.ticket ?? "", m.login ?? "", m.kind ?? "",
             m.minutes.map(String.init) ?? "", m.rate?.plain ?? "", m.amount.plain, m.note]
        }, numeric: ["minutes", "rate", "amount"])
    }
}

/// RFC 4180 CSV that is safe to open in a spreadsheet: a text cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is prefixed with `'` so it is shown, never run as a
/// formula (the OWASP rule). Cells of the numeric columns that are plain numbers stay as
/// they are, so amounts like `-4000.00` remain numbers.
public enum CSV {
    /// `rows[0]` is the header; `numeric` names the columns whose numbers stay numbers.
    public static func render(_ rows: [[String]], numeric: Set<String> = []) -> String {
        let numericColumns = Set((rows.first ?? []).indices.filter { numeric.contains(rows[0][$0]) })
        return rows.enumerated().map { rowIndex, row in
            row.enumerated().map { column, cell in
                let safe = rowIndex > 0 && numericColumns.contains(column) && isPlainNumber(cell) ? cell : neutralised(cell)
                return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return cell }
        return "'" + cell
    }

    /// `-1234.50`, `80`: an optional minus, digits, optionally a point and digits.
    static func isPlainNumber(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
