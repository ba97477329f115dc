import Foundation
import XCTest
import GitdeskCore
@testable import GitdeskMoney

/// The export's fast paths say exactly what the plain ones said: the integer sort orders
/// movements as comparing (date, file, line) does, and the journal's bytes spell days,
/// durations and amounts as their `description` and `plain` do.
final class ExportOrderTests: XCTestCase {
    func testTheIntegerSortOrdersAsComparingDateFileAndLine() {
        var random = SeededGenerator(seed: 7)
        // Files repeat (a ledger's lines each name its file) and sort as strings, not as numbers.
        let names = ["tickets/ACME/ACME-10/work.md", "tickets/ACME/ACME-9/work.md", "ledger/acme.md", "tickets/B/B-1/work.md", "ledger/beta.md"]
        for round in 0..<20 {
            var movements: [Movement] = [], files: [String] = [], numbers: [Int] = []
            for _ in 0..<Int.random(in: 0..<300, using: &random) {
                let file = names.randomElement(using: &random)!
                if files.isEmpty || Bool.random(using: &random) { files.append(file) }
                let day = Day(ordinal: 20_000 + Int.random(in: 0..<20, using: &random))
                movements.append(Movement(date: day, client: "acme", source: .payment, amount: Money(minor: 100), id: nil, note: "",
                                          location: SourceLocation(file: files.last!, line: Int.random(in: 1..<30, using: &random)),
                                          ticket: nil, login: nil, kind: nil, minutes: nil, rate: nil))
                numbers.append(files.count - 1)
            }
            let expected = movements.enumerated().sorted { ($0.element.date, $0.element.location, $0.offset) < ($1.element.date, $1.element.location, $1.offset) }.map(\.element)
            MoneyExport.sortByDayAndPlace(&movements, files: files, fileNumbers: numbers)
            XCTAssertEqual(movements, expected, "round \(round)")
        }
    }

    func testJournalBytesSpellValuesAsTheirDescriptions() {
        var random = SeededGenerator(seed: 11)
        for _ in 0..<2000 {
            let day = Day(ordinal: Int.random(in: -700_000...3_000_000, using: &random))
            let duration = Duration(minutes: Int.random(in: 0...2000, using: &random))
            let money = Money(minor: Int64.random(in: -10_000_000...10_000_000, using: &random))
            var out = JournalBytes()
            out.add(day); out += "|"; out.add(duration); out += "|"; out.add(money)
            XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), "\(day)|\(duration)|\(money.plain)")
        }
        var out = JournalBytes()
        out.add(Money(minor: .min)); out += " "; out.addDescription("a; b;;c — д")
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), "\(Money(minor: .min).plain) a, b,,c — д")
    }
}
