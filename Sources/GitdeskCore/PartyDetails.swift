/// A legal party's details as acts and invoices print them: the firm's (`firm:` in
/// `gitdesk.yml`) or a client's (`requisites:` on its card). Every number with a check digit
/// or a fixed shape is verified when read (`Requisite`); a malformed one is a finding naming
/// its line and is left out, so a document built from it refuses to render.
public struct PartyDetails: Hashable, Sendable {
    /// The full legal name (ООО «Ромашка», ИП Иванов Иван Иванович).
    public var name: String?
    public var inn: String?
    public var kpp: String?
    /// ОГРН (13 digits) or ОГРНИП (15 digits).
    public var ogrn: String?
    public var address: String?
    public var signerName: String?
    public var signerPosition: String?
    // The firm's bank, where clients pay.
    public var bankName: String?
    public var bik: String?
    public var account: String?
    public var correspondentAccount: String?
    // A client's contract with the firm.
    public var contract: String?
    public var contractDate: Day?

    public init() {}

    /// A field of the details: its key in the file and the name people know it by.
    public enum Field: String, CaseIterable, Sendable {
        case name, inn, kpp, ogrn, address, signerName = "signer.name", signerPosition = "signer.position"
        case bankName = "bank.name", bik = "bank.bik", account = "bank.account", correspondentAccount = "bank.correspondent-account"
        case contract = "contract.number", contractDate = "contract.date"

        /// How an accountant calls it, in Russian and English.
        public var label: Text {
            switch self {
            case .name: Text(ru: "полное наименование", en: "full legal name")
            case .inn: Text(ru: "ИНН", en: "INN")
            case .kpp: Text(ru: "КПП", en: "KPP")
            case .ogrn: Text(ru: "ОГРН", en: "OGRN")
            case .address: Text(ru: "адрес", en: "address")
            case .signerName: Text(ru: "кто подписывает", en: "signer's name")
            case .signerPosition: Text(ru: "должность подписывающего", en: "signer's position")
            case .bankName: Text(ru: "банк", en: "bank")
            case .bik: Text(ru: "БИК", en: "BIC")
            case .account: Text(ru: "расчётный счёт", en: "settlement account")
            case .correspondentAccount: Text(ru: "корр. счёт", en: "correspondent account")
            case .contract: Text(ru: "номер договора", en: "contract number")
            case .contractDate: Text(ru: "дата договора", en: "contract date")
            }
        }
    }

    /// The fields a firm fills for its acts and invoices.
    public static let firmFields: [Field] = [.name, .inn, .kpp, .ogrn, .address, .signerName, .signerPosition,
                                             .bankName, .bik, .account, .correspondentAccount]
    /// The fields a client's card may fill.
    public static let clientFields: [Field] = [.name, .inn, .kpp, .ogrn, .address, .signerName, .signerPosition, .contract, .contractDate]

    /// A field's value, nil when unset.
    public func value(_ field: Field) -> String? {
        switch field {
        case .name: name
        case .inn: inn
        case .kpp: kpp
        case .ogrn: ogrn
        case .address: address
        case .signerName: signerName
        case .signerPosition: signerPosition
        case .bankName: bankName
        case .bik: bik
        case .account: account
        case .correspondentAccount: correspondentAccount
        case .contract: contract
        case .contractDate: contractDate?.description
        }
    }

    /// True for an organisation (a 10-digit ИНН), which has a КПП; a sole trader has none.
    public var isOrganisation: Bool { inn?.count != 12 }

    /// The fields a document needs and this party lacks: an act needs both sides' names and
    /// ИНН (and КПП of an organisation), the firm's address and signer; an invoice needs the
    /// firm's bank as well.
    public func missing(for needs: [Field]) -> [Field] {
        needs.filter { field in
            if field == .kpp && !isOrganisation { return false }
            return value(field) == nil
        }
    }

    /// Reads a `firm:` or `requisites:` map. A value that is not text, or a number that fails
    /// its check, is a finding and the field stays unset; unknown keys are findings too.
    public static func parse(_ value: YAMLValue, fields: [Field], file: String, client: String? = nil) -> (PartyDetails, [Finding]) {
        var details = PartyDetails(), findings: [Finding] = []
        guard case .map = value else { return (details, [Finding(file: file, line: value.line, .requisitesMap, client: client)]) }
        func leaves(_ node: YAMLValue, prefix: String) -> [(String, YAMLValue)] {
            node.pairs.flatMap { key, item -> [(String, YAMLValue)] in
                if case .map = item { return leaves(item, prefix: prefix + key + ".") }
                return [(prefix + key, item)]
            }
        }
        let keyed = leaves(value, prefix: "")
        for (key, node) in keyed {
            let aliases = ["signer": "signer.name", "position": "signer.position", "contract": "contract.number", "contract-date": "contract.date"]
            guard let field = Field(rawValue: aliases[key] ?? key), fields.contains(field) else {
                findings.append(Finding(file: file, line: node.line, .unknownRequisite(key, known: fields.map(\.rawValue)), client: client))
                continue
            }
            guard let text = node.string?.trimmingCharacters(in: .whitespaces) else {
                findings.append(Finding(file: file, line: node.line, .requisiteNotText(field.rawValue), client: client))
                continue
            }
            if text.isEmpty { continue }
            if let flaw = details.flaw(of: field, text) {
                findings.append(Finding(file: file, line: node.line, .requisiteInvalid(field: field.label, value: text, flaw: flaw), client: client))
                continue
            }
            details.set(field, text)
        }
        // The account's key is computed with the БИК, which may come later in the file.
        for field in [Field.account, .correspondentAccount] {
            guard let number = details.value(field) else { continue }
            let flaw = details.bik.map { field == .account ? Requisite.account(number, bik: $0) : Requisite.correspondentAccount(number, bik: $0) } ?? nil
            if let flaw {
                let line = keyed.first { $0.0 == field.rawValue }?.1.line
                findings.append(Finding(file: file, line: line, .requisiteInvalid(field: field.label, value: number, flaw: flaw), client: client))
                details.set(field, nil)
            }
        }
        return (details, findings)
    }

    /// Why a value does not fit its field, nil when it does (the accounts are checked with
    /// the БИК afterwards).
    private func flaw(of field: Field, _ text: String) -> RequisiteFlaw? {
        switch field {
        case .inn: Requisite.inn(text)
        case .kpp: Requisite.kpp(text)
        case .ogrn: Requisite.ogrn(text)
        case .bik: Requisite.bik(text)
        case .account, .correspondentAccount: text.count == 20 && text.allSatisfy(\.isASCIIDigit) ? nil : .length(expected: [20], got: text.count)
        case .contractDate: Day(text) == nil ? .format : nil
        default: text.count > 500 || text.unicodeScalars.contains { $0.value < 32 } ? .format : nil
        }
    }

    private mutating func set(_ field: Field, _ text: String?) {
        switch field {
        case .name: name = text
        case .inn: inn = text
        case .kpp: kpp = text
        case .ogrn: ogrn = text
        case .address: address = text
        case .signerName: signerName = text
        case .signerPosition: signerPosition = text
        case .bankName: bankName = text
        case .bik: bik = text
        case .account: account = text
        case .correspondentAccount: correspondentAccount = text
        case .contract: contract = text
        case .contractDate: contractDate = text.flatMap(Day.init)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// How the firm charges VAT (`firm.vat`): not at all (the simplified system) or at a rate
/// included in its prices.
public enum VATMode: Hashable, Sendable {
    case none
    /// A rate in basis points (2000 = 20%).
    case rate(Int)

    /// `none`, `20%`, `5%`…
    public init?(_ text: String) {
        if ["none", "no", "без ндс", "усн"].contains(text.lowercased()) { self = .none; return }
        guard text.hasSuffix("%"), let points = DeskConfig.parsePercent(text), points > 0, points < 10_000 else { return nil }
        self = .rate(points)
    }

    /// The rate in basis points, nil without VAT.
    public var basisPoints: Int? {
        if case .rate(let points) = self { return points }
        return nil
    }

    /// The VAT included in a VAT-inclusive amount, rounded half up to the kopeck.
    public func included(in total: Money) -> Money? {
        guard case .rate(let points) = self else { return nil }
        let (scaled, overflow) = total.minor.multipliedReportingOverflow(by: Int64(points))
        guard !overflow else { return nil }
        let divisor = Int64(10_000 + points)
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: divisor)
        return Money(minor: quotient + (remainder * 2 >= divisor ? 1 : 0))
    }
}
