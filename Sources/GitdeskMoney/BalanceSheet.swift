import GitdeskCore

/// What one ticket folder adds to the balances: billable charges per client and day, the
/// folder's transaction IDs (hashed, for the desk-wide uniqueness rule) and the work lines
/// that disputes name. Kept per folder tree, so `balance` after a commit prices only the
/// folders the commit touched.
public struct WorkTotals: TicketGroupSummary, Equatable {
    public static let indexPart = DeskIndex.Part.workTotals
    /// Rates (clients, projects), kinds (settings), logins (staff) and disputes change prices or validity.
    public static let dependsOn = ["gitdesk.yml", "clients", "staff", "projects", "disputes"]

    /// False when the folder has a problem: the balance then comes from a full read, which names it.
    public private(set) var isClean = true
    /// Billable charges in minor units (positive), per client and day.
    public private(set) var charges: [String: [Day: Int64]] = [:]
    /// 64-bit FNV-1a hashes of the folder's transaction IDs.
    public private(set) var idHashes: [UInt64] = []
    /// The work lines disputes name, by transaction ID.
    public private(set) var disputed: [String: DisputedWork] = [:]

    /// A work line named by a dispute: whose it is, its minutes, and what it charged.
    public struct DisputedWork: Equatable, Sendable {
        public let client: String
        public let minutes: Int
        public let date: Day
        /// Zero for a non-billable line.
        public let charge: Int64
    }

    public init(tickets: [Ticket], findings: [Finding], cards: Desk) {
        guard findings.isEmpty else { isClean = false; return }
        let pricing = Pricing(desk: cards)
        let named = Set(cards.disputes.values.flatMap { $0.map(\.value.transaction) })
        for ticket in tickets {
            for priced in pricing.price(ticket) {
                let work = priced.line.value
                if let id = work.id {
                    idHashes.append(DeskValidator.idHash(id))
                    if named.contains(id) {
                        disputed[id] = DisputedWork(client: ticket.client, minutes: work.duration.minutes, date: work.date,
                                                    charge: priced.billable ? priced.amount.minor : 0)
                    }
                }
                if priced.billable {
                    // Checked: a folder past the desk's bound is left to the full read, which refuses it.
                    guard let sum = Money.bounded(charges[ticket.client]?[work.date] ?? 0, adding: priced.amount.minor) else {
                        isClean = false
                        return
                    }
                    charges[ticket.client, default: [:]][work.date] = sum
                }
            }
        }
    }

    public init(from r: inout BinaryReader) throws {
        isClean = try r.int() == 1
        for _ in try r.count() {
            let client = try r.string()
            var days: [Day: Int64] = [:]
            var ordinal = 0
            for _ in try r.count() {
                ordinal += try r.int()
                days[Day(ordinal: ordinal)] = Int64(try r.int())
            }
            charges[client] = days
        }
        idHashes = try (try r.count()).map { _ in UInt64(bitPattern: Int64(try r.int())) }
        for _ in try r.count() {
            disputed[try r.string()] = DisputedWork(client: try r.string(), minutes: try r.int(), date: Day(ordinal: try r.int()),
                                                    charge: Int64(try r.int()))
        }
    }

    public func write(to w: inout BinaryWriter) {
        w.int(isClean ? 1 : 0)
        w.int(charges.count)
        for (client, days) in charges.sorted(by: { $0.key < $1.key }) {
            w.string(client)
            w.int(days.count)
            var previous = 0
            for (day, amount) in days.sorted(by: { $0.key < $1.key }) {
                w.int(day.ordinal - previous)
                previous = day.ordinal
                w.int(Int(amount))
            }
        }
        w.int(idHashes.count)
        idHashes.forEach { w.int(Int(Int64(bitPattern: $0))) }
        w.int(disputed.count)
        for (id, work) in disputed.sorted(by: { $0.key < $1.key }) {
            w.string(id); w.string(work.client); w.int(work.minutes); w.int(work.date.ordinal); w.int(Int(work.charge))
        }
    }
}

/// Balances from the cards (settings, clients, ledgers, disputes) and the folders'
/// `WorkTotals`, without holding a single work line. Nil when the desk has any problem: a
/// full read (`Accounts`) then says which, and gives the same numbers for everyone else.
public struct BalanceSheet {
    /// Each client's balance over time.
    public let balances: Balances
    private let disputedWork: [String: WorkTotals.DisputedWork]

    public init?(cards: Desk, groups: [WorkTotals]) {
        guard cards.findings.isEmpty, groups.allSatisfy(\.isClean) else { return nil }
        var hashes = groups.flatMap(\.idHashes)
        for ledger in cards.ledgers.values { hashes += ledger.lines.compactMap { $0.value.id.map(DeskValidator.idHash) } }
        // Equal hashes are a repeated ID (or, rarely, a collision): the full read decides.
        guard DeskValidator.repeatedHashes(&hashes).isEmpty else { return nil }
        // Every sum below stays exact when all of them together stay within the desk's bound.
        var bound: Int64 = 0
        for group in groups {
            for days in group.charges.values {
                for amount in days.values { guard let sum = Money.bounded(bound, adding: amount) else { return nil }; bound = sum }
            }
        }
        for ledger in cards.ledgers.values {
            for line in ledger.lines { guard let sum = Money.bounded(bound, adding: line.value.amount.minor) else { return nil }; bound = sum }
        }

        var disputed: [String: WorkTotals.DisputedWork] = [:]
        for group in groups { disputed.merge(group.disputed) { first, _ in first } }
        var owners: DeskValidator.TransactionOwners = disputed.mapValues { ($0.client, $0.minutes) }
        for ledger in cards.ledgers.values { for line in ledger.lines { if let id = line.value.id { owners[id] = (ledger.client, nil) } } }
        guard DeskValidator(desk: cards).disputeFindings(owners: owners).isEmpty else { return nil }

        var daily: [String: [Day: Int64]] = [:]
        for group in groups { for (client, days) in group.charges { daily[client, default: [:]].merge(days, uniquingKeysWith: +) } }
        balances = Balances(cards: cards, dailyCharges: daily)
        disputedWork = disputed
    }

    /// payments + credits − charges − billable work, dated on or before `day` (all when nil).
    public func balance(_ client: String, asOf day: Day? = nil) -> Money { balances.balance(client, asOf: day) }

    /// What the client's open disputes hold back: the charges of disputed lines dated on or
    /// before `day`, less disputed ledger movements.
    public func disputed(_ client: String, asOf day: Day? = nil) -> Money {
        let cards = balances.cards
        let open = cards.disputeStates(client).filter { $0.value.value.action == .open }.keys
        var total: Int64 = 0
        for id in open {
            if let work = disputedWork[id], work.client == client, day == nil || work.date <= day! { total += work.charge }
            for line in cards.ledgers[client]?.lines ?? [] where line.value.id == id && (day == nil || line.value.date <= day!) {
                total -= line.value.amount.minor * line.value.kind.sign
            }
        }
        return Money(minor: total)
    }
}

/// Each client's balance over time, from the ledgers and the billable work charged per day:
/// what `BalanceSheet` answers `balance` with, and what a `WorkBook` gives the dashboard.
/// The sums are exact when the desk passed its checks (the money bound among them).
public struct Balances: Sendable {
    let cards: Desk
    /// Charges per client as (day, running total up to and including that day), by day.
    private let runningCharges: [String: [(day: Day, total: Int64)]]

    /// - Parameter dailyCharges: billable work per client and day, in minor units.
    public init(cards: Desk, dailyCharges: [String: [Day: Int64]]) {
        self.cards = cards
        runningCharges = dailyCharges.mapValues { days in
            var total: Int64 = 0
            return days.sorted { $0.key < $1.key }.map { day, amount in total += amount; return (day, total) }
        }
    }

    /// payments + credits − charges − billable work, dated on or before `day` (all when nil).
    public func balance(_ client: String, asOf day: Day? = nil) -> Money {
        let ledger = (cards.ledgers[client]?.lines ?? []).filter { day == nil || $0.value.date <= day! }
            .reduce(Int64(0)) { $0 + $1.value.amount.minor * $1.value.kind.sign }
        return Money(minor: ledger - charged(client, through: day))
    }

    /// What the client was charged in a period: billable work and ledger charges (positive).
    public func charged(_ client: String, in period: Period) -> Money {
        let work = charged(client, through: period.last) - charged(client, through: period.first.adding(days: -1))
        let ledger = (cards.ledgers[client]?.lines ?? []).filter { $0.value.kind == .charge && period.contains($0.value.date) }
            .reduce(Int64(0)) { $0 + $1.value.amount.minor }
        return Money(minor: work + ledger)
    }

    /// The client's monthly pace as of `today`, from its first work or charge on.
    public func pace(_ client: String, today: Day, calendar: WorkCalendar) -> MonthlyPace {
        let firstWork = runningCharges[client]?.first { $0.total != 0 }?.day
        let firstCharge = (cards.ledgers[client]?.lines ?? []).filter { $0.value.kind == .charge && $0.value.amount != .zero }.map(\.value.date).min()
        return MonthlyPace(today: today, firstCharge: [firstWork, firstCharge].compactMap { $0 }.min(), calendar: calendar) {
            charged(client, in: $0)
        }
    }

    /// What the client paid in a period (payments only; credits are not money received).
    public func paid(_ client: String, in period: Period) -> Money {
        Money(minor: (cards.ledgers[client]?.lines ?? []).filter { $0.value.kind == .payment && period.contains($0.value.date) }
            .reduce(Int64(0)) { $0 + $1.value.amount.minor })
    }

    /// The first day of the client's debt as of `day`: from then on the balance has stayed
    /// below zero. Nil when the balance on `day` is not negative.
    public func inDebtSince(_ client: String, asOf day: Day) -> Day? {
        var changes: [Day: Int64] = [:]
        for line in cards.ledgers[client]?.lines ?? [] where line.value.date <= day {
            changes[line.value.date, default: 0] += line.value.amount.minor * line.value.kind.sign
        }
        var previous: Int64 = 0
        for (charge, total) in runningCharges[client] ?? [] where charge <= day {
            changes[charge, default: 0] -= total - previous
            previous = total
        }
        var balance: Int64 = 0, since: Day?
        for (date, change) in changes.sorted(by: { $0.key < $1.key }) {
            balance += change
            since = balance < 0 ? since ?? date : nil
        }
        return balance < 0 ? since : nil
    }

    private func charged(_ client: String, through day: Day?) -> Int64 {
        guard let running = runningCharges[client], let last = running.last else { return 0 }
        guard let day else { return last.total }
        // The last running total on or before `day` (binary search).
        var low = 0, high = running.count
        while low < high {
            let middle = (low + high) / 2
            if running[middle].day <= day { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : running[low - 1].total
    }
}
