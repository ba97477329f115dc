import Foundation
import XCTest
@testable import GitdeskCore

final class DurationTests: XCTestCase {
    func testSpecSpellings() {
        XCTAssertEqual(Duration("45m")?.minutes, 45)
        XCTAssertEqual(Duration("2h")?.minutes, 120)
        XCTAssertEqual(Duration("1h20m")?.minutes, 80)
        XCTAssertEqual(Duration("1.5h")?.minutes, 90)
        XCTAssertEqual(Duration("0.25h")?.minutes, 15)
        XCTAssertEqual(Duration("24h")?.isValidWorkDuration, true)
    }

    func testRejectsImpossibleDurations() {
        for bad in ["", "h", "m", "1", "1h60m", "-1h", "1.01h", "1,5h", "1h 20m", "٣h", "25h0", "1.h", ".5h", "1e2m", "9999999h"] {
            XCTAssertNil(Duration(bad), bad)
        }
        XCTAssertEqual(Duration("0m")?.isValidWorkDuration, false)
        XCTAssertEqual(Duration("24h1m")?.isValidWorkDuration, false)
    }

    func testCanonicalSpelling() {
        XCTAssertEqual(Duration(minutes: 80).description, "1h20m")
        XCTAssertEqual(Duration(minutes: 45).description, "45m")
        XCTAssertEqual(Duration(minutes: 120).description, "2h")
        XCTAssertEqual(Duration(minutes: 80).hoursText, "1.33")
    }
}

final class MoneyTests: XCTestCase {
    func testParsesMajorUnits() {
        XCTAssertEqual(Money("180000")?.minor, 18_000_000)
        XCTAssertEqual(Money("1500.5")?.minor, 150_050)
        XCTAssertEqual(Money("1500.05")?.minor, 150_005)
        XCTAssertEqual(Money("-20.25")?.minor, -2025)
        for bad in ["", "1.234", "1,5", "1e3", "abc", ".5", "1.", "--1", "12345678901234"] { XCTAssertNil(Money(bad), bad) }
    }

    func testRoundsHalfAwayFromZero() {
        // 2000/h for 1h20m = 2666.666… → 2666.67
        XCTAssertEqual(Money.amount(ratePerHour: Money(minor: 200_000), minutes: 80).minor, 266_667)
        // 0.30/h for 1m = 0.5 kopeck → 1 kopeck (half away from zero)
        XCTAssertEqual(Money.amount(ratePerHour: Money(minor: 30), minutes: 1).minor, 1)
        XCTAssertEqual(Money.amount(ratePerHour: Money(minor: -30), minutes: 1).minor, -1)
        // 0.29/h for 1m = 0.48 kopeck → 0
        XCTAssertEqual(Money.amount(ratePerHour: Money(minor: 29), minutes: 1).minor, 0)
    }

    func testFormatsForLocale() {
        XCTAssertEqual(MoneyFormat(currency: "RUB", locale: "ru").string(Money(minor: 200_000)), "2\u{00A0}000,00\u{00A0}₽")
        XCTAssertEqual(MoneyFormat(currency: "RUB", locale: "ru").string(Money(minor: -123_456_789)), "-1\u{00A0}234\u{00A0}567,89\u{00A0}₽")
        XCTAssertEqual(MoneyFormat(currency: "USD", locale: "en").string(Money(minor: 100_005)), "$1,000.05")
        XCTAssertEqual(Money(minor: -5).plain, "-0.05")
    }
}

final class DayTests: XCTestCase {
    func testRejectsImpossibleDates() {
        XCTAssertNotNil(Day("2024-02-29"))
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1", "26-01-01", "2026-01-32", "2026/01/01", "２０２６-01-01"] {
            XCTAssertNil(Day(bad), bad)
        }
    }

    func testOrdinalRoundTripAndWeekday() {
        let day = Day("2026-11-28")!
        XCTAssertEqual(Day(ordinal: day.ordinal), day)
        XCTAssertEqual(day.weekday, 6) // Saturday
        XCTAssertEqual(Day("1970-01-01")!.ordinal, 0)
        XCTAssertEqual(day.adding(days: 4).description, "2026-12-02")
    }

    func testDaysAreOrderedAsTheCalendarIs() {
        var generator = SeededGenerator(seed: 7)
        let days = (0..<2000).map { _ in Day(ordinal: Int.random(in: -30_000...60_000, using: &generator)) }
        for (a, b) in zip(days, days.dropFirst()) {
            XCTAssertEqual(a < b, a.ordinal < b.ordinal, "\(a) \(b)")
            XCTAssertEqual(a == b, a.ordinal == b.ordinal, "\(a) \(b)")
        }
        XCTAssertLessThan(Day("2026-01-31")!, Day("2026-02-01")!)
        XCTAssertLessThan(Day("2025-12-31")!, Day("2026-01-01")!)
        XCTAssertFalse(Day("2026-03-01")! < Day("2026-02-28")!)
    }

    func testPeriods() {
        XCTAssertEqual(Period("2026-02")?.last.description, "2026-02-28")
        XCTAssertEqual(Period("2026-W01")?.first.description, "2025-12-29")
        XCTAssertEqual(Period("2026-W48")?.days.count, 7)
        XCTAssertEqual(Period("2026-11-01..2026-11-15")?.days.count, 15)
        XCTAssertNil(Period("2026-11-15..2026-11-01"))
        XCTAssertNil(Period("november"))
    }

    func testTimestamps() {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        let a = Timestamp.parse("2026-11-28T10:15:00+03:00", zone: moscow)!
        XCTAssertEqual(Timestamp.parse("2026-11-28 10:15", zone: moscow), a)
        XCTAssertEqual(Timestamp.parse("2026-11-28T07:15Z", zone: moscow), a)
        XCTAssertEqual(Timestamp.format(a, zone: moscow), "2026-11-28T10:15:00+03:00")
        XCTAssertNil(Timestamp.parse("2026-11-28T25:00", zone: moscow))
        XCTAssertNil(Timestamp.parse("2026-11-28T10:15 tomorrow", zone: moscow))
    }

    /// ISO weeks as Foundation's ISO 8601 calendar counts them, on every day of 2020–2030,
    /// each labelled as `--week` reads it back.
    func testISOWeeksAgreeWithFoundation() {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day = Day(year: 2020, month: 1, day: 1)
        while day.year < 2031 {
            let week = Period.isoWeek(of: day)
            let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            XCTAssertEqual(week.label, "\(parts.yearForWeekOfYear!)-W\(parts.weekOfYear! < 10 ? "0" : "")\(parts.weekOfYear!)", "\(day)")
            XCTAssertEqual(Period(week.label)?.first, week.first, "\(day)")
            XCTAssertTrue(week.contains(day))
            day = day.adding(days: 1)
        }
        XCTAssertEqual(Period.months(3, endingWith: Day("2026-02-10")!).map(\.label), ["2025-12", "2026-01", "2026-02"])
    }
}

final class LineTests: XCTestCase {
    func testWorkLineGrammar() throws {
        let line = try WorkLine.parse("- 2026-11-28 bob 20m help @alice Showed where the exchange rules live ^w81d0e4").get()
        XCTAssertEqual(line.login, "bob")
        XCTAssertEqual(line.duration.minutes, 20)
        XCTAssertEqual(line.colleague, "alice")
        XCTAssertEqual(line.note, "Showed where the exchange rules live")
        XCTAssertEqual(line.id, "w81d0e4")
        XCTAssertEqual(line.text, "- 2026-11-28 bob 20m help @alice Showed where the exchange rules live ^w81d0e4")
        let bare = try WorkLine.parse("- 2026-11-28 alice 1h20m billable").get()
        XCTAssertNil(bare.id)
        XCTAssertEqual(bare.note, "")
    }

    func testWorkLineErrorsSayWhatIsWrong() {
        func message(_ text: Substring) -> String? {
            if case .failure(let error) = WorkLine.parse(text) { return error.text.en }
            return nil
        }
        XCTAssertEqual(message("- 2026-02-30 bob 20m help x"), "'2026-02-30' is not a date (YYYY-MM-DD)")
        XCTAssertEqual(message("- 2026-11-28 bob 25h billable x"), "duration 25h must be more than 0 and at most 24h")
        XCTAssertEqual(message("- 2026-11-28 bob 0m billable x"), "duration 0m must be more than 0 and at most 24h")
        XCTAssertNotNil(message("- 2026-11-28 ../etc 20m help x"))
        XCTAssertNotNil(message("- 2026-11-28 bob 20m help x ^W/../x"))
        XCTAssertNotNil(message("* 2026-11-28 bob 20m help"))
        XCTAssertNotNil(message("- 2026-11-28 bob"))
    }

    func testLedgerLine() throws {
        let line = try LedgerLine.parse("- 2026-11-01 payment 180000 Prepayment Nov-Jan, invoice 118 ^p1a2b3c").get()
        XCTAssertEqual(line.amount.minor, 18_000_000)
        XCTAssertEqual(line.kind, .payment)
        XCTAssertEqual(line.note, "Prepayment Nov-Jan, invoice 118")
        XCTAssertThrowsError(try LedgerLine.parse("- 2026-11-01 refund 10").get())
        XCTAssertThrowsError(try LedgerLine.parse("- 2026-11-01 charge -10").get())
        XCTAssertThrowsError(try LedgerLine.parse("- 2026-11-01 charge 10.001").get())
    }

    func testLineFileReportsEachBadLineWithItsNumber() {
        let text = "# Work\n\n- 2026-11-28 a 1h billable ok ^w1\n- 2026-11-28 a 1x billable bad\n- nope\n"
        let (lines, findings) = parseLineFile(text, file: "tickets/A-0000/work.md", client: "a", parse: WorkLine.parse)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(findings.map(\.line), [4, 5])
        XCTAssertEqual(findings.first?.file, "tickets/A-0000/work.md")
    }

    func testIDAssignerNumbersOnlyUnnumberedWellFormedLines() {
        var assigner = IDAssigner(existing: Set(["w000001"]), generator: SeededGenerator(seed: 1))
        let text = "- 2026-11-28 a 1h billable one ^w000001\n- 2026-11-28 a 30m help two  \nnot a line\n"
        let (fixed, count) = assigner.assign(in: text, isLedger: false)!
        XCTAssertEqual(count, 1)
        let lines = fixed.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[0], "- 2026-11-28 a 1h billable one ^w000001")
        XCTAssertTrue(lines[1].hasPrefix("- 2026-11-28 a 30m help two ^w"))
        XCTAssertEqual(lines[2], "not a line")
        XCTAssertNil(assigner.assign(in: fixed, isLedger: false))
    }
}

final class IdentifierTests: XCTestCase {
    func testTicketPathsAreTakenApartOrRefused() throws {
        let message = try XCTUnwrap(TicketPath("tickets/ACME/ACME-4F7Q/messages/20261103T090000-client.md"))
        XCTAssertEqual([message.group, message.ticket, message.inner], ["ACME", "ACME-4F7Q", "messages/20261103T090000-client.md"])
        XCTAssertEqual(message.folder, "tickets/ACME/ACME-4F7Q")
        XCTAssertEqual(TicketPath(TicketID.folder(of: "ACME-4F7Q") + "/work.md")?.ticket, "ACME-4F7Q")
        for bad in ["tickets/notes.txt", "tickets/ACME/ACME-4F7Q", "tickets/ACME/ACME-4F7Q/", "tickets//X/work.md", "ledger/acme.md",
                    "Tickets/ACME/ACME-4F7Q/work.md"] {
            XCTAssertNil(TicketPath(bad), bad)
        }
    }

    func testPathTricksAreRejected() {
        for bad in ["..", "a/b", "a..b", "A", "-a", "a b", "a\u{0}", "a\n", "", ".hidden", "ä"] { XCTAssertFalse(Identifier.isValid(bad), bad) }
        XCTAssertTrue(Identifier.isValid("alice.smith"))
        XCTAssertTrue(TicketID.isValid("ACME-4F7Q"))
        for bad in ["ACME-4F7", "acme-4F7Q", "ACME-4F7U", "ACME/../X-1234", "ACME-4F7Q-1", "A-1234"] { XCTAssertFalse(TicketID.isValid(bad), bad) }
    }

    func testTicketIDsAreRandomAndUnique() {
        var generator = SeededGenerator(seed: 42)
        var existing = Set<String>()
        for _ in 0..<2000 {
            let id = TicketID.generate(prefix: "ACME", existing: existing, using: &generator)
            XCTAssertTrue(TicketID.isValid(id), id)
            XCTAssertFalse(existing.contains(id))
            existing.insert(id)
        }
        // Not "max + 1": consecutive IDs are not neighbours.
        XCTAssertFalse(existing.contains("ACME-0001") && existing.contains("ACME-0002"))
    }
}

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1_000)), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

final class BinaryCodingTests: XCTestCase {
    func testRoundTripAndCorruption() throws {
        var writer = BinaryWriter(magic: "T1")
        for value in [0, 1, -1, 127, 128, Int.max, Int.min] { writer.int(value) }
        writer.string("Синхронизация ^w1")
        writer.optionalString(nil)
        var reader = try BinaryReader(writer.bytesWritten, magic: "T1")
        for value in [0, 1, -1, 127, 128, Int.max, Int.min] { XCTAssertEqual(try reader.int(), value) }
        XCTAssertEqual(try reader.string(), "Синхронизация ^w1")
        XCTAssertNil(try reader.optionalString())
        XCTAssertTrue(reader.atEnd)
        XCTAssertThrowsError(try BinaryReader(writer.bytesWritten, magic: "T2"))
        var truncated = try BinaryReader(Array(writer.bytesWritten.prefix(20)), magic: "T1")
        XCTAssertThrowsError(try { for _ in 0..<10 { _ = try truncated.int() }; _ = try truncated.string() }())
    }

    func testFrontMatterScan() {
        let text = "---\ntitle: \"a: b\"\nstatus: 'in-progress'   # moved\n---\nstatus: body\n"
        XCTAssertEqual(scanFrontMatterValue("status", in: text), "in-progress")
        XCTAssertEqual(scanFrontMatterValue("title", in: text), "a: b")
        XCTAssertNil(scanFrontMatterValue("client", in: text))
    }
}

final class PrettyJSONTests: XCTestCase {
    private struct Sample: Encodable {
        let name: String
        let count: Int
        let missing: String?
        let nested: [Inner]
        let empty: [Int]
        struct Inner: Encodable { let a: String; let b: Int? }
    }

    /// The writer gives the same bytes as `JSONEncoder` for every escape and layout case:
    /// control characters, quotes, backslashes, slashes, non-ASCII, empty and nested
    /// containers, nil members.
    func testMatchesJSONEncoderByteForByte() throws {
        var tricky = String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) })
        tricky += "\u{7F}\"\\/é\u{2028}😀 ^w1 — «ёлка»"
        let samples = [
            Sample(name: tricky, count: -5, missing: nil, nested: [], empty: []),
            Sample(name: "", count: 0, missing: "x", nested: [.init(a: "q\"", b: nil), .init(a: "\n", b: 7)], empty: []),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for sample in samples {
            var json = PrettyJSON()
            json.beginObject()
            json.key("count"); json.int(sample.count)
            json.key("empty"); json.beginArray(); sample.empty.forEach { json.int($0) }; json.endArray()
            json.member("missing", sample.missing)
            json.member("name", sample.name)
            json.key("nested")
            json.beginArray()
            for inner in sample.nested {
                json.beginObject(); json.member("a", inner.a); json.member("b", inner.b); json.endObject()
            }
            json.endArray()
            json.endObject()
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self), String(decoding: try encoder.encode(sample), as: UTF8.self))
        }
    }
}
