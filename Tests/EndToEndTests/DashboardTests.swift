import Foundation
import XCTest

/// The lead's dashboard: every number on the page is what `report`, `plan`, `balance`,
/// `statement` and `sla` print for the same period (read from the page's `data-k`/`data-v`
/// cells, on the demo desk and on a generated one); the page opens in Chromium from
/// `file://` at desktop and phone widths without console errors or sideways scrolling;
/// its SVG matches a snapshot; empty and one-month desks draw.
final class DashboardTests: DeskTestCase {
    static let now = "2026-11-28T12:00"

    /// The page's exact figures: `data-k` → `data-v`.
    private func figures(_ html: String) throws -> [String: Int] {
        let pattern = try NSRegularExpression(pattern: #"data-k="([^"]+)" data-v="(-?\d+)""#)
        var result: [String: Int] = [:]
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let key = String(html[Range(match.range(at: 1), in: html)!]), value = Int(html[Range(match.range(at: 2), in: html)!])!
            XCTAssertNil(result[key], "\(key) twice on the page")
            result[key] = value
        }
        return result
    }

    private func json(_ args: String...) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try gitdesk(args).out.utf8))
    }

    /// Half away from zero, as SPEC §5 rounds.
    private func rounded(_ numerator: Int, _ denominator: Int) -> Int {
        let quotient = numerator / denominator, remainder = numerator % denominator
        return abs(remainder) * 2 >= abs(denominator) ? quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1) : quotient
    }

    private func months(_ count: Int, endingWith month: String) -> [String] {
        var year = Int(month.prefix(4))!, number = Int(month.suffix(2))!
        var result: [String] = []
        for _ in 0..<count {
            result.insert(String(format: "%04d-%02d", year, number), at: 0)
            number -= 1
            if number == 0 { number = 12; year -= 1 }
        }
        return result
    }

    /// Writes the page for `month` and checks every figure on it against the commands.
    /// `statementMonths`: the months whose cash flow is checked client by client.
    @discardableResult
    private func assertPageMatchesCommands(month: String, count: Int, statementMonths: Set<String>, file: StaticString = #filePath,
                                           line: UInt = #line) throws -> [String: Int] {
        let out = root + "/dashboard-\(month)"
        let printed = try gitdesk("dashboard", "--out", out, "--period", month, "--months", String(count), "--now", Self.now)
        XCTAssertEqual(printed.out.trimmingCharacters(in: .whitespacesAndNewlines), out + "/index.html", file: file, line: line)
        let page = try figures(try String(contentsOfFile: out + "/index.html", encoding: .utf8))
        func expect(_ key: String, _ value: Int?, _ what: String) {
            XCTAssertEqual(page[key], value, "\(key) against \(what)", file: file, line: line)
        }
        let clients = (try json("balance", "--json") as! [[String: Any]]).map { $0["client"] as! String }
        for label in months(count, endingWith: month) {
            let report = try json("report", "--period", label, "--json") as! [String: Any]
            let totals = report["totals"] as! [String: Any]
            let minutes = totals["minutes"] as! Int, revenue = minor(totals["revenue"])!, nominal = minor(totals["nominal"])!
            expect("months.\(label).minutes", minutes, "report \(label)")
            expect("months.\(label).billableMinutes", totals["billableMinutes"] as? Int, "report \(label)")
            expect("months.\(label).effectiveRate", minutes > 0 ? rounded(revenue * 60, minutes) : nil, "report \(label)")
            expect("months.\(label).nominalRate", minutes > 0 ? rounded(nominal * 60, minutes) : nil, "report \(label)")
            expect("months.\(label).lossBasisPoints", nominal > 0 ? rounded((nominal - revenue) * 10_000, nominal) : nil, "report \(label)")
            expect("months.\(label).reworkMinutes", (report["rework"] as! [[String: Any]]).reduce(0) { $0 + ($1["minutes"] as! Int) },
                   "report \(label)")
            let sla = try json("sla", "--period", label, "--json", "--now", Self.now) as! [[String: Any]]
            expect("months.\(label).slaBreaches", sla.reduce(0) { $0 + ($1["reactionBreached"] as! Int) + ($1["resolutionBreached"] as! Int) },
                   "sla --period \(label)")
            let end = label == "2026-11" ? "2026-11-28" : lastDay(of: label)
            let balances = (try json("balance", "--json", "--as-of", end) as! [[String: Any]]).map { minor($0["balance"])! }
            expect("months.\(label).prepaid", balances.filter { $0 > 0 }.reduce(0, +), "balance --as-of \(end)")
            expect("months.\(label).debt", balances.filter { $0 < 0 }.reduce(0, +), "balance --as-of \(end)")
            if statementMonths.contains(label) {
                var charged = 0, received = 0
                for client in clients {
                    let statement = try json("statement", client, "--period", label, "--json") as! [String: Any]
                    charged += minor(statement["workTotal"])! + minor(statement["charges"])!
                    received += minor(statement["payments"])!
                }
                expect("months.\(label).charged", charged, "statements \(label)")
                expect("months.\(label).received", received, "statements \(label)")
            }
        }
        let selected = try json("report", "--period", month, "--json") as! [String: Any]
        for person in selected["people"] as! [[String: Any]] {
            let login = person["login"] as! String, figures = person["figures"] as! [String: Any]
            expect("people.\(login).minutes", figures["minutes"] as? Int, "report people")
            expect("people.\(login).billableMinutes", figures["billableMinutes"] as? Int, "report people")
            expect("people.\(login).normMinutes", person["normMinutes"] as? Int, "report people")
            expect("people.\(login).revenue", minor(figures["revenue"]), "report people")
            expect("people.\(login).revenuePerWorkingDay", minor(person["revenuePerWorkingDay"]), "report people")
        }
        XCTAssertEqual(page.keys.filter { $0.hasPrefix("people.") && $0.hasSuffix(".minutes") }.count,
                       (selected["people"] as! [Any]).count, file: file, line: line)
        var help: [String: Int] = [:]
        for row in selected["help"] as! [[String: Any]] { help["help.\(row["from"]!).\(row["to"]!)", default: 0] += row["minutes"] as! Int }
        XCTAssertEqual(page.filter { $0.key.hasPrefix("help.") }, help, "help against report", file: file, line: line)
        for drain in (selected["drains"] as! [[String: Any]]).prefix(10) {
            expect("drains.\(drain["ticket"]!).nonBillableMinutes", drain["nonBillableMinutes"] as? Int, "report drains")
            expect("drains.\(drain["ticket"]!).overrunMinutes", drain["overrunMinutes"] as? Int, "report drains")
        }
        // The weeks that touch the month, and the load of the week after "now".
        var weeks = 0
        for week in Set(try weeksTouching(month)).sorted() {
            let plan = (try json("plan", "--week", week, "--json", "--now", Self.now) as! [String: Any])["financial"] as! [String: Any]
            expect("weeks.\(week).targetBillableMinutes", plan["targetBillableMinutes"] as? Int, "plan \(week)")
            expect("weeks.\(week).factBillableMinutes", plan["factBillableMinutes"] as? Int, "plan \(week)")
            expect("weeks.\(week).targetRevenue", minor(plan["targetRevenue"]), "plan \(week)")
            expect("weeks.\(week).factRevenue", minor(plan["factRevenue"]), "plan \(week)")
            weeks += 1
        }
        XCTAssertEqual(page.keys.filter { $0.hasPrefix("weeks.") && $0.hasSuffix(".factRevenue") }.count, weeks, file: file, line: line)
        let load = (try json("plan", "--week", "2026-W49", "--json", "--now", Self.now) as! [String: Any])["load"] as! [String: Any]
        for person in load["people"] as! [[String: Any]] {
            let login = person["login"] as! String
            for key in ["remainingMinutes", "freeMinutes", "overloadMinutes"] { expect("load.\(login).\(key)", person[key] as? Int, "plan 2026-W49") }
        }
        return page
    }

    private func lastDay(of month: String) -> String {
        let year = Int(month.prefix(4))!, number = Int(month.suffix(2))!
        let days = [31, year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][number - 1]
        return "\(month)-\(days)"
    }

    /// ISO week labels of the days of a month, worked out with the calendar of Foundation.
    private func weeksTouching(_ month: String) throws -> [String] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = try XCTUnwrap(ISO8601DateFormatter().date(from: month + "-01T12:00:00Z"))
        let days = calendar.range(of: .day, in: .month, for: first)!.count
        return (0..<days).map { offset in
            let day = calendar.date(byAdding: .day, value: offset, to: first)!
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: day)
            return String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
        }
    }

    func testDemoDeskPageEqualsTheCommands() throws {
        try makeDemoDesk()
        let page = try assertPageMatchesCommands(month: "2026-11", count: 12, statementMonths: ["2026-09", "2026-10", "2026-11"])
        // The demo desk has months with work, money on both sides and SLA breaches: the
        // comparisons above compared real numbers, not zeros.
        XCTAssertGreaterThan(page["months.2026-10.effectiveRate"] ?? 0, 0)
        XCTAssertGreaterThan(page["months.2026-10.received"] ?? 0, 0)
        XCTAssertGreaterThan(page["months.2026-10.slaBreaches"] ?? 0, 0)
        XCTAssertGreaterThan(page.keys.filter { $0.hasPrefix("load.") }.count, 0)
        try assertPageMatchesCommands(month: "2026-10", count: 3, statementMonths: ["2026-08", "2026-09", "2026-10"])
    }

    func testGeneratedDeskPageEqualsTheCommands() throws {
        let bench = URL(fileURLWithPath: Self.binary).deletingLastPathComponent().appendingPathComponent("gitdesk-bench").path
        let generated = try run(bench, ["generate", "--profile", "small", "--seed", "7", "--out", desk], in: root)
        XCTAssertEqual(generated.code, 0, generated.err)
        try gitdesk("init")
        let page = try assertPageMatchesCommands(month: "2026-11", count: 12, statementMonths: ["2026-11"])
        XCTAssertGreaterThan(page["months.2026-06.minutes"] ?? 0, 0)
        XCTAssertLessThan(page["months.2026-11.debt"] ?? 0, 0, "the generated desk has clients in debt")
        // Every debtor on the page is in debt by `balance`, for as many days as its ledger says.
        let balances = Dictionary(uniqueKeysWithValues: (try json("balance", "--json", "--as-of", "2026-11-28") as! [[String: Any]])
            .map { ($0["client"] as! String, minor($0["balance"])!) })
        let debtors = page.filter { $0.key.hasPrefix("debtors.") && $0.key.hasSuffix(".balance") }
        XCTAssertEqual(debtors.count, balances.values.filter { $0 < 0 }.count)
        for (key, value) in debtors { XCTAssertEqual(balances[String(key.split(separator: ".")[1])], value, key) }
    }

    func testJSONIsThePagesNumbers() throws {
        try makeDemoDesk()
        let page = try figures(try String(contentsOfFile: try gitdesk("dashboard", "--out", root + "/d", "--now", Self.now).out
            .trimmingCharacters(in: .whitespacesAndNewlines), encoding: .utf8))
        let data = try json("dashboard", "--json", "--now", Self.now) as! [String: Any]
        for month in data["months"] as! [[String: Any]] {
            let label = month["month"] as! String
            XCTAssertEqual(page["months.\(label).charged"], minor(month["charged"]))
            XCTAssertEqual(page["months.\(label).prepaid"], minor(month["prepaid"]))
            XCTAssertEqual(page["months.\(label).minutes"], (month["totals"] as! [String: Any])["minutes"] as? Int)
        }
        XCTAssertEqual(page["allowanceBasisPoints"], data["nonBillableAllowanceBasisPoints"] as? Int)
    }

    func testPageOpensInChromiumAtDesktopAndPhoneWidths() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            return XCTFail("chromium is not installed (scripts/install-deps installs it)")
        }
        try makeDemoDesk()
        let out = root + "/dashboard"
        try gitdesk("dashboard", "--out", out, "--now", Self.now)
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        XCTAssertFalse(html.contains("<script"), "the page draws without a script")
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "the page loads nothing from the network")
        XCTAssertEqual(html.components(separatedBy: "<figure").count - 1, 11, "every section has its charts")
        XCTAssertEqual(html.components(separatedBy: "<svg").count - 1, 22, "each drawn for a desktop and for a phone")
        XCTAssertEqual(html.components(separatedBy: "<figcaption>").count - 1, 11, "every chart has a caption")
        XCTAssertEqual(html.components(separatedBy: "<th>").count - 1, 0, "every column header has its scope")
        XCTAssertEqual(html.components(separatedBy: "<table").count, html.components(separatedBy: "<caption>").count, "every table has a caption")
        for key in ["exchange", "feature", "incident"] { XCTAssertFalse(html.contains(">\(key)<"), "the legend names \(key) as the catalogue does") }
        // The charts start at the desk's first month with work or money.
        let data = try json("dashboard", "--json", "--now", Self.now) as! [String: Any]
        let first = try XCTUnwrap((data["months"] as! [[String: Any]]).first { ((($0["totals"] as! [String: Any])["minutes"] as! Int) > 0) }?["month"] as? String)
        let labels = html.components(separatedBy: "class=\"label\"").dropFirst().compactMap { $0.split(separator: ">").dropFirst().first?.split(separator: "<").first }
        XCTAssertFalse(labels.filter { $0.count == 7 && $0.hasPrefix("20") }.contains { String($0) < first }, "a month before \(first) drawn")
        // At each width: no sideways scrolling, every word of a chart shown is 11 px or more,
        // no word in a table cell split across lines and no number wrapped.
        try """
            var small = [];
            document.querySelectorAll('svg.chart text').forEach(function (t) {
              if (t.getBoundingClientRect().width === 0) return;
              var px = t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize);
              if (px < 11) small.push(t.textContent + ' ' + px.toFixed(1));
            });
            // No word split inside a table cell, no number wrapped.
            document.querySelectorAll('td, th').forEach(function (cell) {
              var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;
              while ((node = walker.nextNode())) {
                var text = node.nodeValue, word = /[^\\s]+/g, match;
                function lines(start, end) {
                  var range = document.createRange(); range.setStart(node, start); range.setEnd(node, end);
                  var tops = {};
                  Array.prototype.forEach.call(range.getClientRects(), function (r) { if (r.width > 0) tops[Math.round(r.top)] = true; });
                  return Object.keys(tops).length;
                }
                if (cell.classList.contains('n') && text.trim() && lines(0, text.length) > 1) small.push('wrapped ' + text);
                while ((match = word.exec(text))) { if (lines(match.index, match.index + match[0].length) > 1) small.push('split ' + match[0]); }
              }
            });
            document.documentElement.setAttribute('data-probe', document.documentElement.scrollWidth + '/' + window.innerWidth);
            document.documentElement.setAttribute('data-small', small.length + ': ' + small.slice(0, 5).join(', '));

            """.write(toFile: out + "/probe.js", atomically: true, encoding: .utf8)
        try html.replacingOccurrences(of: "</body>", with: "<script src=\"probe.js\"></script></body>")
            .write(toFile: out + "/probe.html", atomically: true, encoding: .utf8)
        for size in [(1280, 900), (768, 1024), (390, 844), (360, 740)] {
            let result = try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
                                                       "--v=0", "--hide-scrollbars", "--window-size=\(size.0),\(size.1)",
                                                       "--virtual-time-budget=5000", "--dump-dom", "file://" + out + "/probe.html"], in: root)
            let probe = result.out.range(of: #"data-probe="(\d+)/(\d+)""#, options: .regularExpression).map { String(result.out[$0]) }
            let numbers = probe?.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } ?? []
            XCTAssertEqual(numbers.count, 2, "no probe at \(size): \(result.err)")
            if numbers.count == 2 { XCTAssertLessThanOrEqual(numbers[0], numbers[1], "the page scrolls sideways at \(size.0)px") }
            let small = result.out.range(of: #"data-small="[^"]*""#, options: .regularExpression).map { String(result.out[$0]) } ?? "no probe"
            XCTAssertTrue(small.hasPrefix("data-small=\"0:"), "chart words under 11 px, or table words split, at \(size.0)px: \(small)")
            XCTAssertTrue(result.out.contains("<svg"), "Chromium drew the page")
            for bad in ["Uncaught", "Refused to", "ERR_", "Failed to load"] { XCTAssertFalse(result.err.contains(bad), "at \(size): \(result.err)") }
        }
    }

    /// The charts of the demo desk, byte for byte (UPDATE_SNAPSHOTS=1 accepts a change).
    func testChartsMatchTheSnapshot() throws {
        try makeDemoDesk()
        let out = root + "/dashboard"
        try gitdesk("dashboard", "--out", out, "--now", Self.now)
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let svg = try NSRegularExpression(pattern: "<svg[\\s\\S]*?</svg>").matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { String(html[Range($0.range, in: html)!]) }.joined(separator: "\n") + "\n"
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/dashboard-demo.svg.txt")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil { try svg.write(to: snapshot, atomically: true, encoding: .utf8) }
        XCTAssertEqual(svg, try String(contentsOf: snapshot, encoding: .utf8), "run with UPDATE_SNAPSHOTS=1 to accept a change")
        // Deterministic: the same commit and flags give the same bytes.
        try gitdesk("dashboard", "--out", root + "/again", "--now", Self.now)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: root + "/again/index.html")), Data(html.utf8))
    }

    func testEmptyAndOneMonthDesksDraw() throws {
        try gitdesk("init", desk, in: root)
        let empty = try gitdesk("dashboard", "--out", root + "/empty", "--now", Self.now)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/empty/index.html"), empty.err)
        let page = try figures(try String(contentsOfFile: root + "/empty/index.html", encoding: .utf8))
        XCTAssertEqual(page["months.2026-11.minutes"], 0)
        XCTAssertNil(page["months.2026-11.effectiveRate"], "no hours, no rate")

        try gitdesk("client", "add", "acme", "--name", "Acme", "--prefix", "ACME", "--rate", "2000")
        try gitdesk("staff", "add", "alice", "--name", "Alice", "--email", "alice@example.com", "--capacity", "6h")
        let id = try gitdesk("new", "--client", "acme", "--title", "Printer").out.trimmingCharacters(in: .whitespacesAndNewlines)
        try gitdesk("log", id, "1h30m", "billable", "Fixed", "--date", "2026-11-10")
        try gitdesk("pay", "acme", "1000", "Prepayment", "--date", "2026-11-02")
        let one = try figures(try String(contentsOfFile: try gitdesk("dashboard", "--out", root + "/one", "--months", "1", "--now", Self.now).out
            .trimmingCharacters(in: .whitespacesAndNewlines), encoding: .utf8))
        XCTAssertEqual(one["months.2026-11.minutes"], 90)
        XCTAssertEqual(one["months.2026-11.effectiveRate"], 200_000)
        XCTAssertEqual(one["months.2026-11.received"], 100_000)
        XCTAssertEqual(one["months.2026-11.charged"], 300_000)
        XCTAssertEqual(one["months.2026-11.debt"], -200_000)
        XCTAssertEqual(one["debtors.acme.days"], 18, "in debt since the work of 2026-11-10")
    }

    func testRefusesBadOptionsAndWritesNothingOutsideItsFolder() throws {
        try makeDemoDesk()
        for args in [["--period", "2026-W48"], ["--period", "2026-13"], ["--months", "0"], ["--months", "61"]] {
            let result = try gitdesk(["dashboard"] + args + ["--out", root + "/x"], code: 2)
            XCTAssertTrue(result.err.contains("ошибка:"), result.err)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/x/index.html"))
        // By default the page goes to dashboard/ in the desk, which git ignores.
        XCTAssertEqual(try gitdesk("dashboard", "--now", Self.now).out, desk + "/dashboard/index.html\n")
        XCTAssertEqual(try git("status", "--porcelain"), "")
        // A link planted where the page goes is refused, and its target is untouched.
        let out = root + "/linked"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "outside\n".write(toFile: root + "/outside.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out + "/index.html", withDestinationPath: root + "/outside.txt")
        let refused = try gitdesk("dashboard", "--out", out, "--now", Self.now, code: 1)
        XCTAssertTrue(refused.err.contains("link"), refused.err)
        XCTAssertEqual(try String(contentsOfFile: root + "/outside.txt", encoding: .utf8), "outside\n")
    }
}
