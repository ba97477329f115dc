import Foundation
import GitdeskCore

/// The financial plan of a period (SPEC §5): norm = Σ capacity × working days − absences;
/// billable target = norm × (1 − non-billable share); revenue target = target × rate.
public struct FinancialPlan: Codable, Sendable {
    public struct Person: Codable, Sendable {
        public let login: String
        public let capacityMinutes: Int
        public let absentDays: Int
        public let normMinutes: Int
    }

    public let period: String
    public let workingDays: Int
    public let people: [Person]
    public let normMinutes: Int
    public let nonBillableShareBasisPoints: Int
    public let targetBillableMinutes: Int
    public let rate: Money
    public let targetRevenue: Money
    /// Billable work logged in the period so far.
    public let factBillableMinutes: Int
    public let factRevenue: Money
    /// Working days of the period up to and including today (all of them for a past period).
    public let elapsedWorkingDays: Int
    /// The fact extrapolated to the whole period at the pace so far.
    public let forecastRevenue: Money

    /// Staff who carry a plan: engineers and leads with a capacity.
    public static func plannedStaff(_ desk: Desk) -> [Staff] {
        desk.staff.values.filter { ["engineer", "lead"].contains($0.role) && $0.capacity != nil }.sorted { $0.login < $1.login }
    }

    public init(desk: Desk, period: Period, today: Day?) {
        self.init(book: WorkBook(desk: desk, period: period), today: today)
    }

    public init(book: WorkBook, today: Day?) {
        let desk = book.cards, period = book.period
        let calendar = WorkCalendar(config: desk.config)
        let days = calendar.workingDays(in: period)
        self.period = period.label
        workingDays = days.count
        people = FinancialPlan.plannedStaff(desk).map { person in
            let norm = calendar.normMinutes(for: person, in: period, capacity: desk.config.planCapacity)
            return Person(login: person.login, capacityMinutes: person.capacity!.minutes,
                          absentDays: days.filter(person.isAbsent).count, normMinutes: norm)
        }
        normMinutes = people.reduce(0) { $0 + $1.normMinutes }
        nonBillableShareBasisPoints = desk.config.planNonBillableBasisPoints
        targetBillableMinutes = Int(divideRounded(Int64(normMinutes) * Int64(10_000 - nonBillableShareBasisPoints), 10_000))
        rate = desk.config.planRate ?? desk.config.rate
        targetRevenue = Money.amount(ratePerHour: rate, minutes: targetBillableMinutes)
        // The fact of the same people as the norm: a tester's or a departed colleague's hours
        // are in `report`'s totals, not in the plan's.
        let planned = Set(people.map(\.login))
        let fact = book.lines.filter { $0.billable && planned.contains($0.entry.login) }
        factBillableMinutes = fact.reduce(0) { $0 + $1.minutes }
        factRevenue = fact.reduce(.zero) { $0 + $1.amount }
        elapsedWorkingDays = today.map { today in days.filter { $0 <= today }.count } ?? days.count
        forecastRevenue = elapsedWorkingDays == 0 ? factRevenue
            : Money(minor: divideRounded(factRevenue.minor * Int64(workingDays), Int64(elapsedWorkingDays)))
    }
}

/// The load plan (SPEC §5): per engineer and remaining working day, the remaining estimate
/// of assigned open tickets laid against capacity — who is overloaded, who has a free slot.
public struct LoadPlan: Codable, Sendable {
    public struct Assignment: Codable, Sendable { public let ticket: String; public let remainingMinutes: Int }
    public struct Person: Codable, Sendable {
        public let login: String
        public let capacityMinutes: Int
        public let remainingMinutes: Int
        public let tickets: [Assignment]
        /// Minutes planned on each of `days` (0 on an absence).
        public let perDay: [Int]
        public let overloadMinutes: Int
        public let freeMinutes: Int
    }

    public let days: [Day]
    public let people: [Person]

    static let priorityOrder = ["urgent": 0, "high": 1, "normal": 2, "low": 3]

    public init(book: WorkBook, from today: Day) {
        let desk = book.cards
        let calendar = WorkCalendar(config: desk.config)
        days = calendar.workingDays(in: book.period).filter { $0 >= today }
        // Only what can load someone (open, assigned, with estimate left), per assignee, in
        // the order work is taken: priority, then age. Each ticket's order is worked out once,
        // not in every comparison: a large desk has a hundred thousand open tickets.
        let openStatuses = desk.config.openStatuses
        var queues: [String: [(order: (Int, Date, String), assignment: Assignment)]] = [:]
        for ticket in book.tickets.values {
            guard let assignee = ticket.assignee, let estimate = ticket.estimate, openStatuses.contains(ticket.status) else { continue }
            let remaining = max(0, estimate.minutes - ticket.minutes)
            guard remaining > 0 else { continue }
            let order = (LoadPlan.priorityOrder[ticket.priority ?? "normal"] ?? 2, ticket.created ?? .distantPast, ticket.ticket)
            queues[assignee, default: []].append((order, Assignment(ticket: ticket.ticket, remainingMinutes: remaining)))
        }
        let days = days
        people = FinancialPlan.plannedStaff(desk).map { person in
            let capacity = person.capacity!.minutes
            let tickets = (queues[person.login] ?? []).sorted { $0.order < $1.order }.map(\.assignment)
            let remaining = tickets.reduce(0) { $0 + $1.remainingMinutes }
            var left = remaining
            let perDay = days.map { day -> Int in
                guard !person.isAbsent(on: day) else { return 0 }
                let planned = min(capacity, left)
                left -= planned
                return planned
            }
            let available = days.filter { !person.isAbsent(on: $0) }.count * capacity
            return Person(login: person.login, capacityMinutes: capacity, remainingMinutes: remaining, tickets: tickets,
                          perDay: perDay, overloadMinutes: max(0, remaining - available), freeMinutes: max(0, available - remaining))
        }
    }
}
