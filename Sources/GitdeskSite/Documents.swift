import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskQR
import GitdeskWords

/// Acts and invoices as pages: one template each, used by the client's site, by `--format
/// html` and, printed by Chromium, by `--format pdf`.
extension SiteBuilder {
    /// Refuses a document whose sides lack what it needs, naming the fields and the file.
    public static func requireDetails(_ document: Text, firm: PartyDetails, firmNeeds: [PartyDetails.Field],
                                      client: Client, clientNeeds: [PartyDetails.Field], words: Words) throws {
        let firmMissing = firm.missing(for: firmNeeds)
        if !firmMissing.isEmpty {
            throw DeskError.refused(.detailsMissing(document: document, party: words.isRussian ? "фирмы (firm:)" : "the firm (firm:)",
                                                    missing: firmMissing.map(\.label), file: "gitdesk.yml"))
        }
        let clientMissing = client.requisites.missing(for: clientNeeds)
        if !clientMissing.isEmpty {
            throw DeskError.refused(.detailsMissing(document: document, party: client.slug, missing: clientMissing.map(\.label), file: client.file))
        }
    }

    static func signer(_ party: PartyDetails, role: DocumentWord, words: Words) -> [String: Any] {
        ["role": words[role], "name": party.signerName ?? "", "position": party.signerPosition ?? "", "organisation": party.name ?? ""]
    }

    /// The values of the act template.
    static func actContext(_ act: Act, firm: PartyDetails, client: Client, words: Words) -> [String: Any] {
        let format = words.moneyFormat
        var page: [String: Any] = ["d": words.table(DocumentWord.self)]
        page["heading"] = words[DocumentWord.actFor, String(act.number), words.day(act.date)]
        page["period"] = "\(words.day(act.first)) — \(words.day(act.last))"
        page["executor"] = words.party(firm)
        page["customer"] = words.party(client.requisites)
        if let contract = client.requisites.contract {
            page["contract"] = "\(words[DocumentWord.contract]) \(words[DocumentWord.number]) \(contract)"
                + (client.requisites.contractDate.map { " \(words[DocumentWord.from]) \(words.day($0))" } ?? "")
        }
        page["lines"] = act.lines.enumerated().map { index, line -> [String: Any] in
            ["n": String(index + 1), "title": line.title, "quantity": line.minutes.map { words.duration(minutes: $0) } ?? "1",
             "price": line.rate.map(format.string) ?? format.string(line.amount), "amount": format.string(line.amount)]
        }
        page["total"] = format.string(act.total)
        let vat = words.vatLine(rate: act.vatRate, amount: act.vat)
        page["vatLabel"] = vat.label
        page["vatValue"] = vat.value
        page["vatIsAmount"] = act.vat != nil
        page["rendered"] = words[DocumentWord.servicesRendered, String(act.lines.count), format.string(act.total)]
        page["inWords"] = words.amountInWords(act.total, currency: act.currency)
        page["signers"] = [signer(firm, role: .executor, words: words), signer(client.requisites, role: .customer, words: words)]
        return page
    }

    /// The payment a bank app reads from an invoice's QR code.
    public static func paymentDetails(_ invoice: Invoice, firm: PartyDetails, words: Words) -> PaymentDetails {
        PaymentDetails(name: firm.name ?? "", personalAccount: firm.account ?? "", bankName: firm.bankName ?? "", bic: firm.bik ?? "",
                       correspondentAccount: firm.correspondentAccount ?? "", payeeINN: firm.inn, kpp: firm.isOrganisation ? firm.kpp : nil,
                       sumKopecks: invoice.amount.minor, purpose: purpose(invoice, words: words))
    }

    /// The purpose of payment: the invoice's number and date (what a payment is matched by),
    /// what it is for, and the VAT.
    public static func purpose(_ invoice: Invoice, words: Words) -> String {
        let vat = words.vatLine(rate: invoice.vatRate, amount: invoice.vat)
        let vatText = invoice.vatRate == nil ? vat.label : "\(vat.label) \(vat.value)"
        return words[DocumentWord.purposeOfPayment, String(invoice.number), words.day(invoice.date), invoice.purpose, vatText]
    }

    /// The values of the invoice template, its QR code drawn inline.
    static func invoiceContext(_ invoice: Invoice, firm: PartyDetails, client: Client, paid: Bool, words: Words) throws -> [String: Any] {
        let format = words.moneyFormat
        var page: [String: Any] = ["d": words.table(DocumentWord.self)]
        page["heading"] = words[DocumentWord.invoiceFor, String(invoice.number), words.day(invoice.date)]
        page["firm"] = ["name": firm.name ?? "", "inn": firm.inn ?? "", "kpp": firm.isOrganisation ? firm.kpp ?? "" : "", "bankName": firm.bankName ?? "",
                        "bik": firm.bik ?? "", "account": firm.account ?? "", "correspondentAccount": firm.correspondentAccount ?? ""]
        page["supplier"] = words.party(firm)
        page["buyer"] = words.party(client.requisites)
        page["purpose"] = purpose(invoice, words: words)
        page["line"] = ["title": invoice.purpose, "amount": format.string(invoice.amount)]
        page["total"] = format.string(invoice.amount)
        let vat = words.vatLine(rate: invoice.vatRate, amount: invoice.vat)
        page["vatLabel"] = vat.label
        page["vatValue"] = vat.value
        page["vatIsAmount"] = invoice.vat != nil
        page["inWords"] = words.amountInWords(invoice.amount, currency: invoice.currency)
        page["state"] = words[paid ? DocumentWord.paid : DocumentWord.open]
        let payload = PaymentQR.payload(paymentDetails(invoice, firm: firm, words: words))
        page["qr"] = try QRCode(payload).svg(label: words[DocumentWord.paymentCode])
        page["signers"] = [signer(firm, role: .supplier, words: words)]
        return page
    }

    /// An act as one standalone page (the stylesheet inline, no script).
    public static func actDocument(_ act: Act, desk: Desk, client: Client, templates: [String: String], words: Words) throws -> String {
        try renderDocument("act-document", actContext(act, firm: desk.config.firm, client: client, words: words), templates: templates, words: words)
    }

    /// An invoice as one standalone page.
    public static func invoiceDocument(_ invoice: Invoice, desk: Desk, client: Client, paid: Bool, templates: [String: String], words: Words) throws -> String {
        try renderDocument("invoice-document", try invoiceContext(invoice, firm: desk.config.firm, client: client, paid: paid, words: words),
                           templates: templates, words: words)
    }

    /// A document's page standalone: titled by its heading, the stylesheet inline.
    private static func renderDocument(_ name: String, _ page: [String: Any], templates: [String: String], words: Words) throws -> String {
        var context = page
        context["title"] = context["heading"]
        context["inlineCSS"] = templates["assets/site.css"] ?? ""
        context["t"] = words.table(SiteWord.self)
        guard let html = try library(templates).render(context, withTemplate: name) else {
            throw DeskError.notFound(.templateMissing(name + ".mustache"))
        }
        return html
    }
}
