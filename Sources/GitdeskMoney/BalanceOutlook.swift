import GitdeskCore

/// What a client's balance means, for the client: prepayment left or money owed, what was
/// charged this month and last, the pace of the three whole months before this one, and at
/// that pace when the prepayment runs out (or, in debt, what covers the debt and the next
/// month), with the balance at the end of each of the last twelve months.
public struct BalanceOutlook: Codable, Sendable {
    public struct MonthEnd: Codable, Sendable {
        public let month: String
        public let balance: Money
    }

    public let balance: Money
    public let thisMonth: Money
    public let lastMonth: Money
    /// Work and charges per month, averaged over the three whole months before this one.
    public let monthlyPace: Money
    /// The day the prepayment reaches zero at `monthlyPace` (nil: in debt, or no pace).
    public let runsOut: Day?
    /// In debt: the debt plus one month at the pace.
    public let toCoverNextMonth: Money?
    /// Balances at the end of the last twelve months, oldest first (this month: today's).
    public let months: [MonthEnd]

    public init(account: ClientAccount, today: Day) {
        let current = Period.month(of: today)
        func monthBefore(_ period: Period) -> Period { Period.month(of: period.first.adding(days: -1)) }
        func charged(_ period: Period) -> Money {
            -account.movements.filter { ($0.source == .work || $0.source == .charge) && period.contains($0.date) }.reduce(.zero) { $0 + $1.amount }
        }
        balance = account.balance(asOf: today)
        thisMonth = charged(current)
        let last = monthBefore(current)
        lastMonth = charged(last)
        let previous = [last, monthBefore(last), monthBefore(monthBefore(last))]
        monthlyPace = Money(minor: divideRounded(previous.reduce(Money.zero) { $0 + charged($1) }.minor, 3))
        if balance.minor > 0, monthlyPace.minor > 0 {
            // An average month is 30.4375 days (487/16); the whole months the balance lasts,
            // bounded to a hundred years.
            let days = scaledRounded(balance.minor, by: 487, over: monthlyPace.minor * 16).map { min($0, 36_525) } ?? 36_525
            runsOut = today.adding(days: Int(days))
        } else {
            runsOut = nil
        }
        toCoverNextMonth = balance.minor < 0 ? -balance + monthlyPace : nil
        var ends: [MonthEnd] = []
        var month = current
        for _ in 0..<12 {
            ends.append(MonthEnd(month: month.label, balance: account.balance(asOf: month == current ? today : month.last)))
            month = monthBefore(month)
        }
        months = ends.reversed()
    }
}
