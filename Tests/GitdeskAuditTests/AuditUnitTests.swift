import Foundation
import XCTest
import GitdeskCore
import GitdeskMoney
@testable import GitdeskAudit

final class AuditUnitTests: XCTestCase {
    /// The audit's hand-written JSON is the bytes `JSONEncoder` gives, with and without
    /// the optional parts (ticket, numbering, changes, deletion, dispute).
    func testTransactionJSONMatchesJSONEncoder() throws {
        let stamp = Stamp(commit: "c0ffee", author: "Bob \"B\"", email: "b@x", time: "2026-11-03T10:00:00+03:00")
        let full = TransactionAudit(
            id: "w1", client: "acme", ticket: "ACME-0001", file: "tickets/ACME/ACME-0001/work.md", current: nil,
            original: "- 2026-11-03 alice 1h billable Sync\t\"x\" ^w1", introduced: stamp, workDate: Day("2026-11-03"),
            recordedDate: Day("2026-11-05")!, lateDays: 2, numbered: stamp,
            changes: [FieldChange(stamp: stamp, field: "duration", old: "1h", new: "2h")], deleted: stamp,
            dispute: [DisputeLine(date: Day("2026-11-10")!, action: .adjust, transaction: "w1", duration: Duration(minutes: 30), note: "ok"),
                      DisputeLine(date: Day("2026-11-11")!, action: .open, transaction: "w1", note: "")],
            flags: ["late", "edited", "deleted", "disputed"])
        let bare = TransactionAudit(
            id: "(no ID)", client: "beta", ticket: nil, file: "ledger/beta.md", current: "- 2026-11-01 payment 100 X",
            original: "- 2026-11-01 payment 100 X", introduced: stamp, workDate: nil, recordedDate: Day("2026-11-01")!,
            lateDays: nil, numbered: nil, changes: [], deleted: nil, dispute: [], flags: [])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for transaction in [full, bare] {
            var json = PrettyJSON()
            transaction.writeJSON(to: &json)
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), String(decoding: try encoder.encode(transaction), as: UTF8.self))
        }
    }

    func testFieldChangesNameEachChangedField() {
        let stamp = Stamp(commit: "c", author: "Bob", email: "b@x", time: "t")
        let changes = Auditor.fieldChanges("- 2026-11-03 alice 1h billable Sync ^w1", "- 2026-11-04 alice 2h billable Sync ^w1",
                                           file: "tickets/A/A-0000/work.md", stamp: stamp)
        XCTAssertEqual(changes.map { "\($0.field):\($0.old)→\($0.new)" }, ["date:2026-11-03→2026-11-04", "duration:1h→2h"])
        let ledger = Auditor.fieldChanges("- 2026-11-01 payment 100 X ^p1", "- 2026-11-01 payment 90 X ^p1", file: "ledger/a.md", stamp: stamp)
        XCTAssertEqual(ledger.map(\.field), ["amount"])
        XCTAssertEqual(Auditor.fieldChanges("garbage", "- 2026-11-01 payment 90 X ^p1", file: "ledger/a.md", stamp: stamp).map(\.field), ["line"])
    }
}
