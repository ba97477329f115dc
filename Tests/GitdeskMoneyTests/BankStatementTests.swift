import XCTest
import Foundation
@testable import GitdeskMoney
import GitdeskCore

final class BankStatementTests: XCTestCase {
    // MARK: Fixtures (see Fixtures/README.txt)

    private static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    private static let names = ["statement-1251.txt", "statement-dos.txt", "statement-utf8.txt"]

    private func load(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let url = Self.fixtures.appendingPathComponent(name)
        return try XCTUnwrap(FileManager.default.contents(atPath: url.path).map(Array.init), "missing fixture \(url.path)", file: file, line: line)
    }

    private func parse(_ name: String) throws -> BankStatement { try BankStatement.parse(load(name)) }

    private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d) }

    private static let firm = "40702810900000000001"

    // MARK: Encodings

    func testEachEncodingIsRecognised() throws {
        let windows = try parse("statement-1251.txt"), dos = try parse("statement-dos.txt"), utf8 = try parse("statement-utf8.txt")
        XCTAssertEqual(windows.encoding, "Windows")
        XCTAssertEqual(dos.encoding, "DOS")
        XCTAssertEqual(utf8.encoding, "UTF-8")
        XCTAssertEqual(windows.version, "1.03")
        XCTAssertEqual(dos.version, "1.02")
        XCTAssertEqual(utf8.version, "1.03")
        for statement in [windows, dos, utf8] {
            XCTAssertEqual(statement.accounts, [Self.firm])
        }
    }

    func testEachEncodingYieldsTheSameDocuments() throws {
        let statements = try Self.names.map(parse)
        XCTAssertEqual(statements[0].documents.count, 4)
        XCTAssertEqual(statements[0].documents, statements[1].documents)
        XCTAssertEqual(statements[0].documents, statements[2].documents)
        XCTAssertEqual(statements[0].issues, statements[1].issues)
        XCTAssertEqual(statements[0].issues, statements[2].issues)
    }

    func testCyrillicReadsCorrectly() throws {
        for name in Self.names {
            let docs = try parse(name).documents
            XCTAssertEqual(docs.map(\.kind), Array(repeating: "Платежное поручение", count: 4), name)
            XCTAssertEqual(docs[0].payerName, "ООО \"Ромашка\"", name)
            XCTAssertEqual(docs[1].payerName, "ИП Сидоров Пётр Иванович", "\(name): taken from Плательщик1")
            XCTAssertEqual(docs[2].payeeName, "АО \"Энергосбыт\"", name)
            XCTAssertEqual(docs[3].payeeName, "ООО \"Гитдеск\"", name)
            XCTAssertEqual(docs[0].purpose, "Оплата по договору № 7 от 01.10.2026. Без НДС", name)
            XCTAssertEqual(docs[2].purpose, "Оплата электроэнергии за октябрь 2026, НДС=750.00", "\(name): a value may hold =")
            XCTAssertEqual(docs[3].purpose, "Оплата по счёт № 12 от 28.10.2026 за сопровождение в т.ч. НДС 20% 2000.00 руб.", name)
        }
    }

    func testDocumentFields() throws {
        let docs = try parse("statement-1251.txt").documents
        XCTAssertEqual(docs.map(\.line), [21, 44, 67, 90])
        XCTAssertEqual(docs.map(\.number), ["311", "45", "102", "912"])

        // Two incoming payments from different payers on the same day.
        XCTAssertEqual(docs[0].date, day(2026, 11, 3))
        XCTAssertEqual(docs[1].date, day(2026, 11, 3))
        XCTAssertNotEqual(docs[0].payerAccount, docs[1].payerAccount)
        XCTAssertEqual(docs[0].payeeAccount, Self.firm)
        XCTAssertEqual(docs[1].payeeAccount, Self.firm)
        XCTAssertEqual(docs[0].payerINN, "7705000001")
        XCTAssertEqual(docs[0].payerKPP, "770501001")
        XCTAssertEqual(docs[1].payerINN, "772800000002")
        XCTAssertEqual(docs[1].payerKPP, "")
        XCTAssertEqual(docs[0].received, day(2026, 11, 3))
        XCTAssertNil(docs[0].writtenOff)

        // The outgoing payment: the firm pays.
        XCTAssertEqual(docs[2].payerAccount, Self.firm)
        XCTAssertEqual(docs[2].payerINN, "7701234567")
        XCTAssertEqual(docs[2].payeeAccount, "40702810600000000333")
        XCTAssertEqual(docs[2].payeeINN, "7736000003")
        XCTAssertEqual(docs[2].writtenOff, day(2026, 11, 4))
        XCTAssertNil(docs[2].received)
    }

    func testAmountsAreExactKopecks() throws {
        for name in Self.names {
            let amounts = try parse(name).documents.map(\.amount)
            // "20000.00", "15000,50", "4500", "12000.00"
            XCTAssertEqual(amounts, [Money(minor: 2_000_000), Money(minor: 1_500_050), Money(minor: 450_000), Money(minor: 1_200_000)], name)
        }
        let cases: [(String, Int64)] = [("0", 0), ("1", 100), ("0.01", 1), ("1.5", 150), ("1,05", 105),
                                        ("20000", 2_000_000), ("9999999999.99", 999_999_999_999)]
        for (text, minor) in cases {
            let statement = try BankStatement.parse(Self.single(amount: text))
            XCTAssertEqual(statement.documents.first?.amount, Money(minor: minor), text)
        }
        for text in ["abc", "-1", "+1", "1.", ".5", "1.234", "1 000", "1e3", "1..2", "1.2.3", "12345678901"] {
            let statement = try BankStatement.parse(Self.single(amount: text))
            XCTAssertEqual(statement.documents, [], text)
            XCTAssertEqual(statement.issues, [BankStatementIssue(line: 6, reason: .badAmount(text))], text)
        }
    }

    // MARK: Problems

    func testMalformedDocumentIsAnIssueAndTheOthersStillParse() throws {
        for name in Self.names {
            let statement = try parse(name)
            XCTAssertEqual(statement.issues, [BankStatementIssue(line: 117, reason: .badAmount("abc"))], name)
            XCTAssertEqual(statement.documents.count, 4, name)
            XCTAssertFalse(statement.documents.contains { $0.number == "315" }, name)
        }
    }

    func testMissingFieldsBadDatesAndUnterminatedDocuments() throws {
        let text = """
        1CClientBankExchange
        ВерсияФормата=1.03
        Кодировка=Windows
        РасчСчет=1
        РасчСчет=1
        РасчСчет=2
        СекцияДокумент=Платежное поручение
        Номер=1
        Дата=31.02.2026
        Сумма=10
        ПлательщикСчет=a
        ПолучательСчет=b
        КонецДокумента
        СекцияДокумент=Платежное поручение
        Дата=01.02.2026
        Сумма=10.5
        ПлательщикРасчСчет=a
        КонецДокумента
        СекцияДокумент=Банковский ордер
        Номер=3
        Дата=29.02.2024
        Сумма=0.05
        ПлательщикРасчСчет=a
        ПолучательСчет=b
        ДатаПоступило=
        мусор без равно
        НазначениеПлатежа1=часть 1
        НазначениеПлатежа2=часть 2
        КонецДокумента
        СекцияДокумент=Платежное поручение
        Номер=4
        СекцияДокумент=Платежное поручение
        Номер=5
        Дата=01.02.2026
        Сумма=1
        ПлательщикСчет=a
        ПолучательСчет=b
        ДатаСписано=32.01.2026
        КонецДокумента
        СекцияДокумент=Платежное поручение
        Номер=6
        КонецФайла
        СекцияДокумент=after the end
        """
        let statement = try BankStatement.parse(Array(text.utf8))
        XCTAssertEqual(statement.accounts, ["1", "2"])
        XCTAssertEqual(statement.documents.count, 1)
        let doc = try XCTUnwrap(statement.documents.first)
        XCTAssertEqual(doc.kind, "Банковский ордер")
        XCTAssertEqual(doc.line, 19)
        XCTAssertEqual(doc.date, day(2024, 2, 29))
        XCTAssertEqual(doc.amount, Money(minor: 5))
        XCTAssertEqual(doc.payerAccount, "a", "ПлательщикРасчСчет stands in for ПлательщикСчет")
        XCTAssertEqual(doc.purpose, "часть 1 часть 2")
        XCTAssertNil(doc.received)
        XCTAssertEqual(statement.issues, [
            BankStatementIssue(line: 9, reason: .badDate(field: "Дата", value: "31.02.2026")),
            BankStatementIssue(line: 14, reason: .missingField("Номер")),
            BankStatementIssue(line: 14, reason: .missingField("ПолучательСчет")),
            BankStatementIssue(line: 26, reason: .unknownLine("мусор без равно")),
            BankStatementIssue(line: 30, reason: .unterminatedDocument),
            BankStatementIssue(line: 38, reason: .badDate(field: "ДатаСписано", value: "32.01.2026")),
            BankStatementIssue(line: 40, reason: .unterminatedDocument),
        ])
    }

    func testDocumentOpenAtTheEndOfTheFileIsUnterminated() throws {
        let statement = try BankStatement.parse(Array("1CClientBankExchange\nВерсияФормата=1.02\nСекцияДокумент=A\nНомер=1\n".utf8))
        XCTAssertEqual(statement.documents, [])
        XCTAssertEqual(statement.issues, [BankStatementIssue(line: 3, reason: .unterminatedDocument)])
    }

    func testNotAnExchangeFileThrows() {
        for bytes: [UInt8] in [[], Array("hello\nworld".utf8), Array("1CClientBankExchangeX\n".utf8),
                               Array("ВерсияФормата=1.03\n1CClientBankExchange\n".utf8), [0xFF, 0xFE, 0x31, 0x00]] {
            XCTAssertThrowsError(try BankStatement.parse(bytes)) { error in
                XCTAssertEqual(error as? BankStatementError, .notAnExchangeFile)
            }
        }
        XCTAssertNoThrow(try BankStatement.parse(Array("\r\n  1CClientBankExchange \r\nВерсияФормата=1.03\r\n".utf8)))
    }

    func testUnsupportedVersionThrows() {
        XCTAssertThrowsError(try BankStatement.parse(Array("1CClientBankExchange\nВерсияФормата=1.01\n".utf8))) { error in
            XCTAssertEqual(error as? BankStatementError, .unsupportedVersion("1.01"))
        }
        XCTAssertThrowsError(try BankStatement.parse(Array("1CClientBankExchange\nКодировка=Windows\n".utf8))) { error in
            XCTAssertEqual(error as? BankStatementError, .unsupportedVersion(""))
        }
    }

    func testBrokenUTF8AfterABOMIsUndecodable() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("1CClientBankExchange\nВерсияФормата=1.03\n".utf8) + [0xC3]
        XCTAssertThrowsError(try BankStatement.parse(bytes)) { error in
            XCTAssertEqual(error as? BankStatementError, .undecodable(encoding: "UTF-8"))
        }
    }

    // MARK: Line endings

    func testCRLFAndLFBothWork() throws {
        let crlf1251 = try load("statement-1251.txt")
        XCTAssertTrue(crlf1251.contains(0x0D))
        let lf1251 = crlf1251.filter { $0 != 0x0D }
        let lfUTF8 = try load("statement-utf8.txt")
        XCTAssertFalse(lfUTF8.contains(0x0D))
        let crlfUTF8 = Array(String(decoding: lfUTF8, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)

        let reference = try BankStatement.parse(crlf1251)
        for bytes in [lf1251, lfUTF8, crlfUTF8, [0xEF, 0xBB, 0xBF] + lfUTF8] {
            let statement = try BankStatement.parse(bytes)
            XCTAssertEqual(statement.documents, reference.documents)
            XCTAssertEqual(statement.issues, reference.issues)
            XCTAssertEqual(statement.accounts, reference.accounts)
        }
    }

    // MARK: Robustness

    func testRandomBytesDoNotCrash() {
        var rng = SplitMix64(seed: 0x1C_2026)
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? BankStatement.parse(bytes)
            // The same noise behind a real header, so it gets past the first checks.
            _ = try? BankStatement.parse(Array("1CClientBankExchange\r\nВерсияФормата=1.03\r\nСекцияДокумент=X\r\n".utf8) + bytes)
        }
    }

    func testTruncatedAndMutatedFixturesDoNotCrash() throws {
        var rng = SplitMix64(seed: 866)
        let seeds = try Self.names.map { try load($0) }
        for i in 0..<3000 {
            let seed = seeds[i % seeds.count]
            var bytes = Array(seed.prefix(Int.random(in: 0...seed.count, using: &rng)))
            _ = try? BankStatement.parse(bytes)
            bytes = seed
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = try? BankStatement.parse(bytes)
        }
    }

    func testTenMegabytesParseQuickly() throws {
        let seed = try load("statement-1251.txt")
        // Header (20 lines), then the five documents over and over, without КонецФайла.
        let headerEnd = try XCTUnwrap(seed.indices.filter { seed[$0] == 0x0A }.dropFirst(19).first) + 1
        let documents = Array(seed[headerEnd..<(seed.count - 12)])   // "КонецФайла\r\n" is 12 bytes in Windows-1251
        var bytes = Array(seed[..<headerEnd])
        bytes.reserveCapacity(10_100_000)
        while bytes.count < 10_000_000 { bytes += documents }
        let start = Date()
        let statement = try BankStatement.parse(bytes)
        let elapsed = Date().timeIntervalSince(start)
        let copies = (bytes.count - headerEnd) / documents.count
        XCTAssertEqual(statement.documents.count, copies * 4)
        XCTAssertEqual(statement.issues.count, copies)
        XCTAssertLessThan(elapsed, 2.0, "10 MB took \(elapsed) s")   // about 0.4 s unoptimised, 0.1 s optimised
    }

    // MARK: Helpers

    /// A statement with one document whose Сумма is `amount` (on line 6).
    private static func single(amount: String) -> [UInt8] {
        Array("""
        1CClientBankExchange
        ВерсияФормата=1.03
        СекцияДокумент=Платежное поручение
        Номер=1
        Дата=01.01.2026
        Сумма=\(amount)
        ПлательщикСчет=a
        ПолучательСчет=b
        КонецДокумента

        """.utf8)
    }
}

/// A small seeded generator, so a fuzz failure can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
