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

    /// Every movement of a desk read through its folder records: `cards` carry every
    /// finding a read of the whole desk's money makes (`DeskRepository.records`), and any
    /// of them refuses the export.
    public init(cards: Desk, folders: [FolderFacts]) throws {
        if !cards.findings.isEmpty { throw DeskError.invalidDesk(cards.findings) }
        let pricing = Pricing(desk: cards)
        var all: [Movement] = []
        all.reserveCapacity(folders.reduce(0) { $0 + $1.tickets.reduce(0) { $0 + $1.lines } } + cards.ledgers.values.reduce(0) { $0 + $1.lines.count })
        for folder in folders {
            for (facts, work) in zip(folder.tickets, try folder.detailedWork()) {
                let file = facts.workFile
                for (entry, detail) in work {
                    let (billable, rate, amount) = pricing.price(kind: entry.kind, minutes: entry.minutes, on: entry.date,
                                                                 client: facts.client, project: facts.project)
                    guard billable else { continue }
                    all.append(Movement(date: entry.date, client: facts.client, source: .work, amount: -amount, id: detail.id,
                                        note: detail.note, location: SourceLocation(file: file, line: detail.line),
                                        ticket: facts.ticket, login: entry.login, kind: entry.kind, minutes: entry.minutes, rate: rate))
                }
            }
        }
        for ledger in cards.ledgers.values { all += ledger.lines.map { Movement(ledgerLine: $0, client: ledger.client) } }
        all.sort { ($0.date, $0.location) < ($1.date, $1.location) }
        movements = all
        currency = cards.config.currency
        clients = cards.clients.keys.sorted()
        ledgerAccounts = cards.config.ledgerAccounts
    }

    /// A double-entry hledger journal (SPEC §5 money, accounts from `gitdesk.yml`): payments
    /// move cash into the bank and the client's prepaid balance, a liability; work and
    /// charges move it from that liability into revenue; credits are an expense. Every
    /// account and the commodity are declared, so `hledger check --strict` passes, and
    /// `hledger bs` shows each client's balance as `gitdesk balance` does (a client in debt
    /// as a negative liability).
    public func hledger(write: (String) -> Void) {
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
        write(out)
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
            // A `;` starts an hledger comment. (Swift's own map: Foundation's replacing was most of the time.)
            if description.utf8.contains(UInt8(ascii: ";")) { description = String(description.map { $0 == ";" ? "," : $0 }) }
            // The client's liability moves against its balance; the other side with it.
            write("\(m.date)\(m.id.map { " (\($0))" } ?? "") \(description)\n"
                + "    \(names.clients):\(m.client)  \((-m.amount).plain) \(currency)\n"
                + "    \(other)  \(m.amount.plain) \(currency)\n\n")
        }
    }

    public static let csvHeader = ["date", "client", "type", "id", "ticket", "login", "kind", "minutes", "rate", "amount", "note"]

    /// CSV with plain numbers: amounts in major units, signed by their effect on the
    /// client's balance (work and charges negative), so a client's rows sum to its balance.
    public func csv(write: (String) -> Void) {
        CSV.write(header: MoneyExport.csvHeader, rows: movements.lazy.map { m in
            [m.date.description, m.client, m.source.rawValue, m.id ?? "", m.ticket ?? "", m.login ?? "", m.kind ?? "",
             m.minutes.map(String.init) ?? "", m.rate?.plain ?? "", m.amount.plain, m.note]
        }, numeric: ["minutes", "rate", "amount"], to: write)
    }
}

/// RFC 4180 CSV that is safe to open in a spreadsheet: a text cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is prefixed with `'` so it is shown, never run as a
/// formula (the OWASP rule). Cells of the numeric columns that are plain numbers stay as
/// they are, so amounts like `-4000.00` remain numbers.
public enum CSV {
    /// `rows[0]` is the header; `numeric` names the columns whose numbers stay numbers.
    public static func render(_ rows: [[String]], numeric: Set<String> = []) -> String {
        var out = ""
        write(header: rows.first ?? [], rows: rows.dropFirst(), numeric: numeric) { out += $0 }
        return out
    }

    /// The same, a line at a time, for output too large to hold.
    public static func write<Rows: Sequence>(header: [String], rows: Rows, numeric: Set<String>, to write: (String) -> Void)
        where Rows.Element == [String] {
        let numericColumns = Set(header.indices.filter { numeric.contains(header[$0]) })
        func line(_ row: [String], isHeader: Bool) -> String {
            row.enumerated().map { column, cell in
                let safe = !isHeader && numericColumns.contains(column) && isPlainNumber(cell) ? cell : neutralised(cell)
                // Bytes, not characters: this runs for every cell of a million-line export.
                return safe.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
                    ? "\"" + String(safe.flatMap { $0 == "\"" ? "\"\"" : String($0) }) + "\"" : safe
            }.joined(separator: ",") + "\r\n"
        }
        write(line(header, isHeader: true))
        for row in rows { write(line(row, isHeader: false)) }
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
