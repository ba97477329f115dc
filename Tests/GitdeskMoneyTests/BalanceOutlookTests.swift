import GitdeskCore
import GitdeskMoney
import GitdeskWords
import XCTest

final class BalanceOutlookTests: XCTestCase {
    /// A client who pays 300 000 ahead and is charged 10h a month at 2000 (20 000 a month),
    /// and a 5 000 licence in November: the pace is September, October and November's 15 of
    /// 21 working days so far, and the rest lasts balance / pace months from today.
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
        let outlook = BalanceOutlook(account: account, today: Day("2026-11-20")!, calendar: weekdays)
        XCTAssertEqual(outlook.balance, Money("215000"))
        XCTAssertEqual(outlook.thisMonth, Money("25000"), "work and the charge of November")
        XCTAssertEqual(outlook.lastMonth, Money("20000"))
        // (20 000 + 20 000 + 25 000) / (1 + 1 + 15/21) = 65 000 × 21 / 57 = 23 947,368…
        XCTAssertEqual(outlook.pace.amount, Money("23947.37"))
        XCTAssertEqual(outlook.pace.months, [month("2026-09", "20000", 22, 22), month("2026-10", "20000", 22, 22), month("2026-11", "25000", 15, 21)])
        // 215 000 / 23 947,37 = 8.978 months of 30.4375 days = 273 days after 2026-11-20.
        XCTAssertEqual(outlook.runsOut, Day("2026-11-20")!.adding(days: 273))
        XCTAssertNil(outlook.toCoverNextMonth)
        XCTAssertEqual(outlook.months.count, 12)
        XCTAssertEqual(outlook.months.first?.month, "2025-12")
        XCTAssertEqual(outlook.months.map(\.balance.minor).suffix(4), [28_000_000, 26_000_000, 24_000_000, 21_500_000])

        // In debt: what covers the debt and one more month.
        let owing = try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": work,
        ])
        let debt = BalanceOutlook(account: try Accounts(desk: owing).account("acme"), today: Day("2026-11-30")!, calendar: weekdays)
        XCTAssertEqual(debt.balance, Money("-80000"))
        XCTAssertNil(debt.runsOut)
        XCTAssertEqual(debt.pace.amount, Money("20000"), "three whole months of 20 000")
        XCTAssertEqual(debt.toCoverNextMonth, Money("100000"))
    }

    /// A client younger than three months: only its own months count, this one pro rata.
    func testAYoungClientsPaceIsItsOwnMonths() throws {
        let account = try Accounts(desk: try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": "- 2026-11-05 a 10h billable First job ^w1\n",
            "ledger/acme.md": "- 2026-10-01 payment 100000 Prepayment ^p1\n",
        ])).account("acme")
        let pace = BalanceOutlook.pace(account, today: Day("2026-11-20")!, calendar: weekdays)
        // 20 000 in 15 of 21 working days: 28 000 a month, not 20 000 / 3.
        XCTAssertEqual(pace.amount, Money("28000"))
        XCTAssertEqual(pace.months, [month("2026-11", "20000", 15, 21)])
        XCTAssertEqual(Words(.ru, config: DeskConfig()).averagedMonths(pace), "за 15 из 21 рабочего дня ноября")
        XCTAssertEqual(Words(.en, config: DeskConfig()).averagedMonths(pace), "over 15 of 21 working days of November")
        // Before its first charge a client has no pace, and so no forecast.
        let none = BalanceOutlook.pace(account, today: Day("2026-11-04")!, calendar: weekdays)
        XCTAssertEqual(none.amount, .zero)
        XCTAssertEqual(none.months, [])
        XCTAssertNil(BalanceOutlook.runsOut(balance: Money("100000")!, pace: none.amount, today: Day("2026-11-04")!))
    }

    /// A month without work after the client's first counts as a month of nothing charged;
    /// a month whose working days have not begun is left out.
    func testAGapMonthCountsAsNothingCharged() throws {
        let account = try Accounts(desk: try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": "- 2026-07-10 a 1h billable July ^w0\n- 2026-09-10 a 10h billable September ^w1\n- 2026-11-10 a 10h billable November ^w2\n",
        ])).account("acme")
        let pace = BalanceOutlook.pace(account, today: Day("2026-11-30")!, calendar: weekdays)
        XCTAssertEqual(pace.months.map(\.month), ["2026-09", "2026-10", "2026-11"])
        XCTAssertEqual(pace.amount, Money("13333.33"), "(20 000 + 0 + 20 000) / 3")
        XCTAssertEqual(Words(.ru, config: DeskConfig()).averagedMonths(pace), "за сентябрь, октябрь и ноябрь")
        // 2026-11-01 is a Sunday: November has no working day behind it yet.
        let early = BalanceOutlook.pace(account, today: Day("2026-11-01")!, calendar: weekdays)
        XCTAssertEqual(early.months.map(\.month), ["2026-09", "2026-10"])
        XCTAssertEqual(early.amount, Money("10000"))
        // The sheet built from folder totals gives the same pace as the full read.
        let desk = try makeDesk([
            "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "tickets/ACME/ACME-0001/ticket.md": ticketCard(),
            "tickets/ACME/ACME-0001/work.md": "- 2026-09-10 a 10h billable September ^w1\n- 2026-11-10 a 10h billable November ^w2\n",
            "ledger/acme.md": "- 2026-09-01 payment 100000 Prepayment ^p1\n- 2026-10-15 charge 3000 Licence ^p2\n",
        ])
        let full = BalanceOutlook.pace(try Accounts(desk: desk).account("acme"), today: Day("2026-11-20")!, calendar: weekdays)
        let balances = Balances(cards: desk, dailyCharges: ["acme": [Day("2026-09-10")!: 2_000_000, Day("2026-11-10")!: 2_000_000]])
        XCTAssertEqual(balances.pace("acme", today: Day("2026-11-20")!, calendar: weekdays), full)
        XCTAssertEqual(full.months.map(\.charged), [Money("20000"), Money("3000"), Money("20000")])
    }

    /// Monday to Friday, no holidays.
    private let weekdays = WorkCalendar(config: DeskConfig())

    private func month(_ label: String, _ charged: String, _ passed: Int, _ days: Int) -> MonthlyPace.Month {
        MonthlyPace.Month(month: label, charged: Money(charged)!, workingDaysPassed: passed, workingDays: days)
    }
}
