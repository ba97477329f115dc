import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskMarkdown
import GitdeskMoney
import GitdeskSLA
import GitdeskSearch
import GitdeskStore
import GitdeskWords
import Mustache

/// One client's site: its folder name and every file in it.
public struct SiteFolder: Sendable {
    public let client: String
    /// `slug`, or `slug-TOKEN` when the client card sets a secret token.
    public let name: String
    public let files: [String: Data]
    /// Digest of everything the folder is made from; equal digests mean equal bytes.
    public let digest: String
}

/// Renders the clients' read-only sites (SPEC §7) from the committed desk: one
/// self-contained folder per client, deterministic (no clock, sorted everything), with
/// nothing internal in it — service comments, costs, notes of non-billable work and other
/// clients never reach the data the templates see.
public struct SiteBuilder {
    let desk: Desk
    let timelines: [String: Timeline]
    /// Read at each client's own latest event.
    let engine: SLAEngine
    let library: MustacheLibrary
    let assets: [String: String]
    let templateDigest: String
    let email: String
    /// The language of every client's site when the run names one (`--locale`); else each
    /// client's card (`locale:`), else the desk's.
    let language: Language?
    /// Per ticket prefix (a client's folder): the commits of its history events (indices into
    /// `commitIDs`, ascending, each once), and the latest time.
    let eventsByPrefix: [String: (commits: [Int], latest: Int64)]
    /// The history's commits, oldest first.
    let commitIDs: [ObjectID]

    /// - Parameter templates: the site templates and assets by path (`overview.mustache`,
    ///   `assets/site.css`), built-in ones overridden by the desk's own `templates/site/`.
    /// - Parameter cards: the desk's settings and cards, with every finding of the desk;
    ///   `folders`: every folder's record (the SLA clocks of every ticket come from them).
    public init(cards desk: Desk, folders: [FolderFacts], history: DeskHistory, templates: [String: String], language: Language? = nil) throws {
        self.desk = desk
        timelines = Timeline.all(tickets: folders.lazy.flatMap(\.tickets), history: history)
        engine = SLAEngine(cards: desk, timelines: timelines, now: Date(timeIntervalSince1970: 0))
        library = try Self.library(templates)
        assets = templates.filter { $0.key.hasPrefix("assets/") }
        templateDigest = SHA256.hex(Array(templates.sorted { $0.key < $1.key }.map { $0.key + "\u{0}" + $0.value }.joined(separator: "\u{1}").utf8))
        email = desk.config.supportEmail
        self.language = language
        commitIDs = history.commits.map(\.id)
        var events: [String: (commits: [Int], latest: Int64)] = [:]
        func note(_ prefix: Substring?, _ commit: Int) {
            guard let prefix else { return }
            let key = String(prefix)
            // Mutated in place: a copy out and back would copy the whole list every time.
            events[key, default: ([], .min)].commits.append(commit)
            events[key]!.latest = max(events[key]!.latest, history.commits[commit].time)
        }
        // Ticket paths are tickets/PREFIX/…; ledger and dispute files are keyed by "client:".
        // Which commits changed a line is all the site asks of the lines: the history is read
        // without them.
        for (file, commits) in history.lineCommits {
            let prefix = file.hasPrefix("tickets/") ? TicketPath(file)?.group
                : Substring("client:" + Substring(file).asciiSplit(UInt8(ascii: "/")).last!.dropLast(3))
            for commit in commits { note(prefix, commit) }
        }
        for event in history.statuses { note(Substring(event.ticket).asciiSplit(UInt8(ascii: "-")).first, event.commit) }
        for event in history.files { note(TicketPath(event.path)?.group, event.commit) }
        for key in events.keys { events[key]!.commits = Array(Set(events[key]!.commits)).sorted() }
        eventsByPrefix = events
    }

    /// The site's templates, each parsed (a desk's own that does not parse is a finding).
    static func library(_ templates: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        for (path, text) in templates where path.hasSuffix(".mustache") {
            do { try library.register(text, named: String(path.dropLast(".mustache".count))) } catch {
                throw DeskError.invalidDesk([Finding(file: "templates/site/\(path)", .templateDoesNotParse("\(error)"))])
            }
        }
        return library
    }

    /// A project's wiki as one standalone page in the site's look (its templates, the
    /// stylesheet inline): what `gitdesk wiki --format html` prints. Service comments are
    /// in it — it is for the firm, not for a client's site.
    public static func wikiPage(_ wiki: ProjectWiki, desk: Desk, templates: [String: String], words: Words) throws -> String {
        let strings = words.table(SiteWord.self)
        let context: [String: Any] = [
            "t": strings, "title": wiki.title, "clientName": desk.clients[wiki.client]?.name ?? wiki.client, "company": desk.config.company,
            "inlineCSS": templates["assets/site.css"] ?? "", "asOf": wiki.tickets.compactMap(\.created).max().flatMap { Day($0.prefix(10)) }.map(words.day) ?? "—",
            "supportEmail": desk.config.supportEmail, "bodyHTML": Markdown.html(wiki.introduction),
            "pages": wiki.pages.map { page -> [String: Any] in
                let (title, text) = ProjectWiki.titled(page)
                return ["title": title, "html": Markdown.html(text)]
            },
            "tickets": wiki.tickets.map { entry -> [String: Any] in
                var row: [String: Any] = ["id": entry.ticket, "title": entry.title, "status": words.name(entry.status, .status),
                                          "created": entry.created.flatMap { Day($0.prefix(10)) }.map(words.day) ?? "—",
                                          "work": entry.people.isEmpty ? strings["noWork"]!
                                              : "\(words.duration(minutes: entry.minutes)) · \(entry.people.joined(separator: ", "))"]
                if let comment = entry.serviceComment { row["serviceHTML"] = Markdown.html(comment) }
                return row
            },
        ]
        guard let html = try library(templates).render(context, withTemplate: "wiki") else {
            throw DeskError.notFound(.templateMissing("wiki.mustache"))
        }
        return html
    }

    /// A statement's page (the site's, and `statement --format html|pdf`'s): the opening
    /// balance, each work line with its state after the client's disputes, payments, credits
    /// and charges each with its total, and the summary; people by name, days as the
    /// language writes them.
    static func statementContext(_ statement: Statement, words: Words, staffName: (String) -> String) -> [String: Any] {
        let strings = words.table(SiteWord.self), format = words.moneyFormat
        var page: [String: Any] = [:]
        page["first"] = words.day(statement.first)
        page["last"] = words.day(statement.last)
        page["opening"] = format.string(statement.opening)
        page["hasWork"] = !statement.work.isEmpty
        page["work"] = statement.work.map { m -> [String: Any] in
            ["date": words.day(m.date), "ticket": m.ticket ?? "", "person": staffName(m.login ?? ""),
             "duration": words.duration(minutes: m.minutes ?? 0), "rate": m.rate.map(format.string) ?? "",
             "amount": format.string(-m.amount), "note": statement.note(of: m, words: words)]
        }
        page["workHours"] = words.duration(minutes: statement.work.reduce(0) { $0 + ($1.minutes ?? 0) })
        page["workTotal"] = format.string(statement.workTotal)
        page["ledger"] = [(Movement.Source.payment, "paymentsHeading", "payments"), (.credit, "creditsHeading", "credits"),
                          (.charge, "chargesHeading", "charges")].compactMap { source, heading, total -> [String: Any]? in
            let lines = statement.ledger.filter { $0.source == source }
            guard !lines.isEmpty else { return nil }
            let sum = lines.reduce(Money.zero) { $0 + $1.amount }
            return ["heading": strings[heading]!, "totalLabel": strings[total]!,
                    "total": format.string(source == .charge ? -sum : sum),
                    "rows": lines.map { ["date": words.day($0.date), "note": statement.note(of: $0, words: words), "amount": format.string(source == .charge ? -$0.amount : $0.amount)] }]
        }
        page["summary"] = [("opening", statement.opening), ("workTotal", -statement.workTotal), ("payments", statement.payments),
                           ("credits", statement.credits), ("charges", -statement.charges), ("closing", statement.closing)]
            .map { ["label": strings[$0.0]!, "value": format.string($0.1)] }
        return page
    }

    /// A statement as one standalone page in the site's look (the site's statement template,
    /// the stylesheet inline, no script): what `statement --format html` prints and `--format
    /// pdf` prints to PDF, so the client's site, the file and the printed act are one document.
    public static func statementDocument(_ statement: Statement, desk: Desk, templates: [String: String], words: Words) throws -> String {
        let strings = words.table(SiteWord.self)
        var context = statementContext(statement, words: words) { desk.staff[$0]?.name ?? $0 }
        context.merge(["t": strings, "title": "\(strings["statement"]!): \(Period(statement.period).map(words.period) ?? statement.period)",
                       "clientName": statement.clientName, "company": desk.config.company,
                       "inlineCSS": templates["assets/site.css"] ?? ""]) { $1 }
        guard let html = try library(templates).render(context, withTemplate: "statement-document") else {
            throw DeskError.notFound(.templateMissing("statement-document.mustache"))
        }
        return html
    }

    /// The desk files a client's folder is made of: its own, plus the shared settings and
    /// staff cards. Grouped once for all clients.
    public static func filesByClient(_ files: [TreeFile], clients: [Client]) -> [String: [TreeFile]] {
        let byPrefix = Dictionary(clients.map { ($0.prefix, $0.slug) }, uniquingKeysWith: { a, _ in a })
        var shared: [TreeFile] = []
        var result: [String: [TreeFile]] = [:]
        for file in files {
            let parts = Substring(file.path).asciiSplit(UInt8(ascii: "/"), omittingEmpty: true)
            // Acts and invoices are named by number, not client: every site reads them.
            if file.path == "gitdesk.yml" || ["staff", "acts", "invoices"].contains(parts.first ?? "") {
                shared.append(file)
            } else if parts.first == "tickets", parts.count > 1, let slug = byPrefix[String(parts[1])] {
                result[slug, default: []].append(file)
            } else if ["clients", "ledger", "disputes"].contains(parts.first ?? ""), parts.count == 2 {
                result[String(parts[1].dropLast(3)), default: []].append(file)
            }
        }
        return result.mapValues { $0 + shared }
    }

    /// The folder name of a client.
    public static func folderName(_ client: Client) -> String {
        SiteToken.folder(slug: client.slug, token: client.siteToken)
    }

    /// What the client's folder is made of: its own files' blobs, the shared settings and
    /// staff names, the templates, and the history of its tickets.
    /// - Parameter files: the client's files (see `filesByClient`).
    public func digest(for client: Client, files: [TreeFile]) -> String {
        let own = files.map { "\($0.path) \($0.blob.hex)" }.sorted()
        let events = ((eventsByPrefix[client.prefix]?.commits ?? []) + (eventsByPrefix["client:" + client.slug]?.commits ?? [])).map { commitIDs[$0].hex }
        // The build is part of it: another gitdesk may render the same data differently.
        return SHA256.hex(Array((own + events + [templateDigest, "site-v1", DeskIndex.build]).joined(separator: "\n").utf8))
    }

    /// - Parameter own: the cards with this client's tickets, read whole (and every finding
    ///   of the desk: one about the client's files stops its site).
    public func build(_ client: Client, from own: Desk) throws -> SiteFolder {
        let words = Words(language ?? client.locale.flatMap(Language.init(locale:)) ?? Language(locale: desk.config.locale) ?? .ru, config: desk.config)
        let strings = words.table(SiteWord.self)
        let format = words.moneyFormat
        let account = try Accounts(desk: own).account(client.slug)
        let tickets = own.tickets.values.filter { $0.client == client.slug }.sorted { $0.id < $1.id }
        let zone = desk.config.timezone
        // The site's "now" is the client's own latest event, so one client's change never
        // rewrites another client's folder.
        let latest = max(eventsByPrefix[client.prefix]?.latest ?? .min, eventsByPrefix["client:" + client.slug]?.latest ?? .min)
        let lastEvent = latest == .min ? nil : Date(timeIntervalSince1970: TimeInterval(latest))
        let asOf = lastEvent.map { words.time($0, in: zone) } ?? "—"
        let today = lastEvent.map { Day($0, in: zone) } ?? account.movements.last?.date ?? Day(year: 2000, month: 1, day: 1)
        let currentPeriod = Period.month(of: today)
        let pricing = Pricing(desk: desk)
        var output: [String: Data] = [:]
        let acts = own.documents(.act, of: client.slug), invoices = own.documents(.invoice, of: client.slug)
        func base(_ title: String, root: String) -> [String: Any] {
            ["t": strings, "title": title, "clientName": client.name, "company": desk.config.company, "root": root,
             "asOf": asOf, "supportEmail": email, "hasDocuments": !acts.isEmpty || !invoices.isEmpty]
        }
        func render(_ template: String, _ context: [String: Any], to path: String) throws {
            guard let html = library.render(context, withTemplate: template) else {
                throw DeskError.notFound(.templateMissing(template + ".mustache"))
            }
            output[path] = Data(html.utf8)
        }
        // The action links: a subject a person reads ("Подтверждение заявки ROM-7K2P"), the
        // bracket intake acts on after it, and a body that asks for what matters.
        func mailto(_ words: String, action: String, body: String) -> String {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            let bracket = "[gitdesk \(action)\(client.siteToken.map { " token=" + $0 } ?? "")]"
            return "mailto:\(email)?subject=" + ("\(words) \(bracket)".addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
                + "&body=" + (body.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        func confirmLink(_ ticket: String) -> String {
            mailto("\(strings["confirmSubject"]!) \(ticket)", action: "confirm \(ticket)", body: strings["confirmBody"]!)
        }
        func disputeLink(_ id: String, ticket: String?) -> String {
            mailto("\(strings["disputeSubject"]!) ^\(id)", action: "dispute ^\(id)\(ticket.map { " " + $0 } ?? "")", body: strings["disputeBody"]!)
        }
        let engine = engine.reading(at: lastEvent ?? Date(timeIntervalSince1970: 0))
        func staffName(_ login: String) -> String { desk.staff[login]?.name ?? login }

        // Overview: the balance explained.
        let monthCharged = account.movements.filter { $0.source == .work && currentPeriod.contains($0.date) }
        var overview = base(strings["overview"]!, root: "")
        let outlook = BalanceOutlook(account: account, today: today, calendar: WorkCalendar(config: desk.config))
        overview["balance"] = format.string(outlook.balance.minor < 0 ? -outlook.balance : outlook.balance)
        overview["balanceLabel"] = strings[outlook.balance.minor > 0 ? "prepaidLeft" : outlook.balance.minor < 0 ? "owed" : "settled"]!
        overview["negative"] = outlook.balance.minor < 0
        overview["thisMonth"] = format.string(outlook.thisMonth)
        overview["lastMonth"] = format.string(outlook.lastMonth)
        overview["lastPeriod"] = words.period(Period.month(of: currentPeriod.first.adding(days: -1)))
        overview["pace"] = outlook.pace.amount == .zero ? nil : format.string(outlook.pace.amount)
        overview["paceMonths"] = words.averagedMonths(outlook.pace)
        if let runsOut = outlook.runsOut {
            overview["forecast"] = "\(strings["runsOut"]!) \(words.monthOf(runsOut))"
        } else if let cover = outlook.toCoverNextMonth {
            overview["forecast"] = "\(strings["coverNext"]!) \(format.string(cover))"
        }
        overview["chartSVG"] = BalanceChart.svg(outlook.months, title: strings["chartTitle"]!, format: format)
        let disputed = account.disputed()
        overview["disputed"] = disputed == .zero ? nil : format.string(disputed)
        overview["period"] = words.period(currentPeriod)
        overview["periodFile"] = currentPeriod.label
        overview["periodCharged"] = format.string(-monthCharged.reduce(.zero) { $0 + $1.amount })
        overview["periodHours"] = words.duration(minutes: monthCharged.reduce(0) { $0 + ($1.minutes ?? 0) })
        let open = tickets.filter { desk.config.openStatuses.contains($0.status) }.map { ticket -> [String: Any] in
            let clocks = timelines[ticket.id].map(engine.clocks)?.clocks.filter { $0.stopped == nil } ?? []
            let urgent = clocks.min { $0.leftMinutes < $1.leftMinutes }
            let text: String
            if let urgent {
                switch urgent.state {
                case .overdue: text = strings["overdue"]!
                case .paused: text = strings["paused"]!
                default: text = "\(strings["left"]!) \(words.duration(minutes: max(0, urgent.leftMinutes)))"
                }
            } else { text = "—" }
            return ["id": ticket.id, "title": ticket.title, "status": words.name(ticket.status, .status), "sla": text, "slaState": urgent?.state.rawValue ?? "none"]
        }
        overview["openTickets"] = open
        overview["hasOpenTickets"] = !open.isEmpty
        let unconfirmed = tickets.filter { $0.confirmed == false }.map {
            ["id": $0.id, "title": $0.title, "confirmLink": confirmLink($0.id)]
        }
        overview["unconfirmed"] = unconfirmed
        overview["hasUnconfirmed"] = !unconfirmed.isEmpty
        try render("overview", overview, to: "index.html")

        // Tickets.
        var list = base(strings["tickets"]!, root: "../")
        list["tickets"] = tickets.map { ticket -> [String: Any] in
            let charged = pricing.price(ticket).reduce(Money.zero) { $0 + $1.amount }
            return ["id": ticket.id, "title": ticket.title, "status": words.name(ticket.status, .status),
                    "created": ticket.created.map { words.day(Day($0, in: zone)) } ?? "",
                    "charged": format.string(charged)]
        }
        try render("tickets", list, to: "tickets/index.html")
        // Search with the morphology of `gitdesk search`: each ticket's parts (its description,
        // each message; each with the title) as Snowball stems, and every word form of the
        // client's text with its stem, so the page stems a query as the CLI does.
        let analyzer = Analyzer()
        var searchDocs: [SearchDoc] = []
        var vocabulary: [String: String] = [:]
        func stems(_ text: String) -> String {
            Analyzer.words(text).map { word in
                let form = word.word.lowercased().replacingOccurrences(of: "ё", with: "е")
                if let known = vocabulary[form] { return known }
                let stem = analyzer.term(word.word)
                vocabulary[form] = stem
                return stem
            }.joined(separator: " ")
        }
        let billableKinds = desk.config.billableKinds
        for ticket in tickets {
            var page = base("\(ticket.id): \(ticket.title)", root: "../")
            page["status"] = words.name(ticket.status, .status)
            page["priority"] = ticket.priority.map { words.name($0, .priority) }
            page["created"] = ticket.created.map { words.time($0, in: zone) }
            page["test"] = ticket.test.map { words.name($0.result, .test) } ?? strings["noTest"]!
            page["descriptionHTML"] = Markdown.html(ticket.description)
            if ticket.confirmed == false { page["confirmLink"] = confirmLink(ticket.id) }
            page["messages"] = ticket.messages.map { message -> [String: Any] in
                let author = message.isFromClient ? (message.author ?? client.name) : staffName(message.from)
                return ["at": message.at.map { words.time($0, in: zone) } ?? "",
                        "author": author, "bodyHTML": Markdown.html(message.body)]
            }
            page["history"] = (timelines[ticket.id]?.spans ?? []).enumerated().map { index, span -> [String: Any] in
                ["at": words.time(span.from, in: zone),
                 "from": index == 0 ? "—" : words.name(timelines[ticket.id]!.spans[index - 1].status, .status), "to": words.name(span.status, .status)]
            }
            let priced = pricing.price(ticket)
            // Each line at what stands after the client's disputes, and so the total.
            let states = priced.map { $0.state(account.disputes) }
            page["work"] = zip(priced, states).filter { $0.0.billable }.map { p, state -> [String: Any] in
                let line = p.line.value
                var row: [String: Any] = ["date": words.day(line.date), "person": staffName(line.login), "duration": words.duration(line.duration),
                                          "amount": format.string(state.standing), "note": line.note, "state": words.state(state)]
                if state.isDisputable, let id = line.id { row["disputeLink"] = disputeLink(id, ticket: ticket.id) }
                return row
            }
            page["charged"] = format.string(states.reduce(.zero) { $0 + $1.standing })
            let free = priced.filter { !$0.billable }.reduce(0) { $0 + $1.line.value.duration.minutes }
            page["notCharged"] = free > 0 ? words.duration(minutes: free) : nil
            try render("ticket", page, to: "tickets/\(ticket.id).html")
            let text = ([ticket.description] + ticket.messages.map(\.body)).map(Markdown.plainText).joined(separator: " ")
            // The parts `gitdesk search` indexes as documents: the description, each message
            // and the notes of the billable work (the page shows them).
            let notes = SearchIndex.clientWorkNotes(ticket, billableKinds: billableKinds)
            let parts = ([ticket.description] + ticket.messages.map(\.body)).map(Markdown.plainText) + (notes.isEmpty ? [] : [notes.joined(separator: "\n")])
            searchDocs.append(SearchDoc(t: "\(ticket.id): \(ticket.title)", u: "tickets/\(ticket.id).html", x: String(text.prefix(2000)),
                                        p: parts.map { stems(ticket.title + " " + $0) }))
        }

        // Transactions.
        var transactions = base(strings["transactions"]!, root: "")
        let settled = account.settledCharges(by: account.movements)
        transactions["rows"] = account.movements.reversed().map { m -> [String: Any] in
            // A charge keeps its amount here (a settlement's credit is a row of its own) and
            // says what stands of it.
            let state = m.isCharge ? account.state(of: m) : nil
            var row: [String: Any] = [
                "id": m.id ?? "", "date": words.day(m.date), "type": strings[m.source == .work ? "workType" : m.source.rawValue]!,
                "duration": m.minutes.map { words.duration(minutes: $0) } ?? "", "amount": format.string(m.amount),
                "note": words.note(of: m, settled: settled), "state": state.map { words.state($0, standing: true) } ?? "",
            ]
            if let ticket = m.ticket { row["ticket"] = ticket }
            if let id = m.id, state?.isDisputable == true {
                row["disputeLink"] = disputeLink(id, ticket: m.ticket)
            }
            return row
        }
        try render("transactions", transactions, to: "transactions.html")

        // Statements: every month from the first movement to the last, and the current
        // period. (Not every month up to "now": a commit dated in the year 9998 would make
        // ninety thousand empty statements.)
        var months: [Period] = []
        if let first = account.movements.first?.date, let last = account.movements.last?.date {
            let end = min(currentPeriod.first, Period.month(of: last).first)
            var month = Period.month(of: first)
            while month.first <= end {
                months.append(month)
                month = Period.month(of: month.last.adding(days: 1))
            }
            if months.last != currentPeriod, currentPeriod.first > end { months.append(currentPeriod) }
        }
        var index = base(strings["statements"]!, root: "../")
        index["periods"] = months.reversed().map { month -> [String: Any] in
            ["period": words.period(month), "file": month.label, "closing": format.string(account.balance(asOf: month.last))]
        }
        try render("statements", index, to: "statements/index.html")
        for month in months {
            let statement = Statement(account: account, period: month, desk: desk)
            var page = base("\(strings["statement"]!): \(words.period(month))", root: "../")
            page.merge(Self.statementContext(statement, words: words, staffName: staffName)) { $1 }
            try render("statement", page, to: "statements/\(month.label).html")
        }

        // Acts and invoices: a list, and each as the page it prints as.
        if !acts.isEmpty || !invoices.isEmpty {
            let documentWords = words.table(DocumentWord.self)
            var index = base(strings["documents"]!, root: "../")
            index["d"] = documentWords
            index["acts"] = acts.reversed().map { act -> [String: Any] in
                ["title": words[DocumentWord.actFor, String(act.number), words.day(act.date)], "file": "act-\(act.year)-\(zeroPadded(act.number, 4))",
                 "period": act.period.flatMap(Period.init).map(words.period) ?? "", "amount": format.string(act.amount)]
            }
            index["invoices"] = invoices.reversed().map { invoice -> [String: Any] in
                ["title": words[DocumentWord.invoiceFor, String(invoice.number), words.day(invoice.date)], "file": "invoice-\(invoice.year)-\(zeroPadded(invoice.number, 4))",
                 "amount": format.string(invoice.amount),
                 "state": words[Invoice.isPaid(invoice, by: account.movements) ? DocumentWord.paid : DocumentWord.open]]
            }
            index["hasActs"] = !acts.isEmpty
            index["hasInvoices"] = !invoices.isEmpty
            try render("documents", index, to: "documents/index.html")
            for document in acts {
                guard let period = document.period.flatMap(Period.init) else { continue }
                let act = Act(statement: Statement(account: account, period: period, desk: desk), number: document.number, desk: own, words: words)
                var page = base(words[DocumentWord.actFor, String(act.number), words.day(act.date)], root: "../")
                page.merge(Self.actContext(act, firm: desk.config.firm, client: client, words: words)) { $1 }
                page["embedded"] = true
                try render("act", page, to: "documents/act-\(document.year)-\(zeroPadded(document.number, 4)).html")
            }
            for document in invoices {
                let invoice = Invoice(document: document, config: desk.config)
                var page = base(words[DocumentWord.invoiceFor, String(invoice.number), words.day(invoice.date)], root: "../")
                page.merge(try Self.invoiceContext(invoice, firm: desk.config.firm, client: client, paid: Invoice.isPaid(document, by: account.movements), words: words)) { $1 }
                page["embedded"] = true
                try render("invoice", page, to: "documents/invoice-\(document.year)-\(zeroPadded(document.number, 4)).html")
            }
        }

        // Search: the page, a manifest and sharded plain-script indexes.
        try render("search", base(strings["search"]!, root: ""), to: "search.html")
        let shardSize = 200
        let shards = stride(from: 0, to: searchDocs.count, by: shardSize).map { Array(searchDocs[$0..<min($0 + shardSize, searchDocs.count)]) }
        let labels = try jsonText(["found": strings["found"]!])
        output["search/manifest.js"] = Data(("window.gitdeskSearch = window.gitdeskSearch || {};\nwindow.gitdeskSearch.shards = \(shards.count);\n"
            + "window.gitdeskSearchLabels = \(labels);\nwindow.gitdeskSearchStems = \(try jsonText(vocabulary));\n").utf8)
        for (n, shard) in shards.enumerated() {
            output["search/shard-\(n).js"] = Data("window.gitdeskSearch.add(\(try jsonText(shard)));\n".utf8)
        }
        for (path, text) in assets { output[path] = Data(text.utf8) }
        return SiteFolder(client: client.slug, name: Self.folderName(client), files: output, digest: "")
    }

    /// One ticket in the site's search index: title, link, text for the result, and its
    /// parts as stems.
    struct SearchDoc: Encodable {
        let t, u, x: String
        let p: [String]
    }

    /// JSON safe to embed in a script: `<`, `>` and `&` escaped so no text can close the tag.
    private func jsonText(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026").replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }
}
