import GitdeskCore

/// A client's statement for a period: opening balance, each charged line, ledger lines and
/// the closing balance. Totals are sums of the printed lines, so they always agree.
public struct Statement: Codable, Sendable {
    public let client: String
    public let clientName: String
    public let period: String
    public let first: Day
    public let last: Day
    public let currency: String
    public let opening: Money
    /// Billable work charged in the period.
    public let work: [Movement]
    /// Payments, credits and charges in the period.
    public let ledger: [Movement]
    /// Hours logged on the client's tickets that were not charged.
    public let notChargedMinutes: Int
    public let workTotal: Money
    public let payments: Money
    public let credits: Money
    public let charges: Money
    public let closing: Money
    /// Charged lines of the period under an open dispute, and their sum (included above).
    public let disputedIDs: [String]
    public let disputedTotal: Money
    /// The state of each charge of the period the client has disputed, by ID.
    public let states: [String: ChargeState]
    /// The charges the period's credits settled (of any period), by ID.
    public let settledCharges: [String: Movement]

    public init(account: ClientAccount, period: Period, desk: Desk) {
        client = account.client.slug
        clientName = account.client.name
        self.period = period.label
        first = period.first
        last = period.last
        currency = desk.config.currency
        opening = account.balance(asOf: period.first.adding(days: -1))
        let inPeriod = account.movements.filter { period.contains($0.date) }
        let ledgerLines = inPeriod.filter { $0.source != .work }
        let workLines = inPeriod.filter { $0.source == .work }
        let sum = { (source: Movement.Source) in ledgerLines.filter { $0.source == source }.reduce(Money.zero) { $0 + $1.amount } }
        work = workLines
        ledger = ledgerLines
        workTotal = -workLines.reduce(.zero) { $0 + $1.amount }
        payments = sum(.payment)
        credits = sum(.credit)
        charges = -sum(.charge)
        closing = opening + payments + credits - charges - workTotal
        let disputedLines = inPeriod.filter { $0.id.map(account.openDisputes.contains) == true }
        disputedIDs = disputedLines.compactMap(\.id)
        disputedTotal = -disputedLines.reduce(.zero) { $0 + $1.amount }
        states = Dictionary(inPeriod.compactMap { m in
            m.id.flatMap { m.isCharge && account.disputes[$0] != nil ? ($0, account.state(of: m)) : nil }
        }) { first, _ in first }
        settledCharges = account.settledCharges(by: ledgerLines)
        notChargedMinutes = account.notChargedMinutes.reduce(0) { period.contains($1.key) ? $0 + $1.value : $0 }
    }
}
