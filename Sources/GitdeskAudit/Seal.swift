import Foundation
import GitdeskCore
import GitdeskMoney

/// A sealed billing period: an annotated tag `gitdesk/close/PERIOD` (all clients) or
/// `gitdesk/close/PERIOD/CLIENT`, whose message holds each client's closing balance and the
/// SHA-256 of its statement.
public struct Seal: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let client: String
        public let closing: Money
        public let digest: String
    }

    public let tag: String
    public let period: String
    /// The commit the tag points to.
    public let commit: String
    public let entries: [Entry]

    public static let tagPrefix = "gitdesk/close/"

    public static func tagName(period: String, client: String?) -> String {
        tagPrefix + period + (client.map { "/" + $0 } ?? "")
    }

    /// The tag message for a set of statements.
    public static func message(period: String, statements: [Statement], currency: String) -> String {
        var text = "gitdesk close \(period)\n\n"
        for statement in statements.sorted(by: { $0.client < $1.client }) {
            text += "client \(statement.client) closing \(statement.closing.plain) \(currency) sha256 \(digest(statement))\n"
        }
        return text
    }

    /// Parses a tag message written by `message`; nil for a tag that is not a seal.
    public init?(tag: String, commit: String, message: String) {
        guard tag.hasPrefix(Seal.tagPrefix), let firstLine = message.split(separator: "\n").first,
              firstLine.hasPrefix("gitdesk close ") else { return nil }
        self.tag = tag
        period = String(firstLine.dropFirst("gitdesk close ".count))
        self.commit = commit
        entries = message.split(separator: "\n").compactMap { line in
            let t = line.split(separator: " ")
            guard t.count == 7, t[0] == "client", t[2] == "closing", t[5] == "sha256", let closing = Money(t[3]) else { return nil }
            return Entry(client: String(t[1]), closing: closing, digest: String(t[6]))
        }
    }

    /// SHA-256 of the statement's canonical JSON (sorted keys, minor units).
    public static func digest(_ statement: Statement) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex((try? encoder.encode(statement)) ?? Data())
    }
}

/// Compares a desk's money with the seals: every sealed client's statement must still hash
/// to its recorded digest, unless `audit/overrides.md` allows the change.
public struct SealGuard {
    public struct Breach: Codable, Sendable {
        public let seal: String
        public let period: String
        public let client: String
        public let sealedDigest: String
        public let currentDigest: String
        public let sealedClosing: Money
        public let currentClosing: Money?
        /// The override line that allows it, when one exists.
        public let override: String?
        /// Transactions whose money differs from the sealed statement's.
        public let changedTransactions: [String]
    }

    public let desk: Desk
    public let seals: [Seal]
    /// Statements as sealed, per seal and client, when the sealed commit can be read.
    public let sealedStatements: [String: Statement]
    /// The clients compared (nil: all): a desk read only as far as a change reaches holds
    /// the tickets of these clients alone.
    public let clients: Set<String>?

    public init(desk: Desk, seals: [Seal], sealedStatements: [String: Statement] = [:], clients: Set<String>? = nil) {
        self.desk = desk
        self.seals = seals
        self.sealedStatements = sealedStatements
        self.clients = clients
    }

    public static func key(_ seal: Seal, _ client: String) -> String { seal.tag + "\u{0}" + client }

    public func breaches() -> [Breach] {
        let accounts = Accounts(desk: desk)
        var result: [Breach] = []
        for seal in seals {
            guard let period = Period(seal.period) else { continue }
            for entry in seal.entries where clients?.contains(entry.client) ?? true {
                let current = (try? accounts.account(entry.client)).map { Statement(account: $0, period: period, desk: desk) }
                let digest = current.map(Seal.digest) ?? "unreadable"
                guard digest != entry.digest else { continue }
                let override = desk.sealOverrides.first { $0.value.period == seal.period && $0.value.client == entry.client }
                var changed: [String] = []
                if let sealed = sealedStatements[Self.key(seal, entry.client)], let current {
                    changed = Self.differences(sealed, current)
                }
                result.append(Breach(
                    seal: seal.tag, period: seal.period, client: entry.client, sealedDigest: entry.digest, currentDigest: digest,
                    sealedClosing: entry.closing, currentClosing: current?.closing,
                    override: override.map { "\($0.location): \($0.value.reason)" }, changedTransactions: changed))
            }
        }
        return result
    }

    /// Findings for `check`: one per breach without an override, on the lines that changed.
    public func findings() -> [Finding] {
        breaches().filter { $0.override == nil }.flatMap { breach -> [Finding] in
            let message = "changes the money of sealed period \(breach.period) for \(breach.client) (tag \(breach.seal)); "
                + "to allow it, record '- DATE \(breach.period) \(breach.client) REASON' in audit/overrides.md"
            let locations = locationsOf(breach.changedTransactions, client: breach.client)
            if locations.isEmpty { return [Finding(file: "ledger/\(breach.client).md", message, client: breach.client)] }
            return locations.map { Finding(file: $0.file, line: $0.line, message, client: breach.client) }
        }
    }

    private func locationsOf(_ ids: [String], client: String) -> [SourceLocation] {
        let wanted = Set(ids)
        var result: [SourceLocation] = []
        for ticket in desk.tickets.values where ticket.client == client {
            for line in ticket.work where line.value.id.map(wanted.contains) == true { result.append(line.location) }
        }
        for line in desk.ledgers[client]?.lines ?? [] where line.value.id.map(wanted.contains) == true { result.append(line.location) }
        return result.sorted()
    }

    /// IDs (or places) of movements that differ between two statements of one period.
    static func differences(_ a: Statement, _ b: Statement) -> [String] {
        func index(_ s: Statement) -> [String: Movement] {
            Dictionary((s.work + s.ledger).map { ($0.id ?? $0.location.description, $0) }, uniquingKeysWith: { x, _ in x })
        }
        let x = index(a), y = index(b)
        var ids = Set<String>()
        for (id, m) in x where y[id].map({ $0.amount != m.amount || $0.date != m.date }) ?? true { ids.insert(id) }
        for id in y.keys where x[id] == nil { ids.insert(id) }
        if a.opening != b.opening { ids.insert("opening balance") }
        return ids.sorted()
    }
}
