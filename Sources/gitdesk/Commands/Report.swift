import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.leadsEconomicsEffectiveHourRate.text, discussion: Help.examples.text + "\n  gitdesk report --period 2026-11\n  gitdesk report --period 2026-W48 --by client\n  gitdesk report --period 2026 --by kind --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: .of(.monthDefaultThisMonthWeek)) var period: String?
        @Option(help: .of(.groupPersonClientProjectKind)) var by: String = "person"

        func run() throws {
            guard let dimension = Economics.Dimension(rawValue: by) else {
                throw DeskError.usage(.formatChoice(option: "--by", valid: Economics.Dimension.allCases.map(\.rawValue)))
            }
            let store = try desk.open()
            let (current, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: true)
            if !current.findings.isEmpty { throw DeskError.invalidDesk(current.findings) }
            let book = try WorkBook(cards: current, folders: folders, period: try resolvePeriod(period, desk: current))
            let economics = Economics(book: book, by: dimension)
            if output.json { return try Output.json(economics, config: current.config) }
            Output.line(ReportText(economics: economics, words: try desk.words(current.config)).render())
        }
    }
}

/// The report as text for a terminal, in the words of the desk's language.
struct ReportText {
    let economics: Economics
    let words: Words

    private func h(_ minutes: Int) -> String { words.duration(minutes: minutes) }
    private func rate(_ money: Money?) -> String { money.map(words.money) ?? "—" }
    private func percent(_ basisPoints: Int?) -> String { basisPoints.map(words.percent) ?? "—" }
    private static let dimensions: [Economics.Dimension: Word] = [
        .person: .dimensionPerson, .client: .dimensionClient, .project: .dimensionProject, .kind: .dimensionKind,
        .ticket: .dimensionTicket, .day: .dimensionDay,
    ]
    private static let dimensionHeadings: [Economics.Dimension: Word] = [
        .person: .person, .client: .client, .project: .project, .kind: .kind, .ticket: .ticket, .day: .day,
    ]

    func render() -> String {
        let e = economics
        let t = e.totals
        let w = words
        var out = [w[Word.economicsFor, Period(e.period).map(w.period) ?? e.period], ""]
        out.append(Output.figure(w, .hoursLogged, w[Word.hoursLoggedValue, h(t.minutes), h(t.billableMinutes), percent(t.billableShareBasisPoints)]))
        out.append(Output.figure(w, .revenue, w.money(t.revenue)))
        out.append(Output.figure(w, .effectiveRate, w[Word.effectiveRateValue, rate(t.effectiveRate), rate(t.nominalRate), percent(t.lossBasisPoints)]))
        out += ["", w[Word.byDimension, w[Self.dimensions[e.dimension]!]]]
        out += table([Self.dimensionHeadings[e.dimension]!, .hours, .billable, .revenue, .effective, .loss], e.groups.map { g in
            [e.dimension == .kind ? w.name(g.key, .kind) : g.key, h(g.figures.minutes), h(g.figures.billableMinutes), w.money(g.figures.revenue),
             rate(g.figures.effectiveRate), percent(g.figures.lossBasisPoints)]
        }, right: [1, 2, 3, 4, 5])
        out += ["", w[Word.hoursByKind]]
        out += table([.kind, .billable, .hours], e.kinds.map { [w.name($0.kind, .kind), w.yesNo($0.billable), h($0.minutes)] }, right: [2])
        out += ["", w[Word.peopleHeading]]
        out += table([.person, .hours, .norm, .billable, .revenue, .perDay], e.people.map { p in
            [p.login, h(p.figures.minutes), h(p.normMinutes), h(p.figures.billableMinutes), w.money(p.figures.revenue),
             w.money(p.revenuePerWorkingDay)]
        }, right: [1, 2, 3, 4, 5])
        let plan = e.plan
        out += ["", w[Word.planVsFact]]
        out.append("  " + w[Word.planNorm, h(plan.normMinutes), h(plan.targetBillableMinutes), w.money(plan.targetRevenue)])
        out.append("  " + w[Word.planFact, h(plan.factBillableMinutes), w.money(plan.factRevenue), h(plan.unloggedMinutes)])
        if !plan.gapByKind.isEmpty {
            out.append("  \(w[Word.eatenBy]): " + plan.gapByKind.map { "\(w.name($0.kind, .kind)) \(h($0.minutes))" }.joined(separator: ", "))
        }
        if !e.drains.isEmpty {
            out += ["", w[Word.drainsHeading]]
            out += table([.ticket, .nonBillable, .overApproved, .title], e.drains.map {
                [$0.ticket, h($0.nonBillableMinutes), h($0.overrunMinutes), $0.title]
            }, right: [1, 2])
        }
        if !e.help.isEmpty {
            out += ["", w[Word.helpHeading]]
            out += table([.from, .to, .kind, .hours], e.help.map { [$0.from, $0.to, w.name($0.kind, .kind), h($0.minutes)] }, right: [3])
        }
        if !e.learning.isEmpty {
            out += ["", w[Word.learningHeading]]
            out += table([.person, .month, .hours], e.learning.map { [$0.login, $0.month, h($0.minutes)] }, right: [2])
        }
        if !e.rework.isEmpty {
            out += ["", w[Word.reworkHeading]]
            out += table([.ticket, .person, .hours], e.rework.map { [$0.ticket, $0.login, h($0.minutes)] }, right: [2])
        }
        out += ["", w[Word.lifetimeValue]]
        out += table([.client, .since, .billed], e.lifetime.map { [$0.client, $0.since.map(w.day) ?? "—", w.money($0.billed)] },
                     right: [2])
        return out.joined(separator: "\n")
    }

    private func table(_ heading: [Word], _ rows: [[String]], right: Set<Int>) -> [String] {
        Output.indented(Output.table(words, heading, rows, rightAligned: right, indent: 2))
    }
}
