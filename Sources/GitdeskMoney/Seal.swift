import Foundation
import GitdeskCore

/// A sealed billing period: an annotated tag `gitdesk/close/PERIOD` (all clients) or
/// `gitdesk/close/PERIOD/CLIENT`, whose message holds each client's closing balance and the
/// digest of its statement, remembered in the desk by a `SealRecord`.
public struct Seal: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public let client: String
        public let closing: Money
        public let digest: String
    }

    public let tag: String
    public let period: String
    /// The client sealed alone (from the tag's name), or nil for every client.
    public let client: String?
    /// The commit the tag points to.
    public let commit: String
    public let entries: [Entry]
    /// The tag's message, as written (its SHA-256 is what `audit/seals.md` records).
    public let message: String
    /// Lines of the message that do not read as entries: each one a client the seal cannot
    /// vouch for, reported rather than ignored.
    public let problems: [Text]

    public static let tagPrefix = "gitdesk/close/"
    /// The message line that says statements are digested by `digest` (values, not places).
    static let formatLine = "format 2"

    public static func tagName(period: String, client: String?) -> String {
        tagPrefix + period + (client.map { "/" + $0 } ?? "")
    }

    /// The tag message for a set of statements.
    public static func message(period: String, statements: [Statement], currency: String) -> String {
        var text = "gitdesk close \(period)\n\(formatLine)\n\n"
        for statement in statements.sorted(by: { $0.client < $1.client }) {
            text += "client \(statement.client) closing \(statement.closing.plain) \(currency) sha256 \(digest(statement))\n"
        }
        return text
    }

    /// Parses the message of a tag named `gitdesk/close/…`; nil for other tags. A message
    /// that is not a seal's (a lightweight tag has none) gives a seal with no entries and a
    /// problem saying so.
    public init?(tag: String, commit: String, message: String?) {
        guard tag.hasPrefix(Seal.tagPrefix) else { return nil }
        let name = tag.dropFirst(Seal.tagPrefix.count).split(separator: "/", maxSplits: 1).map(String.init)
        self.tag = tag
        self.commit = commit
        period = name.first ?? ""
        client = name.count == 2 ? name[1] : nil
        self.message = message ?? ""
        let lines = self.message.split(separator: "\n", omittingEmptySubsequences: false)
        guard let message, lines.first == Substring("gitdesk close \(period)") else {
            entries = []
            problems = [(message == nil ? Problem.sealIsLightweight : .sealMessageStart(period)).text]
            return
        }
        guard lines.count > 1, lines[1] == Substring(Seal.formatLine) else {
            entries = []
            problems = [Problem.sealOfOlderGitdesk.text]
            return
        }
        var entries: [Entry] = [], problems: [Text] = []
        for line in lines.dropFirst(2) where !line.isEmpty {
            let t = line.split(separator: " ", omittingEmptySubsequences: false)
            if t.count == 7, t[0] == "client", Identifier.isValid(String(t[1])), t[2] == "closing", t[5] == "sha256",
               let closing = Money(t[3]), t[6].utf8.count == 64 {
                entries.append(Entry(client: String(t[1]), closing: closing, digest: String(t[6])))
            } else {
                problems.append(Problem.sealEntry(String(line.prefix(80))).text)
            }
        }
        self.entries = entries
        self.problems = problems
    }

    /// What a sealed statement shows, digested: the client, period, currency, opening and
    /// closing balances, and each movement's kind, ID, date, ticket, person, minutes, work
    /// kind, rate, amount and note, in a fixed order. Never where a line sits in its file,
    /// so headings, blank lines and moved lines keep a seal; any change to those values
    /// breaks it.
    public static func digest(_ statement: Statement) -> String {
        struct Canonical: Encodable {
            let client, period, currency, opening, closing: String
            let movements: [[String]]
        }
        let movements = (statement.work + statement.ledger).map { m in
            [m.source.rawValue, m.id ?? "", m.date.description, m.ticket ?? "", m.login ?? "", m.minutes.map(String.init) ?? "",
             m.kind ?? "", m.rate?.plain ?? "", m.amount.plain, m.note]
        }.sorted { $0.lexicographicallyPrecedes($1) }
        let canonical = Canonical(client: statement.client, period: statement.period, currency: statement.currency,
                                  opening: statement.opening.plain, closing: statement.closing.plain, movements: movements)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hex((try? encoder.encode(canonical)) ?? Data())
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
        /// nil for a client the seal does not cover.
        public let sealedClosing: Money?
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

    /// Every sealed statement whose digest the desk no longer gives, and every client of
    /// an all-clients seal that has money in its period without an entry. A client whose
    /// money cannot be computed (a line that does not parse) is not compared: its findings
    /// say why, and a seal breach would be a guess.
    public func breaches() -> [Breach] {
        let accounts = Accounts(desk: desk)
        // A problem that blocks everyone's money (settings, a card) leaves nothing to compare.
        guard accounts.deskFindings.isEmpty else { return [] }
        var result: [Breach] = []
        for seal in seals {
            guard let period = Period(seal.period) else { continue }
            func breach(_ client: String, sealed: (digest: String, closing: Money)?, current: Statement) -> Breach {
                let override = desk.sealOverrides.first { $0.value.period == seal.period && $0.value.client == client }
                var changed: [String] = []
                if let sealedStatement = sealedStatements[Self.key(seal, client)] {
                    changed = Self.differences(sealedStatement, current)
                } else if sealed == nil {
                    changed = (current.work + current.ledger).map { $0.id ?? $0.location.description }
                }
                return Breach(seal: seal.tag, period: seal.period, client: client, sealedDigest: sealed?.digest ?? "none",
                              currentDigest: Seal.digest(current), sealedClosing: sealed?.closing, currentClosing: current.closing,
                              override: override.map { "\($0.location): \($0.value.reason)" }, changedTransactions: changed)
            }
            for entry in seal.entries where clients?.contains(entry.client) ?? true {
                guard let account = try? accounts.account(entry.client) else { continue }
                let current = Statement(account: account, period: period, desk: desk)
                if Seal.digest(current) != entry.digest {
                    result.append(breach(entry.client, sealed: (entry.digest, entry.closing), current: current))
                }
            }
            // A client that appears inside a period sealed for every client.
            guard seal.client == nil, seal.problems.isEmpty else { continue }
            let covered = Set(seal.entries.map(\.client))
            for slug in desk.clients.keys.sorted() where !covered.contains(slug) && (clients?.contains(slug) ?? true) {
                guard let account = try? accounts.account(slug) else { continue }
                let current = Statement(account: account, period: period, desk: desk)
                if !(current.work.isEmpty && current.ledger.isEmpty) { result.append(breach(slug, sealed: nil, current: current)) }
            }
        }
        return result
    }

    /// Findings for `check`: one per breach without an override, on the lines that changed,
    /// and one per seal whose message has lines that do not read as entries.
    public func findings() -> [Finding] {
        let unreadable = seals.flatMap { seal in
            seal.problems.map { Finding(file: "refs/tags/" + seal.tag, .sealUnreadable(period: seal.period, problem: $0)) }
        }
        return unreadable + breaches().filter { $0.override == nil }.flatMap { breach -> [Finding] in
            let message: Problem = breach.sealedClosing == nil
                ? .sealedWithout(period: breach.period, seal: breach.seal, client: breach.client)
                : .sealedChanged(period: breach.period, client: breach.client, seal: breach.seal)
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
