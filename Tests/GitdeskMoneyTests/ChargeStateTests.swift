import GitdeskCore
import GitdeskMoney
import GitdeskWords
import XCTest

final class ChargeStateTests: XCTestCase {
    private func line(_ action: DisputeAction, _ duration: String? = nil) -> DisputeLine {
        DisputeLine(date: Day("2026-11-10")!, action: action, transaction: "w1", duration: duration.flatMap { Duration($0) }, note: "")
    }

    /// 3 h at 2 000 = 6 000: each decision and what stands of the charge.
    func testEachDecisionAndWhatStands() {
        func state(_ lines: [DisputeLine]) -> ChargeState {
            ChargeState(charged: Money("6000")!, rate: Money("2000")!, logged: Duration("3h"), disputes: lines)
        }
        XCTAssertEqual(state([]).decision, .none)
        XCTAssertTrue(state([]).isDisputable)
        XCTAssertEqual(state([line(.open)]).decision, .open)
        XCTAssertEqual(state([line(.open)]).standing, Money("6000"))
        XCTAssertFalse(state([line(.open)]).isDisputable)
        XCTAssertEqual(state([line(.open), line(.accept)]).decision, .accepted)
        XCTAssertEqual(state([line(.open), line(.accept)]).credit, .zero)
        XCTAssertEqual(state([line(.open), line(.waive)]).decision, .waived)
        XCTAssertEqual(state([line(.open), line(.waive)]).standing, .zero)
        let adjusted = state([line(.open), line(.adjust, "1h")])
        XCTAssertEqual(adjusted.decision, .adjusted)
        XCTAssertEqual(adjusted.standing, Money("2000"))
        XCTAssertEqual(adjusted.agreed, Duration("1h"))
        XCTAssertEqual(Words(.ru, config: DeskConfig()).state(adjusted), "скорректировано по спору: 1\u{00A0}ч вместо 3\u{00A0}ч")
        XCTAssertEqual(Words(.en, config: DeskConfig()).state(adjusted, standing: true), "adjusted after dispute: 1h instead of 3h, ₽2,000.00 due")
        // Disputed again after a settlement: open again, and what stands is still what was settled.
        let reopened = state([line(.open), line(.adjust, "2h"), line(.open)])
        XCTAssertEqual(reopened.decision, .open)
        XCTAssertEqual(reopened.standing, Money("4000"))
    }

    /// Settlements one after another give back the largest credit among them, never their
    /// sum: 2h, then 1h, then 30m are credits of 2 000, 4 000 and 5 000 — 5 000 in all.
    func testSuccessiveSettlementsGiveBackTheLargestCredit() {
        var lines: [DisputeLine] = []
        var given = Money.zero
        for agreed in ["2h", "1h", "30m"] {
            let before = ChargeState(charged: Money("6000")!, rate: Money("2000")!, logged: Duration("3h"), disputes: lines)
            lines += [line(.open), line(.adjust, agreed)]
            let after = ChargeState(charged: Money("6000")!, rate: Money("2000")!, logged: Duration("3h"), disputes: lines)
            given = given + (after.credit - before.credit)
        }
        XCTAssertEqual(given, Money("5000"))
        // A later accept gives nothing back and takes nothing back.
        lines += [line(.open), line(.accept)]
        XCTAssertEqual(ChargeState(charged: Money("6000")!, rate: Money("2000")!, logged: Duration("3h"), disputes: lines).credit, Money("5000"))
    }

    /// The credit note a settlement writes reads back; other notes are not taken for one.
    func testTheCreditNoteReadsBack() {
        let adjust = DisputeLine(date: Day("2026-11-10")!, action: .adjust, transaction: "w86417b", duration: Duration("1h"), note: "agreed")
        XCTAssertEqual(DisputeCreditNote(adjust).text, "Dispute w86417b adjust to 1h")
        XCTAssertEqual(DisputeCreditNote(note: "Dispute w86417b adjust to 1h"), DisputeCreditNote(adjust))
        XCTAssertEqual(DisputeCreditNote(note: "Dispute w86417b waive")?.action, .waive)
        for other in ["Dispute w86417b", "Dispute w86417b open", "Dispute w86417b waive to 1h", "Dispute w86417b adjust", "Goodwill credit",
                      "Dispute ../x waive", "Dispute w86417b adjust to soon", ""] {
            XCTAssertNil(DisputeCreditNote(note: other), other)
        }
    }
}
