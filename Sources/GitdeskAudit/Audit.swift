import Foundation
import GitdeskCore
import GitdeskMoney
import GitdeskStore

/// A commit as audit shows it.
public struct Stamp: Codable, Hashable, Sendable {
    public let commit: String
    public let author: String
    public let email: String
    /// Author time in the desk's time zone, ISO 8601.
    public let time: String

    init(commit: String, author: String, email: String, time: String) {
        self.commit = commit; self.author = author; self.email = email; self.time = time
    }

    init(_ commit: HistoryCommit, zone: TimeZone) {
        self.commit = commit.id.hex
        author = commit.author
        email = commit.email
        time = Timestamp.format(Date(timeIntervalSince1970: TimeInterval(commit.time)), zone: zone)
    }
}

/// One field of a transaction changed by a later commit.
public struct FieldChange: Codable, Hashable, Sendable {
    public let stamp: Stamp
    public let field: String
    public let old: String
    public let new: String
}

/// The evidence about one transaction: who recorded it and when, every later change, its
/// deletion, its dispute.
public struct TransactionAudit: Codable, Sendable {
    public let id: String
    public let client: String
    public let ticket: String?
    public let file: String
    /// The line as it stands now; nil when deleted.
    public let current: String?
    /// The line as first recorded.
    public let original: String
    public let introduced: Stamp
    public let workDate: Day?
    public let recordedDate: Day
    /// Days between the work date and the recording.
    public let lateDays: Int?
    public let numbered: Stamp?
    public let changes: [FieldChange]
    public let deleted: Stamp?
    public let dispute: [DisputeLine]
    /// `late`, `future-dated`, `edited`, `deleted`, `disputed`.
    public let flags: [String]
}

/// The whole dispute view: transactions plus the state of every seal.
public struct AuditReport: Codable, Sendable {
    public let transactions: [TransactionAudit]
    public let seals: [SealState]
    public let lateDaysThreshold: Int

    public init(transactions: [TransactionAudit], seals: [SealState], lateDaysThreshold: Int) {
        self.transactions = transactions
        self.seals = seals
        self.lateDaysThreshold = lateDaysThreshold
    }

    /// Everything but the transactions, so they can be written one at a time after it.
    public struct Head: Encodable {
        public let seals: [SealState]
        public let lateDaysThreshold: Int
    }

    public var head: Head { Head(seals: seals, lateDaysThreshold: lateDaysThreshold) }
}

/// A seal as audit sees it now.
public struct SealState: Codable, Sendable {
    public let seal: Seal
    /// False when the sealed commit is no longer in the branch's history (rewritten).
    public let sealedCommitInHistory: Bool
    public let breaches: [SealGuard.Breach]
    /// What is wrong with the seal itself: a message that does not read, a tag that is not
    /// the one `audit/seals.md` recorded, a tag that it does not record.
    public let problems: [Text]

    /// Sealed money unchanged, the sealed commit in history, the tag the one recorded.
    public var intact: Bool { breaches.isEmpty && sealedCommitInHistory && problems.isEmpty }
}

/// What to audit.
public struct AuditFilter: Sendable {
    public var client: String?
    public var period: Period?
    public var ticket: String?
    public var transaction: String?

    public init(client: String? = nil, period: Period? = nil, ticket: String? = nil, transaction: String? = nil) {
        self.client = client; self.period = period; self.ticket = ticket; self.transaction = transaction
    }

    /// True when nothing is filtered out: the audit of the whole history.
    public var isEmpty: Bool { client == nil && period == nil && ticket == nil && transaction == nil }
}

/// Builds the audit of a desk from its history (SPEC §6).
public struct Auditor {
    /// The desk's cards (settings, clients, disputes): a ticket's client is the owner of its
    /// ID's prefix, so no ticket needs to be read.
    public let desk: Desk
    public let history: DeskHistory

    public init(desk: Desk, history: DeskHistory) {
        self.desk = desk
        self.history = history
    }

    /// The ticket and client a transaction file belongs to: a ledger's client, or the owner
    /// of the ticket ID's prefix ("?" when no client has it).
    static func owner(of file: String, clientByPrefix: [String: String]) -> (ticket: String?, client: String) {
        if file.hasPrefix("ledger/") { return (nil, String(file.dropFirst("ledger/".count).dropLast(3))) }
        let ticket = TicketPath(file).map { String($0.ticket) }
        return (ticket, ticket.flatMap { clientByPrefix[String($0.split(separator: "-")[0])] } ?? "?")
    }

    /// The client each transaction file belongs to (`?` for a ticket of no known client).
    public static func clientOfFile(_ desk: Desk) -> (String) -> String {
        let clientByPrefix = clientByPrefix(desk)
        return { owner(of: $0, clientByPrefix: clientByPrefix).client }
    }

    private static func clientByPrefix(_ desk: Desk) -> [String: String] {
        Dictionary(desk.clients.values.map { ($0.prefix, $0.slug) }, uniquingKeysWith: { a, _ in a })
    }

    /// The history lines an audit under `filter` reads: one client's or one ticket's files
    /// only, so the rest of a long history is skipped, not decoded.
    public static func lines(for filter: AuditFilter, desk: Desk) -> DeskHistory.Lines {
        guard filter.client != nil || filter.ticket != nil else { return .all }
        let clientByPrefix = clientByPrefix(desk)
        return .of { file in
            let (ticket, client) = owner(of: file, clientByPrefix: clientByPrefix)
            return filter.client.map { $0 == client } ?? true && filter.ticket.map { $0 == ticket } ?? true
        }
    }

    /// The audited transactions, in output order; `files`, when given, limits the audit to
    /// the transactions of those files.
    public func transactions(_ filter: AuditFilter, files: Set<String>? = nil) -> [TransactionAudit] {
        let zone = desk.config.timezone
        let clientByPrefix = Self.clientByPrefix(desk)
        // One stamp (and recording day) per commit, however many lines it touched.
        var stamps = [(stamp: Stamp, day: Day)?](repeating: nil, count: history.commits.count)
        func stamped(_ commit: Int) -> Int {
            if stamps[commit] == nil {
                let stamp = Stamp(history.commits[commit], zone: zone)
                // From the time itself: a commit of any year (git takes any 64-bit time) has a day.
                stamps[commit] = (stamp, Day(Date(timeIntervalSince1970: TimeInterval(history.commits[commit].time)), in: zone))
            }
            return commit
        }
        // Follow each transaction through history by its key; a line that gets an ID later is
        // followed by its content until then. Records are changed in place, by position.
        var records: [Record] = []
        var positions: [LineKey: Int] = [:]
        func place(_ record: Record, at key: LineKey) {
            if let position = positions[key] { records[position] = record } else {
                positions[key] = records.count
                records.append(record)
            }
        }
        for change in history.lines {
            if let files, !files.contains(change.file) { continue }
            let commit = stamped(change.commit)
            let key = LineKey(file: change.file, key: change.key)
            switch change.kind {
            case .added:
                place(Record(file: change.file, key: change.key, original: change.new!, current: change.new, introduced: commit), at: key)
            case .numbered:
                var record = Record(file: change.file, key: change.key, original: change.new!, current: change.new, introduced: commit)
                if let position = positions.removeValue(forKey: LineKey(file: change.file, key: "=" + (change.old ?? ""))) {
                    // The record moves to its ID; its old slot is left empty.
                    record = records[position]
                    records[position].removed = true
                }
                record.key = change.key
                record.current = change.new
                record.numbered = commit
                place(record, at: key)
            case .edited:
                guard let position = positions[key] else { continue }
                records[position].changes += Self.fieldChanges(change.old ?? "", change.new ?? "", file: change.file,
                                                               stamp: stamps[commit]!.stamp)
                records[position].current = change.new
            case .deleted:
                guard let position = positions[key] else { continue }
                records[position].deleted = commit
                records[position].current = nil
            }
        }
        // Where each file belongs, worked out once per file.
        var owners: [String: (ticket: String?, client: String)] = [:]
        func owner(_ file: String) -> (ticket: String?, client: String) {
            if let known = owners[file] { return known }
            let found = Self.owner(of: file, clientByPrefix: clientByPrefix)
            owners[file] = found
            return found
        }
        var disputes: [String: [String: [DisputeLine]]] = [:]
        for (client, lines) in desk.disputes {
            disputes[client] = Dictionary(grouping: lines.map(\.value), by: \.transaction)
        }
        var result: [TransactionAudit] = []
        var sortKeys: [(client: String, day: Int, file: Int, id: String)] = []
        // Files compare by rank: a million string comparisons fewer when sorting.
        let fileRanks = Dictionary(uniqueKeysWithValues: Set(records.map(\.file)).sorted().enumerated().map { ($1, $0) })
        for record in records where !record.removed {
            let isLedger = record.file.hasPrefix("ledger/")
            let (ticket, client) = owner(record.file)
            let line = record.current ?? record.original
            let workDate = Self.workDate(line, isLedger: isLedger)
            let (introduced, recorded) = stamps[record.introduced]!
            let id = record.key.hasPrefix("=") ? "(no ID)" : record.key
            if filter.client.map({ $0 != client }) == true { continue }
            if filter.ticket.map({ $0 != ticket }) == true { continue }
            if filter.transaction.map({ $0 != id }) == true { continue }
            if let period = filter.period, !(workDate.map(period.contains) ?? false) && !period.contains(recorded)
                && !record.changes.contains(where: { Day($0.stamp.time.prefix(10)).map(period.contains) ?? false }) {
                continue
            }
            let late = workDate.map { recorded.ordinal - $0.ordinal }
            let dispute = disputes[client]?[id] ?? []
            var flags: [String] = []
            if let late, late > desk.config.auditLateDays { flags.append("late") }
            if let late, late < -1 { flags.append("future-dated") }
            if !record.changes.isEmpty { flags.append("edited") }
            if record.deleted != nil { flags.append("deleted") }
            if !dispute.isEmpty { flags.append("disputed") }
            result.append(TransactionAudit(
                id: id, client: client, ticket: ticket, file: record.file, current: record.current, original: record.original,
                introduced: introduced, workDate: workDate, recordedDate: recorded, lateDays: late,
                numbered: record.numbered.map { stamps[$0]!.stamp }, changes: record.changes, deleted: record.deleted.map { stamps[$0]!.stamp },
                dispute: dispute, flags: flags))
            sortKeys.append((client, (workDate ?? recorded).ordinal, fileRanks[record.file]!, id))
        }
        // Sort positions, not the large values themselves.
        return result.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { result[$0] }
    }

    /// A transaction line's identity in history: its file and its ID (or `=` and its text
    /// while it has none).
    private struct LineKey: Hashable {
        let file: String
        let key: String
    }

    /// A transaction as followed so far; commits are positions in the history.
    private struct Record {
        let file: String
        var key: String
        let original: String
        var current: String?
        let introduced: Int
        var numbered: Int?
        var changes: [FieldChange] = []
        var deleted: Int?
        /// Moved to another slot when its line got an ID.
        var removed = false
    }

    /// The line's second word (after `-`) as a date; only that word is looked at.
    static func workDate(_ line: String, isLedger: Bool) -> Day? {
        let utf8 = line.utf8
        var index = utf8.startIndex
        func skip(spaces: Bool) {
            while index != utf8.endIndex && (utf8[index] == UInt8(ascii: " ")) == spaces { utf8.formIndex(after: &index) }
        }
        skip(spaces: true)
        skip(spaces: false)
        skip(spaces: true)
        let start = index
        skip(spaces: false)
        return Day(Substring(utf8[start..<index]))
    }

    /// The fields that differ between two versions of a line.
    static func fieldChanges(_ old: String, _ new: String, file: String, stamp: Stamp) -> [FieldChange] {
        func fields(_ text: String) -> [(String, String)]? {
            if file.hasPrefix("ledger/") {
                guard let line = try? LedgerLine.parse(Substring(text)).get() else { return nil }
                return [("date", line.date.description), ("kind", line.kind.rawValue), ("amount", line.amount.plain), ("note", line.note)]
            }
            guard let line = try? WorkLine.parse(Substring(text)).get() else { return nil }
            return [("date", line.date.description), ("login", line.login), ("duration", line.duration.description),
                    ("kind", line.kind), ("colleague", line.colleague.map { "@" + $0 } ?? ""), ("note", line.note)]
        }
        guard let a = fields(old), let b = fields(new) else {
            return [FieldChange(stamp: stamp, field: "line", old: old, new: new)]
        }
        return zip(a, b).filter { $0.1 != $1.1 }.map { FieldChange(stamp: stamp, field: $0.0, old: $0.1, new: $1.1) }
    }
}
