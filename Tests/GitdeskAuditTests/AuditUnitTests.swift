import XCTest
import GitdeskCore
import GitdeskMoney
@testable import GitdeskAudit

final class AuditUnitTests: XCTestCase {
    func testFieldChangesNameEachChangedField() {
        let stamp = Stamp(commit: "c", author: "Bob", email: "b@x", time: "t")
        let changes = Auditor.fieldChanges("- 2026-11-03 alice 1h billable Sync ^w1", "- 2026-11-04 alice 2h billable Sync ^w1",
                                           file: "tickets/A/A-0000/work.md", stamp: stamp)
        XCTAssertEqual(changes.map { "\($0.field):\($0.old)→\($0.new)" }, ["date:2026-11-03→2026-11-04", "duration:1h→2h"])
        let ledger = Auditor.fieldChanges("- 2026-11-01 payment 100 X ^p1", "- 2026-11-01 payment 90 X ^p1", file: "ledger/a.md", stamp: stamp)
        XCTAssertEqual(ledger.map(\.field), ["amount"])
        XCTAssertEqual(Auditor.fieldChanges("garbage", "- 2026-11-01 payment 90 X ^p1", file: "ledger/a.md", stamp: stamp).map(\.field), ["line"])
    }

    func testSealMessageRoundTrip() throws {
        let message = "gitdesk close 2026-10\n\nclient acme closing -1500.50 RUB sha256 abc123\nclient beta closing 0.00 RUB sha256 def456\n"
        let seal = try XCTUnwrap(Seal(tag: "gitdesk/close/2026-10", commit: "c0ffee", message: message))
        XCTAssertEqual(seal.period, "2026-10")
        XCTAssertEqual(seal.entries.map(\.client), ["acme", "beta"])
        XCTAssertEqual(seal.entries[0].closing, Money("-1500.50"))
        XCTAssertNil(Seal(tag: "v1.0", commit: "c", message: message))
        XCTAssertNil(Seal(tag: "gitdesk/close/x", commit: "c", message: "release notes"))
    }
}
