import GitdeskCore
import GitdeskWords

/// An act of services rendered (акт оказанных услуг): one client's month, its billable work
/// grouped into lines (by ticket or by kind, as the firm chooses) and the extra charges of the
/// month, each line the sum of the priced work lines it holds, so the total is the
/// statement's work plus charges to the kopeck.
public struct Act: Codable, Sendable {
    /// One line: a ticket's or a kind's work at one rate, or one charge.
    public struct Line: Codable, Sendable {
        /// The ticket ID or the kind; nil for a charge.
        public let key: String?
        public let title: String
        public let minutes: Int?
        public let rate: Money?
        public let amount: Money
    }

    public let number: Int
    public let year: Int
    public let date: Day
    public let client: String
    public let period: String
    public let first: Day
    public let last: Day
    public let currency: String
    public let lines: [Line]
    public let total: Money
    /// The VAT the total includes, when the firm charges VAT.
    public let vat: Money?
    /// The VAT rate in basis points (2000 = 20%).
    public let vatRate: Int?
    /// The statement's billable work and charges of the same period: `total` is their sum.
    public let workTotal: Money
    public let charges: Money

    /// The act for a statement's month. `title` names a line's key: a ticket's ID and title,
    /// or a kind's name.
    public init(statement: Statement, number: Int, config: DeskConfig, grouping: ActLines, title: (String) -> String) {
        self.number = number
        year = statement.last.year
        date = statement.last
        client = statement.client
        period = statement.period
        first = statement.first
        last = statement.last
        currency = statement.currency
        struct Group: Hashable { let key: String; let rate: Money }
        var order: [Group] = [], minutes: [Group: Int] = [:], amounts: [Group: Money] = [:]
        for movement in statement.work {
            let group = Group(key: (grouping == .ticket ? movement.ticket : movement.kind) ?? "", rate: movement.rate ?? .zero)
            if minutes[group] == nil { order.append(group) }
            minutes[group, default: 0] += movement.minutes ?? 0
            amounts[group, default: .zero] = amounts[group, default: .zero] - movement.amount
        }
        order.sort { ($0.key, $0.rate) < ($1.key, $1.rate) }
        lines = order.map { Line(key: $0.key, title: title($0.key), minutes: minutes[$0], rate: $0.rate, amount: amounts[$0] ?? .zero) }
            + statement.ledger.filter { $0.source == .charge }.map { Line(key: nil, title: $0.note, minutes: nil, rate: nil, amount: -$0.amount) }
        workTotal = statement.workTotal
        charges = statement.charges
        total = lines.reduce(.zero) { $0 + $1.amount }
        vat = config.vat.included(in: total)
        vatRate = config.vat.basisPoints
    }

    /// The act of an issued number for a desk's month: a line by ticket is titled with the
    /// ticket's ID and title, a line by kind with the kind's name.
    public init(statement: Statement, number: Int, desk: Desk, words: Words) {
        self.init(statement: statement, number: number, config: desk.config, grouping: desk.config.actLines) { key in
            desk.tickets[key].map { "\($0.id): \($0.title)" } ?? words.name(key, .kind)
        }
    }

    /// What the act needs of each side: both names and ИНН (КПП of an organisation), the
    /// firm's address and its signer.
    public static let firmNeeds: [PartyDetails.Field] = [.name, .inn, .kpp, .address, .signerName, .signerPosition]
    public static let clientNeeds: [PartyDetails.Field] = [.name, .inn, .kpp]
}

/// An invoice (счёт на оплату) with what its payment code carries.
public struct Invoice: Codable, Sendable {
    public let number: Int
    public let year: Int
    public let date: Day
    public let client: String
    public let amount: Money
    public let purpose: String
    public let currency: String
    public let vat: Money?
    public let vatRate: Int?

    public init(document: IssuedDocument, config: DeskConfig) {
        number = document.number
        year = document.year
        date = document.date
        client = document.client
        amount = document.amount
        purpose = document.purpose ?? ""
        currency = config.currency
        vat = config.vat.included(in: amount)
        vatRate = config.vat.basisPoints
    }

    /// What an invoice needs: the firm's name, ИНН, КПП and bank; the payer's name.
    public static let firmNeeds: [PartyDetails.Field] = [.name, .inn, .kpp, .address, .bankName, .bik, .account, .correspondentAccount]
    public static let clientNeeds: [PartyDetails.Field] = [.name]

    /// Whether a payment pays it: the client's payment whose note names its number, dated on
    /// or after the invoice.
    public static func isPaid(_ document: IssuedDocument, by movements: [Movement]) -> Bool {
        movements.contains { $0.source == .payment && $0.date >= document.date && InvoiceReference.numbers(in: $0.note).contains(document.number) }
    }
}
