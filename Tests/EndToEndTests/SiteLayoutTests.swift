import Foundation
import XCTest

/// The client's site as its reader sees it, in a real browser (Debian's chromium, headless):
/// every page type fits a phone and a desktop without sideways scrolling or console errors,
/// the printed statement has the statement's totals, and the site's search finds what
/// `gitdesk search` finds.
final class SiteLayoutTests: DeskTestCase {
    static let sizes = [(360, 740), (390, 844), (1280, 900)]

    private func chromium(_ url: String, size: (Int, Int)) throws -> Result {
        try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
                                      "--hide-scrollbars", "--window-size=\(size.0),\(size.1)", "--virtual-time-budget=5000", "--dump-dom", url], in: root)
    }

    private func demoSite() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            XCTFail("chromium is not installed (scripts/install-deps installs it)")
            throw CocoaError(.fileNoSuchFile)
        }
        try gitdesk("init", "--demo", desk, in: root)
        try gitdesk("site", "--out", root + "/site")
        return root + "/site"
    }

    private func folder(of client: String, in site: String) throws -> String {
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: site).first { $0.hasPrefix(client + "-") || $0 == client })
        return site + "/" + name
    }

    func testEveryPageFitsPhonesAndDesktopsWithoutConsoleErrors() throws {
        let site = try demoSite()
        for client in ["romashka"] {
            let base = try folder(of: client, in: site)
            let statements = try FileManager.default.contentsOfDirectory(atPath: base + "/statements").filter { $0 != "index.html" }.sorted()
            let tickets = try FileManager.default.contentsOfDirectory(atPath: base + "/tickets").filter { $0 != "index.html" }.sorted()
            let pages = ["index.html", "tickets/index.html", "tickets/" + tickets[0], "transactions.html", "statements/index.html",
                         "statements/" + statements.last!, "search.html"]
            // A probe beside the pages (the sites allow only their own scripts) that records
            // whether the page is wider than the window.
            try "document.documentElement.setAttribute('data-probe', document.documentElement.scrollWidth + '/' + window.innerWidth);\n"
                .write(toFile: base + "/probe.js", atomically: true, encoding: .utf8)
            for page in pages {
                let depth = page.split(separator: "/").count - 1
                let html = try String(contentsOfFile: base + "/" + page, encoding: .utf8)
                let probed = base + "/" + page.replacingOccurrences(of: ".html", with: ".probe.html")
                try html.replacingOccurrences(of: "</body>", with: "<script src=\"\(String(repeating: "../", count: depth))probe.js\"></script>\n</body>")
                    .write(toFile: probed, atomically: true, encoding: .utf8)
                for size in Self.sizes {
                    let result = try chromium("file://" + probed, size: size)
                    let probe = result.out.range(of: #"data-probe="(\d+)/(\d+)""#, options: .regularExpression).map { String(result.out[$0]) }
                    let numbers = probe?.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } ?? []
                    XCTAssertEqual(numbers.count, 2, "\(client) \(page) at \(size): no probe")
                    if numbers.count == 2 { XCTAssertLessThanOrEqual(numbers[0], numbers[1], "\(client) \(page) scrolls sideways at \(size.0)px") }
                    for bad in ["Uncaught", "Refused to", "ERR_", "Failed to load"] {
                        XCTAssertFalse(result.err.contains(bad), "\(client) \(page) at \(size): \(result.err)")
                    }
                }
            }
        }
    }

    func testThePDFStatementHasTheStatementsTotals() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") else {
            return XCTFail("pdftotext is not installed (scripts/install-deps installs poppler-utils)")
        }
        _ = try demoSite()
        let pdf = root + "/act.pdf"
        let printed = try run("/bin/sh", ["-c", "\"$GITDESK\" statement vector --period 2026-10 --format pdf > \(pdf)"])
        XCTAssertEqual(printed.code, 0, printed.err)
        let text = try run("/usr/bin/pdftotext", ["-layout", pdf, "-"]).out.replacingOccurrences(of: "\u{00A0}", with: " ")
        let json = try JSONSerialization.jsonObject(with: Data(try gitdesk("statement", "vector", "--period", "2026-10", "--json").out.utf8)) as! [String: Any]
        func rub(_ key: String) -> String {
            let minor = minor(json[key])!
            let whole = String(abs(minor) / 100)
            var grouped = ""
            for (index, digit) in whole.reversed().enumerated() { if index > 0 && index % 3 == 0 { grouped = " " + grouped }; grouped = String(digit) + grouped }
            return (minor < 0 ? "-" : "") + grouped + "," + String(format: "%02d", abs(minor) % 100) + " ₽"
        }
        for key in ["opening", "workTotal", "payments", "closing"] { XCTAssertTrue(text.contains(rub(key)), "\(key) \(rub(key)) not in the PDF:\n\(text)") }
        XCTAssertTrue(text.contains("Гильдия консультантов") && text.contains("ТД «Вектор»"), text)
        XCTAssertNotNil(text.range(of: #"1\s*/\s*2"#, options: .regularExpression), "page numbers: \(text)")
    }

    /// The same words find the same tickets on the site as with `gitdesk search`, for a
    /// client's own tickets, in Russian and English.
    func testSiteSearchFindsWhatTheCLIFinds() throws {
        let site = try demoSite()
        let queries = ["romashka": ["обмен", "цены", "выгрузки остатков", "консультации", "счета", "доставка сайт"],
                       "northwind": ["invoices", "synced", "deal", "phone orders", "duplicates"]]
        var nonEmpty = 0
        for (client, words) in queries.sorted(by: { $0.key < $1.key }) {
            let base = try folder(of: client, in: site)
            for query in words {
                let hits = try JSONSerialization.jsonObject(with: Data(try gitdesk(["search", "--client", client, "--in", "ticket", "--in", "message", "--json"]
                    + query.split(separator: " ").map(String.init)).out.utf8)) as! [[String: Any]]
                let cli = Set(hits.compactMap { $0["ticket"] as? String })
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let page = try chromium("file://\(base)/search.html?q=\(encoded)", size: (1280, 900)).out
                let results = page.components(separatedBy: "id=\"results\"").last ?? ""
                let found = Set(results.components(separatedBy: "href=\"tickets/").dropFirst().compactMap { $0.split(separator: ".").first.map(String.init) })
                XCTAssertEqual(found, cli, "\(client): '\(query)'")
                if !cli.isEmpty { nonEmpty += 1 }
            }
        }
        XCTAssertGreaterThanOrEqual(nonEmpty, 8, "the queries should find something")
    }

    /// Action links read naturally: no token text for a client without one (and intake takes
    /// such a link), no dispute link on a line already disputed.
    func testActionLinksReadNaturally() throws {
        let site = try demoSite()
        // vector's disputed line: marked, and no second dispute link for it.
        let disputes = try read("disputes/vector.md")
        let disputed = try XCTUnwrap(disputes.split(separator: " ").first { $0.count > 3 && $0.hasPrefix("w") }.map(String.init), disputes)
        let transactions = try String(contentsOfFile: try folder(of: "vector", in: site) + "/transactions.html", encoding: .utf8)
        let row = try XCTUnwrap(transactions.components(separatedBy: "<tr id=\"t-\(disputed)\"").dropFirst().first?.components(separatedBy: "</tr>").first)
        XCTAssertTrue(row.contains("Оспаривается"), row)
        XCTAssertFalse(row.contains("mailto:"), row)

        // A client without a site token.
        try write("clients/northwind.md", try read("clients/northwind.md").split(separator: "\n").filter { !$0.hasPrefix("site:") }.joined(separator: "\n") + "\n")
        try git("commit", "-qam", "northwind without a token")
        try gitdesk("site", "--out", root + "/site2")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: root + "/site2/northwind").filter { $0.hasSuffix(".html") }
        var links = 0
        for page in pages {
            let html = try String(contentsOfFile: root + "/site2/northwind/" + page, encoding: .utf8)
            XCTAssertFalse(html.contains("token%3D") || html.contains("token="), page)
            links += html.components(separatedBy: "%5Bgitdesk%20dispute").count - 1
        }
        XCTAssertGreaterThan(links, 0)
        let work = try XCTUnwrap(try git("ls-files", "tickets/NW").split(separator: "\n").first { $0.hasSuffix("work.md") })
        let id = try XCTUnwrap(try read(String(work)).split(separator: "^").last.map { String($0.prefix { !$0.isWhitespace }) })
        let ticket = String(work.split(separator: "/")[2])
        XCTAssertTrue(try read("clients/northwind.md").contains("@northwind.example"))
        let address = "accounts@northwind.example"
        try write("dispute.eml", "From: \(address)\nSubject: I dispute charge ^\(id) [gitdesk dispute ^\(id) \(ticket)]\nDate: Mon, 23 Nov 2026 12:05:00 +0300\nMessage-ID: <nw-d1@x>\n\nWhat is wrong with this charge (for example, how long the work really took):\n\nThe call was 20 minutes.\n", in: root)
        try gitdesk("ingest", "email", root + "/dispute.eml")
        let recorded = try read("disputes/northwind.md")
        XCTAssertTrue(recorded.contains("open \(id) The call was 20 minutes."), recorded)
    }

    /// The wiki's HTML is a page of the site: its title once, pages under their own
    /// headings (not file names), no "0m by" for a ticket nobody worked on; it fits a phone.
    func testTheWikiPageLooksLikeTheSite() throws {
        _ = try demoSite()
        let html = try gitdesk("wiki", "shop", "--format", "html").out
        let title = "Интернет-магазин и обмен с 1С"
        XCTAssertEqual(html.components(separatedBy: "<h1>\(title)</h1>").count, 2, html)
        XCTAssertFalse(html.contains("exchange.md"), html)
        XCTAssertTrue(html.contains("<h2>Обмен с сайтом</h2>"), html)
        XCTAssertFalse(html.contains("0m by") || html.contains("by </p>"), html)
        XCTAssertTrue(html.contains("class=\"company\""), "the site's header: \(html)")
        let markdown = try gitdesk("wiki", "shop").out
        XCTAssertEqual(markdown.components(separatedBy: "# \(title)\n").count, 2, markdown)
        XCTAssertFalse(markdown.contains("0m by \n") || markdown.contains("## exchange.md"), markdown)
        try html.write(toFile: root + "/wiki.html", atomically: true, encoding: .utf8)
        for size in Self.sizes {
            let result = try chromium("file://\(root!)/wiki.html", size: size)
            for bad in ["Uncaught", "Refused to", "ERR_"] { XCTAssertFalse(result.err.contains(bad), "\(size): \(result.err)") }
        }
    }
}
