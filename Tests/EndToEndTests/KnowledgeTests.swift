import Foundation
import XCTest

final class KnowledgeTests: DeskTestCase {
    /// A wiki reads only its project's tickets, found through the folder records: on a
    /// generated desk it lists exactly the tickets `list --project` lists, and a ticket moved
    /// into the project by a hand edit committed with plain git joins it.
    func testWikiListsTheProjectsTicketsThroughTheRecords() throws {
        let bench = URL(fileURLWithPath: Self.binary).deletingLastPathComponent().appendingPathComponent("gitdesk-bench").path
        let generated = try run(bench, ["generate", "--profile", "small", "--seed", "5", "--out", desk], in: root)
        XCTAssertEqual(generated.code, 0, generated.err)
        try gitdesk("init")
        func wikiTickets() throws -> Set<String> {
            let wiki = try JSONSerialization.jsonObject(with: Data(try gitdesk("wiki", "client0000-main", "--json").out.utf8)) as! [String: Any]
            return Set((wiki["tickets"] as! [[String: Any]]).map { $0["ticket"] as! String })
        }
        func listed(_ project: String) throws -> [String] {
            (try JSONSerialization.jsonObject(with: Data(try gitdesk("list", "--project", project, "--json").out.utf8)) as! [[String: Any]])
                .map { $0["id"] as! String }
        }
        let before = try wikiTickets()
        XCTAssertGreaterThan(before.count, 5)
        XCTAssertEqual(before, Set(try listed("client0000-main")))
        let other = try XCTUnwrap(try listed("client0001-main").first)
        let card = try read("\(folder(other))/ticket.md")
        XCTAssertTrue(card.contains("project: client0001-main"), card)
        let moved = card.replacingOccurrences(of: "project: client0001-main", with: "project: client0000-main")
        try write("\(folder(other))/ticket.md", moved)
        try git("commit", "-qam", "by hand: the ticket belongs to the other project", "--no-verify")
        XCTAssertEqual(try wikiTickets(), before.union([other]))
    }

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
        XCTAssertTrue(try gitdesk("search", "nothing-like-this").out.contains("Ничего не найдено."))
        try gitdesk("search", "x", "--in", "email", code: 2)

        let second = try gitdesk("new", "--client", "acme", "--title", "Опять синхронизация цен сломалась")
        XCTAssertTrue(second.err.contains("Похожие заявки:\n  \(first)"), second.err)
        let shown = try gitdesk("show", second.out.trimmingCharacters(in: .whitespacesAndNewlines)).out
        XCTAssertTrue(shown.contains("Похожие заявки\n  \(first)"), shown)

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
        XCTAssertTrue(result.out.contains("статус done без служебного комментария"), result.out)
    }
}
