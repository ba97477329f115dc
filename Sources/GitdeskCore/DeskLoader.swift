import Foundation

/// One file of a desk snapshot: its path and a content key (the git blob id, or a digest of
/// the bytes for working-tree files). Equal keys mean equal bytes.
public struct DeskFile: Hashable, Sendable {
    public let path: String
    public let key: String
    public init(path: String, key: String) { self.path = path; self.key = key }
}

/// Parsed files remembered by content key, so a blob is parsed once per run however many
/// commits hold it (audit and `--as-of` walk many snapshots that share most blobs).
/// Entries restored from disk stay encoded until first asked for, so a command decodes only
/// what it reads, on the thread that reads it.
public final class ParseCache: @unchecked Sendable {
    /// An entry: its value once parsed or decoded, where its encoding lies in the bytes read
    /// from disk, and whether this run used it (read, parsed, or kept as part of a snapshot).
    final class Slot<Value> {
        var value: Value?
        let encoded: Range<Int>?
        var used = false
        init(value: Value?, encoded: Range<Int>?) { self.value = value; self.encoded = encoded }
    }

    var documents: [String: Slot<Result<MarkdownDocument, Finding>>] = [:]
    var workFiles: [String: Slot<([Located<WorkLine>], [Finding])>] = [:]
    var ledgerFiles: [String: Slot<([Located<LedgerLine>], [Finding])>] = [:]
    /// The cache file as read; the entries' encodings point into it.
    var stored: [UInt8] = []
    /// How many entries are marked used, and whether anything had to be parsed.
    private var usedCount = 0
    private(set) var parsedSomething = false
    private let lock = NSLock()

    public init() {}

    /// How many entries the cache holds.
    public var count: Int { documents.count + workFiles.count + ledgerFiles.count }

    /// Marks the files of a snapshot as current: their entries outlive the run even when
    /// this command did not need them (a money command skips conversations).
    func keep(_ keys: [String]) {
        lock.lock()
        for key in keys {
            if let slot = documents[key] { markUsed(slot) }
            if let slot = workFiles[key] { markUsed(slot) }
            if let slot = ledgerFiles[key] { markUsed(slot) }
        }
        lock.unlock()
    }

    private func markUsed<Value>(_ slot: Slot<Value>) {
        if !slot.used { slot.used = true; usedCount += 1 }
    }

    /// Whether the file on disk need not be rewritten: nothing was parsed, and every entry
    /// was used.
    var unchanged: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !parsedSomething && usedCount == count
    }

    /// Whether an entry outlives the run: used, and content-addressed (`<git blob id>:<path>`),
    /// which working-tree and pending files are not.
    func outlivesRun(_ key: String, used: Bool) -> Bool {
        used && key.utf8.count > 41 && key.first?.isHexDigit == true && key.dropFirst(40).first == ":"
    }

    func document(_ key: String, make: () -> Result<MarkdownDocument, Finding>) -> Result<MarkdownDocument, Finding> {
        memo(\.documents, key, decode: Self.readDocument, make)
    }

    func work(_ key: String, make: () -> ([Located<WorkLine>], [Finding])) -> ([Located<WorkLine>], [Finding]) {
        memo(\.workFiles, key, decode: Self.readWork, make)
    }

    func ledger(_ key: String, make: () -> ([Located<LedgerLine>], [Finding])) -> ([Located<LedgerLine>], [Finding]) {
        memo(\.ledgerFiles, key, decode: Self.readLedger, make)
    }

    /// The entry for `key`, decoded or made on first use. The table is named by key path, not
    /// passed `inout`: an inout access would span the unlocked decoding below.
    private func memo<T>(_ table: ReferenceWritableKeyPath<ParseCache, [String: Slot<T>]>, _ key: String,
                         decode: (inout BinaryReader) throws -> T, _ make: () -> T) -> T {
        lock.lock()
        let hit = self[keyPath: table][key]
        if let hit {
            markUsed(hit)
            if let value = hit.value { lock.unlock(); return value }
        }
        lock.unlock()
        // Decoding (or parsing) happens outside the lock, so workers do it side by side.
        var decoded: T?
        if let encoded = hit?.encoded {
            var reader = BinaryReader(bytes: stored, record: encoded)
            decoded = try? decode(&reader)
        }
        let value = decoded ?? make()
        lock.lock()
        if let hit {
            hit.value = value
            if decoded == nil { parsedSomething = true }
        } else if self[keyPath: table][key] == nil {
            let slot = Slot(value: value, encoded: nil)
            self[keyPath: table][key] = slot
            markUsed(slot)
            parsedSomething = true
        }
        lock.unlock()
        return value
    }
}

/// Reads a desk from a list of files and a way to read their bytes. Collects every problem
/// as a finding instead of stopping at the first, so `check` can report them all.
public final class DeskLoader {
    public let files: [DeskFile]
    public let read: (DeskFile) throws -> Data
    public let cache: ParseCache

    /// What a command needs: everything, or only what money is made of (cards, tickets,
    /// work logs, ledgers, disputes) — conversations, service comments, test cases and wiki
    /// pages are then neither read nor checked.
    public enum Scope: Sendable { case full, money }
    public let scope: Scope

    public init(files: [DeskFile], cache: ParseCache = ParseCache(), scope: Scope = .full, read: @escaping (DeskFile) throws -> Data) {
        self.scope = scope
        self.files = files
        self.read = read
        self.cache = cache
    }

    /// The whole desk: cards, tickets and every cross-file rule.
    public func load() throws -> Desk {
        let cards = try loadCards()
        return Self.assemble(cards: cards, tickets: [loadTickets(cards: cards)])
    }

    /// The desk from its cards and its tickets read in parts (`loadTickets` over groups of
    /// folders, perhaps on several threads), with the rules across tickets applied.
    public static func assemble(cards: Desk, tickets parts: [(tickets: [Ticket], findings: [Finding])]) -> Desk {
        var desk = cards
        for part in parts {
            for ticket in part.tickets { desk.tickets[ticket.id] = ticket }
            desk.findings += part.findings
        }
        desk.findings += DeskValidator(desk: desk).transactionFindings()
        desk.findings.sort()
        return desk
    }

    /// Settings and every file outside `tickets/` (cards, ledgers, disputes, overrides), with
    /// their own problems and the rules among them; the desk has no tickets.
    public func loadCards() throws -> Desk {
        var findings: [Finding] = []
        var config = DeskConfig()
        let cardFiles = files.filter { !$0.path.hasPrefix("tickets/") }
        let byPath = Dictionary(cardFiles.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        if let file = byPath["gitdesk.yml"] {
            do { config = try DeskConfig.parse(try text(of: file, limit: limit)) } catch let finding as Finding {
                findings.append(finding)
            }
            findings += config.findings
            limit = config.maxFileSize
            for path in Set([config.holidaysFile] + config.calendars.values.map(\.holidaysFile)).compactMap({ $0 }) {
                guard let icsFile = byPath[path] else {
                    findings.append(Finding(file: "gitdesk.yml", .holidaysFileOutside(path: path)))
                    continue
                }
                guard let ics = try? text(of: icsFile, limit: limit) else {
                    findings.append(Finding(file: path, .holidaysFileUnreadable))
                    continue
                }
                do {
                    if config.holidaysFile == path { config.days.formUnion(try ICalendar.days(ics, zone: config.timezone, file: path)) }
                    for (name, settings) in config.calendars where settings.holidaysFile == path {
                        config.calendars[name]?.days.formUnion(try ICalendar.days(ics, zone: settings.timezone, file: path))
                    }
                } catch let finding as Finding {
                    findings.append(finding)
                }
            }
        } else {
            throw DeskError.notFound(.notADesk)
        }
        var desk = Desk(config: config)
        cache.keep(cardFiles.map { $0.key + ":" + $0.path })
        var projectParts: [String: [DeskFile]] = [:]
        var ledgerFiles: [DeskFile] = []
        for file in cardFiles.sorted(by: { $0.path < $1.path }) {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            switch parts.first {
            case "clients" where parts.count == 2 && parts[1].hasSuffix(".md"):
                findings += guarded(file) { try loadClient(file, into: &desk) }
            case "staff" where parts.count == 2 && parts[1].hasSuffix(".md"):
                findings += guarded(file) { try loadStaff(file, into: &desk) }
            case "projects" where parts.count >= 3:
                projectParts[parts[1], default: []].append(file)
            case "ledger" where parts.count == 2 && parts[1].hasSuffix(".md"):
                ledgerFiles.append(file)
            case "disputes" where parts.count == 2 && parts[1].hasSuffix(".md"):
                let client = String(parts[1].dropLast(3))
                findings += guarded(file) {
                    let (lines, problems) = parseLineFile(try text(of: file, limit: limit), file: file.path, client: client,
                                                          parse: DisputeLine.parse)
                    desk.disputes[client] = lines
                    return problems
                }
            case "acts", "invoices":
                findings += guarded(file) { desk.documents.append(try IssuedDocument.parse(try document(file))) }
            case "audit" where file.path == "audit/overrides.md":
                findings += guarded(file) {
                    let (lines, problems) = parseLineFile(try text(of: file, limit: limit), file: file.path, client: nil,
                                                          parse: SealOverride.parse)
                    desk.sealOverrides = lines
                    return problems
                }
            case "audit" where file.path == SealRecord.file:
                findings += guarded(file) {
                    let (lines, problems) = parseLineFile(try text(of: file, limit: limit), file: file.path, client: nil,
                                                          parse: SealRecord.parse)
                    desk.sealRecords = lines
                    return problems
                }
            default:
                continue
            }
        }
        for (slug, parts) in projectParts.sorted(by: { $0.key < $1.key }) {
            findings += guarded(parts[0]) { try loadProject(slug, parts, into: &desk) }
        }
        parseLedgers(ledgerFiles)
        for file in ledgerFiles {
            findings += loadLedger(file, into: &desk)
        }
        desk.findings = (findings + DeskValidator(desk: desk).cardFindings()).sorted()
        return desk
    }

    /// The tickets among the files, read against a desk of cards (`loadCards`), with the
    /// problems of their files and the rules they break against the cards. Rules across
    /// tickets (transaction IDs, disputes) are the caller's.
    public func loadTickets(cards: Desk) -> (tickets: [Ticket], findings: [Finding]) {
        limit = cards.config.maxFileSize
        var findings: [Finding] = []
        var ticketParts: [String: [DeskFile]] = [:]
        let ticketFiles = files.filter { $0.path.hasPrefix("tickets/") }
        // A full read passes every file through the cache; a money read skips some.
        if scope == .money { cache.keep(ticketFiles.map { $0.key + ":" + $0.path }) }
        for file in ticketFiles {
            guard let path = TicketPath(file.path) else {
                findings.append(Finding(file: file.path, .unexpectedFile))
                continue
            }
            ticketParts["\(path.group)/\(path.ticket)", default: []].append(file)
        }
        let validator = DeskValidator(desk: cards)
        var tickets: [Ticket] = []
        for (folder, parts) in ticketParts.sorted(by: { $0.key < $1.key }) {
            let (ticket, problems) = loadTicket(folder, parts.sorted { $0.path < $1.path }, config: cards.config)
            findings += problems
            if let ticket {
                tickets.append(ticket)
                findings += validator.ticketFindings(ticket)
            }
        }
        return (tickets, findings)
    }

    // MARK: Files

    /// The file's text, refusing binary, oversized and non-UTF-8 content.
    func text(of file: DeskFile, limit: Int) throws -> String {
        try text(of: file, data: try read(file), limit: limit)
    }

    /// The file's bytes, `data`, as text.
    private func text(of file: DeskFile, data: Data, limit: Int) throws -> String {
        guard data.count <= limit else {
            throw Finding(file: file.path, .fileTooLarge(bytes: data.count, limit: limit))
        }
        // Scanned as raw bytes: Data's own subscript costs an access check per byte, which
        // was a tenth of a cold read of a large desk.
        let (nul, loneCarriageReturn) = data.withUnsafeBytes { raw in
            // A carriage return is read only as part of CRLF: with CR-only line endings a whole
            // work log would read as one line, its other transactions silently part of a note.
            var carriageReturn = raw.offset(of: 0x0D, from: 0)
            while let at = carriageReturn, at + 1 < raw.count, raw[at + 1] == 0x0A { carriageReturn = raw.offset(of: 0x0D, from: at + 1) }
            return (raw.offset(of: 0, from: 0), carriageReturn)
        }
        if let nul {
            throw Finding(file: file.path, line: lineNumber(data, at: data.startIndex + nul), .binaryContent)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw Finding(file: file.path, line: lineNumber(data, at: firstInvalidUTF8(data)), .invalidUTF8)
        }
        if let loneCarriageReturn {
            throw Finding(file: file.path, line: lineNumber(data, at: data.startIndex + loneCarriageReturn), .loneCarriageReturn)
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    private func document(_ file: DeskFile, requireFrontMatter: Bool = true) throws -> MarkdownDocument {
        let result = cache.document(file.key + ":" + file.path) {
            Result { try MarkdownDocument(text: try text(of: file, limit: limit), file: file.path, requireFrontMatter: requireFrontMatter) }
                .mapError { $0 as? Finding ?? Finding(file: file.path, Text(of: $0)) }
        }
        return try result.get()
    }

    /// The largest text file accepted (`limits.max-file-size`), set once the settings are read.
    private var limit = 1 << 20

    private func guarded(_ file: DeskFile, _ body: () throws -> Void) -> [Finding] {
        guarded(file) { try body(); return [] }
    }

    /// The same for a line file: every line that does not parse is a finding of its own.
    private func guarded(_ file: DeskFile, _ body: () throws -> [Finding]) -> [Finding] {
        do { return try body() } catch let finding as Finding { return [finding] } catch {
            return [Finding(file: file.path, Text(of: error))]
        }
    }

    // MARK: Cards

    private func loadClient(_ file: DeskFile, into desk: inout Desk) throws -> [Finding] {
        let slug = String(file.path.dropFirst("clients/".count).dropLast(3))
        guard Identifier.isValid(slug) else {
            throw Finding(file: file.path, .clientFileName(slug))
        }
        let doc = try document(file)
        let name = try required(doc, "name")
        let prefixValue = doc["prefix"]
        guard let prefix = prefixValue?.string, TicketID.isValidPrefix(prefix) else {
            throw Finding(file: file.path, line: prefixValue?.line ?? 1,
                          .clientPrefix, client: slug)
        }
        var rates: [RateEntry] = []
        if let rate = doc["rate"] {
            guard let money = rate.string.flatMap(Money.init), money.minor > 0 else {
                throw Finding(file: file.path, line: rate.line, .ratePositive, client: slug)
            }
            rates.append(RateEntry(since: nil, rate: money, project: nil))
        }
        if let list = doc["rates"] {
            guard let items = list.list else { throw Finding(file: file.path, line: list.line, .ratesList, client: slug) }
            for item in items {
                guard let since = item["since"]?.string.flatMap(Day.init) else {
                    throw Finding(file: file.path, line: item.line, .rateSince, client: slug)
                }
                guard let money = item["rate"]?.string.flatMap(Money.init), money.minor > 0 else {
                    throw Finding(file: file.path, line: item.line, .rateAmount, client: slug)
                }
                rates.append(RateEntry(since: since, rate: money, project: item["project"]?.string))
            }
        }
        if let locale = doc["locale"], !["ru", "en"].contains(locale.string ?? "") {
            throw Finding(file: file.path, line: locale.line, .localeValue, client: slug)
        }
        var (requisites, findings) = doc["requisites"].map { PartyDetails.parse($0, fields: PartyDetails.clientFields, file: file.path, client: slug) } ?? (PartyDetails(), [])
        // Documents name the client by the card's name unless its details give the full one.
        requisites.name = requisites.name ?? name
        desk.clients[slug] = Client(
            slug: slug, name: name, prefix: prefix, rates: rates, sla: doc["sla"]?.string, calendar: doc["calendar"]?.string,
            emails: doc["emails"]?.list?.compactMap(\.string) ?? [], chats: doc["chats"]?.list?.compactMap(\.string) ?? [], siteToken: doc["site"]?["token"]?.string,
            locale: doc["locale"]?.string, terms: doc.body, requisites: requisites, file: file.path)
        return findings
    }

    private func loadStaff(_ file: DeskFile, into desk: inout Desk) throws {
        let login = String(file.path.dropFirst("staff/".count).dropLast(3))
        guard Identifier.isValid(login) else {
            throw Finding(file: file.path, .loginName(login))
        }
        let doc = try document(file)
        let role = doc["role"]?.string ?? "engineer"
        guard Staff.roles.contains(role) else {
            throw Finding(file: file.path, line: doc["role"]?.line, .role(valid: Staff.roles.sorted()))
        }
        var capacity: Duration?
        if let value = doc["capacity"] {
            guard let d = value.string.flatMap(Duration.init), d.minutes > 0, d.minutes <= 1440 else {
                throw Finding(file: file.path, line: value.line, .capacityDuration)
            }
            capacity = d
        }
        var cost: Money?
        if let value = doc["cost"] {
            guard let m = value.string.flatMap(Money.init), m.minor >= 0 else {
                throw Finding(file: file.path, line: value.line, .costAmount)
            }
            cost = m
        }
        let absences = try (doc["absences"]?.list ?? []).map { item -> Absence in
            guard let from = item["from"]?.string.flatMap(Day.init), let to = item["to"]?.string.flatMap(Day.init), from <= to else {
                throw Finding(file: file.path, line: item.line, .absenceDates)
            }
            return Absence(from: from, to: to, kind: item["kind"]?.string ?? "vacation")
        }
        desk.staff[login] = Staff(
            login: login, name: try required(doc, "name"), email: try required(doc, "email"), role: role,
            capacity: capacity, absences: absences, cost: cost, file: file.path)
    }

    private func loadProject(_ slug: String, _ parts: [DeskFile], into desk: inout Desk) throws {
        let folder = "projects/\(slug)"
        guard Identifier.isValid(slug) else { throw Finding(file: folder, .projectFolderName(slug)) }
        guard let card = parts.first(where: { $0.path == "\(folder)/project.md" }) else {
            throw Finding(file: folder, .projectWithoutCard)
        }
        let doc = try document(card)
        var pages: [String: String] = [:]
        for page in parts where scope == .full && page.path.hasPrefix("\(folder)/wiki/") && page.path.hasSuffix(".md") {
            pages[String(page.path.dropFirst(folder.count + 6))] = try text(of: page, limit: limit)
        }
        desk.projects[slug] = Project(
            slug: slug, client: try required(doc, "client"), title: doc["title"]?.string ?? slug,
            body: doc.body, wikiPages: pages, file: card.path)
    }

    /// Parses the ledgers into the cache on every core (a desk of thousands of clients has
    /// thousands of ledgers); their bytes are read first, one at a time, as `read` asks.
    private func parseLedgers(_ files: [DeskFile]) {
        guard files.count > 64 else { return }
        let bytes = files.map { try? read($0) }
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            if let data = bytes[index] { _ = parsedLedger(files[index], data: data) }
        }
    }

    /// A ledger's lines and problems, parsed once per content (from `data` when read already).
    private func parsedLedger(_ file: DeskFile, data: Data? = nil) -> ([Located<LedgerLine>], [Finding]) {
        let client = String(file.path.dropFirst("ledger/".count).dropLast(3))
        return cache.ledger(file.key + ":" + file.path) {
            do {
                let content = try data.map { try text(of: file, data: $0, limit: limit) } ?? text(of: file, limit: limit)
                return parseLineFile(content, file: file.path, client: client, parse: LedgerLine.parse)
            } catch {
                return ([], [error as? Finding ?? Finding(file: file.path, Text(of: error), client: client)])
            }
        }
    }

    private func loadLedger(_ file: DeskFile, into desk: inout Desk) -> [Finding] {
        let client = String(file.path.dropFirst("ledger/".count).dropLast(3))
        let (lines, findings) = parsedLedger(file)
        desk.ledgers[client] = Ledger(client: client, lines: lines)
        return findings
    }

    // MARK: Tickets

    private func loadTicket(_ relative: String, _ parts: [DeskFile], config: DeskConfig) -> (Ticket?, [Finding]) {
        let folder = "tickets/\(relative)"
        let id = String(relative.split(separator: "/")[1])
        guard TicketID.isValid(id) else {
            return (nil, [Finding(file: folder, .ticketFolderName(id))])
        }
        guard folder == TicketID.folder(of: id) else {
            return (nil, [Finding(file: folder, .ticketFolderPlace(id: id, folder: TicketID.folder(of: id)))])
        }
        guard let card = parts.first(where: { $0.path == "\(folder)/ticket.md" }) else {
            return (nil, [Finding(file: folder, .ticketWithoutCard)])
        }
        var findings: [Finding] = []
        let zone = config.timezone
        do {
            let doc = try document(card)
            let client = try required(doc, "client")
            func duration(_ key: String) throws -> Duration? {
                guard let value = doc[key] else { return nil }
                guard let d = value.string.flatMap(Duration.init) else {
                    throw Finding(file: card.path, line: value.line, .durationKey(key), client: client)
                }
                return d
            }
            var created: Date?
            if let value = doc["created"] {
                guard let date = value.string.flatMap({ Timestamp.parse($0, zone: zone) }) else {
                    throw Finding(file: card.path, line: value.line, .createdTime)
                }
                created = date
            }
            var confirmed: Bool?
            if let value = doc["confirmed"] {
                guard let flag = value.string.flatMap(parseBool) else {
                    throw Finding(file: card.path, line: value.line, .confirmedFlag)
                }
                confirmed = flag
            }
            var ticket = Ticket(
                id: id, document: doc, title: try required(doc, "title"), client: client,
                project: doc["project"]?.string, status: try required(doc, "status"),
                priority: doc["priority"]?.string, category: doc["category"]?.string, channel: doc["channel"]?.string,
                assignee: doc["assignee"]?.string, estimate: try duration("estimate"), approved: try duration("approved"),
                created: created, confirmed: confirmed, tester: doc["tester"]?.string,
                tags: doc["tags"]?.list?.compactMap(\.string) ?? doc["tags"]?.string.map { [$0] } ?? [])
            for file in parts where file != card {
                let name = String(file.path.dropFirst(folder.count + 1))
                do {
                    switch name {
                    case "work.md":
                        let (lines, lineFindings) = cache.work(file.key + ":" + file.path) {
                            do {
                                return parseLineFile(try text(of: file, limit: limit), file: file.path, client: client, parse: WorkLine.parse)
                            } catch {
                                return ([], [error as? Finding ?? Finding(file: file.path, Text(of: error), client: client)])
                            }
                        }
                        ticket.work = lines
                        findings += lineFindings
                    case _ where scope == .money:
                        continue
                    case "service.md":
                        ticket.serviceComment = try document(file, requireFrontMatter: false).body
                    case "test.md":
                        let doc = try document(file, requireFrontMatter: false)
                        let result = doc["result"]?.string ?? "pending"
                        guard TestCase.results.contains(result) else {
                            throw Finding(file: file.path, line: doc["result"]?.line, .testResult)
                        }
                        ticket.test = TestCase(result: result, tester: doc["tester"]?.string, steps: doc.body)
                    case _ where name.hasPrefix("messages/") && name.hasSuffix(".md"):
                        ticket.messages.append(try message(file, zone: zone))
                    case _ where name.hasPrefix("files/"):
                        continue
                    default:
                        findings.append(Finding(file: file.path, .unexpectedTicketFile))
                    }
                } catch let finding as Finding {
                    findings.append(finding)
                }
            }
            ticket.messages.sort { ($0.at ?? .distantPast, $0.file) < ($1.at ?? .distantPast, $1.file) }
            return (ticket, findings)
        } catch let finding as Finding {
            findings.append(finding)
        } catch {
            findings.append(Finding(file: card.path, Text(of: error)))
        }
        return (nil, findings)
    }

    private func message(_ file: DeskFile, zone: TimeZone) throws -> Message {
        let doc = try document(file)
        var at: Date?
        if let value = doc["at"] {
            guard let date = value.string.flatMap({ Timestamp.parse($0, zone: zone) }) else {
                throw Finding(file: file.path, line: value.line, .messageTime)
            }
            at = date
        }
        return Message(
            file: file.path, from: try required(doc, "from"), author: doc["author"]?.string, at: at,
            channel: doc["channel"]?.string, messageID: doc["message-id"]?.string, inReplyTo: doc["in-reply-to"]?.string,
            body: doc.body)
    }

    private func required(_ doc: MarkdownDocument, _ key: String) throws -> String {
        guard let value = doc[key]?.string, !value.isEmpty else {
            throw Finding(file: doc.file, line: doc[key]?.line ?? 1, .missingKey(key))
        }
        return value
    }
}

private extension UnsafeRawBufferPointer {
    /// The offset of the first `byte` at or after `start`, nil when there is none.
    func offset(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let base = baseAddress, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }
}

private func lineNumber(_ data: Data, at offset: Int) -> Int {
    data[data.startIndex..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
}

/// The offset of the first byte that breaks UTF-8 decoding.
private func firstInvalidUTF8(_ data: Data) -> Int {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var offset = 0
    var consumed = 0
    var countingIterator = AnyIterator<UInt8> {
        guard let byte = iterator.next() else { return nil }
        consumed += 1
        return byte
    }
    while true {
        switch decoder.decode(&countingIterator) {
        case .scalarValue: offset = consumed
        case .emptyInput: return data.count
        case .error: return offset
        }
    }
}
