import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSite
import GitdeskStore
import GitdeskWords

/// Where a rendered document goes: standard output, or a file in `--out`.
struct DocumentOutput {
    let format: String
    let out: String?

    static let formats = ["md", "json", "html", "pdf"]

    init(format: String, json: Bool, out: String?) throws {
        self.format = json ? "json" : format
        self.out = out
        guard Self.formats.contains(self.format) else { throw DeskError.usage(.formatChoice(option: "--format", valid: Self.formats)) }
        if out == nil, self.format == "pdf", isatty(STDOUT_FILENO) == 1 { throw DeskError.usage(.pdfToTerminal) }
    }

    /// Prints the document, or writes `NAME.FORMAT` into the folder (made when missing).
    func emit(name: String, markdown: () -> String, json: () throws -> Data, html: () throws -> String) throws {
        let data: Data
        switch format {
        case "json": data = try json() + Data("\n".utf8)
        case "html": data = Data(try html().utf8)
        case "pdf": data = try HeadlessChromium.pdf(html: try html())
        default: data = Data(markdown().utf8)
        }
        guard let out else { return StandardStream.output.write(data) }
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("\(name).\(format)")
        do { try data.write(to: file, options: .atomic) } catch { throw DeskError.refused(.fileNotWritten(path: file.path, reason: "\(error)")) }
        Output.warn(file.path)
    }
}

/// A document speaks its client's language (`locale:` on the card), else the run's.
func documentWords(_ client: Client, config: DeskConfig, fallback: Words) -> Words {
    client.locale.flatMap(Language.init(locale:)).map { Words($0, config: config) } ?? fallback
}

extension Gitdesk {
    struct ActCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "act", abstract: Help.issueActForMonth.text,
            discussion: Help.examples([("gitdesk act romashka --period 2026-11 --format pdf > act.pdf", nil),
                                       ("gitdesk act --all --period 2026-11 --format pdf --out acts-2026-11", nil)]))

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.client), completion: Completions.clients) var client: String?
        @Flag(help: .of(.actForEveryClient)) var all = false
        @Option(help: .of(.period202610)) var period: String
        @Option(help: .of(.mdJsonHtmlPdf)) var format: String = "md"
        @Option(help: .of(.writeDocumentsIntoFolder)) var out: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let target = try DocumentOutput(format: format, json: output.json, out: out)
            guard let month = Period(period), period.count == 7 else { throw DeskError.usage(.notAMonthPeriod(period)) }
            let store = try desk.open()
            let today = Day(Date(), in: try store.settings().timezone)
            guard month.last < today else { throw DeskError.refused(.actPeriodOpen(period: period, last: month.last.description)) }
            // One client's act reads that client's tickets only; `--all` reads every client's.
            let head = try store.resolve("HEAD")
            var current = try all || client == nil ? store.desk(atCommit: head, scope: .money) : store.moneyDesk(forClient: try store.cards(atCommit: head).client(client!).slug, atCommit: head)
            let accounts = Accounts(desk: current)
            if !accounts.deskFindings.isEmpty { throw DeskError.invalidDesk(accounts.deskFindings) }
            let slugs: [String]
            if all {
                slugs = try current.clients.keys.sorted().filter { slug in
                    let statement = Statement(account: try accounts.checkedAccount(slug), period: month, desk: current)
                    return !statement.work.isEmpty || statement.charges != .zero
                }
            } else {
                guard let client else { throw ValidationError(Help.client.text) }
                slugs = [try current.client(client).slug]
            }
            let deskWords = try desk.words(current.config)
            var issued: [(Act, Client, Words)] = []
            for slug in slugs {
                let client = try current.client(slug)
                let words = documentWords(client, config: current.config, fallback: deskWords)
                let statement = Statement(account: try accounts.checkedAccount(slug), period: month, desk: current)
                try SiteBuilder.requireDetails(Text(ru: "акт", en: "act"), firm: current.config.firm, firmNeeds: Act.firmNeeds,
                                               client: client, clientNeeds: Act.clientNeeds, words: words)
                guard !statement.work.isEmpty || statement.charges != .zero else { throw DeskError.refused(.nothingToAct(client: slug, period: period)) }
                let recorded = current.documents(.act, of: slug).first { $0.period == period }
                let number = try recorded?.number ?? issue(slug, month: month, total: statement.workTotal + statement.charges, store: store, desk: &current)
                let act = Act(statement: statement, number: number, desk: current, words: words)
                if let recorded, recorded.amount != act.total {
                    throw DeskError.refused(.actChanged(number: String(number), issued: words.money(recorded.amount), now: words.money(act.total), client: slug, period: period))
                }
                issued.append((act, client, words))
            }
            let templates = try siteTemplates(store)
            for (act, client, words) in issued {
                try target.emit(name: "\(act.year)-\(zeroPadded(act.number, 4))-\(client.slug)",
                                markdown: { DocumentMarkdown.act(act, firm: current.config.firm, client: client, words: words) },
                                json: { try Output.jsonData(act, config: current.config) },
                                html: { try SiteBuilder.actDocument(act, desk: current, client: client, templates: templates, words: words) })
            }
        }

        /// Records a new act under the next number of its year, through the one writer; the
        /// desk is read again so a second act in the same run numbers after it.
        private func issue(_ slug: String, month: Period, total: Money, store: DeskRepository, desk current: inout Desk) throws -> Int {
            var number = 0
            try store.write { base in
                number = IssuedDocument.nextNumber(.act, year: month.last.year, among: base.cards.documents)
                let document = IssuedDocument(kind: .act, year: month.last.year, number: number, client: slug, date: month.last,
                                              period: month.label, amount: total, purpose: nil)
                return DeskChange(files: [document.file: document.text], message: "\(slug): act \(number) for \(month.label)")
            }
            current.documents.append(IssuedDocument(kind: .act, year: month.last.year, number: number, client: slug, date: month.last,
                                                    period: month.label, amount: total, purpose: nil))
            return number
        }
    }

    struct InvoiceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invoice", abstract: Help.issueInvoiceWithQR.text,
            discussion: Help.examples([("gitdesk invoice romashka 60000 --for " + Help.exampleSupportDecember.text + " --format pdf > invoice.pdf", nil),
                                       ("gitdesk invoice romashka --hours 30h", nil), ("gitdesk invoice romashka --next-month", nil),
                                       ("gitdesk invoice --number 12 --format html", nil)]))

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.client), completion: Completions.clients) var client: String?
        @Argument(help: .of(.invoiceAmountOrHours)) var amount: String?
        @Option(help: .of(.invoiceHoursAtRate)) var hours: String?
        @Flag(name: .customLong("next-month"), help: .of(.invoiceNextMonthPace)) var nextMonth = false
        @Option(name: .customLong("for"), help: .of(.invoiceWhatFor)) var purpose: String?
        @Option(help: .of(.dayDefaultToday)) var date: String?
        @Option(help: .of(.showIssuedNumber)) var number: Int?
        @Option(help: .of(.mdJsonHtmlPdf)) var format: String = "md"
        @Option(help: .of(.writeDocumentsIntoFolder)) var out: String?
        @OptionGroup var output: OutputOptions

        func run() throws {
            let target = try DocumentOutput(format: format, json: output.json, out: out)
            let store = try desk.open()
            // The invoice's client alone is read (its payments say whether an invoice is paid).
            let head = try store.resolve("HEAD")
            let cards = try store.cards(atCommit: head)
            let owner = try client.map { try cards.client($0).slug }
                ?? cards.documents.first { $0.kind == .invoice && $0.number == number }?.client
            var current = try owner.map { try store.moneyDesk(forClient: $0, atCommit: head) } ?? cards
            let deskWords = try desk.words(current.config)
            let document: IssuedDocument
            if let number {
                let year = try date.map { try parseDay($0, desk: current).year } ?? Day(Date(), in: current.config.timezone).year
                let matches = current.documents.filter { (document: IssuedDocument) -> Bool in
                    document.kind == .invoice && document.number == number && document.year == year
                }
                guard let found = matches.first(where: { (document: IssuedDocument) -> Bool in self.client.map { $0 == document.client } ?? true }) else {
                    throw DeskError.notFound(.noDocument(kind: deskWords[DocumentWord.invoice], number: "\(number) (\(year))"))
                }
                document = found
            } else {
                guard let slug = client else { throw ValidationError(Help.client.text) }
                let client = try current.client(slug)
                try SiteBuilder.requireDetails(Text(ru: "счёт", en: "invoice"), firm: current.config.firm, firmNeeds: Invoice.firmNeeds,
                                               client: client, clientNeeds: Invoice.clientNeeds, words: deskWords)
                let day = try parseDay(date, desk: current)
                let sum = try invoiceAmount(client: client, desk: current, day: day)
                let text = purpose ?? (documentWords(client, config: current.config, fallback: deskWords).isRussian ? "Услуги технической поддержки" : "Technical support services")
                guard !text.contains("|"), !text.contains(where: \.isNewline), !text.isEmpty else { throw DeskError.usage(.invoicePurpose) }
                var issued: IssuedDocument?
                try store.write { base in
                    let number = IssuedDocument.nextNumber(.invoice, year: day.year, among: base.cards.documents)
                    let made = IssuedDocument(kind: .invoice, year: day.year, number: number, client: slug, date: day, period: nil, amount: sum, purpose: text)
                    issued = made
                    return DeskChange(files: [made.file: made.text], message: "\(slug): invoice \(number) for \(sum.plain)")
                }
                guard let issued else { return }
                current.documents.append(issued)
                document = issued
            }
            let client = try current.client(document.client)
            let words = documentWords(client, config: current.config, fallback: deskWords)
            let invoice = Invoice(document: document, config: current.config)
            let paid = Invoice.isPaid(document, by: (try? Accounts(desk: current).account(client.slug).movements) ?? [])
            let templates = try siteTemplates(store)
            try target.emit(name: "\(invoice.year)-\(zeroPadded(invoice.number, 4))-\(client.slug)",
                            markdown: { DocumentMarkdown.invoice(invoice, firm: current.config.firm, client: client, purpose: SiteBuilder.purpose(invoice, words: words), words: words) },
                            json: { try Output.jsonData(invoice, config: current.config) },
                            html: { try SiteBuilder.invoiceDocument(invoice, desk: current, client: client, paid: paid, templates: templates, words: words) })
        }

        /// The amount asked for: given, hours at the client's rate, or the client's pace.
        private func invoiceAmount(client: Client, desk current: Desk, day: Day) throws -> Money {
            guard [amount != nil, hours != nil, nextMonth].filter({ $0 }).count == 1 else { throw DeskError.usage(.invoiceAmountChoice) }
            if let amount {
                guard let money = Money(amount), money.minor > 0 else { throw DeskError.usage(.ledgerAmount(amount)) }
                return money
            }
            if let hours {
                guard let duration = Duration(hours), duration.minutes > 0 else { throw DeskError.usage(.invoiceHours(hours)) }
                return Money.amount(ratePerHour: client.rate(on: day, project: nil, fallback: current.config.rate), minutes: duration.minutes)
            }
            let account = try Accounts(desk: current).checkedAccount(client.slug)
            let pace = BalanceOutlook.pace(account, today: day, calendar: WorkCalendar(config: current.config)).amount
            guard pace.minor > 0 else { throw DeskError.refused(.noPaceYet(client.slug)) }
            return pace
        }
    }
}
