import Foundation
import GitdeskCore
@testable import GitdeskMoney
import XCTest

/// `report` and `plan` count from the folder records (`FolderFacts`, through their binary
/// encoding); tests and small desks count from the desk read whole. Both must give the
/// same numbers, to the byte, on random desks.
final class WorkBookTests: XCTestCase {
    /// A random desk: four clients with a rate change and a project rate, four people,
    /// tickets in several folders with every kind of work, helpers, budgets and estimates.
    func randomDesk(_ generator: inout SeededGenerator) throws -> Desk {
        let kinds = ["billable", "testing", "help", "learning", "infra", "review", "our-fault", "overrun"]
        let logins = ["a", "b", "c", "lead"]
        var files: [String: String] = [:]
        var lineNumber = 0
        for login in logins { files["staff/\(login).md"] = staffCard(login, role: login == "lead" ? "lead" : "engineer") }
        files["projects/erp/project.md"] = "---\nclient: acme\n---\n"
        for (client, prefixes) in [("acme", ["ACME"]), ("beta", ["BETA"]), ("gamma", ["GAM"]), ("delta", ["DLT"])] {
            files["clients/\(client).md"] = "---\nname: \(client)\nprefix: \(prefixes[0])\nrate: 1999.99\nrates:\n  - {since: 2026-10-15, rate: 2500.5}\n"
                + (client == "acme" ? "  - {since: 2026-09-01, rate: 3100, project: erp}\n" : "") + "---\n"
            files["ledger/\(client).md"] = "- 2026-09-01 payment 100000 Prepaid ^p\(client)\n- 2026-10-03 charge 1500.50 Licence\n"
                + "- 2026-10-03 credit 200 Sorry, \"late\"\n"
            for prefix in prefixes {
                for ticket in 0..<Int.random(in: 0...5, using: &generator) {
                    var work = ""
                    for _ in 0..<Int.random(in: 0...14, using: &generator) {
                        let day = Day("2026-08-20")!.adding(days: Int.random(in: 0..<120, using: &generator))
                        let kind = kinds.randomElement(using: &generator)!
                        let helped = ["help", "review"].contains(kind) || Bool.random(using: &generator) && kind == "billable"
                        if Bool.random(using: &generator) { work += "\n" }
                        lineNumber += 1
                        work += "- \(day) \(logins.randomElement(using: &generator)!) \(Duration(minutes: Int.random(in: 1...600, using: &generator))) \(kind)"
                            + (helped ? " @\(logins.randomElement(using: &generator)!)" : "") + " Line \(lineNumber), \"noted\"; -x"
                            + (Bool.random(using: &generator) ? " ^w\(lineNumber)" : "") + "\n"
                    }
                    let folder = "tickets/\(prefix)/\(prefix)-000\(ticket)"
                    var card = "---\ntitle: Task \(ticket)\nclient: \(client)\nstatus: \(["new", "in-progress", "done"].randomElement(using: &generator)!)\n"
                    if client == "acme", Bool.random(using: &generator) { card += "project: erp\n" }
                    if Bool.random(using: &generator) { card += "approved: \(Int.random(in: 1...20, using: &generator))h\n" }
                    if Bool.random(using: &generator) { card += "estimate: \(Int.random(in: 1...30, using: &generator))h\nassignee: \(logins.randomElement(using: &generator)!)\n" }
                    card += "priority: \(["urgent", "high", "normal", "low"].randomElement(using: &generator)!)\ncreated: 2026-0\(Int.random(in: 1...9, using: &generator))-02T10:00:00+03:00\n---\n"
                    files["\(folder)/ticket.md"] = card
                    files["\(folder)/work.md"] = work
                }
            }
        }
        return try makeDesk(files)
    }

    /// The desk's folder records as the index keeps them: built per folder, written and read back.
    func records(_ desk: Desk) throws -> (cards: Desk, folders: [FolderFacts]) {
        var cards = desk
        cards.tickets = [:]
        let folders = Dictionary(grouping: desk.tickets.values) { TicketID.folder(of: $0.id).split(separator: "/")[1] }
        return (cards, try folders.keys.sorted().map { key in
            let made = FolderFacts(tickets: folders[key]!.sorted { $0.id < $1.id }, findings: [], cards: cards)
            var writer = BinaryWriter(magic: "")
            made.write(to: &writer)
            let bytes = writer.bytesWritten
            var reader = BinaryReader(bytes: bytes, record: bytes.indices)
            return try FolderFacts(from: &reader)
        })
    }

    func testRecordsCountWhatTheWholeDeskCounts() throws {
        var generator = SeededGenerator(seed: 21)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var compared = 0
        for _ in 0..<25 {
            let desk = try randomDesk(&generator)
            XCTAssertEqual(desk.findings, [])
            let (cards, folders) = try records(desk)
            for label in ["2026-09", "2026-10", "2026-W45", "2026", "2026-11-02..2026-11-20"] {
                let period = Period(label)!
                let book = try WorkBook(cards: cards, folders: folders, period: period)
                for dimension in Economics.Dimension.allCases {
                    XCTAssertEqual(try encoder.encode(Economics(book: book, by: dimension)),
                                   try encoder.encode(Economics(desk: desk, period: period, by: dimension)), "\(label) by \(dimension)")
                }
                XCTAssertEqual(try encoder.encode(FinancialPlan(book: book, today: period.first.adding(days: 2))),
                               try encoder.encode(FinancialPlan(desk: desk, period: period, today: period.first.adding(days: 2))))
                XCTAssertEqual(try encoder.encode(LoadPlan(book: book, from: period.first)),
                               try encoder.encode(LoadPlan(book: WorkBook(desk: desk, period: period), from: period.first)))
                compared += 1
            }
        }
        XCTAssertEqual(compared, 125)
    }

    /// `export` lists every movement from the folder records (IDs, notes and line numbers
    /// kept beside the counted lines); the accounts list them from the desk read whole. Its
    /// journal, rendered without making movements, is their transactions in their order.
    func testExportFromRecordsListsWhatTheAccountsList() throws {
        var generator = SeededGenerator(seed: 8)
        var compared = 0, withID = 0
        for _ in 0..<20 {
            let desk = try randomDesk(&generator)
            XCTAssertEqual(desk.findings, [])
            let (cards, folders) = try records(desk)
            let export = try MoneyExport(cards: cards, folders: folders)
            let expected = try Accounts(desk: desk).all().flatMap { try $0.result.get().movements }
                .sorted { ($0.date, $0.location) < ($1.date, $1.location) }
            let movements = try export.movements()
            XCTAssertEqual(movements, expected)
            var journal: [UInt8] = [], transactions = JournalBytes()
            try export.hledger { journal += $0 }
            for movement in movements { transactions.addTransaction(movement, names: export.ledgerAccounts, currency: export.currency) }
            XCTAssertGreaterThan(journal.count, transactions.bytes.count)
            XCTAssertEqual(Array(journal.suffix(transactions.bytes.count)), transactions.bytes)
            XCTAssert(String(decoding: journal.prefix(journal.count - transactions.bytes.count), as: UTF8.self).hasSuffix("  ; type: X\n\n"))
            withID += movements.filter { $0.source == .work && $0.id != nil }.count
            compared += movements.count
        }
        XCTAssertGreaterThan(compared, 500)
        XCTAssertGreaterThan(withID, 100)
    }

    /// What the book holds, against sums made here from the parsed lines.
    func testBookSumsTheLinesOfItsPeriodAndAllTime() throws {
        var generator = SeededGenerator(seed: 5)
        let desk = try randomDesk(&generator)
        let period = Period("2026-10")!
        let book = WorkBook(desk: desk, period: period)
        let all = desk.tickets.values.flatMap { ticket in ticket.work.map { (ticket, $0.value) } }
        XCTAssertEqual(book.lines.count, all.filter { period.contains($0.1.date) }.count)
        XCTAssertEqual(book.lines.map(\.entry.date), book.lines.map(\.entry.date).sorted())
        let learning = all.filter { $0.1.kind == "learning" }.reduce(0) { $0 + $1.1.duration.minutes }
        XCTAssertEqual(book.learning.values.flatMap(\.values).reduce(0, +), learning)
        XCTAssertGreaterThan(learning, 0)
        for (id, work) in book.billableWork {
            let lines = all.filter { $0.0.id == id && ["billable", "testing"].contains($0.1.kind) }
            XCTAssertEqual(work.minutes, lines.reduce(0) { $0 + $1.1.duration.minutes })
            XCTAssertEqual(work.firstDay, lines.map(\.1.date).min())
        }
    }
}
