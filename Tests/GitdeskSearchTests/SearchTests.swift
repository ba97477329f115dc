import Foundation
import XCTest
import GitdeskCore
import GitdeskGit
import GitdeskMarkdown
@testable import GitdeskSearch

final class AnalyzerTests: XCTestCase {
    let analyzer = Analyzer()

    func testRussianAndEnglishInflectionsMeet() {
        XCTAssertEqual(analyzer.terms("синхронизация цен"), analyzer.terms("синхронизации цены"))
        XCTAssertEqual(analyzer.terms("prices sync"), analyzer.terms("price syncing"))
        XCTAssertEqual(analyzer.term("Ёлка"), analyzer.term("елки"))
        XCTAssertEqual(analyzer.term("ОБМЕНА"), analyzer.term("обмен"))
        XCTAssertNotEqual(analyzer.term("цена"), analyzer.term("цель"))
    }
}

final class SearchIndexTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "gitdesk-search-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A desk from texts, with fake blob ids derived from the content (as git's would be).
    func desk(_ tickets: [String: (title: String, body: String, service: String?)]) throws -> Desk {
        var files: [String: String] = ["gitdesk.yml": "", "clients/acme.md": "---\nname: A\nprefix: ACME\n---\n",
                                       "projects/shop/project.md": "---\nclient: acme\ntitle: Shop\n---\nThe shop wiki.\n"]
        for (id, t) in tickets {
            files["tickets/ACME/\(id)/ticket.md"] = "---\ntitle: \(YAMLScalar.render(t.title))\nclient: acme\nproject: shop\nstatus: new\n---\n\(t.body)\n"
            if let service = t.service { files["tickets/ACME/\(id)/service.md"] = service }
        }
        return try DeskLoader(files: files.keys.sorted().map { DeskFile(path: $0, key: $0) }) { Data(files[$0.path]!.utf8) }.load()
    }

    func testFindsInflectedWordsRanksTitlesFirstAndMarksSnippets() throws {
        let desk = try desk([
            "ACME-0001": ("Синхронизация цен с сайтом", "Не работает.", "Обработка ОбменЦенами, процедура ВыгрузитьЦены."),
            "ACME-0002": ("Печать счёта", "Кстати, после синхронизации цены на сайте другие.", nil),
            "ACME-0003": ("Price syncing fails", "The nightly job stops.", nil),
            "ACME-0004": ("Отчёт по продажам", "Ничего общего.", nil),
        ])
        let index = try SearchIndex(path: dir + "/index.sqlite")
        try index.rebuild(head: "h1") { try $0(SearchIndex.documents(tickets: desk.tickets.values, projects: desk.projects.values, config: desk.config)) }
        XCTAssertEqual(index.indexed, 6, "4 tickets, 1 service comment, 1 project page")
        let hits = try index.search("синхронизации цены", kinds: ["ticket"])
        XCTAssertEqual(hits.compactMap(\.ticket), ["ACME-0001", "ACME-0002"], "a title hit beats a passing mention")
        XCTAssertTrue(hits[1].snippet.contains("[синхронизации] [цены]"), hits[1].snippet)
        XCTAssertEqual(try index.search("prices sync").compactMap(\.ticket), ["ACME-0003"])
        XCTAssertEqual(try index.search("\"nightly job\"").compactMap(\.ticket), ["ACME-0003"])
        XCTAssertEqual(try index.search("\"job nightly\"").count, 0)
        XCTAssertEqual(try index.search("ВыгрузитьЦ*").compactMap(\.ticket), ["ACME-0001"])
        XCTAssertEqual(try index.search("обработка", kinds: ["ticket"]).map(\.kind), [])
        XCTAssertEqual(try index.search("обработка", kinds: ["service"]).map(\.kind), ["service"])
        XCTAssertEqual(try index.search("shop wiki").map(\.kind), ["wiki"])
        XCTAssertThrowsError(try index.search("\"unclosed"))
        // "печать" (which Snowball stems as a verb) finds "Печать", "печати"; with another word too.
        XCTAssertEqual(try index.search("печать", kinds: ["ticket"]).compactMap(\.ticket), ["ACME-0002"])
        XCTAssertEqual(try index.search("печати счёта", kinds: ["ticket"]).compactMap(\.ticket), ["ACME-0002"])
        XCTAssertEqual(try index.search("печать синхронизации", kinds: ["ticket"]).compactMap(\.ticket), ["ACME-0002"])
        XCTAssertEqual(try index.similar(to: "Цены на сайте не совпадают", excluding: nil).first?.ticket, "ACME-0001")
        XCTAssertEqual(try index.similar(to: "Цены на сайте не совпадают", excluding: "ACME-0001").map(\.ticket), ["ACME-0002"])
    }

    func testRebuiltIndexGivesIdenticalResultsAndUpdatesOnlyWhatChanged() throws {
        var tickets: [String: (title: String, body: String, service: String?)] = [:]
        for n in 0..<50 { tickets[String(format: "ACME-%04d", n)] = ("Задача \(n) про обмен", "Описание \(n): цены, остатки, склад.", nil) }
        let first = try desk(tickets)
        let index = try SearchIndex(path: dir + "/a.sqlite")
        try index.rebuild(head: "h1") { try $0(SearchIndex.documents(tickets: first.tickets.values, projects: first.projects.values, config: first.config)) }
        XCTAssertEqual(index.indexed, 51)
        XCTAssertEqual(index.indexedHead, "h1")
        tickets["ACME-0009"] = ("Задача 9 про обмен", "Описание 9: цены, остатки, склад.", "Как сделано.")
        let withService = try desk(tickets)
        func replace(_ ids: [String], in desk: Desk, head: String) throws {
            let folders = ids.map { "tickets/ACME/\($0)/" }
            try index.replace(under: folders, with: SearchIndex.documents(tickets: desk.tickets.values.filter { folders.contains($0.folder + "/") },
                                                                          projects: [], config: desk.config), head: head)
        }
        try replace(["ACME-0009"], in: withService, head: "h2")
        XCTAssertEqual(index.indexed, 1, "a new service comment; the unchanged ticket is not indexed again")
        tickets["ACME-0007"] = ("Задача 7 про обмен цен", "Теперь про цены.", "Служебный комментарий.")
        tickets["ACME-0008"] = nil
        tickets["ACME-0009"] = ("Задача 9 про обмен цен", "Описание 9: цены, остатки, склад.", "Как сделано.")
        let second = try desk(tickets)
        try replace(["ACME-0007", "ACME-0008", "ACME-0009"], in: second, head: "h3")
        XCTAssertEqual(index.indexed, 4, "ticket 7 and its new service comment; ticket 9 retitled, so its service comment too")
        XCTAssertEqual(index.indexedHead, "h3")
        let rebuilt = try SearchIndex(path: dir + "/b.sqlite")
        try rebuilt.rebuild(head: "h3") { try $0(SearchIndex.documents(tickets: second.tickets.values, projects: second.projects.values, config: second.config)) }
        XCTAssertFalse(try index.search("обмен", limit: 100).contains { $0.ticket == "ACME-0008" }, "a removed ticket is gone")
        for query in ["обмен", "цены", "склад*", "\"задача 7\""] {
            XCTAssertEqual(try index.search(query, limit: 100), try rebuilt.search(query, limit: 100), query)
        }
    }
}

final class MarkdownTests: XCTestCase {
    func testSafeRendering() {
        let html = Markdown.html("# T\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n  - nested\n")
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertFalse(html.contains("onerror"), html)
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<li>one\n<ul>\n<li>nested</li>"), html)
    }
}
