import XCTest
@testable import GitdeskCore

final class DocumentTests: XCTestCase {
    let original = """
        ---
        # Заявка от клиента — не трогать порядок
        title: 'Синхронизация цен: не работает'
        client: acme
        status: new   # moved by gitdesk
        x-crm-id: "0012"
        tags:
          - обмен
          - цены
        legacy: NO
        ---
        Описание задачи.
        """

    func testSettingOneKeyKeepsEveryOtherByte() throws {
        var doc = try MarkdownDocument(text: original, file: "t.md")
        try doc.set("status", rendered: "in-progress")
        let expected = original.replacingOccurrences(of: "status: new   # moved by gitdesk", with: "status: in-progress   # moved by gitdesk")
        XCTAssertEqual(doc.text, expected)
        XCTAssertEqual(doc["status"]?.string, "in-progress")
        XCTAssertEqual(doc["x-crm-id"]?.string, "0012")
        XCTAssertEqual(doc["legacy"]?.string, "NO")
    }

    func testRoundTripWithoutChangesIsIdentity() throws {
        XCTAssertEqual(try MarkdownDocument(text: original, file: "t.md").text, original)
    }

    func testReplacingABlockValueAndAddingAKey() throws {
        var doc = try MarkdownDocument(text: original, file: "t.md")
        try doc.set("tags", rendered: "[a, b]")
        try doc.set("assignee", rendered: "alice")
        XCTAssertEqual(doc["tags"]?.list?.compactMap(\.string), ["a", "b"])
        XCTAssertTrue(doc.text.contains("tags: [a, b]\nlegacy: NO\nassignee: alice\n---"))
    }

    func testMalformedFrontMatterNamesTheLine() {
        XCTAssertThrowsError(try MarkdownDocument(text: "---\ntitle: a\nclient: [b\n---\n", file: "x.md")) { error in
            let finding = error as! Finding
            XCTAssertEqual(finding.file, "x.md")
            XCTAssertNotNil(finding.line)
            XCTAssertTrue(finding.text.en.contains("invalid YAML"))
        }
        XCTAssertThrowsError(try MarkdownDocument(text: "title: a\n", file: "x.md"))
        XCTAssertThrowsError(try MarkdownDocument(text: "---\ntitle: a\n", file: "x.md"))
        XCTAssertThrowsError(try MarkdownDocument(text: "---\ntitle: a\ntitle: b\n---\n", file: "x.md")) { error in
            XCTAssertEqual((error as! Finding).line, 3)
        }
    }

    func testScalarsRenderSafely() throws {
        for value in ["plain", "a: b", "no", "0012", "#hash", "say \"hi\"", "line\nbreak", "Синхронизация", "- dash", "12.5"] {
            let doc = try MarkdownDocument(text: "---\nk: \(YAMLScalar.render(value))\n---\n", file: "t.md")
            XCTAssertEqual(doc["k"]?.string, value, value)
        }
        XCTAssertEqual(YAMLScalar.render("Синхронизация"), "Синхронизация")
    }

    func testConfigDefaultsMatchTheSeed() throws {
        let config = try DeskConfig.parse("currency: RUB\n")
        XCTAssertEqual(config.rate.minor, 200_000)
        XCTAssertEqual(config.kinds.filter(\.billable).map(\.name), ["billable", "testing"])
        XCTAssertEqual(config.planNonBillableBasisPoints, 1500)
        XCTAssertThrowsError(try DeskConfig.parse("locale: de\n")) { XCTAssertEqual(($0 as! Finding).line, 1) }
        XCTAssertThrowsError(try DeskConfig.parse("kinds:\n  billable: {description: x}\n"))
        let split = try DeskConfig.parse("calendar:\n  hours:\n    mon: [\"09:30-12:30\", \"14:00-18:00\"]\n")
        XCTAssertEqual(split.workingHours[1], [570...750, 840...1080])
        XCTAssertEqual(try DeskConfig.parse("plan:\n  non-billable-share: 20%\n").planNonBillableBasisPoints, 2000)
    }
}

final class FlatYAMLTests: XCTestCase {
    /// The fast path must read exactly what the YAML parser reads, or step aside.
    func testAgreesWithTheYAMLParser() throws {
        let samples = [
            "title: Синхронизация цен\nclient: acme\nstatus: new   # moved\nestimate: 1h20m",
            "title: \"a: b\"\ntags: [обмен, цены]\nconfirmed: false\nx-id: '0012'",
            "empty:\ntilde: ~\nlegacy: NO\nnumber: 12.50\ndate: 2026-11-28T10:15:00+03:00",
            "# comment\n\nkey: value # trailing\nlist: []\nurl: http://example.com/a#b",
            "neg: -5\nat: user@example.com\npath: a/b-c_d.e",
        ]
        for sample in samples {
            let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let fast = try XCTUnwrap(FlatYAML.parse(lines, firstLine: 2), sample)
            let full = try XCTUnwrap(try YAMLValue.parse(sample, file: "t", firstLine: 2))
            XCTAssertEqual(fast, full, sample)
            for (a, b) in zip(fast.pairs, full.pairs) { XCTAssertEqual(a.value.line, b.value.line, sample) }
        }
        for unusual in ["a: [x, [y]]", "a:\n  - x", "a: |\n  text", "a: 'it''s'", "a: \"esc\\n\"", "a: b: c", "a: &anchor x",
                        "a: {x: 1}", "a: 1\na: 2", " a: 1", "a:\tb", "a: [\"q\"]"] {
            XCTAssertNil(FlatYAML.parse(unusual.split(separator: "\n").map(String.init), firstLine: 2), unusual)
        }
    }

    func testLedgerAccountsAreConfigurableAndChecked() throws {
        XCTAssertEqual(try DeskConfig.parse("currency: RUB\n").ledgerAccounts, LedgerAccounts())
        let custom = try DeskConfig.parse("accounts:\n  bank: активы:расчётный счёт\n  clients: обязательства:авансы\n").ledgerAccounts
        XCTAssertEqual(custom.bank, "активы:расчётный счёт")
        XCTAssertEqual(custom.clients, "обязательства:авансы")
        XCTAssertEqual(custom.work, "revenue:work")
        for bad in ["accounts:\n  cash: assets:cash\n", "accounts:\n  bank: assets::bank\n", "accounts:\n  bank: a ; b\n",
                    "accounts:\n  bank: assets  bank\n", "accounts: assets\n"] {
            XCTAssertThrowsError(try DeskConfig.parse(bad), bad) { XCTAssertNotNil(($0 as? Finding)?.line, bad) }
        }
    }
}
