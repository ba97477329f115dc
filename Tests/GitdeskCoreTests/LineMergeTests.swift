import XCTest
@testable import GitdeskCore

final class LineMergeTests: XCTestCase {
    let base = """
        # Work
        - 2026-11-02 alice 1h billable Call ^wa1
        - 2026-11-03 bob 30m help @alice Hint ^wb2

        """

    func merge(_ ours: String, _ theirs: String, file: TransactionFile = .work) -> LineMerge {
        LineMerge(base: base, ours: ours, theirs: theirs, file: file)
    }

    func testLinesAddedOnBothSidesAreKeptOursFirst() {
        let ours = base + "- 2026-11-04 alice 15m billable Ours ^wc3\n"
        let theirs = base + "- 2026-11-04 bob 20m billable Theirs ^wd4\n"
        let merged = merge(ours, theirs)
        XCTAssertEqual(merged.conflicts, 0)
        XCTAssertEqual(merged.text, base + "- 2026-11-04 alice 15m billable Ours ^wc3\n- 2026-11-04 bob 20m billable Theirs ^wd4\n")
    }

    func testOneSidedEditAndDeletionAreTaken() {
        let edited = base.replacingOccurrences(of: "1h billable Call", with: "2h billable Call")
        XCTAssertEqual(merge(edited, base).text, edited)
        XCTAssertEqual(merge(base, edited).text, edited)
        let deleted = base.replacingOccurrences(of: "- 2026-11-03 bob 30m help @alice Hint ^wb2\n", with: "")
        let merged = merge(deleted, base + "- 2026-11-05 bob 1h billable New ^we5\n")
        XCTAssertEqual(merged.conflicts, 0)
        XCTAssertFalse(merged.text.contains("^wb2"))
        XCTAssertTrue(merged.text.contains("^we5"))
    }

    func testTheSameEditOnBothSidesGivesOneLine() {
        let edited = base.replacingOccurrences(of: "1h billable", with: "45m billable")
        let merged = merge(edited, edited)
        XCTAssertEqual(merged.conflicts, 0)
        XCTAssertEqual(merged.text, edited)
    }

    func testDifferentEditsOfOneIDConflictWithBothVersions() {
        let ours = base.replacingOccurrences(of: " 1h ", with: " 2h ")
        let theirs = base.replacingOccurrences(of: " 1h ", with: " 3h ")
        let merged = merge(ours, theirs)
        XCTAssertEqual(merged.conflicts, 1)
        XCTAssertTrue(merged.text.contains("""
            <<<<<<< ours
            - 2026-11-02 alice 2h billable Call ^wa1
            =======
            - 2026-11-02 alice 3h billable Call ^wa1
            >>>>>>> theirs
            """), merged.text)
        XCTAssertTrue(merged.text.contains("^wb2"))
    }

    func testEditAgainstDeletionConflicts() {
        let edited = base.replacingOccurrences(of: " 1h ", with: " 2h ")
        let deleted = base.replacingOccurrences(of: "- 2026-11-02 alice 1h billable Call ^wa1\n", with: "")
        for (ours, theirs) in [(edited, deleted), (deleted, edited)] {
            let merged = merge(ours, theirs)
            XCTAssertEqual(merged.conflicts, 1, merged.text)
            XCTAssertEqual(merged.text.components(separatedBy: "2h billable Call").count, 2, merged.text)
        }
    }

    func testDisputesConflictWhenOneTransactionIsSettledTwoWays() {
        let base = "- 2026-11-10 open wa1 Too long\n"
        let accept = base + "- 2026-11-12 accept wa1 Stands\n"
        let waive = base + "- 2026-11-12 waive wa1 Dropped\n"
        XCTAssertEqual(LineMerge(base: base, ours: accept, theirs: waive, file: .disputes).conflicts, 1)
        XCTAssertEqual(LineMerge(base: base, ours: accept, theirs: accept, file: .disputes).text, accept)
        let other = base + "- 2026-11-12 open wb2 Also\n"
        XCTAssertEqual(LineMerge(base: base, ours: accept, theirs: other, file: .disputes).conflicts, 0)
    }

    func testALineTheBasesDisagreeOnConflictsUnlessBothSidesAgree() {
        // The virtual base git makes from two merge bases that disagree (markers of 9).
        let virtualBase = """
            # Work
            <<<<<<<<< Temporary merge branch 1
            - 2026-11-02 alice 2h billable Call ^wa1
            =========
            - 2026-11-02 alice 3h billable Call ^wa1
            >>>>>>>>> Temporary merge branch 2
            - 2026-11-03 bob 30m help @alice Hint ^wb2

            """
        let two = base.replacingOccurrences(of: " 1h ", with: " 2h ")
        let three = base.replacingOccurrences(of: " 1h ", with: " 3h ")
        for (ours, theirs) in [(two, three), (three, two)] {
            XCTAssertEqual(LineMerge(base: virtualBase, ours: ours, theirs: theirs, file: .work).conflicts, 1)
        }
        XCTAssertEqual(LineMerge(base: virtualBase, ours: two, theirs: two, file: .work).text, two)
        let withoutLine = base.replacingOccurrences(of: "- 2026-11-02 alice 1h billable Call ^wa1\n", with: "")
        XCTAssertEqual(LineMerge(base: virtualBase, ours: withoutLine, theirs: two, file: .work).conflicts, 1)
        let added = two + "- 2026-11-04 bob 1h billable New ^wc3\n"
        XCTAssertEqual(LineMerge(base: virtualBase, ours: two, theirs: added, file: .work).text, added)
    }

    func testPathsOfTransactionFiles() {
        XCTAssertEqual(TransactionFile(path: "tickets/ACME/ACME-1234/work.md"), .work)
        XCTAssertEqual(TransactionFile(path: "ledger/acme.md"), .ledger)
        XCTAssertEqual(TransactionFile(path: "disputes/acme.md"), .disputes)
        XCTAssertNil(TransactionFile(path: "tickets/ACME/ACME-1234/ticket.md"))
        XCTAssertNil(TransactionFile(path: "ledger/sub/acme.md"))
    }

    /// Random edits on two sides against a model of what each transaction should become:
    /// no line is lost or doubled, and exactly the model's conflicts are reported.
    func testRandomEditsMergeAsTheModelSays() {
        var random = SeededGenerator(seed: 14)
        for trial in 0..<500 {
            var baseLines: [String: Int] = [:]
            for n in 0..<Int.random(in: 0...6, using: &random) { baseLines["w\(trial)x\(n)"] = Int.random(in: 1...9, using: &random) }
            func edit(_ lines: [String: Int], side: String) -> [String: Int] {
                var lines = lines
                for id in lines.keys.sorted() {
                    switch Int.random(in: 0..<6, using: &random) {
                    case 0: lines[id] = nil
                    case 1: lines[id] = Int.random(in: 1...3, using: &random) * 10
                    default: break
                    }
                }
                for n in 0..<Int.random(in: 0...2, using: &random) { lines["\(side)\(trial)n\(n)"] = 5 }
                return lines
            }
            func text(_ lines: [String: Int]) -> String {
                lines.keys.sorted().map { "- 2026-11-02 alice \(lines[$0]!)m billable Note ^\($0)\n" }.joined()
            }
            let ours = edit(baseLines, side: "a"), theirs = edit(baseLines, side: "b")
            var expected: [String: Int] = [:]
            var conflicts = 0
            for id in Set(baseLines.keys).union(ours.keys).union(theirs.keys) {
                let (o, a, b) = (baseLines[id], ours[id], theirs[id])
                if a == b { expected[id] = a }
                else if a == o { expected[id] = b }
                else if b == o { expected[id] = a }
                else { conflicts += 1 }
            }
            let merged = LineMerge(base: text(baseLines), ours: text(ours), theirs: text(theirs), file: .work)
            XCTAssertEqual(merged.conflicts, conflicts, "trial \(trial)")
            var outside: [String: Int] = [:]
            var inConflict = false
            for line in merged.text.split(separator: "\n") {
                if line.hasPrefix("<<<<<<<") { inConflict = true; continue }
                if line.hasPrefix(">>>>>>>") { inConflict = false; continue }
                guard !inConflict, let parsed = try? WorkLine.parse(line).get() else { continue }
                XCTAssertNil(outside[parsed.id!], "trial \(trial): ^\(parsed.id!) twice")
                outside[parsed.id!] = parsed.duration.minutes
            }
            XCTAssertEqual(outside, expected, "trial \(trial)")
        }
    }
}
