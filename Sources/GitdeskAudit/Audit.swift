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

    public func transactions(_ filter: AuditFilter) -> [TransactionAudit] {
        let zone = desk.config.timezone
        let clientByPrefix = Dictionary(desk.clients.values.map { ($0.prefix, $0.slug) }, uniquingKeysWith: { a, _ in a })
        // One stamp per commit, however many lines it touched.
        var stamps = [Stamp?](repeating: nil, count: history.commits.count)
        func stamp(_ commit: Int) -> Stamp {
            if let stamp = stamps[commit] { return stamp }
            let stamp = Stamp(history.commits[commit], zone: zone)
            stamps[commit] = stamp
            return stamp
        }
        // Follow each transaction through history by its key; a line that gets an ID later is
        // followed by its content until then.
        var records: [String: Record] = [:]
        var order: [String] = []
        for change in history.lines {
            let stamp = stamp(change.commit)
            let key = change.file + "\u{0}" + change.key
            switch change.kind {
            case .added:
                if records[key] == nil { order.append(key) }
                records[key] = Record(file: change.file, key: change.key, original: change.new!, current: change.new, introduced: stamp)
            case .numbered:
                let contentKey = change.file + "\u{0}=" + (change.old ?? "")
                var record = records.removeValue(forKey: contentKey)
                    ?? Record(file: change.file, key: change.key, original: change.new!, current: change.new, introduced: stamp)
                record.key = change.key
                record.current = change.new
                record.numbered = stamp
                if records[key] == nil { order.append(key) }
                records[key] = record
            case .edited:
                guard var record = records[key] else { continue }
                record.changes += Self.fieldChanges(change.old ?? "", change.new ?? "", file: change.file, stamp: stamp)
                record.current = change.new
                records[key] = record
            case .deleted:
                guard var record = records[key] else { continue }
                record.deleted = stamp
                record.current = nil
                records[key] = record
            }
        }
        var result: [TransactionAudit] = []
        var sortKeys: [(client: String, day: Int, file: String, id: String)] = []
        for key in order {
            guard let record = records[key] else { continue }
            let isLedger = record.file.hasPrefix("ledger/")
            let ticket = isLedger ? nil : record.file.split(separator: "/").dropFirst(2).first.map(String.init)
            let client = isLedger ? String(record.file.dropFirst("ledger/".count).dropLast(3))
                : ticket.flatMap { clientByPrefix[String($0.split(separator: "-")[0])] } ?? "?"
            let line = record.current ?? record.original
            let workDate = Self.workDate(line, isLedger: isLedger)
            let recorded = Day(record.introduced.time.prefix(10))!
            let id = record.key.hasPrefix("=") ? "(no ID)" : record.key
            if filter.client.map({ $0 != client }) == true { continue }
            if filter.ticket.map({ $0 != ticket }) == true { continue }
            if filter.transaction.map({ $0 != id }) == true { continue }
            if let period = filter.period, !(workDate.map(period.contains) ?? false) && !period.contains(recorded)
                && !record.changes.contains(where: { Day($0.stamp.time.prefix(10)).map(period.contains) ?? false }) {
                continue
            }
            let late = workDate.map { recorded.ordinal - $0.ordinal }
            let dispute = (desk.disputes[client] ?? []).map(\.value).filter { $0.transaction == id }
            var flags: [String] = []
            if let late, late > desk.config.auditLateDays { flags.append("late") }
            if let late, late < -1 { flags.append("future-dated") }
            if !record.changes.isEmpty { flags.append("edited") }
            if record.deleted != nil { flags.append("deleted") }
            if !dispute.isEmpty { flags.append("disputed") }
            result.append(TransactionAudit(
                id: id, client: client, ticket: ticket, file: record.file, current: record.current, original: record.original,
                introduced: record.introduced, workDate: workDate, recordedDate: recorded, lateDays: late, numbered: record.numbered,
                changes: record.changes, deleted: record.deleted, dispute: dispute, flags: flags))
            sortKeys.append((client, (workDate ?? recorded).ordinal, record.file, id))
        }
        // Sort positions, not the large values themselves.
        return result.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { result[$0] }
    }

    private struct Record {
        let file: String
        var key: String
        let original: String
        var current: String?
        let introduced: Stamp
        var numbered: Stamp?
        var changes: [FieldChange] = []
        var deleted: Stamp?
    }

    static func workDate(_ line: String, isLedger: Bool) -> Day? {
        let tokens = line.split(separator: " ")
        return tokens.count > 1 ? Day(tokens[1]) : nil
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
