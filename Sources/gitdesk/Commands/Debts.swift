import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMail
import GitdeskMoney
import GitdeskSite
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    struct Debts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.listDebtorsAging.text,
            discussion: Help.examples([("gitdesk debts", nil), ("gitdesk debts --as-of 2026-11-30 --json", nil), ("gitdesk debts --draft --out debts-2026-12", nil)]))

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Option(name: .customLong("as-of"), help: .of(.asOfDay)) var asOf: String?
        @Flag(help: .of(.draftReminderMails)) var draft = false
        @Option(help: .of(.writeDocumentsIntoFolder)) var out: String?

        func run() throws {
            let store = try desk.open()
            let current = try store.desk(atCommit: try store.resolve("HEAD"), scope: .money)
            let day = try parseDay(asOf, desk: current)
            let accounts = Accounts(desk: current)
            if !accounts.deskFindings.isEmpty { throw DeskError.invalidDesk(accounts.deskFindings) }
            let debts: [Debt]
            do { debts = try Debt.all(accounts, asOf: day) } catch let error as ClientMoneyError { throw DeskError.invalidDesk(error.findings) }
            let words = try desk.words(current.config)
            if draft {
                let folder = out ?? "debts-\(day)"
                let templates = try siteTemplates(store)
                for debt in debts { try writeReminder(debt, desk: current, accounts: accounts, day: day, folder: folder, templates: templates, fallback: words) }
                return Output.line(words[Word.draftsWritten, words.integer(debts.count), folder])
            }
            if output.json { return try Output.json(debts, config: current.config) }
            guard !debts.isEmpty else { return Output.line(words[Word.noDebtors]) }
            let rows = debts.map { debt -> [String] in
                [debt.client, debt.name, words.money(debt.balance), words.day(debt.since), words.integer(debt.days),
                 debt.lastPayment.map { "\(words.day($0.date)) \(words.money($0.amount))" } ?? "—",
                 debt.openInvoices.map { "№ \($0.number) \(words.money($0.amount))" }.joined(separator: ", ")]
            }
            Output.line(Output.table(words, [.client, .name, .balance, .debtSince, .daysInDebt, .lastPayment, .openInvoices], rows, rightAligned: [2, 4],
                                     colours: debts.map { _ in .red }))
        }

        /// One `.eml` for a debtor, in its language, with its latest act and open invoices as PDFs.
        private func writeReminder(_ debt: Debt, desk current: Desk, accounts: Accounts, day: Day, folder: String, templates: [String: String], fallback: Words) throws {
            let client = try current.client(debt.client)
            let words = documentWords(client, config: current.config, fallback: fallback)
            var attachments: [OutgoingMail.Attachment] = [], names: [String] = []
            if let act = current.documents(.act, of: client.slug).last, let period = act.period.flatMap(Period.init) {
                let statement = Statement(account: try accounts.account(client.slug), period: period, desk: current)
                let made = Act(statement: statement, number: act.number, desk: current, words: words)
                let html = try SiteBuilder.actDocument(made, desk: current, client: client, templates: templates, words: words)
                let name = "\(words[DocumentWord.act])-\(act.year)-\(act.number).pdf"
                attachments.append(.init(filename: name, contentType: "application/pdf", data: try HeadlessChromium.pdf(html: html)))
                names.append(words[DocumentWord.actFor, String(act.number), words.day(act.date)])
            }
            for open in debt.openInvoices {
                guard let document = current.documents.first(where: { $0.kind == .invoice && $0.year == open.year && $0.number == open.number }) else { continue }
                let html = try SiteBuilder.invoiceDocument(Invoice(document: document, config: current.config), desk: current, client: client, paid: false, templates: templates, words: words)
                attachments.append(.init(filename: "\(words[DocumentWord.invoice])-\(open.year)-\(open.number).pdf", contentType: "application/pdf", data: try HeadlessChromium.pdf(html: html)))
                names.append(words[DocumentWord.invoiceFor, String(open.number), words.day(open.date)])
            }
            var lines = [words[DocumentWord.reminderGreeting], "",
                         words[DocumentWord.reminderBalance, words.day(day), client.requisites.name ?? client.name, words.money(debt.balance), words.day(debt.since)]]
            if debt.openInvoices.isEmpty {
                lines.append(words[DocumentWord.reminderNoInvoices])
            } else {
                lines.append(words[DocumentWord.reminderOpenInvoices])
                lines += debt.openInvoices.map { "  " + words[DocumentWord.reminderInvoice, String($0.number), words.day($0.date), words.money($0.amount)] }
            }
            if let payment = debt.lastPayment { lines.append(words[DocumentWord.reminderLastPayment, words.day(payment.date), words.money(payment.amount)]) }
            lines += ["", words[DocumentWord.reminderAsk]]
            if !names.isEmpty { lines.append(words[DocumentWord.reminderAttached, names.joined(separator: "; ")]) }
            let firm = current.config.firm
            lines += ["", words[DocumentWord.reminderRegards], [firm.signerName, firm.signerPosition].compactMap { $0 }.joined(separator: ", "),
                      firm.name ?? current.config.company, current.config.supportEmail, ""]
            let domain = current.config.supportEmail.split(separator: "@").last.map(String.init) ?? "gitdesk.invalid"
            let noon = Calendar(identifier: .gregorian)
            var components = DateComponents(year: day.year, month: day.month, day: day.day, hour: 9)
            components.timeZone = current.config.timezone
            let mail = OutgoingMail(
                from: (current.config.company, current.config.supportEmail),
                to: client.emails.filter { !$0.hasPrefix("@") && $0.contains("@") }.map { (client.requisites.name ?? client.name, $0) },
                subject: words[DocumentWord.reminderSubject, words.money(-debt.balance)],
                date: noon.date(from: components) ?? Date(), messageID: "debt-\(client.slug)-\(day)@\(domain)",
                text: lines.joined(separator: "\n"), attachments: attachments)
            let target = URL(fileURLWithPath: folder)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let file = target.appendingPathComponent("\(client.slug).eml")
            do { try MailComposer.bytes(mail).write(to: file, options: .atomic) } catch { throw DeskError.refused(.fileNotWritten(path: file.path, reason: "\(error)")) }
        }
    }
}
