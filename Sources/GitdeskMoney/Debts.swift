import GitdeskCore

/// A client whose balance is below zero: how much, since when, what they last paid and
/// which invoices wait for payment. The collector's worklist.
public struct Debt: Codable, Sendable {
    public struct Payment: Codable, Sendable {
        public let date: Day
        public let amount: Money
    }

    public struct OpenInvoice: Codable, Sendable {
        public let number: Int
        public let year: Int
        public let date: Day
        public let amount: Money
    }

    public let client: String
    public let name: String
    /// The balance (negative).
    public let balance: Money
    /// The day the balance went below zero and has stayed there since.
    public let since: Day
    /// Calendar days from `since` to the day asked about.
    public let days: Int
    public let lastPayment: Payment?
    public let openInvoices: [OpenInvoice]

    /// The debt of one account as of a day, nil when the balance is not below zero.
    public init?(account: ClientAccount, documents: [IssuedDocument], asOf day: Day) {
        let movements = account.movements.filter { $0.date <= day }.sorted { $0.date < $1.date }
        var balance = Money.zero, since: Day?
        var index = 0
        while index < movements.count {
            // A day's movements count together: a payment on the day a debt arose cancels it.
            let date = movements[index].date
            while index < movements.count, movements[index].date == date {
                balance = balance + movements[index].amount
                index += 1
            }
            if balance.minor < 0 { since = since ?? date } else { since = nil }
        }
        guard balance.minor < 0, let since else { return nil }
        client = account.client.slug
        name = account.client.name
        self.balance = balance
        self.since = since
        days = day.ordinal - since.ordinal
        lastPayment = movements.last { $0.source == .payment }.map { Payment(date: $0.date, amount: $0.amount) }
        openInvoices = documents.filter { $0.kind == .invoice && $0.client == account.client.slug && $0.date <= day && !Invoice.isPaid($0, by: movements) }
            .sorted { ($0.year, $0.number) < ($1.year, $1.number) }
            .map { OpenInvoice(number: $0.number, year: $0.year, date: $0.date, amount: $0.amount) }
    }

    /// Every debtor of a desk as of a day, the oldest debt first.
    public static func all(_ accounts: Accounts, asOf day: Day) throws -> [Debt] {
        try accounts.desk.clients.keys.sorted().compactMap { slug in
            Debt(account: try accounts.account(slug), documents: accounts.desk.documents, asOf: day)
        }.sorted { ($0.since, $0.client) < ($1.since, $1.client) }
    }
}
