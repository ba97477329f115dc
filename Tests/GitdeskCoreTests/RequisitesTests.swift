// Demo requisite sets (made-up firms, real banks); all values pass Requisite.* (see also DEMO-REQUISITES.txt).
// 1. ООО «Северный ветер»:      ИНН 7701234560, КПП 770101001, ОГРН 1207700123454,
//    ПАО Сбербанк БИК 044525225, к/с 30101810400000000225, р/с 40702810538000123456
// 2. ООО «Белая лилия»:         ИНН 7709876545, КПП 770901001, ОГРН 1197746123453,
//    АО «Альфа-Банк» БИК 044525593, к/с 30101810200000000593, р/с 40702810401300054321
// 3. АО «Подмосковный станок»:  ИНН 5001122339, КПП 500101001, ОГРН 1215000567891,
//    АО «ТБанк» БИК 044525974, к/с 30101810145250000974, р/с 40702810010000098765
// Settlement-account keys: digit 9 (index 8) chosen so that (last 3 БИК digits + 20 account digits)
// weighted 7,1,3 repeating sums to a multiple of 10.

import XCTest
@testable import GitdeskCore

final class RequisitesTests: XCTestCase {

    func testValidINN() {
        XCTAssertNil(Requisite.inn("7707083893"))    // ПАО Сбербанк
        XCTAssertNil(Requisite.inn("7728168971"))    // АО «Альфа-Банк»
        XCTAssertNil(Requisite.inn("500100732259"))  // 12-digit: control digits 5 and 9 by the algorithm
    }

    func testInvalidINN() {
        XCTAssertEqual(Requisite.inn("7707083894"), .checkDigit)
        XCTAssertEqual(Requisite.inn("500100732258"), .checkDigit)   // 12th digit wrong
        XCTAssertEqual(Requisite.inn("500100732269"), .checkDigit)   // 11th digit wrong
        XCTAssertEqual(Requisite.inn("770708389"), .length(expected: [10, 12], got: 9))
        XCTAssertEqual(Requisite.inn("77070838931"), .length(expected: [10, 12], got: 11))
        XCTAssertEqual(Requisite.inn(""), .length(expected: [10, 12], got: 0))
        XCTAssertEqual(Requisite.inn("77070838A3"), .notDigits)
        XCTAssertEqual(Requisite.inn("7707 083893"), .notDigits)
        XCTAssertEqual(Requisite.inn(" 7707083893"), .notDigits)
        XCTAssertEqual(Requisite.inn("７７０７０８３８９３"), .notDigits)  // full-width digits
    }

    func testKPP() {
        XCTAssertNil(Requisite.kpp("773601001"))     // ПАО Сбербанк
        XCTAssertNil(Requisite.kpp("7736AB001"))     // letters allowed in positions 5-6
        XCTAssertEqual(Requisite.kpp("77360100"), .length(expected: [9], got: 8))
        XCTAssertEqual(Requisite.kpp("7736ab001"), .notDigits)
        XCTAssertEqual(Requisite.kpp("7736 1001"), .notDigits)
        XCTAssertEqual(Requisite.kpp("A73601001"), .format)
        XCTAssertEqual(Requisite.kpp("7736010A1"), .format)
    }

    func testOGRN() {
        XCTAssertNil(Requisite.ogrn("1027700132195"))     // ПАО Сбербанк
        XCTAssertNil(Requisite.ogrn("304500116000157"))   // ОГРНИП: first 14 digits mod 13 = 7
        XCTAssertEqual(Requisite.ogrn("1027700132196"), .checkDigit)
        XCTAssertEqual(Requisite.ogrn("304500116000158"), .checkDigit)
        XCTAssertEqual(Requisite.ogrn("10277001321"), .length(expected: [13, 15], got: 11))
        XCTAssertEqual(Requisite.ogrn("10277001321950"), .length(expected: [13, 15], got: 14))
        XCTAssertEqual(Requisite.ogrn("102770013219O"), .notDigits)   // letter O
    }

    func testBIK() {
        XCTAssertNil(Requisite.bik("044525225"))
        XCTAssertEqual(Requisite.bik("144525225"), .format)
        XCTAssertEqual(Requisite.bik("04452522"), .length(expected: [9], got: 8))
        XCTAssertEqual(Requisite.bik("04452522x"), .notDigits)
    }

    func testCorrespondentAccount() {
        XCTAssertNil(Requisite.correspondentAccount("30101810400000000225", bik: "044525225"))  // Сбербанк
        XCTAssertNil(Requisite.correspondentAccount("30101810200000000593", bik: "044525593"))  // Альфа-Банк
        XCTAssertNil(Requisite.correspondentAccount("30101810145250000974", bik: "044525974"))  // ТБанк
        XCTAssertEqual(Requisite.correspondentAccount("30101810500000000225", bik: "044525225"), .checkDigit)
        XCTAssertEqual(Requisite.correspondentAccount("30101810400000000225", bik: "044535225"), .checkDigit)
        XCTAssertEqual(Requisite.correspondentAccount("40702810400000000225", bik: "044525225"), .format)
        XCTAssertEqual(Requisite.correspondentAccount("30101810400000000225", bik: "14452522"), .format)
        XCTAssertEqual(Requisite.correspondentAccount("3010181040000000022", bik: "044525225"),
                       .length(expected: [20], got: 19))
        XCTAssertEqual(Requisite.correspondentAccount("3010181040000000022O", bik: "044525225"), .notDigits)
    }

    func testSettlementAccount() {
        // Key digit 9 chosen: "225" + "40702810?38000000001" weighted 7,1,3 → sum ≡ 0 (mod 10) only for ? = 9.
        XCTAssertNil(Requisite.account("40702810938000000001", bik: "044525225"))
        XCTAssertNil(Requisite.account("40702810538000123456", bik: "044525225"))
        XCTAssertNil(Requisite.account("40702810401300054321", bik: "044525593"))
        XCTAssertNil(Requisite.account("40702810010000098765", bik: "044525974"))
        XCTAssertEqual(Requisite.account("40702810838000000001", bik: "044525225"), .checkDigit)
        XCTAssertEqual(Requisite.account("40702810938000000001", bik: "044525593"), .checkDigit)  // other bank
        XCTAssertEqual(Requisite.account("40702810938000000001", bik: "04452522"), .format)
        XCTAssertEqual(Requisite.account("4070281093800000000", bik: "044525225"), .length(expected: [20], got: 19))
        XCTAssertEqual(Requisite.account("40702810 38000000001", bik: "044525225"), .notDigits)
    }

    func testDemoSets() {
        let sets: [(inn: String, kpp: String, ogrn: String, bik: String, corr: String, account: String)] = [
            ("7701234560", "770101001", "1207700123454", "044525225", "30101810400000000225", "40702810538000123456"),
            ("7709876545", "770901001", "1197746123453", "044525593", "30101810200000000593", "40702810401300054321"),
            ("5001122339", "500101001", "1215000567891", "044525974", "30101810145250000974", "40702810010000098765"),
        ]
        for set in sets {
            XCTAssertNil(Requisite.inn(set.inn), set.inn)
            XCTAssertNil(Requisite.kpp(set.kpp), set.kpp)
            XCTAssertNil(Requisite.ogrn(set.ogrn), set.ogrn)
            XCTAssertNil(Requisite.bik(set.bik), set.bik)
            XCTAssertNil(Requisite.correspondentAccount(set.corr, bik: set.bik), set.corr)
            XCTAssertNil(Requisite.account(set.account, bik: set.bik), set.account)
        }
    }
}
