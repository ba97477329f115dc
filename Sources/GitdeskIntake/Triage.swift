import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore
import GitdeskWords

/// A message waiting in `triage/` for a person: mail or chat from a sender no client card
/// names. `gitdesk triage` lists them; `assign` routes one to a client (and a ticket);
/// `drop` removes one, the reason kept in the commit.
public struct TriageItem: Encodable, Sendable {
    /// The file's name without `.md`: what commands call the item.
    public let id: String
    public let file: String
    public let from: String?
    public let author: String?
    public let subject: String?
    public let at: String?
    public let channel: String?
    public let messageID: String?
    /// Why it waits: an unknown sender, no sender address, …
    public let reason: String
    /// The original message beside it (`triage/DIGEST.eml`), for mail.
    public let original: String?
    public let text: String
    /// A bank payment's day, amount and ledger note (`channel: bank`): what `assign` records.
    public let payment: (day: Day, amount: Money, note: String)?

    /// Reads `triage/ID.md`; nil for a file that is not an item.
    public init?(file: String, text: String) {
        guard file.hasPrefix("triage/"), file.hasSuffix(".md"), let doc = try? MarkdownDocument(text: text, file: file) else { return nil }
        id = String(file.dropFirst("triage/".count).dropLast(3))
        self.file = file
        func value(_ key: String) -> String? { doc[key]?.string }
        from = value("from")
        author = value("author")
        subject = value("subject")
        at = value("at")
        channel = value("channel")
        messageID = value("message-id")
        reason = value("reason") ?? Problem.unknownSender.description
        original = value("original").map { "triage/" + $0 }
        self.text = doc.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if channel == "bank", let day = value("day").flatMap(Day.init), let amount = value("amount").flatMap(Money.init), amount.minor > 0, let note = value("note") {
            payment = (day, amount, note)
        } else {
            payment = nil
        }
    }

    private enum CodingKeys: String, CodingKey { case id, file, from, author, subject, at, channel, messageID, reason, original, text }

    /// The file of a bank payment waiting for a person: who paid, how much, why it waits,
    /// and the ledger line it becomes when assigned to a client.
    public static func bankPayment(_ held: BankImport.Held, words: Words) -> (path: String, text: String) {
        let document = held.document
        let reference = BankReference(document)
        let digest = SHA256.hex(Array("\(reference.text) \(document.amount.plain)".utf8))
        let day = document.received ?? document.date
        let path = "triage/bank-\(day.description.filter(\.isNumber))-\(digest.prefix(8)).md"
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "'") + "\"" }
        let lines = ["---", "from: \(quoted(document.payerName))", "channel: bank", "at: \(day)T00:00:00",
                     "subject: \(quoted("\(words.money(document.amount)) — \(document.payerName)"))",
                     "reason: \(quoted(held.reason.text.text(in: words.language)))",
                     "day: \(day)", "amount: \(document.amount.plain)", "note: \(quoted(held.note))", "---",
                     "\(document.kind) № \(document.number), \(words.day(document.date))",
                     "Плательщик: \(document.payerName), ИНН \(document.payerINN), сч. \(document.payerAccount)",
                     "Получатель: \(document.payeeName), ИНН \(document.payeeINN), сч. \(document.payeeAccount)",
                     "Назначение: \(document.purpose)", ""]
        return (path, lines.joined(separator: "\n"))
    }
}

extension DeskRepository {
    /// The items waiting in `triage/` at HEAD, oldest first.
    public func triageItems() throws -> [TriageItem] {
        guard let head else { return [] }
        return try repository.files(inTree: try repository.commit(head).tree, under: "triage")
            .filter { $0.path.hasSuffix(".md") }
            .compactMap { TriageItem(file: $0.path, text: String(decoding: try blob($0.blob), as: UTF8.self)) }
            .sorted { ($0.at ?? "", $0.id) < ($1.at ?? "", $1.id) }
    }
}

extension Intake {
    /// Routes an item to a client: mail is ingested again from its original as that
    /// client's (a new ticket, or a message on `route.ticket`); a chat item becomes a ticket
    /// or a message with its transcript. The item's files are removed.
    public mutating func assign(_ item: TriageItem, to route: Route, original: Data?) throws {
        guard let client = desk.clients[route.client] else { throw DeskError.notFound(.noClient(route.client, clients: desk.clients.keys.sorted())) }
        if let ticket = route.ticket {
            guard let existing = self.ticket(ticket), existing.client == client.slug else {
                throw DeskError.notFound(.noTicketOfClient(ticket, client: client.slug))
            }
        }
        if let original {
            // A message without a usable date keeps the time it first arrived.
            let arrived = item.at.flatMap { Timestamp.parse($0, zone: desk.config.timezone) } ?? Date()
            ingest(mail: original, source: item.file, route: route, now: arrived)
            if let skipped = report.skipped.last, skipped.en.hasPrefix(item.file + ": ") { throw DeskError.refused(skipped) }
        } else {
            addTranscript(item, client: client, ticket: route.ticket)
        }
        updates[item.file] = .some(nil)
        if let path = item.original { updates[path] = .some(nil) }
    }

    private mutating func addTranscript(_ item: TriageItem, client: Client, ticket: String?) {
        let zone = desk.config.timezone
        let at = item.at.flatMap { Timestamp.parse($0, zone: zone) } ?? Date()
        let id: String
        if let ticket {
            id = ticket
            report.replies.append(ticket)
        } else {
            id = openTicket(for: client, title: item.subject ?? String(item.text.split(separator: "\n").first?.prefix(80) ?? "message"),
                            // The ticket's channel is how it came (a chat item names its chat: telegram-42).
                            channel: item.channel == "email" ? "email" : "chat", created: Timestamp.format(at, zone: zone), text: item.text)
        }
        let path = Message.path(folder: TicketID.folder(of: id), at: at, from: "client", zone: zone) { current($0) != nil }
        updates[path] = frontMatter([("from", "client"), ("author", item.author ?? item.from), ("at", Timestamp.format(at, zone: zone)),
                                     ("channel", item.channel), ("message-id", item.messageID)].rendered) + "\n" + item.text + "\n"
    }
}

extension WriteBase {
    /// What intake needs of the tip's tickets, from the index's folder records: no ticket is
    /// read until one is named.
    public func intakeIndex() throws -> Intake.DeskIndex {
        Intake.DeskIndex(ticketIDs: try ticketIDs(), messageOwners: try messageOwners(), ticket: { try? self.ticket($0) },
                         holding: { try? self.ticket(holding: $0) })
    }
}
