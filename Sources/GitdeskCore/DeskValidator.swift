/// Cross-file rules of a desk: references resolve, IDs are unique, tickets belong to the
/// client their prefix names.
public struct DeskValidator {
    public let desk: Desk

    public init(desk: Desk) { self.desk = desk }

    /// Every rule: the cards', each ticket's and the transactions'.
    public func findings() -> [Finding] {
        cardFindings() + desk.sortedTickets.flatMap(ticketFindings) + transactionFindings()
    }

    /// Rules among the cards (settings, clients, staff, projects, ledgers), tickets aside.
    public func cardFindings() -> [Finding] {
        var findings: [Finding] = []
        findings += duplicatePrefixes()
        findings += duplicateEmails()
        findings += siteFolderFindings()
        for client in desk.clients.values {
            if let sla = client.sla, desk.config.sla.policies[sla] == nil {
                findings.append(Finding(file: client.file, .unknownSLAPolicy(sla, valid: desk.config.sla.policies.keys.sorted()), client: client.slug))
            }
            if let calendar = client.calendar, desk.config.calendars[calendar] == nil {
                findings.append(Finding(file: client.file, .unknownCalendar(calendar), client: client.slug))
            }
        }
        for project in desk.projects.values where desk.clients[project.client] == nil {
            findings.append(Finding(file: project.file, .unknownClient(project.client)))
        }
        for ledger in desk.ledgers.values where desk.clients[ledger.client] == nil {
            findings.append(Finding(file: ledger.file, .ledgerForUnknownClient(ledger.client)))
        }
        return findings + documentFindings()
    }

    /// Acts and invoices name known clients; a client has one act per month.
    func documentFindings() -> [Finding] {
        var findings: [Finding] = []
        var acts: [String: IssuedDocument] = [:]
        for document in desk.documents.sorted(by: { $0.file < $1.file }) {
            if desk.clients[document.client] == nil {
                findings.append(Finding(file: document.file, .documentForUnknownClient(document.client)))
            }
            guard document.kind == .act, let period = document.period else { continue }
            if let first = acts[document.client + " " + period] {
                findings.append(Finding(file: document.file, .actTwice(client: document.client, period: period, other: first.file), client: document.client))
            } else {
                acts[document.client + " " + period] = document
            }
        }
        return findings
    }

    /// Rules across tickets and ledgers: unique transaction IDs, disputes naming them.
    public func transactionFindings() -> [Finding] {
        duplicateTransactionIDs() + disputeFindings(owners: transactionOwners()) + moneyBoundFindings()
    }

    /// Every transaction at the client's highest rate, added up with checked arithmetic: a
    /// desk past `Money.deskBound` is refused at the line where it passes, so no sum a
    /// report makes can overflow.
    public func moneyBoundFindings() -> [Finding] {
        var total: Int64 = 0
        func add(_ amount: Int64, at location: SourceLocation, client: String?) -> Finding? {
            if let sum = Money.bounded(total, adding: amount) { total = sum; return nil }
            return Finding(file: location.file, line: location.line, .moneyBound(Money(minor: Money.deskBound).plain))
        }
        for ticket in desk.sortedTickets {
            let rate = highestRate(ticket.client)
            for line in ticket.work {
                let (amount, overflow) = rate.multipliedReportingOverflow(by: Int64(line.value.duration.minutes))
                if let finding = add(overflow ? Int64.max : amount / 60 + 1, at: line.location, client: ticket.client) { return [finding] }
            }
        }
        for ledger in desk.ledgers.values.sorted(by: { $0.client < $1.client }) {
            for line in ledger.lines {
                if let finding = add(line.value.amount.minor, at: line.location, client: ledger.client) { return [finding] }
            }
        }
        return []
    }

    /// The highest hourly rate a client's work can be billed at, in minor units: what the
    /// bound on the desk's total assumes for every line.
    public func highestRate(_ client: String) -> Int64 {
        ([desk.config.rate] + (desk.clients[client]?.rates.map(\.rate) ?? [])).map(\.minor).max() ?? 0
    }

    /// One ticket's problems against the settings and the cards.
    public func ticketFindings(_ ticket: Ticket) -> [Finding] {
        settingsFindings(ticket) + referenceFindings(ticket)
    }

    /// One ticket's problems against the settings alone: its status, priority, channel,
    /// category and its work's kinds.
    public func settingsFindings(_ ticket: Ticket) -> [Finding] {
        var findings: [Finding] = []
        /// A front-matter value the settings do not list (none is checked against an empty list).
        func check(_ key: String, _ value: String?, among valid: [String]?) {
            guard let value, let valid, !valid.isEmpty, !valid.contains(value) else { return }
            findings.append(Finding(file: ticket.file, line: ticket.document[key]?.line,
                                    .unknownValue(key: key, value: value, valid: valid), client: ticket.client))
        }
        check("status", ticket.status, among: desk.config.statuses)
        check("priority", ticket.priority, among: desk.config.priorities)
        check("channel", ticket.channel, among: desk.config.channels)
        check("category", ticket.category, among: desk.config.categories)
        for line in ticket.work where desk.config.kind(line.value.kind) == nil {
            findings.append(Finding(file: line.location.file, line: line.location.line,
                                    .unknownKind(line.value.kind, valid: desk.config.kinds.map(\.name)), client: ticket.client))
        }
        return findings
    }

    /// The knowledge base asks for it: a done ticket says how it was done (when the desk's
    /// `require-service-comment` is on).
    public func undocumentedFindings(_ ticket: Ticket) -> [Finding] {
        guard desk.config.requireServiceComment, ["done", "closed"].contains(ticket.status), !ticket.hasServiceComment else { return [] }
        return [Finding(file: ticket.file, line: ticket.document["status"]?.line, .doneWithoutServiceComment(status: ticket.status, file: ticket.folder + "/service.md"))]
    }

    /// The staff logins a ticket names: assignee, tester, who worked and whom they helped,
    /// who wrote its messages, who tested it.
    public static func logins(of ticket: Ticket) -> [String] {
        var logins = [ticket.document["assignee"]?.string, ticket.document["tester"]?.string, ticket.test?.tester].compactMap { $0 }
        for line in ticket.work { logins.append(line.value.login); if let colleague = line.value.colleague { logins.append(colleague) } }
        for message in ticket.messages where !message.isFromClient { logins.append(message.from) }
        return logins
    }

    /// Whether a ticket's client exists and owns its prefix, and its project exists and is
    /// the client's (with its logins on staff: no `referenceFindings`).
    public func referencesResolve(ticket: String, client: String, project: String?) -> Bool {
        guard let card = desk.clients[client], ticket.hasPrefix(card.prefix + "-") else { return false }
        return project.map { desk.projects[$0]?.client == client } ?? true
    }

    /// One ticket's references to the cards: its client and prefix, project, people.
    public func referenceFindings(_ ticket: Ticket) -> [Finding] {
        var findings: [Finding] = []
        let doc = ticket.document
        func finding(_ key: String, _ problem: Problem) -> Finding {
            Finding(file: ticket.file, line: doc[key]?.line, problem, client: ticket.client)
        }
        if let client = desk.clients[ticket.client] {
            if !ticket.id.hasPrefix(client.prefix + "-") {
                findings.append(finding("client", .prefixMismatch(id: ticket.id, client: ticket.client, prefix: client.prefix)))
            }
        } else {
            findings.append(finding("client", .unknownClient(ticket.client)))
        }
        if let project = ticket.project {
            if let card = desk.projects[project] {
                if card.client != ticket.client {
                    findings.append(finding("project", .projectOfOtherClient(project: project, owner: card.client, client: ticket.client)))
                }
            } else {
                findings.append(finding("project", .unknownProject(project)))
            }
        }
        for key in ["assignee", "tester"] {
            if let login = doc[key]?.string, desk.staff[login] == nil {
                findings.append(finding(key, .unknownPerson(key: key, login: login)))
            }
        }
        for line in ticket.work {
            let work = line.value
            func lineFinding(_ problem: Problem) -> Finding {
                Finding(file: line.location.file, line: line.location.line, problem, client: ticket.client)
            }
            if desk.staff[work.login] == nil { findings.append(lineFinding(.unknownLogin(work.login))) }
            if let colleague = work.colleague, desk.staff[colleague] == nil {
                findings.append(lineFinding(.unknownColleague(colleague)))
            }
        }
        for message in ticket.messages where !message.isFromClient && desk.staff[message.from] == nil {
            findings.append(Finding(file: message.file, line: 2, .messageFromUnknownLogin(message.from)))
        }
        if let tester = ticket.test?.tester, desk.staff[tester] == nil {
            findings.append(Finding(file: "\(ticket.folder)/test.md", .unknownTester(tester)))
        }
        return findings
    }

    /// Every transaction ID must be unique in the desk; a union merge of two differently
    /// edited copies of one line leaves the same ID twice, and that is never money.
    public func duplicateTransactionIDs() -> [Finding] {
        // First pass with a set (cheap); collect places only for the rare duplicates.
        var ids = Set<String>(minimumCapacity: desk.tickets.count * 10)
        var duplicates = Set<String>()
        for ticket in desk.tickets.values {
            for line in ticket.work { if let id = line.value.id, !ids.insert(id).inserted { duplicates.insert(id) } }
        }
        for ledger in desk.ledgers.values {
            for line in ledger.lines { if let id = line.value.id, !ids.insert(id).inserted { duplicates.insert(id) } }
        }
        guard !duplicates.isEmpty else { return [] }
        var seen: [String: [(SourceLocation, String?)]] = [:]
        for ticket in desk.tickets.values {
            for line in ticket.work { if let id = line.value.id, duplicates.contains(id) { seen[id, default: []].append((line.location, ticket.client)) } }
        }
        for ledger in desk.ledgers.values {
            for line in ledger.lines { if let id = line.value.id, duplicates.contains(id) { seen[id, default: []].append((line.location, ledger.client)) } }
        }
        return seen.flatMap { id, places -> [Finding] in
            let sorted = places.sorted { $0.0 < $1.0 }
            let all = sorted.map(\.0.description).joined(separator: ", ")
            return sorted.map { place, client in
                Finding(file: place.file, line: place.line, .duplicateTransaction(id: id, places: all), client: client)
            }
        }
    }

    /// Who holds each transaction a dispute names: the client, and the minutes of a work line.
    public typealias TransactionOwners = [String: (client: String, minutes: Int?)]

    private func transactionOwners() -> TransactionOwners {
        guard !desk.disputes.isEmpty else { return [:] }
        var owner: TransactionOwners = [:]
        for ticket in desk.tickets.values {
            for line in ticket.work { if let id = line.value.id { owner[id] = (ticket.client, line.value.duration.minutes) } }
        }
        for ledger in desk.ledgers.values { for line in ledger.lines { if let id = line.value.id { owner[id] = (ledger.client, nil) } } }
        return owner
    }

    /// Each dispute names a transaction of its client; a resolution follows an open dispute;
    /// an adjustment lowers a work line's duration.
    public func disputeFindings(owners owner: TransactionOwners) -> [Finding] {
        guard !desk.disputes.isEmpty else { return [] }
        var findings: [Finding] = []
        for (client, lines) in desk.disputes {
            if desk.clients[client] == nil { findings.append(Finding(file: "disputes/\(client).md", .disputesForUnknownClient(client))) }
            var open = Set<String>()
            for line in lines {
                let dispute = line.value
                func finding(_ problem: Problem) -> Finding {
                    Finding(file: line.location.file, line: line.location.line, problem, client: client)
                }
                guard let target = owner[dispute.transaction], target.client == client else {
                    findings.append(finding(.disputedTransactionMissing(id: dispute.transaction, client: client)))
                    continue
                }
                if dispute.action == .open {
                    if !open.insert(dispute.transaction).inserted { findings.append(finding(.alreadyDisputed(dispute.transaction))) }
                } else if open.remove(dispute.transaction) == nil {
                    findings.append(finding(.resolutionWithoutDispute(action: dispute.action.rawValue, id: dispute.transaction)))
                }
                if dispute.action == .adjust {
                    guard let minutes = target.minutes, let agreed = dispute.duration?.minutes, agreed < minutes else {
                        findings.append(finding(.adjustMustLower))
                        continue
                    }
                }
            }
        }
        return findings
    }

    /// A site token becomes part of a folder name: it must be a safe, secret name, and no two
    /// clients may end up with one folder (client `a-b…` without a token against client `a`
    /// with token `b…`), or one client's link would show the other's money.
    public func siteFolderFindings() -> [Finding] {
        var findings: [Finding] = []
        for client in desk.clients.values {
            if let token = client.siteToken, !SiteToken.isValid(token) {
                findings.append(Finding(file: client.file, .siteToken(client: client.slug), client: client.slug))
            }
        }
        let folders = Dictionary(grouping: desk.clients.values) { SiteToken.folder(slug: $0.slug, token: $0.siteToken) }
        for (folder, clients) in folders where clients.count > 1 {
            let names = clients.map(\.slug).sorted()
            for client in clients {
                findings.append(Finding(file: client.file, .sharedSiteFolder(clients: names, folder: folder), client: client.slug))
            }
        }
        return findings
    }

    private func duplicatePrefixes() -> [Finding] {
        Dictionary(grouping: desk.clients.values, by: \.prefix).filter { $0.value.count > 1 }.flatMap { prefix, clients in
            clients.map { Finding(file: $0.file, .duplicatePrefix(prefix), client: $0.slug) }
        }
    }

    private func duplicateEmails() -> [Finding] {
        Dictionary(grouping: desk.staff.values, by: { $0.email.lowercased() }).filter { $0.value.count > 1 }.flatMap { email, people in
            people.map { Finding(file: $0.file, .duplicateEmail(email)) }
        }
    }
}

extension DeskValidator {
    /// A transaction ID's 64-bit FNV-1a hash, stable across runs (Swift's `Hasher` is seeded
    /// per process): repeated IDs among millions are found by sorting integers, not by a set
    /// of strings.
    public static func idHash(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    /// The hashes that occur more than once in `hashes` (which are sorted): each a repeated
    /// ID or, rarely, two IDs of one hash, for an exact comparison to tell apart.
    public static func repeatedHashes(_ hashes: inout [UInt64]) -> Set<UInt64> {
        hashes.sort()
        return Set(zip(hashes, hashes.dropFirst()).filter { $0 == $1 }.map(\.0))
    }
}
