import Foundation
import GitdeskCore

/// Every movement of every client, for accounting tools. Fails when any client's money is
/// ambiguous: an export is complete or it is not made.
public struct MoneyExport {
    public let currency: String
    /// Every client of the desk, sorted (each has an account, moved or not).
    public let clients: [String]
    public let ledgerAccounts: LedgerAccounts
    private let cards: Desk, folders: [FolderFacts]
    private let pricing: Pricing
    /// Each movement's file, by number: every ticket's work log in folder order, then each
    /// ledger line's file; and where each folder's tickets begin among them.
    private let files: [String], firstFile: [Int]
    private let ledgerLines: [(line: Located<LedgerLine>, client: String)]

    /// The export of a desk read through its folder records: `cards` carry every finding a
    /// read of the whole desk's money makes (`DeskRepository.records`), and any of them
    /// refuses the export.
    public init(cards: Desk, folders: [FolderFacts]) throws {
        if !cards.findings.isEmpty { throw DeskError.invalidDesk(cards.findings) }
        self.cards = cards
        self.folders = folders
        pricing = Pricing(desk: cards)
        // Made on every core, by index (a ticket's facts copied would retain each of its strings).
        let workFiles = folders.concurrentMap { folder in folder.tickets.indices.map { folder.tickets[$0].workFile } }
        var files: [String] = [], firstFile: [Int] = []
        files.reserveCapacity(workFiles.reduce(0) { $0 + $1.count })
        for folderFiles in workFiles {
            firstFile.append(files.count)
            files += folderFiles
        }
        ledgerLines = cards.ledgers.values.flatMap { ledger in ledger.lines.map { (line: $0, client: ledger.client) } }
        self.files = files + ledgerLines.map(\.line.location.file)
        self.firstFile = firstFile
        currency = cards.config.currency
        clients = cards.clients.keys.sorted()
        ledgerAccounts = cards.config.ledgerAccounts
    }

    /// A billable work line of a folder's records, priced: what its movement says.
    private struct PricedLine {
        let ticket: Int, entry: WorkEntry, detail: WorkDetail, rate: Money, amount: Money
    }

    /// Each billable work line of a folder, in the order of its tickets and their files.
    private func pricedLines(of folder: FolderFacts, _ body: (PricedLine) -> Void) throws {
        let work = try folder.work(), details = try folder.workDetails()
        guard work.count == folder.tickets.count, zip(work, folder.tickets).allSatisfy({ $0.count == $1.lines }) else {
            throw BinaryReader.Corrupt()
        }
        // By index: a ticket's facts or a line copied would retain each of its strings.
        for ticket in work.indices {
            let card = cards.clients[folder.tickets[ticket].client], project = folder.tickets[ticket].project
            for line in work[ticket].indices {
                let entry = work[ticket][line]
                let (billable, rate, amount) = pricing.price(kind: entry.kind, minutes: entry.minutes, on: entry.date, card: card, project: project)
                if billable { body(PricedLine(ticket: ticket, entry: entry, detail: details[ticket][line], rate: rate, amount: amount)) }
            }
        }
    }

    /// Every movement, sorted by day, then file and line. The folders are priced on every
    /// core, each into the slots of its own work lines in one array (no second array of
    /// movements to join).
    public func movements() throws -> [Movement] {
        var firstSlot: [Int] = [], slots = 0
        for folder in folders {
            firstSlot.append(slots)
            for facts in folder.tickets {
                let (sum, overflow) = slots.addingReportingOverflow(facts.lines)
                guard facts.lines >= 0, !overflow else { throw BinaryReader.Corrupt() }
                slots = sum
            }
        }
        var fileNumbers = [Int](repeating: 0, count: slots + ledgerLines.count)
        var failure: Error?
        var all = try [Movement](unsafeUninitializedCapacity: fileNumbers.count) { buffer, initialized in
            let base = buffer.baseAddress!
            fileNumbers.withUnsafeMutableBufferPointer { numbers in
                let priced = Array(folders.indices).concurrentMap { index in
                    Result { () -> Int in
                        let tickets = folders[index].tickets
                        var slot = firstSlot[index]
                        // No more lines than the folder's slots: `pricedLines` checks each ticket's count.
                        try pricedLines(of: folders[index]) { priced in
                            let facts = tickets[priced.ticket]
                            (base + slot).initialize(to: Movement(
                                date: priced.entry.date, client: facts.client, source: .work, amount: -priced.amount, id: priced.detail.id,
                                note: priced.detail.note, location: SourceLocation(file: files[firstFile[index] + priced.ticket], line: priced.detail.line),
                                ticket: facts.ticket, login: priced.entry.login, kind: priced.entry.kind, minutes: priced.entry.minutes, rate: priced.rate))
                            numbers[slot] = firstFile[index] + priced.ticket
                            slot += 1
                        }
                        return slot - firstSlot[index]
                    }
                }
                // The priced movements closed up in folder order, then the ledgers' lines.
                var end = 0
                for (index, result) in priced.enumerated() {
                    guard case .success(let count) = result else {
                        if failure == nil, case .failure(let error) = result { failure = error }
                        continue
                    }
                    if firstSlot[index] != end {
                        (base + end).moveInitialize(from: base + firstSlot[index], count: count)
                        for offset in 0..<count { numbers[end + offset] = numbers[firstSlot[index] + offset] }
                    }
                    end += count
                }
                for (number, (line, client)) in zip((files.count - ledgerLines.count)..., ledgerLines) {
                    (base + end).initialize(to: Movement(ledgerLine: line, client: client))
                    numbers[end] = number
                    end += 1
                }
                initialized = end
            }
            if let failure { throw failure }
        }
        fileNumbers.removeLast(fileNumbers.count - all.count)
        Self.sortByDayAndPlace(&all, files: files, fileNumbers: fileNumbers)
        return all
    }

    /// Sorts `movements` by day, then file and line: the order of every export. Sorting the
    /// movements themselves compared dates and file paths a million times over (most of a
    /// warm export); here the paths are ranked once, integers are sorted, and the movements
    /// are then moved into place along the permutation's cycles (no second array of them).
    static func sortByDayAndPlace(_ movements: inout [Movement], files: [String], fileNumbers: [Int]) {
        let rank = ranks(of: files)
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

    /// Each file's place among the files sorted by path (equal paths, equal places).
    static func ranks(of files: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: files.count), next = 0
        let alphabetical = files.indices.sorted { files[$0] < files[$1] }
        for (position, number) in alphabetical.enumerated() {
            if position > 0 && files[number] != files[alphabetical[position - 1]] { next += 1 }
            rank[number] = next
        }
        return rank
    }

    /// A double-entry hledger journal (SPEC §5 money, accounts from `gitdesk.yml`): payments
    /// move cash into the bank and the client's prepaid balance, a liability; work and
    /// charges move it from that liability into revenue; credits are an expense. Every
    /// account and the commodity are declared, so `hledger check --strict` passes, and
    /// `hledger bs` shows each client's balance as `gitdesk balance` does (a client in debt
    /// as a negative liability).
    public func hledger(write: ([UInt8]) -> Void) throws {
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
        // No movements are made: each folder's transactions are rendered on every core into
        // bytes of its own, with where each begins and its place in the order; the places
        // are sorted and the bytes written in that order. Nothing is written before every
        // folder is rendered, so a damaged record writes no part of a journal.
        struct Placed { let day, file, line, part, start, end: Int }
        let rank = Self.ranks(of: files)
        var parts = try Array(folders.indices).concurrentMap { index in
            Result { () -> (bytes: [UInt8], placed: [Placed]) in
                var out = JournalBytes(capacity: 1024 * folders[index].tickets.count), placed: [Placed] = []
                let tickets = folders[index].tickets
                try pricedLines(of: folders[index]) { priced in
                    let start = out.bytes.count
                    out.addTransaction(date: priced.entry.date, id: priced.detail.id, source: .work,
                                       work: (tickets[priced.ticket].ticket, priced.entry.login, priced.entry.minutes, priced.entry.kind),
                                       note: priced.detail.note, client: tickets[priced.ticket].client, amount: -priced.amount,
                                       names: names, currency: currency)
                    placed.append(Placed(day: priced.entry.date.ordinal, file: rank[firstFile[index] + priced.ticket],
                                         line: priced.detail.line, part: index, start: start, end: out.bytes.count))
                }
                return (out.bytes, placed)
            }
        }.map { try $0.get() }
        var ledger = JournalBytes(capacity: 128 * ledgerLines.count), ledgerPlaced: [Placed] = []
        for (number, (line, client)) in zip((files.count - ledgerLines.count)..., ledgerLines) {
            let start = ledger.bytes.count
            ledger.addTransaction(Movement(ledgerLine: line, client: client), names: names, currency: currency)
            ledgerPlaced.append(Placed(day: line.value.date.ordinal, file: rank[number], line: line.location.line, part: parts.count,
                                       start: start, end: ledger.bytes.count))
        }
        parts.append((ledger.bytes, ledgerPlaced))
        var order = parts.flatMap(\.placed)
        order.sort { ($0.day, $0.file, $0.line, $0.part, $0.start) < ($1.day, $1.file, $1.line, $1.part, $1.start) }
        write(out.bytes)
        out.bytes.removeAll(keepingCapacity: true)
        for place in order {
            parts[place.part].bytes.withUnsafeBufferPointer { out.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[place.start..<place.end])) }
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
    public func csv(dialect: CSV.Dialect = .machine, write: (String) -> Void) throws {
        CSV.write(header: MoneyExport.csvHeader, rows: try movements().lazy.map { m in
            [m.date.description, m.client, m.source.rawValue, m.id ?? "", m.ticket ?? "", m.login ?? "", m.kind ?? "",
             m.minutes.map(String.init) ?? "", m.rate?.plain ?? "", m.amount.plain, m.note]
        }, numeric: ["minutes", "rate", "amount"], dialect: dialect, to: write)
    }
}

/// RFC 4180 CSV that is safe to open in a spreadsheet: a text cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return is prefixed with `'` so it is shown, never run as a
/// formula (the OWASP rule). Cells of the numeric columns that are plain numbers stay
/// numbers, so amounts like `-4000.00` remain numbers.
public enum CSV {
    /// How a file is spelled for whoever opens it.
    public struct Dialect: Sendable, Equatable {
        public let separator: Character
        /// `-4000,00` instead of `-4000.00` in the numeric columns.
        public let decimalComma: Bool
        /// A UTF-8 byte-order mark first, which tells a spreadsheet the file's encoding.
        public let byteOrderMark: Bool

        /// For programs: `,`, a decimal point, no mark (the same bytes in every locale).
        public static let machine = Dialect(separator: ",", decimalComma: false, byteOrderMark: false)

        /// For people who open the file in a spreadsheet of their language: Russian Excel
        /// splits columns at `;` and reads `1234,50` as a number; English Excel wants `,`.
        public static func spreadsheet(russian: Bool) -> Dialect {
            Dialect(separator: russian ? ";" : ",", decimalComma: russian, byteOrderMark: true)
        }
    }

    /// `rows[0]` is the header; `numeric` names the columns whose numbers stay numbers.
    public static func render(_ rows: [[String]], numeric: Set<String> = [], dialect: Dialect = .machine) -> String {
        var out = ""
        write(header: rows.first ?? [], rows: rows.dropFirst(), numeric: numeric, dialect: dialect) { out += $0 }
        return out
    }

    /// The same, a line at a time, for output too large to hold.
    public static func write<Rows: Sequence>(header: [String], rows: Rows, numeric: Set<String>, dialect: Dialect = .machine, to write: (String) -> Void)
        where Rows.Element == [String] {
        let numericColumns = Set(header.indices.filter { numeric.contains(header[$0]) })
        let separator = dialect.separator.asciiValue ?? UInt8(ascii: ",")
        func line(_ row: [String], isHeader: Bool) -> String {
            row.enumerated().map { column, cell in
                let number = !isHeader && numericColumns.contains(column) && isPlainNumber(cell)
                let safe = number ? (dialect.decimalComma ? decimalComma(cell) : cell) : neutralised(cell)
                // Bytes, not characters: this runs for every cell of a million-line export.
                return !number && safe.utf8.contains(where: { $0 == separator || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
                    ? "\"" + String(safe.flatMap { $0 == "\"" ? "\"\"" : String($0) }) + "\"" : safe
            }.joined(separator: String(dialect.separator)) + "\r\n"
        }
        write((dialect.byteOrderMark ? "\u{FEFF}" : "") + line(header, isHeader: true))
        for row in rows { write(line(row, isHeader: false)) }
    }

    /// `-2666.67` → `-2666,67`, on the bytes (a million-line export has three million of them).
    static func decimalComma(_ number: String) -> String {
        guard let point = number.utf8.firstIndex(of: UInt8(ascii: ".")) else { return number }
        return String(number[..<point]) + "," + String(number[number.utf8.index(after: point)...])
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

    init(capacity: Int = 1 << 20 + 4096) { bytes.reserveCapacity(capacity) }

    static func += (out: inout JournalBytes, text: String) {
        // In place (a `var` copy of the text would retain it, and threads share these strings).
        if text.utf8.withContiguousStorageIfAvailable({ out.bytes.append(contentsOf: $0) }) == nil {
            out.bytes.append(contentsOf: text.utf8)
        }
    }

    /// One movement as a journal transaction: its day, ID and description, then the
    /// client's liability moving against its balance and the other side with it.
    mutating func addTransaction(_ movement: Movement, names: LedgerAccounts, currency: String) {
        addTransaction(date: movement.date, id: movement.id, source: movement.source,
                       work: movement.source == .work ? (movement.ticket ?? "", movement.login ?? "", movement.minutes ?? 0, movement.kind ?? "") : nil,
                       note: movement.note, client: movement.client, amount: movement.amount, names: names, currency: currency)
    }

    /// The same from a movement's fields (`work` for a work line: its ticket, login,
    /// minutes and kind), so that a line is written without a movement made of it.
    mutating func addTransaction(date: Day, id: String?, source: Movement.Source, work: (ticket: String, login: String, minutes: Int, kind: String)?,
                                 note: String, client: String, amount: Money, names: LedgerAccounts, currency: String) {
        let other: String
        switch source {
        case .work: other = names.work
        case .charge: other = names.charges
        case .payment: other = names.bank
        case .credit: other = names.credits
        }
        add(date)
        if let id { add(" ("); self += id; add(")") }
        add(" ")
        if let work {
            addDescription(work.ticket)
            add(" ")
            addDescription(work.login)
            add(" ")
            add(Duration(minutes: work.minutes))
            add(" ")
            addDescription(work.kind)
        } else {
            self += source.rawValue
        }
        if !note.isEmpty { add(": "); addDescription(note) }
        add("\n    "); self += names.clients; add(":"); self += client; add("  "); add(-amount)
        add(" "); self += currency
        add("\n    "); self += other; add("  "); add(amount); add(" "); self += currency; add("\n\n")
    }

    /// Text of a transaction's description: a `;` would start an hledger comment, so it is
    /// written as `,`.
    mutating func addDescription(_ text: String) {
        let semicolon = UInt8(ascii: ";")
        let plain = text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard let start = utf8.baseAddress, memchr(start, Int32(semicolon), utf8.count) != nil else {
                bytes.append(contentsOf: utf8)
                return true
            }
            return false
        }
        guard plain != true else { return }
        for byte in text.utf8 { bytes.append(byte == semicolon ? UInt8(ascii: ",") : byte) }
    }

    /// Text the code spells, appended from where the compiler keeps it.
    mutating func add(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
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
