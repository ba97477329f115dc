import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore

extension Gitdesk {
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan", abstract: "The financial plan and the load plan for a week or a day.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "An ISO week, e.g. 2026-W48 (default: this week).") var week: String?
        @Option(help: "One day instead of a week.") var day: String?
        @OptionGroup var now: NowOption

        struct View: Codable { let financial: FinancialPlan; let load: LoadPlan }

        func run() throws {
            let store = try desk.open()
            let (current, folders) = try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: true)
            if !current.findings.isEmpty { throw DeskError.invalidDesk(current.findings) }
            let today = Day(try now.resolve(in: current), in: current.config.timezone)
            let period: Period
            if let day {
                guard let parsed = Period(day), parsed.first == parsed.last else { throw DeskError.usage("--day must be YYYY-MM-DD") }
                period = parsed
            } else if let week {
                guard let parsed = Period(week), week.contains("-W") else { throw DeskError.usage("--week must look like 2026-W48") }
                period = parsed
            } else {
                period = Period(first: today.adding(days: 1 - today.weekday), last: today.adding(days: 7 - today.weekday),
                                label: "week of \(today.adding(days: 1 - today.weekday))")
            }
            let book = try WorkBook(cards: current, folders: folders, period: period)
            let view = View(financial: FinancialPlan(book: book, today: today), load: LoadPlan(book: book, from: max(today, period.first)))
            if output.json { return try Output.json(view, config: current.config) }
            print(render(view, format: current.config.moneyFormat))
        }

        private func render(_ view: View, format: MoneyFormat) -> String {
            let f = view.financial
            let h = { (minutes: Int) in Duration(minutes: minutes).description }
            var out = ["Financial plan for \(f.period) (\(f.workingDays) working days)", ""]
            out += Output.table([["PERSON", "CAPACITY", "ABSENT DAYS", "NORM"]] + f.people.map {
                [$0.login, h($0.capacityMinutes), String($0.absentDays), h($0.normMinutes)]
            } + [["total", "", "", h(f.normMinutes)]], rightAligned: [1, 2, 3]).split(separator: "\n").map { "  " + $0 }
            out.append("")
            out.append("  non-billable share  \(percentText(f.nonBillableShareBasisPoints))")
            out.append("  billable target     \(h(f.targetBillableMinutes)) × \(format.string(f.rate)) = \(format.string(f.targetRevenue))")
            out.append("  fact so far         \(h(f.factBillableMinutes)) = \(format.string(f.factRevenue)) (\(f.elapsedWorkingDays) of \(f.workingDays) days)")
            out.append("  forecast            \(format.string(f.forecastRevenue))")
            let load = view.load
            out += ["", "Load plan from \(load.days.first?.description ?? "—") (remaining estimates of assigned open tickets)", ""]
            let header = ["PERSON"] + load.days.map { String($0.description.suffix(5)) } + ["REMAINING", "STATE"]
            out += Output.table([header] + load.people.map { p in
                let state = p.overloadMinutes > 0 ? "overloaded by \(h(p.overloadMinutes))"
                    : "free \(h(p.freeMinutes))"
                return [p.login] + p.perDay.map(h) + [h(p.remainingMinutes), state]
            }, rightAligned: Set(1...(load.days.count + 1))).split(separator: "\n").map { "  " + $0 }
            return out.joined(separator: "\n")
        }
    }
}
