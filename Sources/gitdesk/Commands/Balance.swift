import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskSite
import GitdeskStore
import GitdeskWords

extension Accounts {
    /// The account of one client, turning a blocked client into a desk error naming the lines.
    func checkedAccount(_ slug: String) throws -> ClientAccount {
        if !deskFindings.isEmpty { throw DeskError.invalidDesk(deskFindings) }
        do { return try account(slug) } catch let error as ClientMoneyError { throw DeskError.invalidDesk(error.findings) }
    }
}

extension Gitdesk {
    struct Balance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.clientBalancesPaymentsCreditsCharges.text, discussion: Help.examples.text + "\n  gitdesk balance\n  gitdesk balance romashka --as-of 2026-10-31\n  gitdesk balance --as-of HEAD~20 --json")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: .of(.oneClientDefaultAll), completion: Completions.clients) var client: String?
        @Option(name: .customLong("as-of"), help: .of(.dateYYYYMMDDCommit)) var asOf: String?

        struct Row: Codable {
            let client, name: String
            let balance, disputed: Money?
            /// The forecast the client's site shows: the pace, and at it when the prepayment
            /// runs out or (in debt) what covers the debt and the next month.
            var pace: MonthlyPace? = nil, runsOut: Day? = nil, toCoverNextMonth: Money? = nil
            let error: Text?

            init(client: String, name: String, balance: Money?, disputed: Money?, pace: MonthlyPace?, error: Text?, today: Day) {
                (self.client, self.name, self.balance, self.disputed, self.pace, self.error) = (client, name, balance, disputed, pace, error)
                if let balance, let pace {
                    runsOut = BalanceOutlook.runsOut(balance: balance, pace: pace.amount, today: today)
                    toCoverNextMonth = balance.minor < 0 ? -balance + pace.amount : nil
                }
            }
        }

        func run() throws {
            let store = try desk.open()
            let (commit, day) = try store.asOf(asOf)
            // The cards and the cached per-folder totals answer for a clean desk; any problem
            // falls back to reading every line, which names it.
            let cards = try store.cards(atCommit: commit)
            let slugs = try client.map { [try cards.client($0).slug] } ?? cards.clients.keys.sorted()
            let sheet = cards.findings.isEmpty
                ? BalanceSheet(cards: cards, groups: try store.summaries(WorkTotals.self, atCommit: commit, cards: cards)) : nil
            // The forecast is as of the day asked for, or today.
            let today = day ?? Day(Date(), in: cards.config.timezone), calendar = WorkCalendar(config: cards.config)
            let rows: [Row]
            if let sheet {
                rows = slugs.map { Row(client: $0, name: cards.clients[$0]!.name, balance: sheet.balance($0, asOf: day), disputed: sheet.disputed($0, asOf: day),
                                       pace: sheet.balances.pace($0, today: today, calendar: calendar), error: nil, today: today) }
            } else {
                rows = try fullRows(store.desk(atCommit: commit, scope: .money), slugs: slugs, day: day, today: today, calendar: calendar)
            }
            if output.json {
                try Output.json(rows, config: cards.config)
            } else {
                let words = try desk.words(cards.config)
                var table = rows.map {
                    [$0.client, $0.name, $0.balance.map(words.money) ?? words[Word.error], $0.disputed.map { $0 == .zero ? "" : words.money($0) } ?? ""]
                }
                if client == nil {
                    // A total that leaves a client out is no total: say so instead of a number.
                    let failedCount = rows.filter { $0.balance == nil }.count
                    table.append(failedCount > 0
                        ? [words[Word.total], "", words[Word.incomplete], words[Word.clientsInError, words.count(failedCount, .client)]]
                        : [words[Word.total], "", words.money(rows.compactMap(\.balance).reduce(.zero, +)),
                           words.money(rows.compactMap(\.disputed).reduce(.zero, +))])
                }
                // Debt in red, a disputed amount in yellow.
                let colours = rows.map { row -> Colour? in
                    (row.balance.map { $0.minor < 0 } ?? true) ? .red : (row.disputed.map { $0 != .zero } ?? false) ? .yellow : nil
                }
                Output.line(Output.table(words, [.client, .name, .balance, .disputed], table, rightAligned: [2, 3], colours: colours))
            }
            let failed = rows.compactMap(\.error)
            for error in failed { Output.warn(.errorLabel, error) }
            if !failed.isEmpty { throw ExitCode.failure }
        }

        /// Rows from every parsed line: a client whose files have a problem gets its error.
        private func fullRows(_ current: Desk, slugs: [String], day: Day?, today: Day, calendar: WorkCalendar) throws -> [Row] {
            let accounts = Accounts(desk: current)
            if !accounts.deskFindings.isEmpty { throw DeskError.invalidDesk(accounts.deskFindings) }
            return slugs.map { slug -> Row in
                let name = current.clients[slug]!.name
                do {
                    let account = try accounts.account(slug)
                    return Row(client: slug, name: name, balance: account.balance(asOf: day), disputed: account.disputed(asOf: day),
                               pace: BalanceOutlook.pace(account, today: today, calendar: calendar), error: nil, today: today)
                } catch {
                    return Row(client: slug, name: name, balance: nil, disputed: nil, pace: nil,
                               error: (error as? ClientMoneyError)?.text ?? Text(of: error), today: today)
                }
            }
        }
    }

    struct StatementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statement",
            abstract: Help.clientsStatementPeriodOpeningBalance.text, discussion: Help.examples.text + "\n  gitdesk statement romashka --period 2026-11\n  gitdesk statement romashka --period 2026-11 --format pdf > act.pdf")

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.client), completion: Completions.clients) var client: String
        @Option(help: .of(.month202611DefaultThis)) var period: String?
        @Option(help: .of(.mdCsvJsonHtmlPdf)) var format: String = "md"
        @OptionGroup var output: OutputOptions
        @OptionGroup var csv: CSVOptions
        @Option(name: .customLong("as-of"), help: .of(.readDeskThisCommit)) var asOf: String?

        func run() throws {
            let format = output.json ? "json" : self.format
            guard ["md", "csv", "json", "html", "pdf"].contains(format) else { throw DeskError.usage(.formatChoice(option: "--format", valid: ["md", "csv", "json", "html", "pdf"])) }
            if format == "pdf" && isatty(STDOUT_FILENO) == 1 {
                throw DeskError.usage(.pdfToTerminal)
            }
            let store = try desk.open()
            let current = try store.moneyDesk(forClient: client, atCommit: try store.resolve(asOf ?? "HEAD"))
            let range = try resolvePeriod(period, desk: current)
            let statement = Statement(account: try Accounts(desk: current).checkedAccount(client), period: range, desk: current)
            let renderer = StatementRenderer(statement: statement, words: try desk.words(current.config), company: current.config.company)
            switch format {
            case "json": try Output.json(statement, config: current.config)
            case "csv": Output.line(renderer.csv(dialect: csv.dialect(renderer.words)), terminator: "")
            case "html", "pdf":
                // The site's statement page, standalone: one document on the site, in a file and on paper.
                let html = try SiteBuilder.statementDocument(statement, desk: current, templates: try siteTemplates(store), words: renderer.words)
                if format == "html" { Output.line(html, terminator: "") } else { StandardStream.output.write(try HeadlessChromium.pdf(html: html)) }
            default: Output.line(renderer.markdown(), terminator: "")
            }
        }
    }
}

/// A `--period` value, defaulting to the current month in the desk's time zone.
func resolvePeriod(_ text: String?, desk: Desk, now: Date = Date()) throws -> Period {
    guard let text else { return Period.month(of: Day(now, in: desk.config.timezone)) }
    guard let period = Period(text) else {
        throw DeskError.usage(.notAPeriod(text))
    }
    return period
}
