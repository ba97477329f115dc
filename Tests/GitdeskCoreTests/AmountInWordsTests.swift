import XCTest
import GitdeskCore
@testable import GitdeskWords

final class AmountInWordsTests: XCTestCase {

    /// Whole rubles → expected Russian rubles part.
    private let rublesTable: [(rubles: Int64, words: String)] = [
        (0, "Ноль рублей"),
        (1, "Один рубль"),
        (2, "Два рубля"),
        (5, "Пять рублей"),
        (11, "Одиннадцать рублей"),
        (12, "Двенадцать рублей"),
        (13, "Тринадцать рублей"),
        (14, "Четырнадцать рублей"),
        (21, "Двадцать один рубль"),
        (22, "Двадцать два рубля"),
        (25, "Двадцать пять рублей"),
        (101, "Сто один рубль"),
        (1_000, "Одна тысяча рублей"),
        (2_000, "Две тысячи рублей"),
        (5_000, "Пять тысяч рублей"),
        (1_000_000, "Один миллион рублей"),
        (2_000_000_000, "Два миллиарда рублей"),
    ]

    /// Kopecks → expected Russian kopecks part.
    private let kopecksTable: [(kopecks: Int64, words: String)] = [
        (0, "00 копеек"),
        (1, "01 копейка"),
        (2, "02 копейки"),
        (5, "05 копеек"),
        (11, "11 копеек"),
        (21, "21 копейка"),
    ]

    func testRussianRublesTable() {
        for row in rublesTable {
            for kop in kopecksTable {
                let money = Money(minor: row.rubles * 100 + kop.kopecks)
                XCTAssertEqual(AmountInWords.russianRubles(money), "\(row.words) \(kop.words)", "\(money.minor)")
            }
        }
    }

    func testRussianRublesExtras() {
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: 1_250_000)), "Двенадцать тысяч пятьсот рублей 00 копеек")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: 1_100_000)), "Одиннадцать тысяч рублей 00 копеек")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: 2_100_000)), "Двадцать одна тысяча рублей 00 копеек")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: 2_200_000)), "Двадцать две тысячи рублей 00 копеек")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: -500)), "Минус пять рублей 00 копеек")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: -1)), "Минус ноль рублей 01 копейка")
        XCTAssertEqual(AmountInWords.russianRubles(Money(minor: 123_456_789_01)),
                       "Сто двадцать три миллиона четыреста пятьдесят шесть тысяч семьсот восемьдесят девять рублей 01 копейка")
    }

    func testRussianNumbers() {
        XCTAssertEqual(AmountInWords.russian(0, feminine: false), "ноль")
        XCTAssertEqual(AmountInWords.russian(1, feminine: true), "одна")
        XCTAssertEqual(AmountInWords.russian(2, feminine: true), "две")
        XCTAssertEqual(AmountInWords.russian(2, feminine: false), "два")
        XCTAssertEqual(AmountInWords.russian(1_001, feminine: false), "одна тысяча один")
        XCTAssertEqual(AmountInWords.russian(12_000, feminine: false), "двенадцать тысяч")
        XCTAssertEqual(AmountInWords.russian(2_002_002, feminine: false), "два миллиона две тысячи два")
        XCTAssertEqual(AmountInWords.russian(999_999_999_999, feminine: false),
                       "девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов "
                       + "девятьсот девяносто девять тысяч девятьсот девяносто девять")
        XCTAssertEqual(AmountInWords.russian(-40, feminine: false), "минус сорок")
    }

    func testEnglishRubles() {
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 0)), "Zero roubles and 00 kopecks")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 101)), "One rouble and 01 kopeck")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 2_105)), "Twenty-one roubles and 05 kopecks")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 10_100)), "One hundred one roubles and 00 kopecks")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 1_250_000)), "Twelve thousand five hundred roubles and 00 kopecks")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: 200_000_000_011)), "Two billion roubles and 11 kopecks")
        XCTAssertEqual(AmountInWords.englishRubles(Money(minor: -500)), "Minus five roubles and 00 kopecks")
    }

    func testEnglishNumbers() {
        XCTAssertEqual(AmountInWords.english(0), "zero")
        XCTAssertEqual(AmountInWords.english(21), "twenty-one")
        XCTAssertEqual(AmountInWords.english(101), "one hundred one")
        XCTAssertEqual(AmountInWords.english(1_000), "one thousand")
        XCTAssertEqual(AmountInWords.english(2_000_000_000), "two billion")
        XCTAssertEqual(AmountInWords.english(1_000_015), "one million fifteen")
    }
}
