import Foundation
import XCTest

/// The client's site as its reader sees it, in a real browser (Debian's chromium, headless):
/// every page type fits a phone and a desktop without sideways scrolling or console errors,
/// the printed statement has the statement's totals, and the site's search finds what
/// `gitdesk search` finds.
final class SiteLayoutTests: DeskTestCase {
    static let widths = [360, 768, 1280]

    private func demoSite() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            XCTFail("chromium is not installed (scripts/install-deps installs it)")
            throw CocoaError(.fileNoSuchFile)
        }
        try makeDemoDesk()
        try gitdesk("site", "--out", root + "/site")
        return root + "/site"
    }

    private func folder(of client: String, in site: String) throws -> String {
        let name = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: site).first { $0.hasPrefix(client + "-") || $0 == client })
        return site + "/" + name
    }

    /// What a page measures of itself: whether it is wider than the window, every word a
    /// table cell splits across lines or date, ID, time or amount it wraps, and any word of a
    /// chart drawn past its edge.
    static let probe = """
        var breaks = [];
        function lines(node, start, end) {
          var range = document.createRange(); range.setStart(node, start); range.setEnd(node, end);
          var tops = {};
          Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) tops[Math.round(r.top)] = true; });
          return Object.keys(tops).length;
        }
        document.querySelectorAll('td, th').forEach(function (cell) {
          var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;
          while ((node = walker.nextNode())) {
            var text = node.nodeValue, token = node.parentElement.closest('.date, .id, .time, .num, .money');
            if (token && text.trim() && lines(node, 0, text.length) > 1) breaks.push('wrapped: ' + text.trim());
            var word = /[^\\s]+/g, match;
            while ((match = word.exec(text))) {
              if (lines(node, match.index, match.index + match[0].length) > 1) breaks.push('split: ' + match[0]);
            }
          }
        });
        // A chart's words inside its drawing (the last month's label was cut at the edge).
        document.querySelectorAll('svg text').forEach(function (t) {
          var box = t.ownerSVGElement.getBoundingClientRect(), r = t.getBoundingClientRect();
          if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) breaks.push('cut: ' + t.textContent);
        });
        done({wide: [document.documentElement.scrollWidth, window.innerWidth], breaks: breaks.slice(0, 20)});
        """

    struct Visit { let url: String; let width: Int; let value: Any; let console: [String] }

    /// Opens every URL at every width in one browser (Tools/browse.py) and runs `script`
    /// there, which ends by calling `done(value)`.
    private func browse(_ script: String, widths: [Int], urls: [String]) throws -> [Visit] {
        let file = root + "/script-\(UUID().uuidString).js"
        try ("var done = arguments[arguments.length - 1];\n" + script).write(toFile: file, atomically: true, encoding: .utf8)
        let tool = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Tools/browse.py").path
        let result = try run("/usr/bin/env", ["python3", tool, file, widths.map(String.init).joined(separator: ",")] + urls)
        XCTAssertEqual(result.code, 0, result.err)
        let visits = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]], result.err)
        XCTAssertEqual(visits.count, urls.count * widths.count)
        return visits.map { Visit(url: $0["url"] as? String ?? "", width: $0["width"] as? Int ?? 0, value: $0["value"] ?? NSNull(), console: $0["console"] as? [String] ?? []) }
    }

    /// Every page type fits a phone and a desktop: no sideways scrolling, no console error,
    /// no word split inside a table cell and no date, ID, time or amount wrapped, from 360 to
    /// 1280 px.
    func testEveryPageFitsPhonesAndDesktopsWithoutConsoleErrors() throws {
        let site = try demoSite()
        var urls: [String] = []
        for client in ["romashka", "vector"] {
            let base = try folder(of: client, in: site)
            let statements = try FileManager.default.contentsOfDirectory(atPath: base + "/statements").filter { $0 != "index.html" }.sorted()
            let tickets = try FileManager.default.contentsOfDirectory(atPath: base + "/tickets").filter { $0 != "index.html" }.sorted()
            // With the statement `statement --format html` prints (and `--format pdf` prints to PDF).
            let period = String(statements.first!.dropLast(".html".count))
            try gitdesk("statement", client, "--period", period, "--format", "html").out.write(toFile: base + "/document.html", atomically: true, encoding: .utf8)
            let pages = client == "romashka"
                ? ["index.html", "tickets/index.html", "tickets/" + tickets[0], "transactions.html", "statements/index.html", "statements/" + statements.last!, "search.html",
                   "document.html", "documents/index.html", "documents/act-2026-0001.html", "documents/invoice-2026-0001.html"]
                : ["tickets/" + tickets[0], "transactions.html", "statements/" + statements.first!, "document.html"]
            urls += pages.map { "file://" + base + "/" + $0 }
        }
        for visit in try browse(Self.probe, widths: Self.widths, urls: urls) {
            let page = visit.url.components(separatedBy: "/site/").last ?? visit.url
            let value = visit.value as? [String: Any] ?? [:]
            let wide = value["wide"] as? [Int] ?? []
            XCTAssertEqual(wide.count, 2, "\(page) at \(visit.width)px: no probe")
            if wide.count == 2 { XCTAssertLessThanOrEqual(wide[0], wide[1], "\(page) scrolls sideways at \(visit.width)px") }
            XCTAssertEqual(value["breaks"] as? [String] ?? ["no probe"], [], "\(page) at \(visit.width)px")
            XCTAssertEqual(visit.console, [], "\(page) at \(visit.width)px")
        }
    }

    /// axe-core (the axe.min.js of the axe-selenium-python wheel, through Selenium and
    /// Debian's chromium-driver) finds no violation on any page type of the site or on the
    /// lead's dashboard, at a phone's width and a desktop's.
    func testAxeFindsNoViolationOnAnyPageOrTheDashboard() throws {
        let site = try demoSite()
        try gitdesk("dashboard", "--out", root + "/dashboard", "--period", "2026-11", "--now", "2026-11-28T18:00")
        var urls = ["file://" + root + "/dashboard/index.html"]
        for client in ["romashka", "vector"] {
            let base = try folder(of: client, in: site)
            let tickets = try FileManager.default.contentsOfDirectory(atPath: base + "/tickets").filter { $0 != "index.html" }.sorted()
            let statements = try FileManager.default.contentsOfDirectory(atPath: base + "/statements").filter { $0 != "index.html" }.sorted()
            urls += ["index.html", "tickets/index.html", "tickets/" + tickets[0], "transactions.html", "statements/index.html",
                     "statements/" + statements.last!, "search.html", "search.html?q=%D0%BE%D0%B1%D0%BC%D0%B5%D0%BD", "documents/index.html"].map { "file://" + base + "/" + $0 }
            if client == "romashka" { urls += ["documents/act-2026-0001.html", "documents/invoice-2026-0001.html"].map { "file://" + base + "/" + $0 } }
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Tools/axe-check.py").path
        let result = try run("/usr/bin/env", ["python3", script, "390,1280"] + urls)
        XCTAssertEqual(result.code, 0, result.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any], result.out)
        XCTAssertEqual(report["checked"] as? Int, urls.count * 2)
        let violations = (report["violations"] as? [[String: Any]] ?? []).map { "\($0["rule"] ?? "") at \($0["width"] ?? ""): \($0["url"] ?? "") \($0["targets"] ?? "")" }
        XCTAssertEqual(violations, [])
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

    /// The site's statement, `statement --format html` (and so the PDF) are one page: the
    /// same template, names and day formats, so the same content byte for byte.
    func testTheStatementIsOneDocumentOnTheSiteAndInAFile() throws {
        let site = try demoSite()
        for (client, period) in [("romashka", "2026-11"), ("vector", "2026-10")] {
            let page = try String(contentsOfFile: try folder(of: client, in: site) + "/statements/\(period).html", encoding: .utf8)
            let document = try gitdesk("statement", client, "--period", period, "--format", "html").out
            func main(_ html: String) -> String { html.components(separatedBy: "<main id=\"main\">").last?.components(separatedBy: "</main>").first ?? "" }
            XCTAssertFalse(main(page).isEmpty)
            XCTAssertEqual(main(document), main(page), client)
            XCTAssertTrue(main(page).contains("Борис Кузнецов") || main(page).contains("Алиса"), "people by name")
            XCTAssertFalse(main(page).contains(period + "-01"), "days as the language writes them")
        }
    }

    /// The overview's pace, the months it names and the run-out month are `balance --json`'s
    /// forecast on the day the site is as of (the client's latest event).
    func testTheForecastIsWhatBalanceSays() throws {
        let site = try demoSite()
        func digits(_ text: String) -> String { text.filter(\.isNumber) }
        let genitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"]
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var forecasts = 0
        for client in ["northwind", "romashka", "vector"] {
            let page = try String(contentsOfFile: try folder(of: client, in: site) + "/index.html", encoding: .utf8)
            let asOf = try XCTUnwrap(page.range(of: #"(\d\d\.\d\d\.\d{4}|\d{4}-\d\d-\d\d) \d\d:\d\d"#, options: .regularExpression).map { String(page[$0].prefix(10)) })
            let day = asOf.contains(".") ? asOf.split(separator: ".").reversed().joined(separator: "-") : asOf
            let rows = try JSONSerialization.jsonObject(with: Data(try gitdesk("balance", client, "--json", "--as-of", day).out.utf8)) as! [[String: Any]]
            let pace = try XCTUnwrap(rows.first?["pace"] as? [String: Any])
            let amount = try XCTUnwrap((pace["amount"] as? [String: Any])?["amount"] as? String)
            let months = try XCTUnwrap(pace["months"] as? [[String: Any]])
            // <dt>В среднем в месяц (за октябрь и 8 из 20 рабочих дней ноября)</dt><dd class="money">9 642,86 ₽</dd>
            let dt = try XCTUnwrap(page.range(of: #"<dt>[^<]*\((за|over) [^<]*\)</dt><dd class="money">[^<]*</dd>"#, options: .regularExpression).map { String(page[$0]) }, client)
            let shown = dt.components(separatedBy: "<dd class=\"money\">")[1]
            XCTAssertEqual(digits(shown), digits(amount), "\(client): \(dt)")
            XCTAssertFalse(months.isEmpty)
            for month in months {
                let passed = month["workingDaysPassed"] as! Int, total = month["workingDays"] as! Int
                let number = Int((month["month"] as! String).suffix(2))!
                if passed < total {
                    XCTAssertTrue(dt.contains("\(passed) из \(total) ") || dt.contains("\(passed) of \(total) "), "\(client): \(dt) \(month)")
                }
                // A whole month by its name, a month in part by its genitive ("8 из 20 … ноября").
                let nominative = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"]
                XCTAssertTrue([genitive[number - 1], nominative[number - 1], english[number - 1]].contains { dt.contains($0) }, "\(client): \(dt) \(month)")
            }
            if let runsOut = rows.first?["runsOut"] as? String {
                let parts = runsOut.split(separator: "-").compactMap { Int($0) }
                let sentence = try XCTUnwrap(page.range(of: #"<p class="forecast">[^<]*</p>"#, options: .regularExpression).map { String(page[$0]) })
                XCTAssertTrue(sentence.contains("\(genitive[parts[1] - 1]) \(parts[0])") || sentence.contains("\(english[parts[1] - 1]) \(parts[0])"), "\(client): \(sentence) vs \(runsOut)")
                forecasts += 1
            }
        }
        XCTAssertEqual(forecasts, 3, "every demo client has a prepayment and a pace")
    }

    /// One table of queries people type, Russian and English — nominative, genitive, verb
    /// forms, ё for е, prefixes, phrases — gives the same tickets on the site as in `gitdesk
    /// search`, work-line notes the client sees among what is searched, and nothing of the
    /// work the client does not see.
    func testSiteSearchFindsWhatTheCLIFinds() throws {
        let site = try demoSite()
        let queries = ["romashka": ["обмен", "цены", "выгрузки остатков", "консультации", "консультация пользователей", "счета", "доставка сайт",
                                    "печать", "печати", "печатается", "печат*", "ошибка", "ошибку", "воспроизвел", "воспроизвёл"],
                       "northwind": ["invoices", "synced", "deal", "phone orders", "duplicates", "token", "tokens", "refreshing", "mapped field", "reviewed"],
                       "vector": ["возвраты", "возврат", "проектирование обмена", "справочник*", "партиях", "партия", "ревью архитектуры", "изучение модуля",
                                  "сверх оценки"]]
        // Words only in notes of work the client is not charged for, and so does not see.
        let unseen = ["northwind": ["reviewed"], "vector": ["ревью архитектуры", "изучение модуля", "сверх оценки"]]
        var nonEmpty = 0, fromWork = 0
        let asked = try queries.sorted(by: { $0.key < $1.key }).flatMap { client, words in
            let base = try folder(of: client, in: site)
            return words.map { (client, $0, "file://\(base)/search.html?q=" + $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!) }
        }
        // The page's results once its search has run (the status says how many it found).
        let visits = try browse("""
            (function wait(tries) {
              if (document.getElementById('search-status').textContent || tries > 100) {
                done(Array.prototype.map.call(document.querySelectorAll('#results a'), function (a) { return a.getAttribute('href'); }));
              } else { setTimeout(function () { wait(tries + 1); }, 50); }
            })(0);
            """, widths: [1280], urls: asked.map(\.2))
        for ((client, query, _), visit) in zip(asked, visits) {
            do {
                let hits = try JSONSerialization.jsonObject(with: Data(try gitdesk(["search", "--client", client, "--in", "ticket", "--in", "message", "--in", "work", "--json"]
                    + query.split(separator: " ").map(String.init)).out.utf8)) as! [[String: Any]]
                let cli = Set(hits.compactMap { $0["ticket"] as? String })
                let found = Set((visit.value as? [String] ?? []).compactMap { $0.hasPrefix("tickets/") ? String($0.dropFirst("tickets/".count).dropLast(".html".count)) : nil })
                XCTAssertEqual(found, cli, "\(client): '\(query)'")
                if unseen[client]?.contains(query) == true {
                    XCTAssertEqual(cli, [], "\(client): '\(query)' is in work the client does not see")
                } else {
                    XCTAssertFalse(cli.isEmpty, "\(client): '\(query)' finds nothing")
                }
                if !cli.isEmpty { nonEmpty += 1 }
                if hits.contains(where: { $0["kind"] as? String == "work" }) { fromWork += 1 }
            }
        }
        XCTAssertGreaterThanOrEqual(nonEmpty, 25)
        XCTAssertGreaterThanOrEqual(fromWork, 8, "work-line notes are searched")
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
        XCTAssertTrue(row.contains("оспаривается"), row)
        XCTAssertFalse(row.contains("mailto:"), row)

        // A client without a site token, on a desk that allows its guessable folder.
        try write("clients/northwind.md", try read("clients/northwind.md").split(separator: "\n").filter { !$0.hasPrefix("site:") }.joined(separator: "\n") + "\n")
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "public-names: false", with: "public-names: true"))
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
        for visit in try browse(Self.probe, widths: Self.widths, urls: ["file://" + root + "/wiki.html"]) {
            let wide = (visit.value as? [String: Any])?["wide"] as? [Int] ?? []
            XCTAssertEqual(wide.count, 2, "no probe at \(visit.width)px")
            if wide.count == 2 { XCTAssertLessThanOrEqual(wide[0], wide[1], "the wiki scrolls sideways at \(visit.width)px") }
            XCTAssertEqual(visit.console, [], "at \(visit.width)px")
        }
    }
}
