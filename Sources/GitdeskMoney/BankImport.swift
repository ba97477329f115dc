import GitdeskCore

/// Where a bank payment came from, kept at the end of its ledger line's note:
/// `[п/п 123 от 2026-11-05, сч. 40702810900000000001]`. With the line's amount it is what
/// tells a payment already imported from a second or overlapping statement. The one
/// definition of that part of a ledger note.
public struct BankReference: Hashable, Sendable {
    public let number: String
    public let date: Day
    public let payerAccount: String

    public init(number: String, date: Day, payerAccount: String) {
        self.number = number; self.date = date; self.payerAccount = payerAccount
    }

    public init(_ document: BankDocument) {
        self.init(number: document.number, date: document.date, payerAccount: document.payerAccount)
    }

    /// The note's part: safe in a ledger line (no `^`, no line break).
    public var text: String { "[п/п \(Self.clean(number)) от \(date), сч. \(Self.clean(payerAccount))]" }

    /// The reference a note ends with, nil when it has none.
    public static func find(in note: String) -> BankReference? {
        guard note.hasSuffix("]"), let open = note.range(of: "[п/п ", options: .backwards) else { return nil }
        let inner = note[open.upperBound..<note.index(before: note.endIndex)]
        guard let from = inner.range(of: " от "), let account = inner.range(of: ", сч. ") , from.upperBound <= account.lowerBound,
              let date = Day(inner[from.upperBound..<account.lowerBound]) else { return nil }
        return BankReference(number: String(inner[..<from.lowerBound]), date: date, payerAccount: String(inner[account.upperBound...]))
    }

    /// A value kept to letters, digits and `-/.`: what a reference needs and a line allows.
    private static func clean(_ text: String) -> String {
        String(text.filter { $0.isLetter || $0.isNumber || "-/.".contains($0) }.prefix(40))
    }
}

/// What a bank statement does to a desk: each incoming payment of a client becomes a payment
/// line of its ledger; a payment already in the desk is skipped; everything else waits for a
/// person with the reason.
public struct BankImport: Sendable {
    /// A payment for a client's ledger.
    public struct Payment: Sendable {
        public let client: String
        public let line: LedgerLine
        public let document: BankDocument
    }

    /// A document a person decides about.
    public struct Held: Sendable {
        public let document: BankDocument
        public let reason: Problem
        /// The ledger note the payment would get, were it assigned to a client.
        public let note: String
    }

    public private(set) var payments: [Payment] = []
    public private(set) var held: [Held] = []
    /// Documents already in the desk (a ledger line or a waiting item with the same reference).
    public private(set) var duplicates: [BankDocument] = []

    /// Sorts a statement's documents. `known`: the references with amounts already in the
    /// desk's ledgers and triage; `newID` makes a fresh transaction ID.
    public init(statement: BankStatement, desk: Desk, known: Set<KnownPayment>, newID: () -> String) throws {
        let firm = desk.config.firm
        guard let firmAccount = firm.account else { throw DeskError.refused(.bankNoFirmAccount) }
        let ours = Set([firmAccount] + statement.accounts)
        var seen = known
        for document in statement.documents {
            let reference = BankReference(document)
            let note = Self.note(document, reference: reference)
            guard seen.insert(KnownPayment(reference: reference, amount: document.amount)).inserted else {
                duplicates.append(document)
                continue
            }
            if ours.contains(document.payerAccount) || (firm.inn != nil && document.payerINN == firm.inn) {
                held.append(Held(document: document, reason: ours.contains(document.payeeAccount) ? .bankOwnTransfer : .bankOutgoing, note: note))
                continue
            }
            guard ours.contains(document.payeeAccount) else {
                held.append(Held(document: document, reason: .bankNotToFirm(document.payeeAccount), note: note))
                continue
            }
            let payers = desk.clients.values.filter { !document.payerINN.isEmpty && $0.requisites.inn == document.payerINN }.map(\.slug).sorted()
            var client = payers.count == 1 ? payers[0] : nil
            if payers.count > 1 {
                // The invoice named in the purpose decides between clients sharing an ИНН.
                let numbers = Set(InvoiceReference.numbers(in: document.purpose))
                let named = Set(desk.documents.filter { $0.kind == .invoice && payers.contains($0.client) && numbers.contains($0.number) && $0.date <= document.date }.map(\.client))
                if named.count == 1 { client = named.first }
            }
            guard let client else {
                held.append(Held(document: document, reason: payers.isEmpty ? .bankUnknownPayer(inn: document.payerINN) : .bankPayerSeveral(inn: document.payerINN, clients: payers), note: note))
                continue
            }
            let line = LedgerLine(date: document.received ?? document.date, kind: .payment, amount: document.amount, note: note, id: newID())
            payments.append(Payment(client: client, line: line, document: document))
        }
    }

    /// The ledger note of a bank payment: the purpose as the payer wrote it, then where it came from.
    public static func note(_ document: BankDocument, reference: BankReference) -> String {
        let purpose = document.purpose.unicodeScalars.map { $0.value < 32 || $0 == "^" ? " " : String($0) }.joined()
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return (purpose.isEmpty ? "" : String(purpose.prefix(300)) + " ") + reference.text
    }
}

/// A payment the desk already holds: where it came from and how much.
public struct KnownPayment: Hashable, Sendable {
    public let reference: BankReference
    public let amount: Money

    public init(reference: BankReference, amount: Money) { self.reference = reference; self.amount = amount }

    /// Every bank payment in the desk's ledgers.
    public static func inLedgers(_ desk: Desk) -> Set<KnownPayment> {
        Set(desk.ledgers.values.flatMap(\.lines).compactMap { line in
            BankReference.find(in: line.value.note).map { KnownPayment(reference: $0, amount: line.value.amount) }
        })
    }
}

extension BankStatementIssue.Reason {
    /// What is wrong with the document, in both languages.
    public var text: Text {
        switch self {
        case .missingField(let field): Text(ru: "нет поля \(field)", en: "no \(field) field")
        case .badAmount(let value): Text(ru: "сумма '\(value)' не число с двумя знаками после точки", en: "the amount '\(value)' is not a number with two decimals")
        case .badDate(let field, let value): Text(ru: "\(field)='\(value)' — не дата ДД.ММ.ГГГГ", en: "\(field)='\(value)' is not a DD.MM.YYYY date")
        case .unterminatedDocument: Text(ru: "документ не закрыт строкой КонецДокумента", en: "the document has no closing КонецДокумента line")
        case .unknownLine(let line): Text(ru: "строка без '=': \(line.prefix(60))", en: "a line without '=': \(line.prefix(60))")
        }
    }
}
