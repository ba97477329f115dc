/// The payee and payment of a ГОСТ Р 56042-2014 payment code.
public struct PaymentDetails: Sendable, Equatable {
    public var name: String
    public var personalAccount: String
    public var bankName: String
    public var bic: String
    public var correspondentAccount: String
    public var payeeINN: String?
    public var kpp: String?
    /// Amount in kopecks (12 500,50 ₽ → 1250050).
    public var sumKopecks: Int64?
    public var purpose: String?

    public init(
        name: String,
        personalAccount: String,
        bankName: String,
        bic: String,
        correspondentAccount: String,
        payeeINN: String? = nil,
        kpp: String? = nil,
        sumKopecks: Int64? = nil,
        purpose: String? = nil
    ) {
        self.name = name
        self.personalAccount = personalAccount
        self.bankName = bankName
        self.bic = bic
        self.correspondentAccount = correspondentAccount
        self.payeeINN = payeeINN
        self.kpp = kpp
        self.sumKopecks = sumKopecks
        self.purpose = purpose
    }
}

public enum PaymentQR {
    /// Format identifier "ST", version "0001", encoding "2" (UTF-8).
    static let header = "ST00012"

    /// "ST00012|Name=…|PersonalAcc=…|BankName=…|BIC=…|CorrespAcc=…|PayeeINN=…|KPP=…|Sum=<kopecks>|Purpose=…"
    /// — the required five first, optional ones only when set (and non-empty after cleaning);
    /// a "|" inside a value is replaced by a space (the separator cannot be escaped in the standard);
    /// control characters (CR, LF, tab…) likewise become spaces; values trimmed.
    public static func payload(_ details: PaymentDetails) -> String {
        var fields: [(String, String)] = [
            ("Name", clean(details.name)),
            ("PersonalAcc", clean(details.personalAccount)),
            ("BankName", clean(details.bankName)),
            ("BIC", clean(details.bic)),
            ("CorrespAcc", clean(details.correspondentAccount)),
        ]
        func optional(_ key: String, _ value: String?) {
            guard let value else { return }
            let v = clean(value)
            if !v.isEmpty { fields.append((key, v)) }
        }
        optional("PayeeINN", details.payeeINN)
        optional("KPP", details.kpp)
        if let sum = details.sumKopecks { fields.append(("Sum", String(sum))) }
        optional("Purpose", details.purpose)
        return ([header] + fields.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
    }

    /// Replaces "|" and control characters with spaces, then trims whitespace.
    static func clean(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for u in value.unicodeScalars {
            if u == "|" || u.properties.generalCategory == .control
                || u == "\u{2028}" || u == "\u{2029}" {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out).trimmingWhitespace()
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
