import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskMoney

/// A desk checked through the index: the settings and cards (a few thousand small files)
/// read, the ticket folders a change touches read, and every other folder answered by its
/// record (`FolderFacts`, kept per folder tree). What every write, the pre-commit hook and
/// `check` use.
public struct CheckedChange {
    /// The cards, ledgers and disputes, and the tickets of the folders the change touches.
    public let desk: Desk
    /// What refuses the change, by one rule: a finding in a ticket folder the change
    /// touches, in the settings, cards, ledgers or disputes, in a folder whose references
    /// the change breaks, or against a desk-wide rule (transaction IDs unique, every dispute
    /// naming a transaction of its client, the total within what gitdesk adds up exactly).
    /// For a whole desk: every finding.
    public let findings: [Finding]
    /// Every transaction ID of the desk.
    public let transactionIDs: any IDSet
    /// The clients whose money the change can move: those of the tickets, ledgers, disputes
    /// and client cards it touches (for the seal check); every client for a whole desk.
    public let clients: Set<String>
    /// The tree checked.
    public let tree: ObjectID
    /// Every folder's record in that tree.
    let records: [FolderFacts]

    /// Every ticket's work log in the tree checked (whether written or not).
    public var workFiles: [String] { records.flatMap { $0.tickets.map(\.workFile) } }
}

extension DeskRepository {
    /// Checks the desk `tree` holds as `base` changed into it by the files `changed`. With
    /// no base (a first commit) or changed settings, the whole desk is checked. `baseCards`,
    /// the cards of `base` when the caller read them, are used when the change leaves them.
    /// `persist: false` keeps the records of the few folders the change touched in memory
    /// only (a tree that git, not gitdesk, is about to commit: the next command saves them);
    /// records read for a whole desk (a cold or outdated index) are saved all the same.
    /// - Parameter byWriter: the change is gitdesk's own write (`close` appends a seal line and
    ///   tags it right after the commit), not a commit a person made.
    public func checkChange(tree: ObjectID, base: ObjectID?, changed: [String], baseCards: Desk? = nil, persist: Bool = true, byWriter: Bool = false) throws -> CheckedChange {
        let snapshot = try self.snapshot(tree: tree)
        let keepsCards = changed.allSatisfy { $0.hasPrefix("tickets/") }
        let cards = try (keepsCards ? baseCards : nil) ?? self.cards(in: snapshot)
        guard let base, !changed.contains("gitdesk.yml") else { return try checkDesk(snapshot: snapshot, cards: cards, tree: tree) }

        // The ticket folders touched are read whole (a ticket's files are checked together);
        // a stray file under tickets/ is read so that it is reported.
        var files: [DeskFile] = []
        for path in changed where path.hasPrefix("tickets/") && TicketPath(path) == nil {
            if let blob = try git({ try repository.entryID(path: path, inTree: tree) }) { files.append(DeskFile(path: path, key: blob.hex)) }
        }
        for folder in Set(changed.compactMap { TicketPath($0)?.folder }).sorted() {
            guard let id = try git({ try repository.entryID(path: folder, inTree: tree) }),
                  let below = try? repository.files(below: id, pathPrefix: folder + "/") else { continue }
            files += below.map(\.deskFile)
        }
        let (tickets, ticketFindings) = DeskLoader(blobs: files, in: repository, scope: .full).loadTickets(cards: cards)
        var desk = cards
        desk.tickets = [:]
        for ticket in tickets { desk.tickets[ticket.id] = ticket }

        let records = try summaries(FolderFacts.self, in: snapshot, cards: cards, persist: persist)
        // The IDs the change writes: its tickets' and, when it writes a ledger, the ledgers'.
        var written = Set(tickets.flatMap { $0.work.compactMap(\.value.id) })
        if changed.contains(where: { $0.hasPrefix("ledger/") }) {
            for ledger in cards.ledgers.values { for line in ledger.lines { if let id = line.value.id { written.insert(id) } } }
        }
        var findings = cards.findings + ticketFindings + (try deskWideFindings(records, cards: cards, tree: tree, candidates: written))
        if changed.contains(where: { ["clients/", "staff/", "projects/"].contains(where: $0.hasPrefix) }) {
            // Changed cards: folders whose references resolved before and no longer do.
            let oldCards = try self.cards(in: try self.snapshot(tree: base))
            let old = DeskValidator(desk: oldCards), new = DeskValidator(desk: cards)
            let broken = zip(snapshot.ticketFolders, records).filter { !$1.referencesResolve(new) && $1.referencesResolve(old) }.map(\.0)
            findings += try referenceFindings(inFolders: broken, tree: tree, cards: cards)
            // A new client gets a site token from the start: its site is never at its name.
            if !cards.config.sitePublicNames {
                var generator = SystemRandomNumberGenerator()
                findings += cards.clients.values.filter { $0.siteToken == nil && oldCards.clients[$0.slug] == nil }
                    .map { Finding(file: $0.file, .newClientWithoutSiteToken($0.slug, suggested: SiteToken.generate(using: &generator))) }
            }
        }
        // A ticket folder belongs to the client of its prefix (a ticket of another client there is a finding).
        let byPrefix = Dictionary(cards.clients.values.map { ($0.prefix, $0.slug) }, uniquingKeysWith: min)
        var clients = Set(tickets.map(\.client))
        for path in changed {
            if let ticket = TicketPath(path), let client = byPrefix[String(ticket.group)] { clients.insert(client) }
            for area in ["ledger/", "disputes/", "clients/"] where path.hasPrefix(area) && path.hasSuffix(".md") {
                clients.insert(String(path.dropFirst(area.count).dropLast(3)))
            }
        }
        // Overrides of sealed periods concern every client.
        if changed.contains(where: { $0.hasPrefix("audit/") }) { clients = Set(cards.clients.keys) }
        // The seals the history remembers stay, whatever the file and the tags say now: a
        // record removed, a tag deleted or moved, a line added that no seal made is refused.
        let known = try knownSeals(cards: cards)
        var sealedByThisWrite = Set<String>()
        if changed.contains(SealRecord.file) {
            let before = try (baseCards ?? self.cards(in: try self.snapshot(tree: base))).sealRecords
            if !cards.sealRecords.map(\.value).starts(with: before.map(\.value)) {
                findings.append(Finding(file: SealRecord.file, .sealRecordsOnlyGrow(SealRecord.file)))
            }
            // `close` tags the line it appends right after its commit.
            if byWriter { sealedByThisWrite = Set(cards.sealRecords.dropFirst(before.count).map { Seal.tagName(period: $0.value.period, client: $0.value.client) }) }
        }
        findings += (sealRecordProblems(cards: cards, seals: known.seals, rebuilt: known.rebuilt) + known.problems)
            .filter { !sealedByThisWrite.contains($0.tag) }.map(\.finding)
        // Money the change moves into a sealed period is refused now, not found by the next check.
        let seals = known.seals
        if !clients.isEmpty, !seals.isEmpty {
            let clientFindings = records.flatMap(\.findings).filter { $0.client.map(clients.contains) == true && FolderFacts.concernsMoney($0) }
            var money = try self.desk(records: records, tree: tree, cards: cards) { clients.contains($0.client) }
            money.findings = findings + clientFindings
            findings += sealFindings(seals, in: money, clients: clients)
        }
        return CheckedChange(desk: desk, findings: Array(Set(findings)).sorted(), transactionIDs: TransactionIDIndex(records: records, ledgers: cards.ledgers),
                             clients: clients, tree: tree, records: records)
    }

    /// Checks the whole desk a commit holds, every finding, through the index: a warm run reads
    /// the cards and the folder records, and reads again only the folders that changed or
    /// whose references no longer resolve.
    public func checkDesk(atCommit commit: ObjectID) throws -> CheckedChange {
        try checkDesk(tree: try git { try repository.commit(commit).tree })
    }

    /// The same for a tree (the working tree or the index written as one).
    public func checkDesk(tree: ObjectID) throws -> CheckedChange {
        let snapshot = try self.snapshot(tree: tree)
        return try checkDesk(snapshot: snapshot, cards: try cards(in: snapshot), tree: tree)
    }

    private func checkDesk(snapshot: Snapshot, cards: Desk, tree: ObjectID) throws -> CheckedChange {
        let (records, deskFindings) = try deskFindings(snapshot: snapshot, cards: cards, tree: tree, moneyOnly: false)
        let sealed = try sealCheck(cards: cards) {
            var money = try desk(records: records, tree: tree, cards: cards) { cards.clients[$0.client] != nil }
            money.findings = deskFindings.filter(FolderFacts.concernsMoney)
            return money
        }
        return CheckedChange(desk: cards, findings: Array(Set(deskFindings + sealed)).sorted(), transactionIDs: TransactionIDIndex(records: records, ledgers: cards.ledgers),
                             clients: Set(cards.clients.keys), tree: tree, records: records)
    }

    /// Every folder's record, and every finding of the desk (`moneyOnly`: those a read of
    /// what money is made of finds) through them.
    private func deskFindings(snapshot: Snapshot, cards: Desk, tree: ObjectID, moneyOnly: Bool) throws -> ([FolderFacts], [Finding]) {
        let records = try summaries(FolderFacts.self, in: snapshot, cards: cards)
        let validator = DeskValidator(desk: cards)
        let unresolved = zip(snapshot.ticketFolders, records).filter { !$1.referencesResolve(validator) }.map(\.0)
        let strays = snapshot.ticketEntries.filter { !$0.isTree }.map { DeskFile(path: "tickets/" + $0.name, key: $0.id.hex) }
        var folderFindings = records.flatMap(\.findings) + (try referenceFindings(inFolders: unresolved, tree: tree, cards: cards))
        if moneyOnly { folderFindings = folderFindings.filter(FolderFacts.concernsMoney) } else { folderFindings += records.flatMap(\.undocumented) }
        let findings = cards.findings + folderFindings
            + DeskLoader(blobs: strays, in: repository, scope: .full).loadTickets(cards: cards).findings
            + (try deskWideFindings(records, cards: cards, tree: tree, candidates: nil))
        return (records, Array(Set(findings)).sorted())
    }

    /// A client's money as of a commit, read through the index: the cards, the client's
    /// tickets (found by the folder records wherever they are) and every finding a read of
    /// the whole desk's money makes, so a statement is refused exactly when it would be
    /// without the index.
    public func moneyDesk(forClient client: String, atCommit commit: ObjectID) throws -> Desk {
        let (cards, folders) = try records(atCommit: commit, moneyOnly: true)
        return try desk(ofClient: client, records: folders, cards: cards, atCommit: commit)
    }

    /// The cards and one client's tickets, read whole, as of a commit whose folder records
    /// were read before (`records(atCommit:moneyOnly:)`): a command over every client reads
    /// one client's tickets at a time.
    public func desk(ofClient client: String, records: [FolderFacts], cards: Desk, atCommit commit: ObjectID) throws -> Desk {
        try desk(records: records, tree: try git { try repository.commit(commit).tree }, cards: cards) { $0.client == client }
    }

    /// The cards and every ticket of one project as of a commit, wherever the folder records
    /// find them: what the project's wiki is made of.
    public func desk(ofProject project: String, atCommit commit: ObjectID) throws -> Desk {
        let tree = try git { try repository.commit(commit).tree }
        let snapshot = try self.snapshot(tree: tree)
        let cards = try self.cards(in: snapshot)
        return try desk(records: try summaries(FolderFacts.self, in: snapshot, cards: cards), tree: tree, cards: cards) { $0.project == project }
    }

    /// The cards and every folder's record as of a commit, through the index: what `list`,
    /// `report` and `plan` answer from. The cards carry every finding a read of the whole
    /// desk makes (`moneyOnly`: of what money is made of), so a command refuses or warns
    /// exactly when it would without the index.
    public func records(atCommit commit: ObjectID, moneyOnly: Bool) throws -> (cards: Desk, folders: [FolderFacts]) {
        let tree = try git { try repository.commit(commit).tree }
        let snapshot = try self.snapshot(tree: tree)
        var cards = try self.cards(in: snapshot, scope: moneyOnly ? .money : .full)
        let (records, findings) = try deskFindings(snapshot: snapshot, cards: cards, tree: tree, moneyOnly: moneyOnly)
        cards.findings = findings
        return (cards, records)
    }

    /// The cards and the tickets the folder records select, read whole.
    func desk(records: [FolderFacts], tree: ObjectID, cards: Desk, selecting: (FolderFacts.TicketFacts) -> Bool) throws -> Desk {
        var desk = cards
        desk.tickets = [:]
        let folders = records.flatMap(\.tickets).filter(selecting).map(\.folder)
        for ticket in try tickets(inFolders: folders, tree: tree, cards: cards) { desk.tickets[ticket.id] = ticket }
        return desk
    }

    /// The desk-wide rules over every folder's record and the ledgers: transaction IDs
    /// unique (of `candidates` only, when given: the IDs a change writes; the tickets
    /// holding a duplicate are read, to say where each copy is), every dispute naming a
    /// transaction of its client, the total bounded (estimated from the records at the
    /// highest rates; past the bound the whole desk says exactly where).
    private func deskWideFindings(_ records: [FolderFacts], cards: Desk, tree: ObjectID, candidates: Set<String>?) throws -> [Finding] {
        let rules = DeskValidator(desk: cards)
        let disputed = Set(cards.disputes.values.flatMap { $0.map(\.value.transaction) })
        let ledgers = cards.ledgers.values.sorted(by: { $0.client < $1.client })
        // Tickets' fields are read in place (a copy of each ticket's record retains its strings).
        func forEachID(_ body: (String) -> Void) {
            for record in records.indices {
                for ticket in records[record].tickets.indices { for (id, _) in records[record].tickets[ticket].transactions { body(id) } }
            }
            for ledger in ledgers { for line in ledger.lines { if let id = line.value.id { body(id) } } }
        }
        // Compared as strings only where they may repeat: the candidates, or the IDs whose
        // hashes repeat (a set of every ID as a string was most of this rule's time).
        var mayRepeat: ((String) -> Bool)?
        if let candidates {
            // A change writes a handful of IDs: the desk's are hashed as integers and only
            // one whose hash is a candidate's is compared as a string.
            let hashes = Set(candidates.map(DeskValidator.idHash))
            if !candidates.isEmpty { mayRepeat = { hashes.contains(DeskValidator.idHash($0)) && candidates.contains($0) } }
        } else {
            var hashes: [UInt64] = []
            hashes.reserveCapacity(records.reduce(0) { $0 + $1.tickets.reduce(0) { $0 + $1.transactions.count } })
            forEachID { hashes.append(DeskValidator.idHash($0)) }
            let repeated = DeskValidator.repeatedHashes(&hashes)
            if !repeated.isEmpty { mayRepeat = { repeated.contains(DeskValidator.idHash($0)) } }
        }
        var seen = Set<String>(), duplicates = Set<String>()
        if let mayRepeat { forEachID { id in if mayRepeat(id), !seen.insert(id).inserted { duplicates.insert(id) } } }
        var owners: DeskValidator.TransactionOwners = [:]
        var total: Int64 = 0
        let highestRates = Dictionary(uniqueKeysWithValues: cards.clients.keys.map { ($0, rules.highestRate($0)) })
        for record in records.indices {
            for index in records[record].tickets.indices {
                let client = records[record].tickets[index].client
                if !disputed.isEmpty {
                    for (id, minutes) in records[record].tickets[index].transactions where disputed.contains(id) { owners[id] = (client, minutes) }
                }
                // At least the exact per-line sum (which adds one minor unit per line).
                let (minutes, lines) = (records[record].tickets[index].minutes, records[record].tickets[index].lines)
                let (amount, overflow) = (highestRates[client] ?? rules.highestRate(client)).multipliedReportingOverflow(by: Int64(minutes))
                total = overflow ? Int64.max : Money.bounded(total, adding: amount / 60 + Int64(lines)) ?? Int64.max
            }
        }
        for ledger in ledgers {
            for line in ledger.lines {
                total = Money.bounded(total, adding: line.value.amount.minor) ?? Int64.max
                if let id = line.value.id, disputed.contains(id) { owners[id] = (ledger.client, nil) }
            }
        }
        var findings = rules.disputeFindings(owners: owners)
        if !duplicates.isEmpty {
            let holders = records.flatMap(\.tickets).filter { $0.transactions.contains { duplicates.contains($0.id) } }.map { TicketID.folder(of: $0.ticket) }
            var located = cards
            for ticket in try tickets(inFolders: Array(Set(holders)).sorted(), tree: tree, cards: cards) { located.tickets[ticket.id] = ticket }
            findings += DeskValidator(desk: located).duplicateTransactionIDs()
        }
        if total > Money.deskBound {
            findings += DeskValidator(desk: try desk(atTree: tree, scope: .money)).moneyBoundFindings()
        }
        return findings
    }

    /// The findings about references to the cards in some `tickets/PREFIX` folders, read again.
    private func referenceFindings(inFolders folders: [String], tree: ObjectID, cards: Desk) throws -> [Finding] {
        guard !folders.isEmpty else { return [] }
        return try tickets(inFolders: folders, tree: tree, cards: cards).flatMap(DeskValidator(desk: cards).referenceFindings)
    }

    /// The cards and every ticket of some clients in the tree a check read: enough for their
    /// statements.
    public func desk(ofClients clients: Set<String>, in checked: CheckedChange) throws -> Desk {
        try desk(records: checked.records, tree: checked.tree, cards: checked.desk) { clients.contains($0.client) }
    }

    /// One ticket of a tree, read from its folder alone against `cards`.
    public func ticket(_ id: String, tree: ObjectID, cards: Desk) throws -> Ticket {
        guard TicketID.isValid(id) else { throw DeskError.usage(.notATicketID(id)) }
        guard let ticket = try tickets(inFolders: [TicketID.folder(of: id)], tree: tree, cards: cards).first(where: { $0.id == id }) else {
            if try git({ try repository.entryID(path: TicketID.folder(of: id), inTree: tree) }) != nil {
                throw DeskError.refused(.ticketDoesNotRead(id))
            }
            throw DeskError.notFound(.noTicket(id))
        }
        return ticket
    }

    /// The cards at HEAD and one ticket: what a command about one ticket reads.
    public func deskWithTicket(_ id: String) throws -> (desk: Desk, ticket: Ticket) {
        let tree = try git { try repository.commit(try resolve("HEAD")).tree }
        let cards = try self.cards(in: try snapshot(tree: tree))
        let ticket = try self.ticket(id, tree: tree, cards: cards)
        var desk = cards
        desk.tickets[id] = ticket
        return (desk, ticket)
    }

    /// The tickets in some folders (`tickets/PREFIX/ID`) of a tree, read afresh on every
    /// core; a folder that is gone, or whose ticket does not load, gives none.
    func tickets(inFolders folders: [String], tree: ObjectID, cards: Desk) throws -> [Ticket] {
        try parallelMap(folders) { handle, folder -> [Ticket] in
            guard let id = try handle.entryID(path: folder, inTree: tree),
                  let files = try? handle.files(below: id, pathPrefix: folder + "/") else { return [] }
            return DeskLoader(blobs: files.map(\.deskFile), in: handle, scope: .full).loadTickets(cards: cards).tickets
        }.flatMap { $0 }
    }

    /// The working tree as a tree object: the index's tree with every file that differs from
    /// the index (modified, added, deleted) written as it is on disk, so that a check of
    /// the working tree reads only what changed. Symbolic links are left out and returned
    /// as findings (gitdesk follows no link).
    public func workingTree() throws -> (tree: ObjectID, findings: [Finding]) {
        let staged = try StagedDesk(store: self, environment: [:]).tree()
        var files: [String: Data?] = [:]
        var findings: [Finding] = []
        let scanned = try git { try repository.workingTreeChanges(remembering: rememberedListings) }
        if !scanned.unchanged { try? saveListings(scanned.listings) }
        // A killed writer's temporary file is no file of the desk (the next writer removes it).
        for path in scanned.paths where !WriteInProgress.isLeftover(String(path.split(separator: "/").last ?? "")) {
            if SymbolicLinks.first(in: path, below: root, includingLast: true) != nil {
                findings.append(Finding(file: path, .symbolicLinkInDesk))
                files[path] = .some(nil)
                continue
            }
            files[path] = .some(try? Data(contentsOf: URL(fileURLWithPath: root + path)))
        }
        let tree = files.isEmpty ? staged : try git { try repository.tree(staged, updating: files) }
        return (tree, findings)
    }
}

extension DeskRepository {
    /// The working tree's folders as the last scan listed them (`DeskIndex.Part.workingTree`).
    func rememberedListings() -> FolderListings {
        guard var reader = deskIndex.read(.workingTree) else { return FolderListings() }
        var folders: [String: FolderListings.Listing] = [:]
        do {
            let count = try reader.count()
            folders.reserveCapacity(count.count)
            for _ in count {
                let folder = try reader.string()
                let (modified, changed, inode, indexed) = (try reader.int(), try reader.int(), try reader.int(), try reader.int())
                let untracked = try (try reader.count()).map { _ in try reader.string() }
                // A name, never a path: what is listed is read from the working tree.
                guard untracked.allSatisfy(FolderListings.isEntryName) else { return FolderListings() }
                folders[folder] = FolderListings.Listing(modified: Int64(modified), changed: Int64(changed), inode: UInt64(bitPattern: Int64(inode)),
                                                         indexed: UInt64(bitPattern: Int64(indexed)), untracked: untracked)
            }
        } catch {
            return FolderListings()
        }
        return FolderListings(folders: folders)
    }

    func saveListings(_ listings: FolderListings) throws {
        var writer = BinaryWriter(for: .workingTree, capacity: listings.folders.count * 48)
        writer.int(listings.folders.count)
        for (folder, listing) in listings.folders.sorted(by: { $0.key < $1.key }) {
            writer.string(folder)
            for value in [listing.modified, listing.changed, Int64(bitPattern: listing.inode), Int64(bitPattern: listing.indexed)] { writer.int(Int(value)) }
            writer.int(listing.untracked.count)
            listing.untracked.forEach { writer.string($0) }
        }
        try deskIndex.write(.workingTree, &writer)
    }
}

extension DeskRepository.Snapshot {
    /// The `tickets/PREFIX` folders, in the order of the folder records.
    var ticketFolders: [String] { ticketEntries.filter(\.isTree).map { "tickets/" + $0.name } }
}

/// Every transaction ID of a desk, answered from the folder records and the ledgers without
/// building a set of them (a write asks about a handful of new IDs; a desk has millions).
public struct TransactionIDIndex: IDSet {
    let records: [FolderFacts]
    let ledgers: [String: Ledger]

    public func contains(_ id: String) -> Bool {
        records.contains { $0.tickets.contains { $0.transactions.contains { $0.id == id } } }
            || ledgers.values.contains { $0.lines.contains { $0.value.id == id } }
    }
}
