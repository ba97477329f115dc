import Foundation

/// A numbered document the firm issued to a client: an act of services rendered (акт) or an
/// invoice (счёт на оплату). Each is one file, `acts/<year>/<number>.md` or
/// `invoices/<year>/<number>.md`, whose path is its number: two clones that issue the same
/// number both add that path, which git merges as a conflict, never as two documents under
/// one number. A number, once issued, never changes.
public struct IssuedDocument: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case act, invoice
        /// The folder its files live in.
        public var folder: String { rawValue + "s" }
    }

    public let kind: Kind
    public let year: Int
    public let number: Int
    public let client: String
    /// The document's date: an act's is the last day of its period.
    public let date: Day
    /// An act's month (`2026-11`).
    public let period: String?
    /// An act's total when issued; an invoice's amount.
    public let amount: Money
    /// An invoice's purpose (what the payment is for).
    public let purpose: String?
    public let file: String

    public init(kind: Kind, year: Int, number: Int, client: String, date: Day, period: String?, amount: Money, purpose: String?) {
        self.kind = kind; self.year = year; self.number = number; self.client = client; self.date = date
        self.period = period; self.amount = amount; self.purpose = purpose
        file = Self.path(kind, year: year, number: number)
    }

    /// Where the document with a number lives.
    public static func path(_ kind: Kind, year: Int, number: Int) -> String {
        "\(kind.folder)/\(year)/\(zeroPadded(number, 4)).md"
    }

    /// The file's text: front-matter only, keys in a fixed order.
    public var text: String {
        var lines = ["---", "client: \(client)", "date: \(date)"]
        if let period { lines.append("period: \(period)") }
        lines.append("amount: \(amount.plain)")
        if let purpose { lines.append("purpose: " + YAMLScalar.render(purpose)) }
        return (lines + ["---", ""]).joined(separator: "\n")
    }

    /// Reads a document file; its path gives the kind, year and number.
    public static func parse(_ document: MarkdownDocument) throws -> IssuedDocument {
        let parts = document.file.split(separator: "/").map(String.init)
        guard parts.count == 3, let kind = Kind.allCases.first(where: { $0.folder == parts[0] }),
              let year = Int(parts[1]), (1900...9999).contains(year), parts[1].count == 4,
              parts[2].hasSuffix(".md"), case let digits = parts[2].dropLast(3), (4...9).contains(digits.count),
              digits.allSatisfy(\.isASCIIDigit), let number = Int(digits), number > 0,
              zeroPadded(number, 4) == digits else {
            throw Finding(file: document.file, .documentPath)
        }
        func field(_ key: String) throws -> YAMLValue {
            guard let value = document[key] else { throw Finding(file: document.file, .missingKey(key)) }
            return value
        }
        let clientValue = try field("client")
        guard let client = clientValue.string, Identifier.isValid(client) else {
            throw Finding(file: document.file, line: clientValue.line, .unknownClient(clientValue.string ?? ""))
        }
        let dateValue = try field("date")
        guard let date = dateValue.string.flatMap(Day.init), date.year == year else {
            throw Finding(file: document.file, line: dateValue.line, .documentDate(year: year))
        }
        let amountValue = try field("amount")
        guard let amount = amountValue.string.flatMap(Money.init), kind == .act ? amount.minor >= 0 : amount.minor > 0 else {
            throw Finding(file: document.file, line: amountValue.line, .ledgerAmount(amountValue.string ?? ""))
        }
        var period: String?
        if kind == .act {
            let value = try field("period")
            guard let text = value.string, text.count == 7, let month = Period(text), month.last == date else {
                throw Finding(file: document.file, line: value.line, .actPeriod)
            }
            period = text
        }
        let purpose = document["purpose"]?.string
        if kind == .invoice, purpose?.isEmpty ?? true { throw Finding(file: document.file, .missingKey("purpose")) }
        return IssuedDocument(kind: kind, year: year, number: number, client: client, date: date, period: period, amount: amount, purpose: purpose)
    }

    /// The number a new document of a kind gets in a year: one past the highest issued.
    public static func nextNumber(_ kind: Kind, year: Int, among documents: [IssuedDocument]) -> Int {
        (documents.filter { $0.kind == kind && $0.year == year }.map(\.number).max() ?? 0) + 1
    }
}

/// Finds invoice numbers in a payment's purpose or note: `счёт № 12`, `сч. 12`, `по счету N12`,
/// `invoice 12`, `inv. #12`. The one rule by which a payment is matched to an invoice.
public enum InvoiceReference {
    /// The numbers named, in order of appearance.
    public static func numbers(in text: String) -> [Int] {
        let lowered = text.lowercased()
        var numbers: [Int] = []
        let pattern = #"(?:сч[её]т[аеуо]?м?|сч\.?|invoice|inv\.?)\s*(?:№|n|#|no\.?)?\s*(\d{1,9})"#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(lowered.startIndex..., in: lowered)
        for match in expression.matches(in: lowered, range: range) {
            if let r = Range(match.range(at: 1), in: lowered), let n = Int(lowered[r]) { numbers.append(n) }
        }
        return numbers
    }
}
