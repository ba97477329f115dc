import GitdeskCore

/// Hours and money of a set of work lines.
public struct Figures: Codable, Hashable, Sendable {
    public let minutes: Int
    public let billableMinutes: Int
    public let revenue: Money
    /// What the same hours would bring if every one were billed at its rate.
    public let nominal: Money

    public init(_ lines: [WorkBook.Line]) {
        minutes = lines.reduce(0) { $0 + $1.minutes }
        billableMinutes = lines.filter(\.billable).reduce(0) { $0 + $1.minutes }
        revenue = lines.reduce(.zero) { $0 + $1.amount }
        nominal = lines.reduce(.zero) { $0 + Money.amount(ratePerHour: $1.rate, minutes: $1.minutes) }
    }

    public var nonBillableMinutes: Int { minutes - billableMinutes }

    /// Revenue per hour logged (billable or not), rounded half away from zero.
    public var effectiveRate: Money? {
        guard minutes > 0 else { return nil }
        return Money(minor: divideRounded(revenue.minor * 60, Int64(minutes)))
    }

    /// Revenue per billable-equivalent hour if every hour were billed.
    public var nominalRate: Money? {
        guard minutes > 0 else { return nil }
        return Money(minor: divideRounded(nominal.minor * 60, Int64(minutes)))
    }

    /// 1 − effective / nominal, in basis points (1620 = 16.2%).
    public var lossBasisPoints: Int? {
        guard nominal.minor > 0 else { return nil }
        // Amounts reach 10^16 minor units (the desk's bound): scaled by 10 000 in full width.
        return scaledRounded(nominal.minor - revenue.minor, by: 10_000, over: nominal.minor).map(Int.init)
    }

    /// Billable hours / all hours, in basis points.
    public var billableShareBasisPoints: Int? {
        guard minutes > 0 else { return nil }
        return Int(divideRounded(Int64(billableMinutes) * 10_000, Int64(minutes)))
    }
}

/// `value × factor / denominator` rounded half away from zero, computed in full width so the
/// product cannot overflow; nil when the result itself does not fit.
public func scaledRounded(_ value: Int64, by factor: Int64, over denominator: Int64) -> Int64? {
    guard denominator != 0, abs(Double(value) * Double(factor) / Double(denominator)) < 9e18 else { return nil }
    let (quotient, remainder) = denominator.dividingFullWidth(value.multipliedFullWidth(by: factor))
    if remainder.magnitude * 2 >= denominator.magnitude {
        let negative = ((value < 0) != (factor < 0)) != (denominator < 0)
        return quotient + (negative ? -1 : 1)
    }
    return quotient
}

/// Integer division rounded half away from zero.
public func divideRounded(_ numerator: Int64, _ denominator: Int64) -> Int64 {
    let quotient = numerator / denominator, remainder = numerator % denominator
    if abs(remainder) * 2 >= abs(denominator) { return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1) }
    return quotient
}

/// The lead's economics for a period (SPEC §5): where the hours went and where money leaks.
public struct Economics: Codable, Sendable {
    public enum Dimension: String, Codable, CaseIterable, Sendable { case person, client, project, kind, ticket, day }

    public struct Group: Codable, Sendable { public let key: String; public let figures: Figures }
    public struct KindRow: Codable, Sendable { public let kind: String; public let billable: Bool; public let minutes: Int }
    public struct PersonRow: Codable, Sendable {
        public let login: String
        public let figures: Figures
        public let normMinutes: Int
        public let daysWorked: Int
        /// Revenue per working day of the period (the seed's "money a person earns a day").
        public let revenuePerWorkingDay: Money
    }
    public struct Drain: Codable, Sendable {
        public let ticket: String
        public let title: String
        public let nonBillableMinutes: Int
        public let approvedMinutes: Int?
        /// Billable minutes logged (all time) beyond `approved`, plus `overrun` work.
        public let overrunMinutes: Int
    }
    public struct Help: Codable, Sendable { public let from: String; public let to: String; public let kind: String; public let minutes: Int }
    public struct Learning: Codable, Sendable { public let login: String; public let month: String; public let minutes: Int }
    public struct Rework: Codable, Sendable { public let ticket: String; public let login: String; public let minutes: Int }
    public struct Lifetime: Codable, Sendable { public let client: String; public let since: Day?; public let billed: Money }
    public struct PlanVsFact: Codable, Sendable {
        public let normMinutes: Int
        public let targetBillableMinutes: Int
        public let targetRevenue: Money
        public let factBillableMinutes: Int
        public let factRevenue: Money
        /// Hours of each planned person's norm they did not log, summed (the same people as
        /// the norm and the fact; one person's overtime does not fill another's gap).
        public let unloggedMinutes: Int
        /// Non-billable kinds, largest first: what ate the gap.
        public let gapByKind: [KindRow]
    }

    public let period: String
    public let currency: String
    public let totals: Figures
    public let dimension: Dimension
    public let groups: [Group]
    public let kinds: [KindRow]
    public let people: [PersonRow]
    public let plan: PlanVsFact
    public let drains: [Drain]
    public let help: [Help]
    public let learning: [Learning]
    public let rework: [Rework]
    public let lifetime: [Lifetime]

    public init(desk: Desk, period: Period, by dimension: Dimension) {
        self.init(book: WorkBook(desk: desk, period: period), by: dimension)
    }

    public init(book: WorkBook, by dimension: Dimension) {
        let desk = book.cards, period = book.period, work = book.lines
        let calendar = WorkCalendar(config: desk.config)
        self.period = period.label
        currency = desk.config.currency
        totals = Figures(work)
        self.dimension = dimension
        groups = Dictionary(grouping: work) { Economics.key($0, dimension) }
            .map { Group(key: $0.key, figures: Figures($0.value)) }.sorted { $0.key < $1.key }
        kinds = desk.config.kinds.map { kind in
            KindRow(kind: kind.name, billable: kind.billable, minutes: work.filter { $0.entry.kind == kind.name }.reduce(0) { $0 + $1.minutes })
        }.filter { $0.minutes > 0 }
        let workingDays = calendar.workingDays(in: period).count
        people = Dictionary(grouping: work) { $0.entry.login }.map { login, lines in
            let figures = Figures(lines)
            let norm = desk.staff[login].map { calendar.normMinutes(for: $0, in: period, capacity: desk.config.planCapacity) } ?? 0
            return PersonRow(login: login, figures: figures, normMinutes: norm,
                             daysWorked: Set(lines.map(\.entry.date)).count,
                             revenuePerWorkingDay: Money(minor: workingDays == 0 ? 0 : divideRounded(figures.revenue.minor, Int64(workingDays))))
        }.sorted { $0.login < $1.login }
        let financial = FinancialPlan(book: book, today: nil)
        let nonBillable = kinds.filter { !$0.billable }.sorted { ($1.minutes, $0.kind) < ($0.minutes, $1.kind) }
        let logged = Dictionary(uniqueKeysWithValues: people.map { ($0.login, $0.figures.minutes) })
        plan = PlanVsFact(
            normMinutes: financial.normMinutes, targetBillableMinutes: financial.targetBillableMinutes,
            targetRevenue: financial.targetRevenue, factBillableMinutes: financial.factBillableMinutes, factRevenue: financial.factRevenue,
            unloggedMinutes: financial.people.reduce(0) { sum, person in
                sum + max(0, person.normMinutes - (logged[person.login] ?? 0))
            }, gapByKind: nonBillable)
        drains = Economics.drains(book)
        help = Dictionary(grouping: work.filter { $0.entry.colleague != nil }) {
            "\($0.entry.login)\u{0}\($0.entry.colleague!)\u{0}\($0.entry.kind)"
        }.map { key, lines in
            let parts = key.split(separator: "\u{0}").map(String.init)
            return Help(from: parts[0], to: parts[1], kind: parts[2], minutes: lines.reduce(0) { $0 + $1.minutes })
        }.sorted { ($0.from, $0.to, $0.kind) < ($1.from, $1.to, $1.kind) }
        learning = book.learning.flatMap { login, months in months.map { Learning(login: login, month: $0.key, minutes: $0.value) } }
            .sorted { ($0.login, $0.month) < ($1.login, $1.month) }
        rework = Economics.rework(book)
        lifetime = desk.clients.keys.sorted().map { slug in
            let charges = (desk.ledgers[slug]?.lines ?? []).filter { $0.value.kind == .charge }
            let billed = book.billed[slug]
            let since = ([billed?.since].compactMap { $0 } + charges.map(\.value.date)).min()
            return Lifetime(client: slug, since: since,
                            billed: (billed?.amount ?? .zero) + charges.reduce(.zero) { $0 + $1.value.amount })
        }
    }

    static func key(_ work: WorkBook.Line, _ dimension: Dimension) -> String {
        switch dimension {
        case .person: return work.entry.login
        case .client: return work.client
        case .project: return work.project ?? "(none)"
        case .kind: return work.entry.kind
        case .ticket: return work.ticket
        case .day: return work.entry.date.description
        }
    }

    /// Tickets that eat hours without money: non-billable work in the period, or billable
    /// work beyond the approved budget.
    static func drains(_ book: WorkBook) -> [Drain] {
        Dictionary(grouping: book.lines, by: \.ticket).compactMap { id, lines in
            guard let ticket = book.tickets[id] else { return nil }
            let nonBillable = lines.filter { !$0.billable }.reduce(0) { $0 + $1.minutes }
            let billableAllTime = book.billableWork[id]?.minutes ?? 0
            let explicit = lines.filter { $0.entry.kind == "overrun" }.reduce(0) { $0 + $1.minutes }
            let overrun = max(0, billableAllTime - (ticket.approved?.minutes ?? .max / 2)) + explicit
            guard nonBillable > 0 || overrun > 0 else { return nil }
            return Drain(ticket: id, title: ticket.title, nonBillableMinutes: nonBillable, approvedMinutes: ticket.approved?.minutes,
                         overrunMinutes: overrun)
        }.sorted { ($1.nonBillableMinutes + $1.overrunMinutes, $0.ticket) < ($0.nonBillableMinutes + $0.overrunMinutes, $1.ticket) }
    }

    /// `our-fault` work logged on or after the first billable work of the same ticket.
    static func rework(_ book: WorkBook) -> [Rework] {
        Dictionary(grouping: book.lines.filter { line in
            line.entry.kind == "our-fault" && book.billableWork[line.ticket].map { $0.firstDay <= line.entry.date } == true
        }) { "\($0.ticket)\u{0}\($0.entry.login)" }.map { key, lines in
            let parts = key.split(separator: "\u{0}").map(String.init)
            return Rework(ticket: parts[0], login: parts[1], minutes: lines.reduce(0) { $0 + $1.minutes })
        }.sorted { ($0.ticket, $0.login) < ($1.ticket, $1.login) }
    }
}
