import GitdeskCore
import GitdeskWords

/// Acts and invoices as Markdown, for a terminal or a mail body: the same numbers as their
/// pages.
public enum DocumentMarkdown {
    public static func act(_ act: Act, firm: PartyDetails, client: Client, words: Words) -> String {
        var lines = ["# " + words[DocumentWord.actFor, String(act.number), words.day(act.date)], ""]
        lines.append("\(words[DocumentWord.executor]): \(words.party(firm))  ")
        lines.append("\(words[DocumentWord.customer]): \(words.party(client.requisites))")
        lines.append("")
        lines.append("| \(words[DocumentWord.number]) | \(words[DocumentWord.service]) | \(words[DocumentWord.quantity]) | \(words[DocumentWord.price]) | \(words[DocumentWord.amount]) |")
        lines.append("| ---: | --- | ---: | ---: | ---: |")
        for (index, line) in act.lines.enumerated() {
            let quantity = line.minutes.map { words.duration(minutes: $0) } ?? "1"
            lines.append("| \(index + 1) | \(cell(line.title)) | \(quantity) | \(words.money(line.rate ?? line.amount)) | \(words.money(line.amount)) |")
        }
        let vat = words.vatLine(rate: act.vatRate, amount: act.vat)
        lines += ["", "\(words[DocumentWord.total]): \(words.money(act.total))  ", "\(vat.label): \(vat.value)  ",
                  words[DocumentWord.servicesRendered, String(act.lines.count), words.money(act.total)] + "  ",
                  "**\(words.amountInWords(act.total, currency: act.currency))**", ""]
        return lines.joined(separator: "\n")
    }

    public static func invoice(_ invoice: Invoice, firm: PartyDetails, client: Client, purpose: String, words: Words) -> String {
        var lines = ["# " + words[DocumentWord.invoiceFor, String(invoice.number), words.day(invoice.date)], ""]
        lines.append("\(words[DocumentWord.supplier]): \(words.party(firm))  ")
        lines.append("\(words[DocumentWord.bank]): \(firm.bankName ?? ""), \(words[DocumentWord.bik]) \(firm.bik ?? ""), "
                     + "\(words[DocumentWord.correspondentAccount]) \(firm.correspondentAccount ?? ""), \(words[DocumentWord.account]) \(firm.account ?? "")  ")
        lines.append("\(words[DocumentWord.buyer]): \(words.party(client.requisites))")
        let vat = words.vatLine(rate: invoice.vatRate, amount: invoice.vat)
        lines += ["", "\(cell(invoice.purpose)): \(words.money(invoice.amount))  ", "\(vat.label): \(vat.value)  ",
                  "\(words[DocumentWord.toPay]): \(words.money(invoice.amount))  ",
                  "**\(words.amountInWords(invoice.amount, currency: invoice.currency))**", "", purpose, ""]
        return lines.joined(separator: "\n")
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
