/// An exact amount of money in minor units (kopecks, cents). Currencies here have two
/// decimals; amounts never pass through floating point.
public struct Money: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    public let minor: Int64

    public init(minor: Int64) { self.minor = minor }
    public static let zero = Money(minor: 0)

    /// Amounts written in a desk have at most 10 whole digits (below ten billion). With the
    /// desk-wide bound below, every sum gitdesk makes stays exact in 64 bits.
    public static let maxWholeDigits = 10
    /// The most money (minor units) all of a desk's transactions may move together
    /// (10^16: a hundred trillion in major units); `check` refuses a desk past it.
    public static let deskBound: Int64 = 10_000_000_000_000_000

    /// `total + amount`, nil when it would pass `deskBound` (or overflow).
    public static func bounded(_ total: Int64, adding amount: Int64) -> Int64? {
        let (sum, overflow) = total.addingReportingOverflow(amount.magnitude > UInt64(Int64.max) ? Int64.max : Int64(amount.magnitude))
        return overflow || sum > deskBound ? nil : sum
    }

    /// Parses a major-unit amount with `.` as the decimal point: `180000`, `1500.5`, `-20.25`.
    /// At most two decimals; no exponent, no grouping.
    public init?(_ text: some StringProtocol) {
        var s = Substring(text)
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= Self.maxWholeDigits,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let f = Int64(parts[1]) else { return nil }
            fraction = parts[1].count == 1 ? f * 10 : f
        }
        let value = whole * 100 + fraction
        minor = negative ? -value : value
    }

    /// `rate per hour × minutes / 60`, rounded to the minor unit, half away from zero.
    public static func amount(ratePerHour: Money, minutes: Int) -> Money {
        let numerator = ratePerHour.minor * Int64(minutes)
        let quotient = numerator / 60, remainder = numerator % 60
        if abs(remainder) * 2 >= 60 { return Money(minor: quotient + (numerator < 0 ? -1 : 1)) }
        return Money(minor: quotient)
    }

    /// Plain major units with two decimals (`-1500.50`), for JSON, CSV and ledgers.
    public var plain: String {
        let sign = minor < 0 ? "-" : ""
        let a = minor.magnitude
        return "\(sign)\(a / 100).\(a % 100 < 10 ? "0" : "")\(a % 100)"
    }

    public var description: String { plain }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minor < rhs.minor }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(minor: lhs.minor + rhs.minor) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(minor: lhs.minor - rhs.minor) }
    public static prefix func - (value: Money) -> Money { Money(minor: -value.minor) }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    private enum CodingKeys: String, CodingKey { case amount, currency, minor }

    /// Reads the JSON form (`{"minor": …}`) or a bare number of minor units.
    public init(from decoder: Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            minor = try container.decode(Int64.self, forKey: .minor)
        } else {
            minor = try decoder.singleValueContainer().decode(Int64.self)
        }
    }

    /// gitdesk's one JSON form of money (docs/JSON.md): `{"amount": "-1500.50", "currency":
    /// "RUB", "minor": -150050}` — the exact decimal as a string, the currency (from the
    /// encoder's `userInfo[.currency]`), and the integer number of minor units.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plain, forKey: .amount)
        if let currency = encoder.userInfo[.currency] as? String { try container.encode(currency, forKey: .currency) }
        try container.encode(minor, forKey: .minor)
    }
}

extension CodingUserInfoKey {
    /// The desk's currency, written with every amount of gitdesk's JSON.
    public static let currency = CodingUserInfoKey(rawValue: "gitdesk.currency")!
}

/// The no-break space that joins a number to its unit and the groups of a number, so a
/// narrow column never breaks `180 000,00 ₽` in the middle.
public let noBreakSpace = "\u{00A0}"

/// The digits of `magnitude` in groups of three from the right, joined by `separator`:
/// `1 234 567`, `1,234,567`.
public func grouped(_ magnitude: UInt64, separator: String) -> String {
    let digits = String(magnitude)
    guard digits.count > 3 else { return digits }
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
    }
    return groups.joined(separator: separator)
}

/// Formats money for people in the desk's locale: `ru` → `2 000,00 ₽`, `en` → `₽2,000.00`
/// (`RUB 2,000.00` for a currency without a symbol). The spaces are no-break spaces, so a
/// narrow column never breaks an amount in the middle.
public struct MoneyFormat: Sendable {
    public let currency: String
    public let locale: String

    public init(currency: String, locale: String) {
        self.currency = currency
        self.locale = locale
    }

    public func string(_ money: Money) -> String {
        let sign = money.minor < 0 ? "-" : ""
        let a = money.minor.magnitude
        let russian = locale == "ru"
        let cents = (a % 100 < 10 ? "0" : "") + String(a % 100)
        let number = grouped(a / 100, separator: russian ? noBreakSpace : ",") + (russian ? "," : ".") + cents
        if russian { return "\(sign)\(number)\(noBreakSpace)\(MoneyFormat.symbols[currency] ?? currency)" }
        return MoneyFormat.symbols[currency].map { "\(sign)\($0)\(number)" } ?? "\(sign)\(currency)\(noBreakSpace)\(number)"
    }

    private static let symbols = ["RUB": "₽", "USD": "$", "EUR": "€"]
}
