import XCTest
import GitdeskCore
import GitdeskWords
@testable import GitdeskMoney

/// The worked examples of the seed talk (SPEC §5).
final class SeedExampleTests: XCTestCase {
    /// 2000/h nominal; a 30-hour task; the lead's 20 minutes a day; 3h learning; 1h of
    /// infrastructure; 1h control example (billable); 1h of fixes, half of it our fault.
    func testEffectiveRateWalkEndsAt1676PerHourAnd16Point2PercentLoss() throws {
        let work = """
            - 2026-11-02 dev 6h billable Task ^w1
            - 2026-11-03 dev 6h billable Task ^w2
            - 2026-11-04 dev 6h billable Task ^w3
            - 2026-11-05 dev 6h billable Task ^w4
            - 2026-11-06 dev 3h billable Task ^w5
            - 2026-11-06 dev 3h learning Standard functionality ^w6
            - 2026-11-02 lead 20m help @dev Direction ^w7
            - 2026-11-03 lead 20m help @dev Direction ^w8
            - 2026-11-04 lead 20m help @dev Direction ^w9
            - 2026-11-05 dev 1h infra Stand and copies ^w10
            - 2026-11-06 dev 1h testing Control example ^w11
            - 2026-11-06 dev 30m billable Fixes from the control example ^w12
            - 2026-11-06 dev 30m our-fault The client found it ^w13
            """
        let desk = try makeDesk([
            "clients/acme.md": acmeCard, "staff/dev.md": staffCard("dev"), "staff/lead.md": staffCard("lead", role: "lead"),
            "tickets/ACME/ACME-0001/ticket.md": ticketCard(), "tickets/ACME/ACME-0001/work.md": work,
        ])
        XCTAssertEqual(desk.findings, [])
        let economics = Economics(desk: desk, period: Period("2026-11")!, by: .person)
        XCTAssertEqual(economics.totals.minutes, 34 * 60)
        XCTAssertEqual(economics.totals.billableMinutes, 28 * 60 + 30)
        XCTAssertEqual(economics.totals.revenue, Money("57000"))
        XCTAssertEqual(economics.totals.effectiveRate, Money("1676.47"))
        XCTAssertEqual(economics.totals.lossBasisPoints.map(Words(.en, config: DeskConfig()).percent), "16.2%")
        XCTAssertEqual(economics.help.map { "\($0.from)→\($0.to) \($0.minutes)" }, ["lead→dev 60"])
        XCTAssertEqual(economics.rework.map(\.minutes), [30])
    }

    /// 10 engineers × 6h × 5 days × 0.85 × 2000 = 510 000 a week.
    func testWeeklyPlanIs510000() throws {
        var files = ["clients/acme.md": acmeCard]
        for n in 0..<10 { files["staff/e\(n).md"] = staffCard("e\(n)") }
        files["staff/intake.md"] = "---\nname: I\nemail: i@example.com\nrole: intake\n---\n"
        let desk = try makeDesk(files)
        let plan = FinancialPlan(desk: desk, period: Period("2026-W48")!, today: nil)
        XCTAssertEqual(plan.workingDays, 5)
        XCTAssertEqual(plan.normMinutes, 10 * 6 * 5 * 60)
        XCTAssertEqual(plan.targetBillableMinutes, 255 * 60)
        XCTAssertEqual(plan.targetRevenue, Money("510000"))
    }

    func testAbsencesAndHolidaysReduceTheNorm() throws {
        let desk = try makeDesk([
            "gitdesk.yml": "calendar:\n  holidays: [2026-11-04]\n",
            "staff/a.md": staffCard("a") + "", "staff/b.md": "---\nname: b\nemail: b@example.com\ncapacity: 7h\nabsences:\n  - {from: 2026-11-05, to: 2026-11-10}\n---\n",
        ])
        let plan = FinancialPlan(desk: desk, period: Period("2026-W45")!, today: nil)
        // Week of 2 Nov 2026: Mon–Fri minus the holiday = 4 days; b is away Thu and Fri.
        XCTAssertEqual(plan.workingDays, 4)
        XCTAssertEqual(plan.normMinutes, 4 * 360 + 2 * 420)
    }
}

final class ScaledRoundingTests: XCTestCase {
    func testScaledRoundingMatchesPlainArithmeticAndSurvivesTheDeskBound() {
        var random = SeededGenerator(seed: 18)
        for _ in 0..<2000 {
            let value = Int64.random(in: -1_000_000...1_000_000, using: &random)
            let denominator = Int64.random(in: 1...100_000, using: &random) * (Bool.random(using: &random) ? 1 : -1)
            XCTAssertEqual(scaledRounded(value, by: 10_000, over: denominator), divideRounded(value * 10_000, denominator))
        }
        // At the desk's bound the plain product would overflow.
        XCTAssertEqual(scaledRounded(Money.deskBound, by: 10_000, over: Money.deskBound / 2), 20_000)
        XCTAssertNil(scaledRounded(Money.deskBound, by: 10_000, over: 1))
    }
}
