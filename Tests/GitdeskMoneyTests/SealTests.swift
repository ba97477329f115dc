import GitdeskCore
import GitdeskMoney
import XCTest

final class SealTests: XCTestCase {
    private let hexA = String(repeating: "a", count: 64), hexB = String(repeating: "b", count: 64)

    func testSealMessageReadsEntriesAndReportsWhatItCannotRead() throws {
        let message = "gitdesk close 2026-10\nformat 2\n\nclient acme closing -1500.50 RUB sha256 \(hexA)\nclient beta closing 0.00 RUB sha256 \(hexB)\n"
        let seal = try XCTUnwrap(Seal(tag: "gitdesk/close/2026-10", commit: "c0ffee", message: message))
        XCTAssertEqual(seal.period, "2026-10")
        XCTAssertNil(seal.client)
        XCTAssertEqual(seal.entries.map(\.client), ["acme", "beta"])
        XCTAssertEqual(seal.entries.first?.closing, Money("-1500.50"))
        XCTAssertEqual(seal.problems, [])
        XCTAssertNil(Seal(tag: "v1.0", commit: "c", message: message))
        XCTAssertEqual(Seal(tag: "gitdesk/close/2026-10/acme", commit: "c", message: nil)?.client, "acme")

        // Nothing that does not read is ignored in silence.
        let edited = message.replacingOccurrences(of: "closing 0.00", with: "closing zero")
        XCTAssertEqual(Seal(tag: "gitdesk/close/2026-10", commit: "c", message: edited)?.entries.map(\.client), ["acme"])
        XCTAssertEqual(Seal(tag: "gitdesk/close/2026-10", commit: "c", message: edited)?.problems.count, 1)
        for (text, problem) in [(nil, "lightweight"), ("release notes", "does not begin"), ("gitdesk close 2026-10\n\nclient acme …\n", "older gitdesk")] {
            let seal = try XCTUnwrap(Seal(tag: "gitdesk/close/2026-10", commit: "c", message: text))
            XCTAssertTrue(seal.entries.isEmpty)
            XCTAssertTrue(seal.problems.first?.en.contains(problem) == true, "\(seal.problems)")
        }
    }

    /// The digest covers what the statement shows, never where lines sit in files.
    func testDigestCoversValuesNotPlaces() throws {
        func digest(work: String, ledger: String = "- 2026-10-01 payment 9000 Prepayment ^p1\n") throws -> String {
            let desk = try makeDesk([
                "clients/acme.md": acmeCard, "staff/a.md": staffCard("a"), "staff/b.md": staffCard("b"),
                "tickets/ACME/ACME-0001/ticket.md": ticketCard(), "tickets/ACME/ACME-0001/work.md": work, "ledger/acme.md": ledger,
            ])
            XCTAssertEqual(desk.findings, [])
            let statement = Statement(account: try Accounts(desk: desk).account("acme"), period: Period("2026-10")!, desk: desk)
            return Seal.digest(statement)
        }
        let lines = "- 2026-10-03 a 1h billable Sync ^w1\n- 2026-10-04 b 30m billable Check ^w2\n"
        let sealed = try digest(work: lines)
        XCTAssertEqual(try digest(work: "# Work\n\n" + lines + "\n<!-- a comment -->\n"), sealed)
        XCTAssertEqual(try digest(work: "- 2026-10-04 b 30m billable Check ^w2\n\n- 2026-10-03 a 1h billable Sync ^w1\n"), sealed)
        XCTAssertEqual(try digest(work: lines, ledger: "## Payments\n\n- 2026-10-01 payment 9000 Prepayment ^p1\n"), sealed)
        XCTAssertEqual(try digest(work: lines + "- 2026-11-02 a 1h billable November ^w3\n"), sealed, "a later month is not sealed")
        for changed in [lines.replacingOccurrences(of: "Sync", with: "Sync!"), lines.replacingOccurrences(of: "1h b", with: "2h b"),
                        lines.replacingOccurrences(of: "10-03 a", with: "10-05 a"), lines.replacingOccurrences(of: "^w1", with: "^w9"),
                        lines.replacingOccurrences(of: "03 a 1h", with: "03 b 1h"), lines + "- 2026-10-09 a 5m billable More ^w4\n"] {
            XCTAssertNotEqual(try digest(work: changed), sealed, changed)
        }
        XCTAssertNotEqual(try digest(work: lines, ledger: "- 2026-10-01 payment 9000.01 Prepayment ^p1\n"), sealed)
        XCTAssertNotEqual(try digest(work: lines, ledger: "- 2026-09-30 payment 9000 Prepayment ^p1\n"), sealed, "the opening balance moved")
    }

    func testSealRecordsChain() throws {
        let first = SealRecord(period: "2026-09", client: nil, messageDigest: hexA, after: nil)
        let second = SealRecord(period: "2026-10", client: "acme", messageDigest: hexB, after: first)
        XCTAssertEqual(first.line, "- 2026-09 * \(hexA) start")
        for record in [first, second] { XCTAssertEqual(try SealRecord.parse(Substring(record.line)).get(), record) }
        XCTAssertTrue(first.follows(nil))
        XCTAssertTrue(second.follows(first))
        XCTAssertFalse(second.follows(nil))
        XCTAssertFalse(second.follows(SealRecord(period: "2026-09", client: nil, messageDigest: hexB, after: nil)))
        for bad in ["- 2026-13 * \(hexA) start", "- 2026-10 * abc start", "- 2026-10 ACME! \(hexA) start", "- 2026-10 * \(hexA)"] {
            XCTAssertThrowsError(try SealRecord.parse(Substring(bad)).get(), bad)
        }
    }
}
