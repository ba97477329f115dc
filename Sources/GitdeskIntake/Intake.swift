import Foundation
import GitdeskCore
import GitdeskMail

extension Array where Element == (String, String?) {
    /// Values rendered as YAML scalars, each at most 1 000 characters (a subject can be any
    /// length; the original message keeps it whole): far below the front-matter line limit.
    var rendered: [(String, String?)] {
        map { key, value in (key, value.map { YAMLScalar.render($0.count > 1000 ? String($0.prefix(999)) + "…" : $0) }) }
    }
}

/// What one intake run did, for its commit message and the user.
public struct IntakeReport: Codable, Sendable {
    public var created: [String] = []
    public var replies: [String] = []
    public var confirmed: [String] = []
    public var disputes: [String] = []
    public var triaged: [Text] = []
    public var duplicates = 0
    /// Messages that could not be read, with their source and the reason.
    public var skipped: [Text] = []
    /// Messages refused one by one (too large, or what they would write breaks a rule of
    /// the desk), with their source and the reason: the rest of the batch lands.
    public var rejected: [Text] = []
    /// Attachments over the size limit, not stored.
    public var oversized: [Text] = []
    /// What was read differently from how it was written: a date that is not a real one,
    /// a part kept as an attachment because its text could not be decoded.
    public var notes: [Text] = []

    public init() {}

    public var changed: Bool { !(created.isEmpty && replies.isEmpty && confirmed.isEmpty && disputes.isEmpty && triaged.isEmpty) }

    /// The counts, in English: the intake commit's subject.
    public var summary: String {
        "intake: new tickets \(created.count), replies \(replies.count), confirmations \(confirmed.count), "
            + "disputes \(disputes.count), to triage \(triaged.count), duplicates \(duplicates), skipped \(skipped.count), rejected \(rejected.count)"
    }
}

/// Turns messages into desk changes (SPEC §1, the seed's first rule: everything lands in one
/// place). Routing: the sender's client by the card's `emails`; replies threaded by
/// `In-Reply-To`/`References` or `[ACME-4F7Q]` in the subject; the site's confirm and
/// dispute links by their subject; unknown senders to `triage/`. Idempotent: a message
/// whose Message-ID (or content digest) the desk already holds changes nothing.
public struct Intake {
    public internal(set) var report = IntakeReport()
    /// Text files to write (desk-relative path → content).
    public internal(set) var updates: [String: String?] = [:]
    /// Binary files to write: originals and attachments.
    public private(set) var binary: [String: Data] = [:]
    /// Which message (its source) last wrote each path: a finding in a path names the
    /// message to refuse.
    public private(set) var writers: [String: String] = [:]
    /// Messages to refuse, by source, with the reason (a run that found one computes the
    /// batch again without it).
    public var refused: [String: Text] = [:]

    let desk: Desk
    private let read: (String) -> String?
    private let index: DeskIndex?
    var knownIDs: Set<String>
    var ticketIDs: Set<String>
    private var messageOwner: [String: String]
    var generator: any RandomNumberGenerator
    private let attachmentLimit: Int

    /// What intake needs of the tickets it is not given whole (a desk of cards): every
    /// ticket ID, the ticket of every Message-ID, a ticket by its ID, and the ticket that
    /// holds a transaction. Answered from the index's folder records, so no other ticket
    /// is read.
    public struct DeskIndex {
        public let ticketIDs: Set<String>
        public let messageOwners: [String: String]
        public let ticket: (String) -> Ticket?
        public let holding: (String) -> String?

        public init(ticketIDs: Set<String>, messageOwners: [String: String], ticket: @escaping (String) -> Ticket?,
                    holding: @escaping (String) -> String?) {
            self.ticketIDs = ticketIDs; self.messageOwners = messageOwners; self.ticket = ticket; self.holding = holding
        }
    }

    /// - Parameters:
    ///   - desk: the whole desk, or its cards with `index` for its tickets.
    ///   - triageIDs: Message-IDs already waiting in `triage/`.
    ///   - read: the committed text of a desk file (nil when absent).
    public init(desk: Desk, triageIDs: Set<String>, index: DeskIndex? = nil, read: @escaping (String) -> String?,
                generator: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.desk = desk
        self.read = read
        self.index = index
        var owners = index?.messageOwners ?? [:]
        for ticket in desk.tickets.values { for message in ticket.messages { if let id = message.messageID { owners[id] = ticket.id } } }
        messageOwner = owners
        knownIDs = Set(owners.keys).union(triageIDs)
        ticketIDs = index?.ticketIDs.union(desk.tickets.keys) ?? Set(desk.tickets.keys)
        self.generator = generator
        attachmentLimit = desk.config.maxAttachmentSize
    }

    /// A ticket of the desk, from the desk given or through the index.
    func ticket(_ id: String) -> Ticket? { desk.tickets[id] ?? index?.ticket(id) }

    func current(_ path: String) -> String? { updates[path] ?? read(path) }

    func isKnown(_ messageID: String) -> Bool { knownIDs.contains(messageID) }

    /// One chat request: a new ticket (or a triage item for an unknown sender) holding
    /// every message of the group.
    mutating func ingest(chatGroup group: [ChatMessage], source: String) {
        guard let first = group.first else { return }
        let zone = desk.config.timezone
        for message in group { knownIDs.insert(chatMessageID(source, message)) }
        let client = desk.clients.values.sorted { $0.slug < $1.slug }.first { $0.chats.contains(first.fromID) || $0.chats.contains(first.from) }
        let transcript = group.map { "\(Timestamp.format($0.at, zone: zone).prefix(16)) \($0.from): \($0.text)" }.joined(separator: "\n\n")
        guard let client else {
            let path = "triage/\(Timestamp.format(first.at, zone: zone).prefix(19).filter { $0.isNumber })-\(source)-\(first.id).md"
            updates[path] = frontMatter([("from", first.fromID), ("author", first.from), ("at", Timestamp.format(first.at, zone: zone)),
                                         ("channel", source), ("message-id", chatMessageID(source, first)), ("reason", inDesk(.unknownSender))].rendered) + "\n" + transcript + "\n"
            report.triaged.append(Problem.chatMessages(from: first.from, source: source, count: group.count).text)
            return
        }
        let id = openTicket(for: client, title: String(first.text.split(separator: "\n").first?.prefix(80) ?? "chat"), channel: "chat",
                            created: Timestamp.format(first.at, zone: zone), text: group.map(\.text).joined(separator: "\n\n"))
        let folder = TicketID.folder(of: id)
        for message in group {
            let path = Message.path(folder: folder, at: message.at, from: "client", zone: zone) { current($0) != nil }
            updates[path] = frontMatter([
                ("from", "client"), ("author", message.from), ("at", Timestamp.format(message.at, zone: zone)), ("channel", source),
                ("message-id", chatMessageID(source, message)),
            ].rendered) + "\n" + message.text + "\n"
        }
    }

    /// The client a sender belongs to: an exact address, or an `@domain` pattern.
    func client(for address: String) -> Client? {
        let domain = address.split(separator: "@").last.map { "@" + $0 } ?? ""
        return desk.clients.values.sorted { $0.slug < $1.slug }.first { client in
            client.emails.contains { $0.lowercased() == address } || client.emails.contains { $0.lowercased() == domain }
        }
    }

    /// Where a person sent a message from triage: a client, and optionally a ticket of theirs.
    public struct Route: Sendable {
        public let client: String
        public let ticket: String?
        public init(client: String, ticket: String?) { self.client = client; self.ticket = ticket }
    }

    /// What intake writes into the desk's files, in the desk's own language.
    private func inDesk(_ problem: Problem) -> String { problem.text.text(in: Language(locale: desk.config.locale) ?? .ru) }

    /// Why a message does not read, in the catalogue's words.
    private static func problem(_ error: Error) -> Problem {
        switch error as? MailError {
        case .empty?: return .emptyMail
        case .notMail?: return .notMail
        case .noFromHeader?: return .mailWithoutFrom
        case nil: return .verbatim("\(error)")
        }
    }

    /// One e-mail: a new ticket, a reply, a site action, or a triage item. A message that does
    /// not read is reported (source and reason) and the rest of the batch goes on; `route`
    /// is a person's decision for a message waiting in triage.
    public mutating func ingest(mail raw: Data, source: String, route: Route? = nil, now: Date = Date()) {
        if let reason = refused[source] { return rejectToTriage(raw, source: source, reason: reason, now: now) }
        recording(source) { $0.ingestOne(mail: raw, source: source, route: route, now: now) }
    }

    /// A message refused for what it would write waits in `triage/` with the reason and its
    /// original (when the desk can hold it), so a person sees it; it is named in the report.
    private mutating func rejectToTriage(_ raw: Data, source: String, reason: Text, now: Date) {
        reject(source, reason)
        let mail = try? MailReader.read(raw)
        let digest = SHA256.hex(raw)
        let at = Timestamp.format(mail.map { MailText.date($0, now: now).date } ?? now, zone: desk.config.timezone)
        let keepOriginal = raw.count <= attachmentLimit
        let path = "triage/\(at.prefix(19).filter { $0.isNumber })-\(digest.prefix(8))"
        let why = inDesk(.messageRejected) + ": " + reason.text(in: Language(locale: desk.config.locale) ?? .ru)
        updates[path + ".md"] = frontMatter([("from", mail?.from?.address), ("author", mail?.from?.name), ("subject", mail?.subject),
                                             ("at", at), ("message-id", mail.map(MailText.identity)),
                                             ("original", keepOriginal ? "\(digest.prefix(12)).eml" : nil), ("reason", why)].rendered) + "\n"
        if keepOriginal { binary["triage/\(digest.prefix(12)).eml"] = raw }
    }

    /// A message that cannot be taken at all (larger than the desk takes), named in the report.
    public mutating func reject(_ source: String, _ reason: Text) {
        report.rejected.append(Text(verbatim: source + ": ") + reason)
    }

    /// Runs one message's intake, unless it is refused, and notes the paths it wrote.
    mutating func recording(_ source: String, _ body: (inout Intake) -> Void) {
        if let reason = refused[source] { return reject(source, reason) }
        let (beforeUpdates, beforeBinary) = (updates, binary)
        body(&self)
        for (path, value) in updates where beforeUpdates[path].map({ $0 != value }) ?? true { writers[path] = source }
        // Binary paths are named by their content's digest: a new path is the only change.
        for path in binary.keys where beforeBinary[path] == nil { writers[path] = source }
    }

    private mutating func ingestOne(mail raw: Data, source: String, route: Route?, now: Date) {
        let mail: MailMessage
        do {
            mail = try MailReader.read(raw, fallbackCharsets: desk.config.locale == "ru" ? ["UTF-8", "windows-1251", "windows-1252"] : ["UTF-8", "windows-1252", "windows-1251"])
        } catch {
            report.skipped.append(Text(verbatim: source + ": ") + Self.problem(error).text)
            return
        }
        let digest = SHA256.hex(raw)
        let messageID = MailText.identity(mail)
        guard route != nil || !knownIDs.contains(messageID) else {
            report.duplicates += 1
            return
        }
        knownIDs.insert(messageID)
        let zone = desk.config.timezone
        let (date, dateNote) = MailText.date(mail, now: now)
        if let dateNote { report.notes.append(Text(verbatim: source + ": ") + dateNote.text) }
        let at = Timestamp.format(date, zone: zone)
        // A new ticket and a triage item keep the whole text (the client's first message
        // often quotes the error it is about); a reply to a ticket drops what it quotes.
        // A NUL or an escape in a body is never written; a text the desk cannot hold is refused.
        let body = MailText.body(mail).trimmingCharacters(in: .whitespacesAndNewlines).replacingControlCharacters(with: "\u{FFFD}", keepingNewlines: true)
        guard body.utf8.count <= desk.config.maxFileSize - 16_384 else {
            return rejectToTriage(raw, source: source, reason: Problem.messageTooLarge(bytes: body.utf8.count, limit: desk.config.maxFileSize).text, now: now)
        }
        var text = body, reply = MailText.trimReply(body)
        for part in mail.undecodable {
            report.notes.append(Text(verbatim: source + ": ") + Problem.partUndecodable(part).text)
            text += "\n\n" + inDesk(.partUndecodableInText(part))
            reply += "\n\n" + inDesk(.partUndecodableInText(part))
        }
        let address = mail.from?.address ?? ""
        guard let client = route.flatMap({ desk.clients[$0.client] }) ?? (address.isEmpty ? nil : client(for: address)) else {
            let reason = inDesk(address.isEmpty ? .noSenderAddress : .unknownSender)
            let path = "triage/\(at.prefix(19).filter { $0.isNumber })-\(digest.prefix(8))"
            updates[path + ".md"] = frontMatter([("from", address.isEmpty ? nil : address), ("author", mail.from?.name), ("subject", mail.subject),
                                                 ("at", at), ("message-id", messageID), ("original", "\(digest.prefix(12)).eml"),
                                                 ("reason", reason)].rendered) + "\n" + text + "\n"
            binary["triage/\(digest.prefix(12)).eml"] = raw
            report.triaged.append(address.isEmpty && mail.from?.name == nil ? Problem.noSender.text + ": \(mail.subject)"
                                  : Text(verbatim: "\(address.isEmpty ? mail.from?.name ?? "" : address): \(mail.subject)"))
            return
        }
        if let ticket = route?.ticket, ticketIDs.contains(ticket) {
            addMessage(to: ticket, folder: TicketID.folder(of: ticket), mail: mail, text: reply, at: at, messageID: messageID, digest: digest, raw: raw)
            report.replies.append(ticket)
            return
        }
        // The site's action links: confirm a phone ticket, dispute a transaction.
        if let action = siteAction(mail.subject) {
            guard action.token == client.siteToken, let ticket = action.ticket.flatMap(ticket) ?? transactionTicket(action.transaction),
                  ticket.client == client.slug else {
                report.skipped.append(Text(verbatim: source + ": ") + Problem.siteLinkRefused(action.verb).text)
                return
            }
            if action.verb == "confirm" {
                guard var doc = try? MarkdownDocument(text: current(ticket.file) ?? "", file: ticket.file),
                      (try? doc.set("confirmed", rendered: "true")) != nil else { return }
                updates[ticket.file] = doc.text
                report.confirmed.append(ticket.id)
            } else if let transaction = action.transaction {
                // The first line the client wrote (the link's prompt ends with a colon).
                let reason = reply.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { !$0.isEmpty && !$0.hasSuffix(":") } ?? inDesk(.disputedByMail)
                let line = DisputeLine(date: Day(date, in: zone), action: .open, transaction: transaction,
                                       note: "\(reason) (e-mail \(messageID))")
                let path = "disputes/\(client.slug).md"
                updates[path] = appending(line.text, to: current(path))
                report.disputes.append("^\(transaction)")
            }
            addMessage(to: ticket.id, folder: ticket.folder, mail: mail, text: reply, at: at, messageID: messageID, digest: digest, raw: raw)
            return
        }
        // A reply: threaded by the headers, or by a ticket ID in the subject.
        let threaded = mail.inReplyTo.compactMap { messageOwner[$0] }.first ?? subjectTicket(mail.subject, prefix: client.prefix)
        if let id = threaded, ticketIDs.contains(id) {
            addMessage(to: id, folder: TicketID.folder(of: id), mail: mail, text: reply, at: at, messageID: messageID, digest: digest, raw: raw)
            report.replies.append(id)
            return
        }
        let title = Self.cleanSubject(mail.subject)
        let id = openTicket(for: client, title: title.isEmpty ? inDesk(.noSubject) : title, channel: "email", created: at, text: text)
        addMessage(to: id, folder: TicketID.folder(of: id), mail: mail, text: text, at: at, messageID: messageID, digest: digest, raw: raw)
    }

    /// A new ticket of the client (status new, priority normal) whose card holds `text`;
    /// its ID, drawn against every ticket of the desk.
    mutating func openTicket(for client: Client, title subject: String, channel: String, created: String, text: String) -> String {
        // A title is a line people scan; the whole subject stays in the original message.
        let title = subject.count > 200 ? String(subject.prefix(199)) + "…" : subject
        let id = TicketID.generate(prefix: client.prefix, existing: ticketIDs, using: &generator)
        ticketIDs.insert(id)
        updates["\(TicketID.folder(of: id))/ticket.md"] = frontMatter([
            ("title", title), ("client", client.slug), ("status", "new"), ("priority", "normal"), ("channel", channel), ("created", created),
        ].rendered) + "\n" + text + "\n"
        report.created.append("\(id): \(title)")
        return id
    }

    private mutating func addMessage(to ticket: String, folder: String, mail: MailMessage, text: String, at: String, messageID: String,
                                     digest: String, raw: Data) {
        messageOwner[messageID] = ticket
        var names: [String] = []
        var body = text
        for attachment in mail.attachments {
            guard attachment.data.count <= attachmentLimit else {
                report.oversized.append(Problem.attachmentTooBig(name: attachment.filename, bytes: attachment.data.count, ticket: ticket).text)
                body += "\n\n" + inDesk(.attachmentTooBigInText(name: attachment.filename, bytes: attachment.data.count))
                continue
            }
            let name = "files/\(SHA256.hex(attachment.data).prefix(12))-\(Self.safeName(attachment.filename))"
            binary["\(folder)/\(name)"] = attachment.data
            names.append(name)
        }
        let original = "files/\(digest.prefix(12)).eml"
        binary["\(folder)/\(original)"] = raw
        let time = Timestamp.parse(at, zone: desk.config.timezone) ?? Date()
        let path = Message.path(folder: folder, at: time, from: "client", zone: desk.config.timezone) { path in
            current(path) != nil || desk.tickets[ticket]?.messages.contains(where: { $0.file == path }) == true
        }
        var fields: [(String, String?)] = [("from", "client"), ("author", mail.from?.name ?? mail.from?.address), ("at", at),
                                           ("channel", "email"), ("message-id", messageID), ("in-reply-to", mail.inReplyTo.first),
                                           ("original", original)].rendered
        if !names.isEmpty { fields.append(("attachments", YAMLScalar.render(names))) }
        updates[path] = frontMatter(fields) + "\n" + body + "\n"
    }

    /// Front-matter from keys and already-rendered YAML values (nil values are left out).
    func frontMatter(_ fields: [(String, String?)]) -> String {
        // Header text can carry control characters (ESC, CR in an encoded subject): never raw.
        "---\n" + fields.compactMap { key, value in value.map { "\(key): \($0.replacingControlCharacters())\n" } }.joined() + "---\n"
    }

    private func transactionTicket(_ transaction: String?) -> Ticket? {
        guard let transaction else { return nil }
        if let index { return index.holding(transaction).flatMap(ticket) }
        return desk.tickets.values.first { $0.work.contains { $0.value.id == transaction } }
    }

    /// `[gitdesk confirm ACME-4F7Q token=T]` or `[gitdesk dispute ^w3f9a2c ACME-4F7Q token=T]`
    /// anywhere in the subject (`token=T` only for a client with a site token).
    func siteAction(_ subject: String) -> (verb: String, ticket: String?, transaction: String?, token: String?)? {
        guard let open = subject.range(of: "[gitdesk "), let close = subject[open.upperBound...].firstIndex(of: "]") else { return nil }
        let words = subject[open.upperBound..<close].split(separator: " ").map(String.init)
        guard let verb = words.first, ["confirm", "dispute"].contains(verb) else { return nil }
        // A client without a site token has links without one (`token=none` in older links).
        let token = words.first(where: { $0.hasPrefix("token=") }).map { String($0.dropFirst(6)) }.flatMap { $0 == "none" ? nil : $0 }
        let ticket = words.first { TicketID.isValid($0) }
        let transaction = words.first { $0.hasPrefix("^") }.map { String($0.dropFirst()) }
        return (verb, ticket, transaction, token)
    }

    /// `Re: [ACME-4F7Q] …` → `ACME-4F7Q` when it has the client's prefix.
    func subjectTicket(_ subject: String, prefix: String) -> String? {
        guard let pattern = try? NSRegularExpression(pattern: "\\[(\(NSRegularExpression.escapedPattern(for: prefix))-[0-9A-Z]{4,12})\\]"),
              let match = pattern.firstMatch(in: subject, range: NSRange(subject.startIndex..., in: subject)),
              let range = Range(match.range(at: 1), in: subject) else { return nil }
        return String(subject[range])
    }

    static func cleanSubject(_ subject: String) -> String {
        subject.replacingOccurrences(of: "^((re|fwd?|ответ|пересл)\\s*:\\s*)+", with: "", options: [.regularExpression, .caseInsensitive])
            .trimmingCharacters(in: .whitespaces)
    }

    /// A file name that cannot escape its folder or confuse a shell: letters (any script),
    /// digits, `.`, `-` and `_`, no leading dot, at most 80 characters.
    public static func safeName(_ name: String) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "file"
        var safe = String(base.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" })
        while safe.hasPrefix(".") { safe.removeFirst() }
        if safe.isEmpty { safe = "file" }
        return String(safe.suffix(80))
    }
}
