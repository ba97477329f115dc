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
        func charged(_ period: Period) -> Money {
            -account.movements.filter { ($0.source == .work || $0.source == .charge) && period.contains($0.date) }.reduce(.zero) { $0 + $1.amount }
        }
        balance = account.balance(asOf: today)
        thisMonth = charged(current)
        let previous = Self.paceMonths(before: current)
        lastMonth = charged(previous[0])
        monthlyPace = Self.pace(previous.map(charged))
        runsOut = Self.runsOut(balance: balance, pace: monthlyPace, today: today)
        toCoverNextMonth = balance.minor < 0 ? -balance + monthlyPace : nil
        months = Period.months(12, endingWith: today).map { month in
            MonthEnd(month: month.label, balance: account.balance(asOf: month == current ? today : month.last))
        }
    }

    /// The three whole months before `month`, latest first: what the pace is taken from.
    public static func paceMonths(before month: Period) -> [Period] {
        Period.months(3, endingWith: month.first.adding(days: -1)).reversed()
    }

    /// The average of what three months charged, rounded half away from zero.
    public static func pace(_ charged: [Money]) -> Money {
        Money(minor: divideRounded(charged.reduce(Money.zero, +).minor, Int64(max(charged.count, 1))))
    }

    /// The day a prepayment reaches zero at a monthly pace (nil: in debt, or no pace).
    public static func runsOut(balance: Money, pace: Money, today: Day) -> Day? {
        guard balance.minor > 0, pace.minor > 0 else { return nil }
        // An average month is 30.4375 days (487/16); the whole months the balance lasts,
        // bounded to a hundred years.
        let days = scaledRounded(balance.minor, by: 487, over: pace.minor * 16).map { min($0, 36_525) } ?? 36_525
        return today.adding(days: Int(days))
    }
}
