import GitdeskCore
import GitdeskWords

/// What a client's balance means, for the client: prepayment left or money owed, what was
/// charged this month and last, the monthly pace (`MonthlyPace`), and at that pace when the
/// prepayment runs out (or, in debt, what covers the debt and the next month), with the
/// balance at the end of each of the last twelve months.
public struct BalanceOutlook: Codable, Sendable {
    public struct MonthEnd: Codable, Sendable {
        public let month: String
        public let balance: Money
    }

    public let balance: Money
    public let thisMonth: Money
    public let lastMonth: Money
    /// Work and charges per month, and the months it is taken from.
    public let pace: MonthlyPace
    /// The day the prepayment reaches zero at the pace (nil: in debt, or no pace).
    public let runsOut: Day?
    /// In debt: the debt plus one month at the pace.
    public let toCoverNextMonth: Money?
    /// Balances at the end of the last twelve months, oldest first (this month: today's).
    public let months: [MonthEnd]

    public init(account: ClientAccount, today: Day, calendar: WorkCalendar) {
        let current = Period.month(of: today)
        balance = account.balance(asOf: today)
        thisMonth = Self.charged(account, in: current)
        lastMonth = Self.charged(account, in: Period.month(of: current.first.adding(days: -1)))
        pace = Self.pace(account, today: today, calendar: calendar)
        runsOut = Self.runsOut(balance: balance, pace: pace.amount, today: today)
        toCoverNextMonth = balance.minor < 0 ? -balance + pace.amount : nil
        months = Period.months(12, endingWith: today).map { month in
            MonthEnd(month: month.label, balance: account.balance(asOf: month == current ? today : month.last))
        }
    }

    /// What the client was charged in a period: work and charges, positive.
    static func charged(_ account: ClientAccount, in period: Period) -> Money {
        -account.movements.filter { $0.isCharge && period.contains($0.date) }.reduce(.zero) { $0 + $1.amount }
    }

    /// The client's monthly pace as of `today`, from its first work or charge on.
    public static func pace(_ account: ClientAccount, today: Day, calendar: WorkCalendar) -> MonthlyPace {
        let first = account.movements.filter { $0.isCharge && $0.amount != .zero }.map(\.date).min()
        return MonthlyPace(today: today, firstCharge: first, calendar: calendar) { charged(account, in: $0) }
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

/// How fast a client spends: what was charged per month (work and charges), averaged over
/// the months the client has had work, up to three ending with this one. This month counts
/// by the share of its working days passed; a month before the client's first charge is not
/// counted, a month without work after it counts as nothing charged.
public struct MonthlyPace: Codable, Sendable, Equatable {
    /// One month the pace is taken from.
    public struct Month: Codable, Sendable, Equatable {
        /// `2026-11`.
        public let month: String
        public let charged: Money
        /// Working days counted: all of them for a whole month, those up to today for this one.
        public let workingDaysPassed: Int
        public let workingDays: Int

        public init(month: String, charged: Money, workingDaysPassed: Int, workingDays: Int) {
            (self.month, self.charged, self.workingDaysPassed, self.workingDays) = (month, charged, workingDaysPassed, workingDays)
        }

        /// This month, still under way.
        public var isPartial: Bool { workingDaysPassed < workingDays }
    }

    /// Charged per month, rounded half away from zero (zero without months).
    public let amount: Money
    /// The months averaged, oldest first.
    public let months: [Month]

    /// - Parameters:
    ///   - firstCharge: the day of the client's first work or charge (nil: none yet).
    ///   - charged: what the client was charged in a month, positive.
    public init(today: Day, firstCharge: Day?, calendar: WorkCalendar, charged: (Period) -> Money) {
        guard let firstCharge, firstCharge <= today else { self.init(amount: .zero, months: []); return }
        let current = Period.month(of: today)
        let months = Period.months(3, endingWith: today).filter { $0.last >= firstCharge }.compactMap { month -> Month? in
            let days = calendar.workingDays(in: month)
            let passed = month == current ? days.filter { $0 <= today }.count : days.count
            // A month without working days (or none passed yet) has no share to count by.
            guard passed > 0 else { return nil }
            return Month(month: month.label, charged: charged(month), workingDaysPassed: passed, workingDays: days.count)
        }
        // Σ charged / Σ (passed / working days): every month but the current one weighs one.
        let partial = months.first(where: \.isPartial)
        let scale = Int64(partial?.workingDays ?? 1)
        let weight = months.reduce(Int64(0)) { $0 + ($1.isPartial ? Int64($1.workingDaysPassed) : scale) }
        let total = months.reduce(Money.zero) { $0 + $1.charged }
        // (It fits: a checked desk's sums stay under `Money.deskBound`, and `scale` ≤ 31.)
        let amount = weight == 0 ? 0 : scaledRounded(total.minor, by: scale, over: weight) ?? .max
        self.init(amount: Money(minor: amount), months: months)
    }

    init(amount: Money, months: [Month]) {
        self.amount = amount
        self.months = months
    }
}

extension Words {
    /// The months a pace is taken from, as a sentence names them: `за октябрь, ноябрь и 3 из
    /// 22 рабочих дней декабря`.
    public func averagedMonths(_ pace: MonthlyPace) -> String {
        averagedMonths(pace.months.map { (Int($0.month.suffix(2)) ?? 0, $0.workingDaysPassed, $0.workingDays) })
    }
}
