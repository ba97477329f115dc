import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan", abstract: Help.financialPlanLoadPlanWeek.text, discussion: Help.examples.text + "\n  gitdesk plan\n  gitdesk plan --week 2026-W49\n  gitdesk plan --day 2026-12-01 --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: .of(.isoWeek2026W48Default)) var week: String?
        @Option(help: .of(.oneDayInsteadWeek)) var day: String?
        @OptionGroup var now: NowOption

        struct View: Codable { let financial: FinancialPlan; let load: LoadPlan }

        func run() throws {
            let store = try desk.open()
            let (current, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: true)
            if !current.findings.isEmpty { throw DeskError.invalidDesk(current.findings) }
            let today = Day(try now.resolve(in: current), in: current.config.timezone)
            let period: Period
            if let day {
                guard let parsed = Period(day), parsed.first == parsed.last else { throw DeskError.usage(.dayOption) }
                period = parsed
            } else if let week {
                guard let parsed = Period(week), week.contains("-W") else { throw DeskError.usage(.weekOption) }
                period = parsed
            } else {
                period = Period.isoWeek(of: today)
            }
            let book = try WorkBook(cards: current, folders: folders, period: period)
            let view = View(financial: FinancialPlan(book: book, today: today), load: LoadPlan(book: book, from: max(today, period.first)))
            if output.json { return try Output.json(view, config: current.config) }
            Output.line(render(view, words: try desk.words(current.config)))
        }

        private func render(_ view: View, words w: Words) -> String {
            let f = view.financial
            let h = { (minutes: Int) in w.duration(minutes: minutes) }
            let label = Period(f.period).map(w.period) ?? f.period
            var out = [w[Word.financialPlan, label, w.count(f.workingDays, .workingDay)], ""]
            out += Output.indented(Output.table(w, [.person, .capacity, .absentDays, .norm], f.people.map {
                [$0.login, h($0.capacityMinutes), String($0.absentDays), h($0.normMinutes)]
            } + [[w[Word.total], "", "", h(f.normMinutes)]], rightAligned: [1, 2, 3], indent: 2))
            out.append("")
            out.append(Output.figure(w, .nonBillableShare, w.percent(f.nonBillableShareBasisPoints)))
            out.append(Output.figure(w, .billableTarget, "\(h(f.targetBillableMinutes)) × \(w.money(f.rate)) = \(w.money(f.targetRevenue))"))
            out.append(Output.figure(w, .factSoFar, w[Word.factSoFarValue, h(f.factBillableMinutes), w.money(f.factRevenue), String(f.elapsedWorkingDays),
                                          w.count(f.workingDays, .workingDay)]))
            out.append(Output.figure(w, .forecast, w.money(f.forecastRevenue)))
            let load = view.load
            guard let first = load.days.first else {
                // The period is over: what is assigned still counts, but no day is left to put it on.
                out += ["", w[Word.loadPlanNoDays], ""]
                out += Output.indented(Output.table(w, [.person, .remaining], load.people.map { [$0.login, h($0.remainingMinutes)] }, rightAligned: [1], indent: 2))
                return out.joined(separator: "\n")
            }
            out += ["", w[Word.loadPlanFrom, w.day(first)], ""]
            let header = [w[Word.person].uppercased()] + load.days.map(w.shortDay)
                + [w[Word.remaining].uppercased(), w[Word.state].uppercased()]
            out += Output.indented(Output.table([header] + load.people.map { p in
                let state = p.overloadMinutes > 0 ? w[Word.overloadedBy, h(p.overloadMinutes)] : w[Word.freeTime, h(p.freeMinutes)]
                return [p.login] + p.perDay.map(h) + [h(p.remainingMinutes), state]
            }, rightAligned: Set(1...(load.days.count + 1)), columns: Output.terminalColumns.map { $0 - 2 }))
            return out.joined(separator: "\n")
        }
    }
}
