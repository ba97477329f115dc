import XCTest
import GitdeskCore

/// The catalogue of errors and findings: both languages, hints in each, English for machines.
final class ProblemTests: XCTestCase {
    private let samples: [Problem] = [
        .unknownValue(key: "priority", value: "asap", valid: ["urgent", "normal"]), .noStaff("bob"), .notADesk,
        .duplicateTransaction(id: "w1", places: "a.md:1, b.md:2"), .sealedChanged(period: "2026-10", client: "acme", seal: "t"),
        .formatChoice(option: "--format", valid: ["text", "md", "json"]), .calendarUnreadable(.tooManyOccurrences(limit: 5, years: 2020...2030)),
        .unknownCommand(word: "lsit", path: "gitdesk", near: ["list"]), .dateNotReal(nil, received: true),
    ]

    func testEverySampleSpeaksBothLanguages() {
        for problem in samples {
            let text = problem.text
            XCTAssertNotEqual(text.ru, text.en, "\(problem)")
            XCTAssertTrue(text.ru.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, text.ru)
            XCTAssertFalse(text.en.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, text.en)
        }
        XCTAssertEqual(Problem.formatChoice(option: "--format", valid: ["text", "md", "json"]).text.en, "--format must be text, md or json")
    }

    func testAnErrorCarriesItsHintInTheLanguageItIsPrintedIn() {
        let error = DeskError.notFound(.noStaff("bob"))
        XCTAssertTrue(error.text(in: .ru).hasPrefix("ошибка: нет сотрудника 'bob'\nподсказка: 'gitdesk staff list'"), error.text(in: .ru))
        XCTAssertTrue(error.text(in: .en).hasPrefix("error: no staff member 'bob'\nhint: 'gitdesk staff list'"), error.text(in: .en))
        // A usage error without a hint of its own gets the general one, once.
        let usage = DeskError.usage(.monthsRange).text(in: .ru)
        XCTAssertEqual(usage.components(separatedBy: "подсказка:").count, 2, usage)
        let findings = DeskError.invalidDesk([Finding(file: "a.md", line: 3, .unknownLogin("zed"))])
        XCTAssertEqual(findings.text(in: .en), "error: a.md:3: unknown login 'zed'\nhint: fix the lines named above; 'gitdesk check' lists every problem of the desk")
        XCTAssertTrue(findings.text(in: .ru).hasPrefix("ошибка: a.md:3: неизвестный логин 'zed'\nподсказка: "))
    }

    func testAFindingKeepsBothLanguagesThroughTheIndexAndIsEnglishInJSON() throws {
        let finding = Finding(file: "t.md", line: 2, .unknownProject("shop"), client: "acme")
        var writer = BinaryWriter(magic: "test\n")
        writer.findings([finding])
        var reader = try BinaryReader(writer.bytesWritten, magic: "test\n")
        XCTAssertEqual(try reader.findings(), [finding])
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        XCTAssertTrue(json.contains("\"message\":\"unknown project 'shop'\""), json)
        XCTAssertEqual(Finding(file: "t.md", line: 2, .unknownProject("shop")).located.ru, "t.md:2: неизвестный проект 'shop'")
    }
}
