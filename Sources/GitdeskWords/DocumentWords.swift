import GitdeskCore

/// The words of acts and invoices: each case's raw value is the key their templates use
/// (`{{d.executor}}`).
public enum DocumentWord: String, Phrase {
    case act, acts, invoice, invoices, number, from
    case executor, customer, supplier, buyer, basis, contract
    case service, quantity, price, amount, total, toPay
    case inn, kpp, ogrn, address, bank, bik, account, correspondentAccount, payee
    case vatNone, vatIncluded
    case servicesRendered, acceptance, signature, scanToPay, paymentCode, paid, open, paymentState
    case actFor, invoiceFor, purposeOfPayment
    case reminderSubject, reminderGreeting, reminderBalance, reminderOpenInvoices, reminderInvoice, reminderNoInvoices, reminderLastPayment, reminderAsk, reminderAttached, reminderRegards

    public var pair: (ru: String, en: String) {
        switch self {
        case .act: ("Акт", "Act")
        case .acts: ("Акты", "Acts")
        case .invoice: ("Счёт на оплату", "Invoice")
        case .invoices: ("Счета", "Invoices")
        case .number: ("№", "No.")
        case .from: ("от", "of")
        case .executor: ("Исполнитель", "Contractor")
        case .customer: ("Заказчик", "Customer")
        case .supplier: ("Поставщик", "Supplier")
        case .buyer: ("Покупатель", "Buyer")
        case .basis: ("Основание", "Basis")
        case .contract: ("Договор", "Contract")
        case .service: ("Наименование работ, услуг", "Services")
        case .quantity: ("Кол-во", "Quantity")
        case .price: ("Цена", "Price")
        case .amount: ("Сумма", "Amount")
        case .total: ("Итого", "Total")
        case .toPay: ("Всего к оплате", "Total due")
        case .inn: ("ИНН", "INN")
        case .kpp: ("КПП", "KPP")
        case .ogrn: ("ОГРН", "OGRN")
        case .address: ("Адрес", "Address")
        case .bank: ("Банк получателя", "Payee's bank")
        case .bik: ("БИК", "BIC")
        case .account: ("Сч. №", "Account")
        case .correspondentAccount: ("Корр. сч. №", "Corr. account")
        case .payee: ("Получатель", "Payee")
        case .vatNone: ("Без НДС", "No VAT")
        case .vatIncluded: ("В том числе НДС {1}", "Including VAT {1}")
        case .servicesRendered: ("Всего оказано услуг {1}, на сумму {2}", "Services rendered: {1}, to the amount of {2}")
        case .acceptance:
            ("Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.",
             "The services above were rendered in full and on time. The customer has no claims as to their scope, quality or timing.")
        case .signature: ("подпись", "signature")
        case .scanToPay: ("Оплата по QR-коду: отсканируйте его в приложении банка.", "Pay by QR code: scan it in a banking app.")
        case .paymentCode: ("Платёжный QR-код (ГОСТ Р 56042-2014)", "Payment QR code (GOST R 56042-2014)")
        case .paid: ("Оплачен", "Paid")
        case .paymentState: ("Оплата", "Payment")
        case .open: ("Ждёт оплаты", "Awaiting payment")
        case .actFor: ("Акт № {1} от {2}", "Act No. {1} of {2}")
        case .invoiceFor: ("Счёт на оплату № {1} от {2}", "Invoice No. {1} of {2}")
        case .reminderSubject: ("Напоминание об оплате: задолженность {1}", "Payment reminder: {1} outstanding")
        case .reminderGreeting: ("Здравствуйте!", "Hello,")
        case .reminderBalance: ("По нашим данным на {1} баланс {2} — {3}; задолженность возникла {4}.", "As of {1}, the balance of {2} is {3}; the debt arose on {4}.")
        case .reminderOpenInvoices: ("Неоплаченные счета:", "Invoices awaiting payment:")
        case .reminderInvoice: ("№ {1} от {2} на {3}", "No. {1} of {2} for {3}")
        case .reminderNoInvoices: ("Счёт на погашение выставим по вашему запросу.", "We will issue an invoice for the debt on request.")
        case .reminderLastPayment: ("Последняя оплата: {1}, {2}.", "Last payment: {1}, {2}.")
        case .reminderAsk: ("Просим погасить задолженность. Все работы и выписки — на вашей странице клиента.", "Please settle the debt. Every piece of work and every statement is on your client page.")
        case .reminderAttached: ("Во вложении: {1}.", "Attached: {1}.")
        case .reminderRegards: ("С уважением,", "Kind regards,")
        case .purposeOfPayment: ("Оплата по счёту № {1} от {2}: {3}. {4}", "Payment of invoice No. {1} of {2}: {3}. {4}")
        }
    }
}

extension Words {
    /// A party as one line of a document: full name, ИНН, an organisation's КПП, ОГРН, address.
    public func party(_ details: PartyDetails) -> String {
        var parts = [details.name ?? ""]
        if let inn = details.inn { parts.append("\(self[DocumentWord.inn]) \(inn)") }
        if let kpp = details.kpp, details.isOrganisation { parts.append("\(self[DocumentWord.kpp]) \(kpp)") }
        if let ogrn = details.ogrn { parts.append("\(self[DocumentWord.ogrn]) \(ogrn)") }
        if let address = details.address { parts.append(address) }
        return parts.joined(separator: ", ")
    }

    /// The VAT line of a document: "Без НДС" with the reason the law gives, or the VAT the
    /// total includes.
    public func vatLine(rate: Int?, amount: Money?) -> (label: String, value: String) {
        guard let rate, let amount else {
            return (self[DocumentWord.vatNone], language == .ru ? "НДС не облагается (гл. 26.2 НК РФ)" : "not subject to VAT (simplified tax system, ch. 26.2 of the Tax Code)")
        }
        let rateText = rate % 100 == 0 ? "\(rate / 100)%" : percent(rate)
        return (self[DocumentWord.vatIncluded, rateText], money(amount))
    }

    /// The total in words in the document's language (rubles; other currencies by their code).
    public func amountInWords(_ money: Money, currency: String) -> String {
        if currency == "RUB" { return language == .ru ? AmountInWords.russianRubles(money) : AmountInWords.englishRubles(money) }
        let whole = money.minor / 100, cents = abs(money.minor % 100)
        let words = language == .ru ? AmountInWords.russian(whole, feminine: false) : AmountInWords.english(whole)
        return words.prefix(1).uppercased() + words.dropFirst() + " \(currency) \(cents < 10 ? "0" : "")\(cents)"
    }
}
