import GitdeskCore
import GitdeskMoney
import GitdeskWords

/// The dashboard as one self-contained HTML page: inline styles and SVG, no script, no
/// network. Beside each chart is a table of its numbers; every number cell carries the
/// exact value (`data-k` names it, `data-v` holds minor units, minutes or basis points) so
/// a test or a script reads the page as the commands' JSON gives it.
public struct DashboardPage {
    let dashboard: Dashboard
    let company: String
    /// The language's words and formats.
    let language: Words
    /// The dashboard's words by key.
    let words: [String: String]

    public init(dashboard: Dashboard, config: DeskConfig, words: Words) {
        self.dashboard = dashboard
        company = config.company
        language = words
        self.words = words.table(DashboardWord.self)
    }

    private func w(_ key: String) -> String { escapeHTML(words[key] ?? key) }
    private func money(_ minor: Int64) -> String { language.money(Money(minor: minor)) }
    private func hours(_ minutes: Int64) -> String { language.duration(minutes: Int(minutes)) }
    private func percent(_ basisPoints: Int64) -> String { language.percent(Int(basisPoints)) }
    private func percentText(_ basisPoints: Int?) -> String { basisPoints.map(language.percent) ?? "—" }
    private func kind(_ name: String) -> String { language.name(name, .kind) }

    /// A number cell: its text for people, its exact value for programs.
    private func cell(_ key: String, _ value: Int64?, _ text: String) -> String {
        guard let value else { return "<td class=\"n\">—</td>" }
        return "<td class=\"n\" data-k=\"\(escapeHTML(key))\" data-v=\"\(value)\">\(escapeHTML(text))</td>"
    }

    /// A table of `rows` under `header` (keys of the dashboard's words), captioned; on a
    /// phone each row is a card whose cells carry their column's name.
    /// A month's row before the desk's first busy month is `quiet`: a phone leaves it out.
    private func table(_ caption: String, _ header: [String], _ rows: [[String]]) -> String {
        let names = header.map(w)
        let quiet = Set(monthLabels.prefix(quietMonths).map(text))
        return "<div class=\"scroll\"><table class=\"cards\"><caption>\(escapeHTML(caption))</caption><thead><tr>"
            + names.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { cells in
                (cells.first.map(quiet.contains) == true ? "<tr class=\"quiet\">" : "<tr>") + zip(names, cells).map { name, cell in
                    cell.hasPrefix("<td") ? "<td data-label=\"\(name)\"" + cell.dropFirst(3) : cell
                }.joined() + "</tr>"
            }.joined() + "</tbody></table></div>"
    }

    private func text(_ value: String) -> String { "<td>\(escapeHTML(value))</td>" }

    private func section(_ id: String, _ number: Int, _ body: String) -> String {
        "<section id=\"\(id)\"><h2>\(number). \(w(id))</h2><div class=\"pair\">\(body)</div></section>"
    }

    public func html() -> String {
        let d = dashboard
        let sections = [rate(d), hoursByKind(d), planAgainstFact(d), people(d), load(d), cash(d), quality(d)]
        return """
        <!doctype html>
        <html lang="\(w("lang"))"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(w("title")) — \(escapeHTML(company)) — \(escapeHTML(d.period))</title>
        <style>\(Self.style)</style></head>
        <body><header><h1>\(w("title")) · \(escapeHTML(d.period))</h1>
        <p>\(escapeHTML(company)) · \(w("asOf")) \(escapeHTML(language.day(d.today))) · \(w("months")): \(d.months.count)</p></header>
        <main>
        \(sections.enumerated().map { section($0.element.id, $0.offset + 1, $0.element.body) }.joined(separator: "\n"))
        </main></body></html>

        """
    }

    private var monthLabels: [String] { dashboard.months.map(\.month) }

    /// The months before the desk's first with work or money: charts leave them out (they
    /// would only squeeze the data to one side); the tables list every month.
    private var quietMonths: Int {
        dashboard.months.firstIndex { $0.totals.minutes > 0 || $0.charged != .zero || $0.received != .zero || $0.prepaid != .zero || $0.debt != .zero } ?? 0
    }

    /// A chart over the months from the desk's first busy one; `series` has a value for every month.
    private func monthChart(_ title: String, _ style: Chart.Style, _ series: [Chart.Series]) -> Chart {
        let skip = quietMonths
        return Chart(title: title, style: style, categories: Array(monthLabels.dropFirst(skip)),
                     series: series.map { Chart.Series(name: $0.name, values: Array($0.values.dropFirst(skip)), label: $0.label) })
    }

    private func rate(_ d: Dashboard) -> (id: String, body: String) {
        let chart = monthChart(words["rate"]!, .lines, [
            .init(name: words["effective"]!, values: d.months.map { $0.effectiveRate?.minor }, label: money),
            .init(name: words["nominal"]!, values: d.months.map { $0.nominalRate?.minor }, label: money),
        ])
        let rows = d.months.map { m in
            [text(m.month), cell("months.\(m.month).billableMinutes", Int64(m.totals.billableMinutes), hours(Int64(m.totals.billableMinutes))),
             cell("months.\(m.month).effectiveRate", m.effectiveRate?.minor, m.effectiveRate.map(language.money) ?? ""),
             cell("months.\(m.month).nominalRate", m.nominalRate?.minor, m.nominalRate.map(language.money) ?? ""),
             cell("months.\(m.month).lossBasisPoints", m.lossBasisPoints.map(Int64.init), percentText(m.lossBasisPoints))]
        }
        return ("rate", chart.html() + table(words["rate"]!, ["month", "billableHours", "effective", "nominal", "loss"], rows))
    }

    private func hoursByKind(_ d: Dashboard) -> (id: String, body: String) {
        let kinds = Array(Set(d.months.flatMap { $0.kinds.map(\.kind) })).sorted()
        let stacked = monthChart(words["hoursByKind"]!, .stacked, kinds.map { kind in
            .init(name: self.kind(kind), values: d.months.map { m in Int64(m.kinds.first { $0.kind == kind }?.minutes ?? 0) }, label: hours)
        })
        var share = monthChart(words["nonBillableShare"]!, .lines, [
            .init(name: words["nonBillableShare"]!, values: d.months.map { $0.nonBillableShareBasisPoints.map(Int64.init) }, label: percent),
        ])
        share.reference = (Int64(d.nonBillableAllowanceBasisPoints), "\(words["allowance"]!): \(percentText(d.nonBillableAllowanceBasisPoints))")
        let rows = d.months.map { m in
            [text(m.month), cell("months.\(m.month).minutes", Int64(m.totals.minutes), hours(Int64(m.totals.minutes))),
             cell("months.\(m.month).nonBillableShareBasisPoints", m.nonBillableShareBasisPoints.map(Int64.init),
                  percentText(m.nonBillableShareBasisPoints))]
                + [text(m.kinds.filter { !$0.billable }.map { "\(kind($0.kind)) \(language.duration(minutes: $0.minutes))" }.joined(separator: ", "))]
        }
        let allowance = "<p>\(w("allowance")): <span data-k=\"allowanceBasisPoints\" data-v=\"\(d.nonBillableAllowanceBasisPoints)\">"
            + "\(escapeHTML(percentText(d.nonBillableAllowanceBasisPoints)))</span></p>"
        return ("hours", "<div>" + stacked.html() + share.html() + "</div>"
            + "<div>" + allowance + table(words["hours"]!, ["month", "hoursLogged", "nonBillableShare", "nonBillableKinds"], rows) + "</div>")
    }

    private func planAgainstFact(_ d: Dashboard) -> (id: String, body: String) {
        let labels = d.weeks.map(\.week)
        let chart = Chart(title: words["plan"]!, style: .bars, categories: labels, series: [
            .init(name: words["target"]!, values: d.weeks.map { Int64($0.targetBillableMinutes) }, label: hours),
            .init(name: words["fact"]!, values: d.weeks.map { Int64($0.factBillableMinutes) }, label: hours),
        ])
        let rows = d.weeks.map { week in
            [text(week.week),
             cell("weeks.\(week.week).targetBillableMinutes", Int64(week.targetBillableMinutes), hours(Int64(week.targetBillableMinutes))),
             cell("weeks.\(week.week).factBillableMinutes", Int64(week.factBillableMinutes), hours(Int64(week.factBillableMinutes))),
             cell("weeks.\(week.week).targetRevenue", week.targetRevenue.minor, language.money(week.targetRevenue)),
             cell("weeks.\(week.week).factRevenue", week.factRevenue.minor, language.money(week.factRevenue)),
             text(week.gapByKind.map { "\(kind($0.kind)) \(language.duration(minutes: $0.minutes))" }.joined(separator: ", "))]
        }
        return ("plan", chart.html() + table(words["plan"]!, ["week", "targetHours", "factHours", "targetRevenue", "factRevenue", "eatenBy"], rows))
    }

    private func people(_ d: Dashboard) -> (id: String, body: String) {
        let trend = monthChart(words["perDayTrend"]!, .lines, d.people.map { person in
            .init(name: person.login, values: person.trend.map(\.minor), label: money)
        })
        let rows = d.people.map { p in
            [text(p.login), cell("people.\(p.login).minutes", Int64(p.minutes), hours(Int64(p.minutes))),
             cell("people.\(p.login).normMinutes", Int64(p.normMinutes), hours(Int64(p.normMinutes))),
             cell("people.\(p.login).billableMinutes", Int64(p.billableMinutes), hours(Int64(p.billableMinutes))),
             cell("people.\(p.login).revenue", p.revenue.minor, language.money(p.revenue)),
             cell("people.\(p.login).revenuePerWorkingDay", p.revenuePerWorkingDay.minor, language.money(p.revenuePerWorkingDay))]
        }
        let logins = Set(d.help.flatMap { [$0.from, $0.to] }).sorted()
        let helpTable = d.help.isEmpty ? "<p>\(w("noHelp"))</p>" : "<h3>\(w("help"))</h3>" + table(words["help"]!, ["helpFromTo"] + logins, logins.map { from in
            [text(from)] + logins.map { to in
                let minutes = d.help.first { $0.from == from && $0.to == to }?.minutes
                return minutes.map { cell("help.\(from).\(to)", Int64($0), hours(Int64($0))) } ?? "<td></td>"
            }
        })
        let learners = Set(d.months.flatMap(\.learning.keys)).sorted()
        let learning = monthChart(words["learning"]!, .stacked, learners.map { login in
            .init(name: login, values: d.months.map { Int64($0.learning[login] ?? 0) }, label: hours)
        })
        let learningRows = d.months.filter { !$0.learning.isEmpty }.map { m in
            [text(m.month), text(m.learning.sorted { $0.key < $1.key }.map { "\($0.key) \(language.duration(minutes: $0.value))" }.joined(separator: ", "))]
        }
        return ("people", "<div>" + trend.html() + table(words["people"]!, ["person", "hoursLogged", "norm", "billableHours", "revenue", "perDay"], rows) + "</div>"
            + "<div>" + helpTable + "<h3>\(w("learning"))</h3>" + learning.html() + table(words["learning"]!, ["month", "learning"], learningRows) + "</div>")
    }

    private func load(_ d: Dashboard) -> (id: String, body: String) {
        let people = d.load.people
        let chart = Chart(title: words["load"]!, style: .stacked, categories: people.map(\.login), series: [
            .init(name: words["planned"]!, values: people.map { Int64($0.perDay.reduce(0, +)) }, label: hours),
            .init(name: words["free"]!, values: people.map { Int64($0.freeMinutes) }, label: hours),
            .init(name: words["overloaded"]!, values: people.map { Int64($0.overloadMinutes) }, label: hours),
        ])
        let rows = people.map { p in
            [text(p.login), cell("load.\(p.login).remainingMinutes", Int64(p.remainingMinutes), hours(Int64(p.remainingMinutes))),
             cell("load.\(p.login).freeMinutes", Int64(p.freeMinutes), hours(Int64(p.freeMinutes))),
             cell("load.\(p.login).overloadMinutes", Int64(p.overloadMinutes), hours(Int64(p.overloadMinutes)))]
        }
        let days = "<p>\(w("loadDays")): \(escapeHTML(d.load.days.map(language.day).joined(separator: ", ")))</p>"
        return ("load", chart.html() + "<div>" + days + table(words["load"]!, ["person", "remaining", "free", "overloaded"], rows) + "</div>")
    }

    private func cash(_ d: Dashboard) -> (id: String, body: String) {
        let balances = monthChart(words["balances"]!, .lines, [
            .init(name: words["prepaid"]!, values: d.months.map(\.prepaid.minor), label: money),
            .init(name: words["debt"]!, values: d.months.map(\.debt.minor), label: money),
        ])
        let flow = monthChart(words["flow"]!, .bars, [
            .init(name: words["recognised"]!, values: d.months.map(\.charged.minor), label: money),
            .init(name: words["received"]!, values: d.months.map(\.received.minor), label: money),
        ])
        let rows = d.months.map { m in
            [text(m.month), cell("months.\(m.month).prepaid", m.prepaid.minor, language.money(m.prepaid)),
             cell("months.\(m.month).debt", m.debt.minor, language.money(m.debt)),
             cell("months.\(m.month).charged", m.charged.minor, language.money(m.charged)),
             cell("months.\(m.month).received", m.received.minor, language.money(m.received))]
        }
        let runningOut = d.runningOut.isEmpty ? "<p>\(w("noneRunningOut"))</p>" : table(words["runningOutHeading"]!, ["client", "balance", "pace", "runsOut"], d.runningOut.map { r in
            [text(r.name), cell("runningOut.\(r.client).balance", r.balance.minor, language.money(r.balance)),
             cell("runningOut.\(r.client).monthlyPace", r.monthlyPace.minor, language.money(r.monthlyPace)), text(language.day(r.runsOut))]
        })
        let debtors = d.debtors.isEmpty ? "<p>\(w("noDebtors"))</p>" : table(words["debtorsHeading"]!, ["client", "balance", "since", "days"], d.debtors.map { r in
            [text(r.name), cell("debtors.\(r.client).balance", r.balance.minor, language.money(r.balance)), text(language.day(r.since)),
             cell("debtors.\(r.client).days", Int64(r.days), String(r.days))]
        })
        return ("cash", "<div>" + balances.html() + flow.html() + "</div><div>" + table(words["cash"]!, ["month", "prepaid", "debt", "recognised", "received"], rows)
            + "<h3>\(w("runningOutHeading"))</h3>" + runningOut + "<h3>\(w("debtorsHeading"))</h3>" + debtors + "</div>")
    }

    private func quality(_ d: Dashboard) -> (id: String, body: String) {
        let rework = monthChart(words["rework"]!, .bars, [
            .init(name: words["rework"]!, values: d.months.map { Int64($0.reworkMinutes) }, label: hours),
        ])
        let categories = Set(d.months.flatMap(\.slaBreaches.keys)).sorted()
        let breaches = monthChart(words["breaches"]!, .stacked, categories.map { category in
            .init(name: language.name(category, .category), values: d.months.map { Int64($0.slaBreaches[category] ?? 0) }, label: { String($0) })
        })
        let rows = d.months.map { m in
            [text(m.month), cell("months.\(m.month).reworkMinutes", Int64(m.reworkMinutes), hours(Int64(m.reworkMinutes))),
             cell("months.\(m.month).slaBreaches", Int64(m.slaBreaches.values.reduce(0, +)), String(m.slaBreaches.values.reduce(0, +)))]
        }
        let drains = d.drains.isEmpty ? "<p>\(w("noDrains"))</p>" : table(words["drains"]!, ["ticket", "nonBillable", "overApproved", "ticketTitle"], d.drains.map { r in
            [text(r.ticket), cell("drains.\(r.ticket).nonBillableMinutes", Int64(r.nonBillableMinutes), hours(Int64(r.nonBillableMinutes))),
             cell("drains.\(r.ticket).overrunMinutes", Int64(r.overrunMinutes), hours(Int64(r.overrunMinutes))), text(r.title)]
        })
        return ("quality", "<div>" + rework.html() + breaches.html() + "</div><div>" + table(words["quality"]!, ["month", "rework", "breaches"], rows)
            + "<h3>\(w("drains"))</h3>" + drains + "</div>")
    }

    static let style = """
    :root{color-scheme:light;--ink:#1d2330;--muted:#5b6475;--line:#d9dee8;--s0:#2f6fde;--s1:#e0822d;--s2:#2f9e6f;--s3:#c2477c;--s4:#7b5cd6;--s5:#8a8f2a;--s6:#2aa1b3;--s7:#9b6b43}
    *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f6f7fa}
    header{padding:16px 20px;background:#fff;border-bottom:1px solid var(--line)}h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:var(--muted)}
    main{padding:12px 20px;max-width:1400px;margin:0 auto}section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:12px 0}
    h2{font-size:18px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 4px}.pair{display:grid;grid-template-columns:minmax(0,1fr);gap:16px}
    @media (min-width:1200px){.pair{grid-template-columns:minmax(0,1fr) minmax(0,1.15fr)}}
    .scroll{overflow-x:auto;max-width:100%}table{border-collapse:collapse;font-size:13px;width:100%;margin-bottom:8px}
    caption{text-align:left;font-weight:600;padding:4px 0}th,td{padding:2px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    th{font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td:first-child{white-space:nowrap}
    figure.chart-box{margin:0 0 12px}figcaption{font-size:13px;color:var(--muted)}svg.chart{width:100%;height:auto;display:block}svg.chart.narrow{display:none}
    svg .axis{stroke:#9aa3b5;stroke-width:1}svg .grid{stroke:#e3e7ef;stroke-width:1}svg .reference{stroke:#c0392b;stroke-width:2;stroke-dasharray:6 4}
    svg .label,svg .legend,svg .value{font-size:12px;fill:var(--muted)}svg .label{text-anchor:middle}
    @media (max-width:48rem){svg.chart.wide{display:none}svg.chart.narrow{display:block}}
    @media (max-width:40rem){main{padding:8px}section{padding:10px}
      table.cards thead{position:absolute;left:-9999px}table.cards,table.cards tbody,table.cards tr,table.cards td,table.cards caption{display:block;width:auto}
      table.cards tr.quiet{display:none}
      table.cards tr{border:1px solid var(--line);border-radius:6px;margin:0 0 8px;padding:4px 8px}
      table.cards td{border:0;padding:2px 0;display:flex;justify-content:space-between;gap:12px;text-align:right}
      table.cards td::before{content:attr(data-label);font-weight:600;text-align:left;flex:none;max-width:55%}}
    svg polyline{fill:none;stroke-width:2.5}svg circle{stroke:#fff;stroke-width:1}
    .s0{fill:var(--s0);stroke:var(--s0)}.s1{fill:var(--s1);stroke:var(--s1)}.s2{fill:var(--s2);stroke:var(--s2)}.s3{fill:var(--s3);stroke:var(--s3)}
    .s4{fill:var(--s4);stroke:var(--s4)}.s5{fill:var(--s5);stroke:var(--s5)}.s6{fill:var(--s6);stroke:var(--s6)}.s7{fill:var(--s7);stroke:var(--s7)}
    polyline.s0,polyline.s1,polyline.s2,polyline.s3,polyline.s4,polyline.s5,polyline.s6,polyline.s7{fill:none}
    """
}
