import GitdeskCore

/// What the lead's numbers (`report`, `plan`) are made of: the cards, every ticket's facts,
/// the period's work lines priced, and the all-time sums the period is compared with. Made
/// from a desk read whole or from the folder records (`FolderFacts`) — one computation
/// either way — and it never holds a note, so a desk of a million lines reports in
/// megabytes.
public struct WorkBook: Sendable {
    /// A work line of the period with its price.
    public struct Line: Sendable {
        public let ticket: String
        public let client: String
        public let project: String?
        public let entry: WorkEntry
        public let billable: Bool
        /// The client's rate on the line's date (also for a non-billable line).
        public let rate: Money
        /// Zero when not billable.
        public let amount: Money
        public var minutes: Int { entry.minutes }
    }

    /// A ticket's billable work of all time.
    public struct BillableWork: Sendable {
        public var minutes: Int
        public var firstDay: Day
    }

    /// A client's billed work of all time.
    public struct Billed: Sendable {
        public var since: Day
        public var amount: Money
    }

    /// Settings, cards and ledgers (and any findings of the desk).
    public let cards: Desk
    public let period: Period
    public private(set) var tickets: [String: FolderFacts.TicketFacts] = [:]
    /// The period's lines, by date, ticket and place in the ticket's file.
    public private(set) var lines: [Line] = []
    public private(set) var billableWork: [String: BillableWork] = [:]
    public private(set) var billed: [String: Billed] = [:]
    /// Learning minutes of all time, by login and month (`2026-11`).
    public private(set) var learning: [String: [String: Int]] = [:]
    /// Billable work of all time per client and day, in minor units (what balances subtract).
    public private(set) var dailyCharges: [String: [Day: Int64]] = [:]

    /// From a desk read whole.
    public init(desk: Desk, period: Period) {
        var cards = desk
        cards.tickets = [:]
        self.init(cards: cards, period: period)
        let pricing = Pricing(desk: cards)
        for ticket in desk.sortedTickets { add(FolderFacts.TicketFacts(ticket), ticket.work.map { WorkEntry($0.value) }, pricing) }
        sortLines()
    }

    /// From the cards and every folder's record.
    public init(cards: Desk, folders: [FolderFacts], period: Period) throws {
        self.init(cards: cards, period: period)
        let pricing = Pricing(desk: cards)
        for folder in folders {
            for (facts, work) in zip(folder.tickets, try folder.work()) { add(facts, work, pricing) }
        }
        sortLines()
    }

    private init(cards: Desk, period: Period) {
        self.cards = cards
        self.period = period
    }

    private mutating func add(_ facts: FolderFacts.TicketFacts, _ work: [WorkEntry], _ pricing: Pricing) {
        tickets[facts.ticket] = facts
        // Summed per ticket first: a dictionary update per line would dominate a large desk.
        var billableMinutes = 0, firstBillable: Day?, amountBilled = Money.zero
        // Taken out and put back, so the dictionary is updated in place, not copied per ticket.
        var charges = dailyCharges.removeValue(forKey: facts.client) ?? [:]
        defer { if !charges.isEmpty { dailyCharges[facts.client] = charges } }
        for entry in work {
            let (billable, rate, amount) = pricing.price(kind: entry.kind, minutes: entry.minutes, on: entry.date,
                                                         client: facts.client, project: facts.project)
            if billable {
                billableMinutes += entry.minutes
                firstBillable = min(firstBillable ?? entry.date, entry.date)
                amountBilled = amountBilled + amount
                charges[entry.date, default: 0] += amount.minor
            }
            if entry.kind == "learning" { learning[entry.login, default: [:]][Period.month(of: entry.date).label, default: 0] += entry.minutes }
            if period.contains(entry.date) {
                lines.append(Line(ticket: facts.ticket, client: facts.client, project: facts.project, entry: entry,
                                  billable: billable, rate: rate, amount: amount))
            }
        }
        guard let firstBillable else { return }
        billableWork[facts.ticket] = BillableWork(minutes: billableMinutes, firstDay: firstBillable)
        let client = billed[facts.client]
        billed[facts.client] = Billed(since: min(client?.since ?? firstBillable, firstBillable), amount: (client?.amount ?? .zero) + amountBilled)
    }

    /// The same book for a part of its period: what a book made for that period holds (the
    /// all-time sums do not depend on the period), without pricing the lines again.
    public func narrowed(to part: Period) -> WorkBook {
        var book = WorkBook(cards: cards, period: part)
        book.tickets = tickets
        book.lines = lines.filter { part.contains($0.entry.date) }
        book.billableWork = billableWork
        book.billed = billed
        book.learning = learning
        book.dailyCharges = dailyCharges
        return book
    }

    /// By date, then ticket, then file order (the order lines were added in, kept by a stable sort).
    private mutating func sortLines() {
        lines = lines.enumerated().sorted { ($0.element.entry.date, $0.element.ticket, $0.offset) < ($1.element.entry.date, $1.element.ticket, $1.offset) }
            .map(\.element)
    }
}
