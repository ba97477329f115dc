import GitdeskCore
import GitdeskMoney
import XCTest

final class BalanceOutlookTests: XCTestCase {
    /// A client who pays 300 000 ahead and is charged 10h a month at 2000 (20 000 a month):
    /// the pace is 20 000, and the rest lasts balance / pace months from today.
    func testThePaceAndWhenThePrepaymentRunsOut() throws {
        var work = ""
        for (index, month) in ["2026-08", "2026-09", "2026-10", "2026-11"].enumerated() {
            work += "- \(month)-10 a 10h billable Month \(index) ^w\(index)a\n"
        }
        let desk = try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": work, "ledger/acme.md": "- 2026-08-01 payment 300000 Prepayment ^p1\n- 2026-11-12 charge 5000 Licence ^p2\n",
        ])
        let account = try Accounts(desk: desk).account("acme")
        let outlook = BalanceOutlook(account: account, today: Day("2026-11-20")!)
        XCTAssertEqual(outlook.balance, Money("215000"))
        XCTAssertEqual(outlook.thisMonth, Money("25000"), "work and the charge of November")
        XCTAssertEqual(outlook.lastMonth, Money("20000"))
        XCTAssertEqual(outlook.monthlyPace, Money("20000"), "August, September, October")
        // 215 000 / 20 000 = 10.75 months of 30.4375 days = 327 days after 2026-11-20.
        XCTAssertEqual(outlook.runsOut, Day("2026-11-20")!.adding(days: 327))
        XCTAssertNil(outlook.toCoverNextMonth)
        XCTAssertEqual(outlook.months.count, 12)
        XCTAssertEqual(outlook.months.first?.month, "2025-12")
        XCTAssertEqual(outlook.months.map(\.balance.minor).suffix(4), [28_000_000, 26_000_000, 24_000_000, 21_500_000])

        // In debt: what covers the debt and one more month.
        let owing = try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": work,
        ])
        let debt = BalanceOutlook(account: try Accounts(desk: owing).account("acme"), today: Day("2026-11-20")!)
        XCTAssertEqual(debt.balance, Money("-80000"))
        XCTAssertNil(debt.runsOut)
        XCTAssertEqual(debt.toCoverNextMonth, Money("100000"))
    }
}
