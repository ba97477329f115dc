import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSLA

/// The lead's dashboard (the seed's numbers watched over time): every figure is taken from
/// the same computations `report`, `plan`, `balance` and `sla` print — `Economics` of each
/// month and week, `FinancialPlan` and `LoadPlan`, the `Balances` and the SLA engine's
/// figures — so the page and the commands can never disagree.
public struct Dashboard: Codable, Sendable {
    /// One month of the charts.
    public struct Month: Codable, Sendable {
        public let month: String
        /// Hours, billable hours, revenue and nominal value of the month's work lines.
        public let totals: Figures
        public let effectiveRate: Money?
        public let nominalRate: Money?
        public let lossBasisPoints: Int?
        public let nonBillableShareBasisPoints: Int?
        /// Hours by kind, in the settings' order (kinds with no hours left out).
        public let kinds: [Economics.KindRow]
        /// `our-fault` hours after billable work on the same ticket.
        public let reworkMinutes: Int
        /// Learning minutes per login (logins with none left out).
        public let learning: [String: Int]
        /// Tickets created in the month whose reaction or resolution target was missed, by category.
        public let slaBreaches: [String: Int]
        /// Work and ledger charges of every client, dated in the month.
        public let charged: Money
        /// Payments of every client, dated in the month.
        public let received: Money
        /// At the month's end (today for this month): the sum of the positive balances and
        /// the sum of the negative ones.
        public let prepaid: Money
        public let debt: Money
    }

    /// A week of the selected month: the financial plan against the fact.
    public struct Week: Codable, Sendable {
        public let week: String
        public let first: Day
        public let targetBillableMinutes: Int
        public let targetRevenue: Money
        public let factBillableMinutes: Int
        public let factRevenue: Money
        /// Non-billable kinds of the week, largest first: what ate the gap.
        public let gapByKind: [Economics.KindRow]
    }

    /// An engineer in the selected month, with the trend of money per working day.
    public struct Person: Codable, Sendable {
        public let login: String
        public let minutes: Int
        public let billableMinutes: Int
        public let normMinutes: Int
        public let revenue: Money
        public let revenuePerWorkingDay: Money
        /// Money per working day in each month of the charts, oldest first.
        public let trend: [Money]
    }

    /// A client whose prepayment runs out within 30 days at its recent pace.
    public struct RunningOut: Codable, Sendable {
        public let client: String
        public let name: String
        public let balance: Money
        public let monthlyPace: Money
        public let runsOut: Day
    }

    /// Minutes one person logged helping another (`@colleague`), over every kind.
    public struct Help: Codable, Sendable {
        public let from: String
        public let to: String
        public let minutes: Int
    }

    /// A client in debt, and since when.
    public struct Debtor: Codable, Sendable {
        public let client: String
        public let name: String
        public let balance: Money
        public let since: Day
        public let days: Int
    }

    public let period: String
    public let today: Day
    public let currency: String
    /// The plan's allowance for non-billable hours (`plan: non-billable-share`).
    public let nonBillableAllowanceBasisPoints: Int
    public let months: [Month]
    public let weeks: [Week]
    public let people: [Person]
    /// Help given (`from`) and received (`to`) in the selected month, summed over kinds.
    public let help: [Help]
    /// The load plan of the week after `today`.
    public let load: LoadPlan
    public let runningOut: [RunningOut]
    public let debtors: [Debtor]
    /// Tickets that ate hours without money in the selected month, the ten largest.
    public let drains: [Economics.Drain]

    /// The span of days a book must cover for a dashboard of `months` months ending with
    /// `month`: the months, the weeks that touch the selected month, and the week after `today`.
    public static func span(month: Period, months: Int, today: Day) -> Period {
        let first = min(Period.months(months, endingWith: month.first)[0].first, Period.isoWeek(of: month.first).first)
        let last = max(Period.isoWeek(of: month.last).last, Period.isoWeek(of: today).last.adding(days: 7))
        return Period(first: first, last: last, label: "\(first)..\(last)")
    }

    /// - Parameters:
    ///   - book: the work of at least `span(month:months:today:)`.
    ///   - sla: the SLA engine over the same commit.
    public init(book: WorkBook, sla: SLAEngine, month: Period, months count: Int, today: Day) {
        let cards = book.cards
        let balances = Balances(cards: cards, dailyCharges: book.dailyCharges)
        let monthPeriods = Period.months(count, endingWith: month.first)
        let clients = cards.clients.keys.sorted()
        let economics = monthPeriods.concurrentMap { Economics(book: book.narrowed(to: $0), by: .person) }
        let slaFigures = sla.figures(periods: monthPeriods)
        period = month.label
        self.today = today
        currency = cards.config.currency
        nonBillableAllowanceBasisPoints = cards.config.planNonBillableBasisPoints
        months = monthPeriods.indices.map { index in
            let period = monthPeriods[index], e = economics[index]
            let end = period.contains(today) ? today : period.last
            let ends = clients.map { balances.balance($0, asOf: end).minor }
            var breaches: [String: Int] = [:]
            for row in slaFigures[index] where row.reactionBreached + row.resolutionBreached > 0 {
                breaches[row.category, default: 0] += row.reactionBreached + row.resolutionBreached
            }
            var learning: [String: Int] = [:]
            for (login, months) in book.learning { if let minutes = months[period.label] { learning[login] = minutes } }
            return Month(
                month: period.label, totals: e.totals, effectiveRate: e.totals.effectiveRate, nominalRate: e.totals.nominalRate,
                lossBasisPoints: e.totals.lossBasisPoints,
                nonBillableShareBasisPoints: e.totals.billableShareBasisPoints.map { 10_000 - $0 },
                kinds: e.kinds, reworkMinutes: e.rework.reduce(0) { $0 + $1.minutes }, learning: learning, slaBreaches: breaches,
                charged: clients.reduce(.zero) { $0 + balances.charged($1, in: period) },
                received: clients.reduce(.zero) { $0 + balances.paid($1, in: period) },
                prepaid: Money(minor: ends.filter { $0 > 0 }.reduce(0, +)), debt: Money(minor: ends.filter { $0 < 0 }.reduce(0, +)))
        }

        var weeks: [Week] = []
        var weekStart = Period.isoWeek(of: month.first)
        while weekStart.first <= month.last {
            // The week's plan against its fact, as `report` and `plan` give it for the week.
            let plan = Economics(book: book.narrowed(to: weekStart), by: .kind).plan
            weeks.append(Week(week: weekStart.label, first: weekStart.first, targetBillableMinutes: plan.targetBillableMinutes,
                              targetRevenue: plan.targetRevenue, factBillableMinutes: plan.factBillableMinutes, factRevenue: plan.factRevenue,
                              gapByKind: plan.gapByKind))
            weekStart = Period.isoWeek(of: weekStart.last.adding(days: 1))
        }
        self.weeks = weeks

        let selected = economics[economics.count - 1]
        people = selected.people.map { person in
            Person(login: person.login, minutes: person.figures.minutes, billableMinutes: person.figures.billableMinutes,
                   normMinutes: person.normMinutes, revenue: person.figures.revenue, revenuePerWorkingDay: person.revenuePerWorkingDay,
                   trend: economics.map { month in month.people.first { $0.login == person.login }?.revenuePerWorkingDay ?? .zero })
        }
        var help: [String: Help] = [:]
        for row in selected.help {
            let key = row.from + "\u{0}" + row.to
            help[key] = Help(from: row.from, to: row.to, minutes: (help[key]?.minutes ?? 0) + row.minutes)
        }
        self.help = help.values.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        let nextWeek = Period.isoWeek(of: Period.isoWeek(of: today).last.adding(days: 1))
        load = LoadPlan(book: book.narrowed(to: nextWeek), from: nextWeek.first)

        let calendar = WorkCalendar(config: cards.config)
        runningOut = clients.compactMap { slug in
            let balance = balances.balance(slug, asOf: today)
            let pace = balances.pace(slug, today: today, calendar: calendar).amount
            guard let day = BalanceOutlook.runsOut(balance: balance, pace: pace, today: today), day.ordinal - today.ordinal <= 30 else { return nil }
            return RunningOut(client: slug, name: cards.clients[slug]!.name, balance: balance, monthlyPace: pace, runsOut: day)
        }.sorted { ($0.runsOut, $0.client) < ($1.runsOut, $1.client) }
        debtors = clients.compactMap { slug in
            guard let since = balances.inDebtSince(slug, asOf: today) else { return nil }
            return Debtor(client: slug, name: cards.clients[slug]!.name, balance: balances.balance(slug, asOf: today), since: since,
                          days: today.ordinal - since.ordinal)
        }.sorted { ($0.balance.minor, $0.client) < ($1.balance.minor, $1.client) }
        drains = Array(selected.drains.prefix(10))
    }
}
