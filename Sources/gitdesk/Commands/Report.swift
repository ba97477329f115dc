import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore

extension Gitdesk {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The lead's economics: effective hour rate, loss, plan vs fact, where hours leak.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "A month (default: this month), a week (2026-W48), a day, FROM..TO or a year.") var period: String?
        @Option(help: "Group by person, client, project, kind, ticket or day.") var by: String = "person"

        func run() throws {
            guard let dimension = Economics.Dimension(rawValue: by) else {
                throw DeskError.usage("--by must be one of \(Economics.Dimension.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let store = try desk.open()
            let (current, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: true)
            if !current.findings.isEmpty { throw DeskError.invalidDesk(current.findings) }
            let book = try WorkBook(cards: current, folders: folders, period: try resolvePeriod(period, desk: current))
            let economics = Economics(book: book, by: dimension)
            if output.json { return try Output.json(economics, config: current.config) }
            print(ReportText(economics: economics, format: current.config.moneyFormat).render())
        }
    }
}

/// The report as text for a terminal.
struct ReportText {
    let economics: Economics
    let format: MoneyFormat

    private func h(_ minutes: Int) -> String { Duration(minutes: minutes).description }
    private func rate(_ money: Money?) -> String { money.map(format.string) ?? "—" }

    func render() -> String {
        let e = economics
        let t = e.totals
        var out = ["Economics for \(e.period)", ""]
        out.append("  hours logged      \(h(t.minutes)) (billable \(h(t.billableMinutes)), share \(percentText(t.billableShareBasisPoints)))")
        out.append("  revenue           \(format.string(t.revenue))")
        out.append("  effective rate    \(rate(t.effectiveRate)) per hour (nominal \(rate(t.nominalRate)), loss \(percentText(t.lossBasisPoints)))")
        out += ["", "By \(e.dimension.rawValue)"]
        out += table([[e.dimension.rawValue.uppercased(), "HOURS", "BILLABLE", "REVENUE", "EFFECTIVE", "LOSS"]] + e.groups.map { g in
            [g.key, h(g.figures.minutes), h(g.figures.billableMinutes), format.string(g.figures.revenue), rate(g.figures.effectiveRate),
             percentText(g.figures.lossBasisPoints)]
        }, right: [1, 2, 3, 4, 5])
        out += ["", "Hours by kind"]
        out += table([["KIND", "BILLABLE", "HOURS"]] + e.kinds.map { [$0.kind, $0.billable ? "yes" : "no", h($0.minutes)] }, right: [2])
        out += ["", "People: money per working day, hours against the norm"]
        out += table([["PERSON", "HOURS", "NORM", "BILLABLE", "REVENUE", "PER DAY"]] + e.people.map { p in
            [p.login, h(p.figures.minutes), h(p.normMinutes), h(p.figures.billableMinutes), format.string(p.figures.revenue),
             format.string(p.revenuePerWorkingDay)]
        }, right: [1, 2, 3, 4, 5])
        let plan = e.plan
        out += ["", "Plan vs fact"]
        out.append("  norm \(h(plan.normMinutes)), billable target \(h(plan.targetBillableMinutes)) = \(format.string(plan.targetRevenue))")
        out.append("  fact \(h(plan.factBillableMinutes)) = \(format.string(plan.factRevenue)); not logged \(h(plan.unloggedMinutes))")
        if !plan.gapByKind.isEmpty {
            out.append("  eaten by: " + plan.gapByKind.map { "\($0.kind) \(h($0.minutes))" }.joined(separator: ", "))
        }
        if !e.drains.isEmpty {
            out += ["", "Tickets that eat hours without money"]
            out += table([["TICKET", "NON-BILLABLE", "OVER APPROVED", "TITLE"]] + e.drains.map {
                [$0.ticket, h($0.nonBillableMinutes), h($0.overrunMinutes), $0.title]
            }, right: [1, 2])
        }
        if !e.help.isEmpty {
            out += ["", "Help between people"]
            out += table([["FROM", "TO", "KIND", "HOURS"]] + e.help.map { [$0.from, $0.to, $0.kind, h($0.minutes)] }, right: [3])
        }
        if !e.learning.isEmpty {
            out += ["", "Learning by month"]
            out += table([["PERSON", "MONTH", "HOURS"]] + e.learning.map { [$0.login, $0.month, h($0.minutes)] }, right: [2])
        }
        if !e.rework.isEmpty {
            out += ["", "Rework (our-fault after billable work)"]
            out += table([["TICKET", "PERSON", "HOURS"]] + e.rework.map { [$0.ticket, $0.login, h($0.minutes)] }, right: [2])
        }
        out += ["", "Lifetime value"]
        out += table([["CLIENT", "SINCE", "BILLED"]] + e.lifetime.map { [$0.client, $0.since?.description ?? "—", format.string($0.billed)] },
                     right: [2])
        return out.joined(separator: "\n")
    }

    private func table(_ rows: [[String]], right: Set<Int>) -> [String] {
        Output.table(rows, rightAligned: right).split(separator: "\n").map { "  " + $0 }
    }
}
