import Foundation
import XCTest

final class KnowledgeTests: DeskTestCase {
    func testSearchWikiAndSeenBefore() throws {
        let first = try makeDesk()
        try write("\(folder(first))/service.md", "Обработка «ОбменЦенами»: синхронизация цен идёт через регламентное задание.\n")
        try write("projects/shop/wiki/exchange.md", "# Обмен\n\nPrice syncing runs every night.\n")
        try git("add", "-A")
        try git("commit", "-qm", "knowledge")
        let out = try gitdesk("search", "синхронизации", "цены").out
        XCTAssertTrue(out.contains(first), out)
        XCTAssertTrue(out.contains("[синхронизация] [цен]"), out)
        let english = try JSONSerialization.jsonObject(with: Data(try gitdesk("search", "prices", "sync", "--json").out.utf8)) as! [[String: Any]]
        XCTAssertEqual(english.map { $0["path"] as! String }, ["projects/shop/wiki/exchange.md"])
        XCTAssertTrue(try gitdesk("search", "nothing-like-this").out.contains("Nothing found."))
        try gitdesk("search", "x", "--in", "email", code: 2)

        let second = try gitdesk("new", "--client", "acme", "--title", "Опять синхронизация цен сломалась")
        XCTAssertTrue(second.err.contains("Seen before:\n  \(first)"), second.err)
        let shown = try gitdesk("show", second.out.trimmingCharacters(in: .whitespacesAndNewlines)).out
        XCTAssertTrue(shown.contains("Seen before\n  \(first)"), shown)

        let wiki = try gitdesk("wiki", "shop").out
        XCTAssertTrue(wiki.contains("## Обмен\n\nPrice syncing"), "a page under its own heading: \(wiki)")
        XCTAssertTrue(wiki.contains("### \(first) — Синхронизация цен"), wiki)
        XCTAssertTrue(wiki.contains("Обработка «ОбменЦенами»"), wiki)
        let html = try gitdesk("wiki", "shop", "--format", "html").out
        XCTAssertTrue(html.contains("<h3>\(first) — Синхронизация цен</h3>"), html)
        try gitdesk("wiki", "nope", code: 1)
    }

    func testCheckFlagsDoneWithoutServiceComment() throws {
        let id = try makeDesk()
        try write("\(folder(id))/ticket.md", try read("\(folder(id))/ticket.md").replacingOccurrences(of: "status: new", with: "status: done"))
        try git("commit", "-q", "--no-verify", "-am", "done by hand")
        let result = try gitdesk("check", code: 1)
        XCTAssertTrue(result.out.contains("done without a service comment"), result.out)
    }
}
