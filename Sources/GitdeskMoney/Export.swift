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
        // Each movement's file, by number into `files` (one per work file, however many lines).
        var files: [String] = [], fileNumbers: [Int] = []
        fileNumbers.reserveCapacity(all.capacity)
        for folder in folders {
            for (facts, work) in zip(folder.tickets, try folder.detailedWork()) {
                let file = facts.workFile, card = cards.clients[facts.client]
                files.append(file)
                for (entry, detail) in work {
                    let (billable, rate, amount) = pricing.price(kind: entry.kind, minutes: entry.minutes, on: entry.date,
                                                                 card: card, project: facts.project)
                    guard billable else { continue }
                    all.append(Movement(date: entry.date, client: facts.client, source: .work, amount: -amount, id: detail.id,
                                        note: detail.note, location: SourceLocation(file: file, line: detail.line),
                                        ticket: facts.ticket, login: entry.login, kind: entry.kind, minutes: entry.minutes, rate: rate))
                    fileNumbers.append(files.count - 1)
                }
            }
        }
        for ledger in cards.ledgers.values {
            for line in ledger.lines {
                all.append(Movement(ledgerLine: line, client: ledger.client))
                files.append(line.location.file)
                fileNumbers.append(files.count - 1)
            }
        }
        Self.sortByDayAndPlace(&all, files: files, fileNumbers: fileNumbers)
        movements = all
        currency = cards.config.currency
        clients = cards.clients.keys.sorted()
        ledgerAccounts = cards.config.ledgerAccounts
    }

    /// Sorts `movements` by day, then file and line: the order of every export. Sorting the
    /// movements themselves compared dates and file paths a million times over (most of a
    /// warm export); here the paths are ranked once, integers are sorted, and the movements
    /// are then moved into place along the permutation's cycles (no second array of them).
    static func sortByDayAndPlace(_ movements: inout [Movement], files: [String], fileNumbers: [Int]) {
        var rank = [Int](repeating: 0, count: files.count), next = 0
        let alphabetical = files.indices.sorted { files[$0] < files[$1] }
        for (position, number) in alphabetical.enumerated() {
            if position > 0 && files[number] != files[alphabetical[position - 1]] { next += 1 }
            rank[number] = next
        }
        struct Key { let day, file, line, index: Int }
        var keys = movements.indices.map { Key(day: movements[$0].date.ordinal, file: rank[fileNumbers[$0]], line: movements[$0].location.line, index: $0) }
        keys.sort { ($0.day, $0.file, $0.line, $0.index) < ($1.day, $1.file, $1.line, $1.index) }
        // Position k takes the movement at source[k]: swapped along each cycle (a swap moves
        // a movement without copying its strings), a position done marked -1.
        var source = keys.map(\.index)
        keys = []
        movements.withUnsafeMutableBufferPointer { buffer in
            for start in source.indices where source[start] >= 0 {
                var position = start
                while source[position] != start {
                    let from = source[position]
                    buffer.swapAt(position, from)
                    source[position] = -1
                    position = from
                }
                source[position] = -1
            }
        }
    }

    /// A double-entry hledger journal (SPEC §5 money, accounts from `gitdesk.yml`): payments
    /// move cash into the bank and the client's prepaid balance, a liability; work and
    /// charges move it from that liability into revenue; credits are an expense. Every
    /// account and the commodity are declared, so `hledger check --strict` passes, and
    /// `hledger bs` shows each client's balance as `gitdesk balance` does (a client in debt
    /// as a negative liability).
    public func hledger(write: ([UInt8]) -> Void) {
        let names = ledgerAccounts
        var out = JournalBytes()
        out += """
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
        // Fields read in place, not copied with the movement (whose strings a copy retains).
        for index in movements.indices {
            let other: String
            switch movements[index].source {
            case .work: other = names.work
            case .charge: other = names.charges
            case .payment: other = names.bank
            case .credit: other = names.credits
            }
            out.add(movements[index].date)
            if let id = movements[index].id { out += " ("; out += id; out += ")" }
            out += " "
            if movements[index].source == .work {
                out.addDescription(movements[index].ticket ?? "")
                out += " "
                out.addDescription(movements[index].login ?? "")
                out += " "
                out.add(Duration(minutes: movements[index].minutes ?? 0))
                out += " "
                out.addDescription(movements[index].kind ?? "")
            } else {
                out += movements[index].source.rawValue
            }
            if !movements[index].note.isEmpty { out += ": "; out.addDescription(movements[index].note) }
            // The client's liability moves against its balance; the other side with it.
            out += "\n    "; out += names.clients; out += ":"; out += movements[index].client; out += "  "; out.add(-movements[index].amount)
            out += " "; out += currency
            out += "\n    "; out += other; out += "  "; out.add(movements[index].amount); out += " "; out += currency; out += "\n\n"
            if out.bytes.count >= 1 << 20 {
                write(out.bytes)
                out.bytes.removeAll(keepingCapacity: true)
            }
        }
        write(out.bytes)
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

/// A journal's bytes, made without a string per piece: a string made and printed per
/// movement was most of a warm export of a million lines. Days, durations and amounts are
/// written as their `description` and `plain` spell them.
struct JournalBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 20 + 4096) }

    static func += (out: inout JournalBytes, text: String) {
        var text = text
        text.withUTF8 { out.bytes.append(contentsOf: $0) }
    }

    /// Text of a transaction's description: a `;` would start an hledger comment, so it is
    /// written as `,`.
    mutating func addDescription(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(UInt8(ascii: ";")) else { return bytes.append(contentsOf: utf8) }
            for byte in utf8 { bytes.append(byte == UInt8(ascii: ";") ? UInt8(ascii: ",") : byte) }
        }
    }

    mutating func add(_ day: Day) {
        guard day.year >= 0, day.month >= 0, day.day >= 0 else { return self += day.description }
        digits(UInt64(day.year), width: 4)
        bytes.append(UInt8(ascii: "-"))
        digits(UInt64(day.month), width: 2)
        bytes.append(UInt8(ascii: "-"))
        digits(UInt64(day.day), width: 2)
    }

    mutating func add(_ duration: Duration) {
        guard duration.minutes >= 0 else { return self += duration.description }
        let hours = duration.minutes / 60, minutes = duration.minutes % 60
        if hours > 0 { digits(UInt64(hours)); bytes.append(UInt8(ascii: "h")) }
        if minutes > 0 || hours == 0 { digits(UInt64(minutes)); bytes.append(UInt8(ascii: "m")) }
    }

    mutating func add(_ money: Money) {
        if money.minor < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = money.minor.magnitude
        digits(magnitude / 100)
        bytes.append(UInt8(ascii: "."))
        digits(magnitude % 100, width: 2)
    }

    /// A non-negative number in decimal, zero-padded to `width` (at most 20): written last
    /// digit first into a buffer on the stack, then appended at once.
    private mutating func digits(_ value: UInt64, width: Int = 1) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var start = raw.count, rest = value
            repeat {
                start -= 1
                raw[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            while raw.count - start < min(width, 20) {
                start -= 1
                raw[start] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }
}
