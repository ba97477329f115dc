import XCTest
import GitdeskCore
@testable import GitdeskMoney

/// The cached per-folder totals must give exactly what reading every line gives.
final class BalanceSheetTests: XCTestCase {
    /// Cards read alone and one `WorkTotals` per `tickets/PREFIX/` folder, each passed
    /// through its binary encoding as the cache would.
    private func sheet(_ files: [String: String]) throws -> BalanceSheet? {
        var all = files
        if all["gitdesk.yml"] == nil { all["gitdesk.yml"] = "currency: RUB\nlocale: ru\n" }
        func loader(_ paths: [String]) -> DeskLoader {
            DeskLoader(files: paths.sorted().map { DeskFile(path: $0, key: $0) }, scope: .money) { Data(all[$0.path]!.utf8) }
        }
        let cards = try loader(all.keys.filter { !$0.hasPrefix("tickets/") }).loadCards()
        let folders = Dictionary(grouping: all.keys.filter { $0.hasPrefix("tickets/") }) { $0.split(separator: "/")[1] }
        let groups = try folders.keys.sorted().map { folder -> WorkTotals in
            let (tickets, findings) = loader(folders[folder]!).loadTickets(cards: cards)
            var writer = BinaryWriter(magic: "t\n")
            WorkTotals(tickets: tickets, findings: findings, cards: cards).write(to: &writer)
            var reader = try BinaryReader(writer.bytesWritten, magic: "t\n")
            let decoded = try WorkTotals(from: &reader)
            XCTAssertTrue(reader.atEnd)
            XCTAssertEqual(decoded, WorkTotals(tickets: tickets, findings: findings, cards: cards))
            return decoded
        }
        return BalanceSheet(cards: cards, groups: groups)
    }

    func testRandomDesksAgreeWithAccounts() throws {
        var generator = SeededGenerator(seed: 11)
        let kinds = ["billable", "testing", "help", "learning"]
        for _ in 0..<20 {
            var files: [String: String] = ["staff/a.md": staffCard("a"), "staff/b.md": staffCard("b")]
            var ids: [String: [String]] = [:]
            for (client, prefix) in [("acme", "ACME"), ("beta", "BETA"), ("gamma", "GAM")] {
                files["clients/\(client).md"] = "---\nname: \(client)\nprefix: \(prefix)\nrate: 1999.99\nrates:\n  - {since: 2026-11-01, rate: 2500.5}\n---\n"
                for ticket in 0..<Int.random(in: 0...4, using: &generator) {
                    var work = ""
                    for n in 0..<Int.random(in: 0...12, using: &generator) {
                        let day = Day("2026-10-01")!.adding(days: Int.random(in: 0..<75, using: &generator))
                        let id = "w\(prefix.lowercased())\(ticket)x\(n)"
                        let login = ["a", "b"].randomElement(using: &generator)!
                        work += "- \(day) \(login) \(Duration(minutes: Int.random(in: 1...600, using: &generator))) \(kinds.randomElement(using: &generator)!) Line ^\(id)\n"
                        ids[client, default: []].append(id)
                    }
                    let folder = "tickets/\(prefix)/\(prefix)-000\(ticket)"
                    files["\(folder)/ticket.md"] = ticketCard(client: client)
                    files["\(folder)/work.md"] = work
                }
                var ledger = ""
                for n in 0..<Int.random(in: 0...5, using: &generator) {
                    let day = Day("2026-10-01")!.adding(days: Int.random(in: 0..<75, using: &generator))
                    let kind = LedgerKind.allCases.randomElement(using: &generator)!
                    ledger += "- \(day) \(kind.rawValue) \(Money(minor: Int64.random(in: 1...9_000_000, using: &generator)).plain) L ^p\(prefix.lowercased())\(n)\n"
                    ids[client, default: []].append("p\(prefix.lowercased())\(n)")
                }
                files["ledger/\(client).md"] = ledger
                // Open a dispute on some transactions and settle a few of them again.
                var disputes = ""
                for id in (ids[client] ?? []).shuffled(using: &generator).prefix(3) {
                    disputes += "- 2026-12-01 open \(id) Too much\n"
                    if Bool.random(using: &generator) { disputes += "- 2026-12-02 accept \(id) Fine\n" }
                }
                if !disputes.isEmpty { files["disputes/\(client).md"] = disputes }
            }
            let desk = try makeDesk(files)
            XCTAssertEqual(desk.findings, [])
            let sheet = try XCTUnwrap(try sheet(files))
            let accounts = Accounts(desk: desk)
            for client in desk.clients.keys {
                let account = try accounts.account(client)
                for day in [nil, Day("2026-10-15"), Day("2026-11-01"), Day("2026-12-31")] {
                    XCTAssertEqual(sheet.balance(client, asOf: day), account.balance(asOf: day), "\(client) \(String(describing: day))")
                    XCTAssertEqual(sheet.disputed(client, asOf: day), account.disputed(asOf: day), "\(client) \(String(describing: day))")
                }
                // What the dashboard reads: charges and payments of a period, and since when
                // a client is in debt (walked back day by day over the account).
                for period in [Period("2026-10")!, Period("2026-11")!, Period("2026-W45")!, Period("2026-10-20..2026-12-20")!] {
                    func sum(_ sources: Set<Movement.Source>) -> Money {
                        account.movements.filter { sources.contains($0.source) && period.contains($0.date) }.reduce(.zero) { $0 + $1.amount }
                    }
                    XCTAssertEqual(sheet.balances.charged(client, in: period), -sum([.work, .charge]), "\(client) \(period)")
                    XCTAssertEqual(sheet.balances.paid(client, in: period), sum([.payment]), "\(client) \(period)")
                }
                for asOf in [Day("2026-10-20")!, Day("2026-11-15")!, Day("2026-12-31")!] {
                    var day = asOf, since: Day?
                    while account.balance(asOf: day).minor < 0 { since = day; day = day.adding(days: -1) }
                    XCTAssertEqual(sheet.balances.inDebtSince(client, asOf: asOf), since, "\(client) as of \(asOf)")
                }
            }
        }
    }

    func testAnyProblemLeavesTheAnswerToAFullRead() throws {
        let base = [
            "clients/acme.md": acmeCard, "clients/beta.md": "---\nname: Beta\nprefix: BETA\n---\n", "staff/a.md": staffCard("a"),
            "tickets/ACME/ACME-0001/ticket.md": ticketCard(), "tickets/ACME/ACME-0001/work.md": "- 2026-11-03 a 2h billable Fix ^w1\n",
            "tickets/BETA/BETA-0001/ticket.md": ticketCard(client: "beta"), "tickets/BETA/BETA-0001/work.md": "- 2026-11-03 a 1h billable Fine ^w2\n",
        ]
        XCTAssertEqual(try sheet(base)?.balance("acme"), Money("-4000"))
        let problems = [
            ("tickets/BETA/BETA-0001/work.md", "- 2026-11-03 a 1h billable Same ID in another client ^w1\n"),
            ("tickets/BETA/BETA-0001/work.md", "- 2026-11-03 a 1h dancing Not a kind ^w2\n"),
            ("disputes/beta.md", "- 2026-11-04 open w1 Not beta's line\n"),
            ("ledger/acme.md", "- 2026-11-04 payment lots\n"),
        ]
        for (path, text) in problems {
            var broken = base
            broken[path] = text
            XCTAssertNil(try sheet(broken), text)
        }
    }
}
