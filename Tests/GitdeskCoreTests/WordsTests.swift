import XCTest
import GitdeskCore
@testable import GitdeskWords

/// The message catalogue's formats and plural rules in both languages.
final class WordsTests: XCTestCase {
    private let nb = "\u{00A0}"
    private func words(_ language: Language, _ yaml: String = "") throws -> Words { Words(language, config: try DeskConfig.parse(yaml)) }

    func testRussianPluralsFollowTheLastDigits() throws {
        let ru = try words(.ru)
        let expected = [1: "день", 2: "дня", 4: "дня", 5: "дней", 11: "дней", 12: "дней", 14: "дней", 21: "день", 22: "дня", 25: "дней",
                        101: "день", 111: "дней", 0: "дней"]
        for (n, form) in expected { XCTAssertEqual(ru.plural(n, .day), form, "\(n)") }
        let en = try words(.en)
        XCTAssertEqual(en.count(1, .reply), "1\(nb)reply")
        XCTAssertEqual(en.count(3, .reply), "3\(nb)replies")
        XCTAssertEqual(ru.count(3, .reply), "3\(nb)ответа")
    }

    func testNumbersMoneyPercentsDurationsAndDays() throws {
        let ru = try words(.ru), en = try words(.en)
        XCTAssertEqual(ru.money(Money(minor: 18_000_000)), "180\(nb)000,00\(nb)₽")
        XCTAssertEqual(en.money(Money(minor: 18_000_000)), "₽180,000.00")
        XCTAssertEqual(ru.money(Money(minor: -75)), "-0,75\(nb)₽")
        XCTAssertEqual(ru.percent(9_190), "91,9\(nb)%")
        XCTAssertEqual(en.percent(9_190), "91.9%")
        XCTAssertEqual(en.percent(-1_055), "-10.6%")
        XCTAssertEqual(ru.duration(minutes: 175), "2\(nb)ч 55\(nb)мин")
        XCTAssertEqual(en.duration(minutes: 175), "2h 55m")
        XCTAssertEqual(ru.duration(minutes: 0), "0\(nb)мин")
        XCTAssertEqual(en.duration(minutes: -90), "-1h 30m")
        XCTAssertEqual(ru.duration(minutes: 120_000), "2\(nb)000\(nb)ч")
        XCTAssertEqual(ru.integer(-1_234_567), "-1\(nb)234\(nb)567")
        XCTAssertEqual(en.integer(1_234_567), "1,234,567")
        let day = Day(year: 2026, month: 11, day: 28)
        XCTAssertEqual(ru.day(day), "28.11.2026")
        XCTAssertEqual(en.day(day), "2026-11-28")
        XCTAssertEqual(ru.period(Period("2026-11")!), "ноябрь 2026")
        XCTAssertEqual(en.period(Period("2026-W48")!), "week 2026-W48")
        XCTAssertEqual(ru.period(Period("2026")!), "2026 год")
        XCTAssertEqual(ru.monthOf(day), "ноября 2026")
    }

    func testDisplayNamesComeFromSettingsThenTheCatalogueThenTheValue() throws {
        let yaml = "names:\n  status:\n    in-progress: {ru: \"Делаем\", en: \"Doing\"}\n  category:\n    exchange: {ru: \"Обмен с 1С\"}\n"
        let ru = try words(.ru, yaml), en = try words(.en, yaml)
        XCTAssertEqual(ru.name("in-progress", .status), "Делаем")
        XCTAssertEqual(en.name("in-progress", .status), "Doing")
        XCTAssertEqual(ru.name("exchange", .category), "Обмен с 1С")
        XCTAssertEqual(en.name("exchange", .category), "data exchange")
        XCTAssertEqual(en.name("warehouse", .category), "warehouse")
        XCTAssertEqual(ru.name("urgent", .priority), "срочно")
        // The same value names different things by its kind.
        XCTAssertEqual(ru.name("testing", .status), "на проверке")
        XCTAssertEqual(ru.name("testing", .kind), "контрольный пример")
        XCTAssertEqual(ru.name("made-up", .status), "made-up")
        XCTAssertThrowsError(try DeskConfig.parse("names:\n  mood:\n    happy: {ru: \"рад\"}\n")) { XCTAssertEqual(($0 as! Finding).line, 3) }
        XCTAssertThrowsError(try DeskConfig.parse("names:\n  status:\n    new: {de: \"neu\"}\n"))
    }

    /// Every phrase has both texts, and a placeholder used in one language is used in the other.
    func testEveryPhraseHasBothLanguagesWithTheSamePlaceholders() {
        func check<P: Phrase>(_: P.Type) {
            for phrase in P.allCases {
                let (ru, en) = phrase.pair
                XCTAssertFalse(ru.isEmpty || en.isEmpty, "\(phrase)")
                let marks = { (text: String) in Set((1...9).filter { text.contains("{\($0)}") }) }
                XCTAssertEqual(marks(ru), marks(en), "\(phrase)")
            }
        }
        check(Word.self); check(SiteWord.self); check(DashboardWord.self); check(AuditWord.self); check(StatementWord.self); check(WikiWord.self)
        check(DisplayName.self)
        for name in DisplayName.allCases {
            XCTAssertNotNil(ValueKind(rawValue: String(name.rawValue.split(separator: ".")[0])), "\(name): its key names no kind of value")
        }
    }

    func testPlaceholdersAreFilledInOnePass() {
        XCTAssertEqual(Words.filling("{1} → {2}, {1}", with: ["а", "b"]), "а → b, а")
        // An argument's own braces stay as written; a placeholder with no argument, an empty
        // one and a signed one stay too.
        XCTAssertEqual(Words.filling("{1} и {2}", with: ["{2}", "x"]), "{2} и x")
        XCTAssertEqual(Words.filling("{3} {} {+1} {0} {1", with: ["a"]), "{3} {} {+1} {0} {1")
        XCTAssertEqual(Words.filling("{{1}}", with: ["a"]), "{a}")
        XCTAssertEqual(Words.filling("{10}", with: (1...10).map(String.init)), "10")
        XCTAssertEqual(Words.filling("{1} {2345}", with: []), "{1} {2345}")
    }

    func testControlCharactersAreReplacedAndCleanTextKept() {
        XCTAssertEqual("обычный\tтекст".replacingControlCharacters(), "обычный\tтекст")
        XCTAssertEqual("a\u{1b}[31mb\u{7f}c\u{85}d".replacingControlCharacters(with: "?"), "a?[31mb?c?d")
        XCTAssertEqual("one\ntwo\r".replacingControlCharacters(with: "?", keepingNewlines: true), "one\ntwo?")
        XCTAssertEqual("one\ntwo".replacingControlCharacters(), "one two")
    }

    func testCharacterCountIsSwiftsCount() {
        // Pieces that join their neighbours (combining marks, Cyrillic ones too, CR LF, ZWJ,
        // flags, variation selectors, Hangul jamo) among pieces that do not.
        let pieces = ["a", "Z", " ", "\t", "\n", "\r", "é", "ß", "я", "Ё", "ї", "\u{301}", "\u{483}", "\u{489}", "\u{48A}",
                      "\u{52F}", "\u{530}", "\u{200D}", "👍", "🇷", "🇺", "\u{FE0F}", "\u{1100}", "\u{1161}", "中", "\u{7F}", "\u{85}"]
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(text.characterCount, text.count, text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
        }
        XCTAssertEqual("Сидоров И.И.".characterCount, 12)
        XCTAssertEqual("e\u{301}".characterCount, 1)
        XCTAssertEqual("\r\n".characterCount, 1)
    }
}
