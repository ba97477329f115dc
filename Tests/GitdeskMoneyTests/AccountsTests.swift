import XCTest
import GitdeskCore
import GitdeskWords
@testable import GitdeskMoney

final class AccountsTests: XCTestCase {
    func testRateRaisedOnFirstJanuaryLeavesLastYearUnchanged() throws {
        let card = "---\nname: ACME\nprefix: ACME\nrate: 2000\nrates:\n  - {since: 2027-01-01, rate: 2500}\n  - {since: 2027-01-01, rate: 3000, project: erp}\n---\n"
        let work = "- 2026-12-31 a 1h billable Old year ^w1\n- 2027-01-01 a 1h billable New year ^w2\n"
        let desk = try makeDesk([
            "clients/acme.md": card, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": work, "projects/erp/project.md": "---\nclient: acme\n---\n",
            "tickets/ACME/ACME-0002/ticket.md": "---\ntitle: T\nclient: acme\nproject: erp\nstatus: new\n---\n",
            "tickets/ACME/ACME-0002/work.md": "- 2027-01-02 a 1h billable ERP ^w3\n",
        ])
        let account = try Accounts(desk: desk).account("acme")
        XCTAssertEqual(account.balance(asOf: Day("2026-12-31")), Money("-2000"))
        XCTAssertEqual(account.balance(asOf: Day("2027-01-01")), Money("-4500"))
        XCTAssertEqual(account.balance(), Money("-7500"))
    }

    func testDuplicateTransactionIDBlocksOnlyThatClient() throws {
        let desk = try makeDesk([
            "clients/acme.md": acmeCard, "clients/beta.md": "---\nname: Beta\nprefix: BETA\n---\n",
            "staff/a.md": staffCard("a"),
            "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": "- 2026-11-03 a 2h billable Edited here ^w1\n- 2026-11-03 a 3h billable Edited there ^w1\n",
            "tickets/BETA/BETA-0001/ticket.md": ticketCard(client: "beta"),
            "tickets/BETA/BETA-0001/work.md": "- 2026-11-03 a 1h billable Fine ^w2\n",
        ])
        XCTAssertThrowsError(try Accounts(desk: desk).account("acme")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("work.md:1") && text.contains("work.md:2"), text)
        }
        XCTAssertEqual(try Accounts(desk: desk).account("beta").balance(), Money("-2000"))
    }

    /// For random desks, statement lines sum to statement totals, and the balance equals
    /// payments + credits − charges − billable work.
    func testRandomDesksStatementsAddUp() throws {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<25 {
            var work = "", ledger = ""
            var expected: Int64 = 0
            for n in 0..<Int.random(in: 1...40, using: &generator) {
                let day = Day("2026-10-01")!.adding(days: Int.random(in: 0..<75, using: &generator))
                let minutes = Int.random(in: 1...600, using: &generator)
                let kind = ["billable", "testing", "help", "learning"].randomElement(using: &generator)!
                work += "- \(day) a \(Duration(minutes: minutes)) \(kind) Line \(n) ^w\(round)x\(n)\n"
                if kind == "billable" || kind == "testing" {
                    expected -= Money.amount(ratePerHour: Money("1999.99")!, minutes: minutes).minor
                }
            }
            for n in 0..<Int.random(in: 0...8, using: &generator) {
                let day = Day("2026-10-01")!.adding(days: Int.random(in: 0..<75, using: &generator))
                let kind = LedgerKind.allCases.randomElement(using: &generator)!
                let amount = Money(minor: Int64.random(in: 1...10_000_000, using: &generator))
                ledger += "- \(day) \(kind.rawValue) \(amount.plain) L\(n) ^p\(round)x\(n)\n"
                expected += amount.minor * kind.sign
            }
            let desk = try makeDesk([
                "clients/acme.md": "---\nname: ACME\nprefix: ACME\nrate: 1999.99\n---\n", "staff/a.md": staffCard("a"),
                "tickets/ACME/ACME-0001/ticket.md": ticketCard(), "tickets/ACME/ACME-0001/work.md": work, "ledger/acme.md": ledger,
            ])
            XCTAssertEqual(desk.findings, [])
            let account = try Accounts(desk: desk).account("acme")
            XCTAssertEqual(account.balance().minor, expected)
            var opening = Money.zero
            for month in ["2026-10", "2026-11", "2026-12"] {
                let statement = Statement(account: account, period: Period(month)!, desk: desk)
                XCTAssertEqual(statement.opening, opening)
                XCTAssertEqual(statement.workTotal, -statement.work.reduce(.zero) { $0 + $1.amount })
                XCTAssertEqual(statement.closing, statement.opening + statement.ledger.reduce(.zero) { $0 + $1.amount } - statement.workTotal)
                opening = statement.closing
            }
            XCTAssertEqual(opening.minor, expected)
        }
    }

    func testStatementRenderersEscapeAndAgree() throws {
        let desk = try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": "- 2026-11-03 a 1h20m billable <script>alert(1)</script> | pipe, \"quoted\" ^w1\n",
            "ledger/acme.md": "- 2026-11-01 payment 180000 Prepayment ^p1\n",
        ])
        let statement = Statement(account: try Accounts(desk: desk).account("acme"), period: Period("2026-11")!, desk: desk)
        XCTAssertEqual(statement.closing, Money("177333.33"))
        let renderer = StatementRenderer(statement: statement, words: Words(config: desk.config))
        XCTAssertTrue(renderer.markdown().contains("2\u{00A0}666,67\u{00A0}₽"))
        XCTAssertTrue(renderer.markdown().contains("\\| pipe"))
        XCTAssertTrue(renderer.csv().contains("\"<script>alert(1)</script> | pipe, \"\"quoted\"\"\""))
        XCTAssertTrue(renderer.csv().hasSuffix("closing,2026-11-30,,,,,,,,177333.33,\r\n"), renderer.csv())
    }
}
