import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskMoney

/// A seal as the desk's history remembers it: a line `audit/seals.md` once held, and the
/// commit that added it (the one `gitdesk close` made and tagged).
public struct RememberedSeal: Hashable, Sendable {
    public let record: SealRecord
    public let commit: ObjectID

    public var tag: String { Seal.tagName(period: record.period, client: record.client) }
}

extension DeskRepository {
    /// Every seal record any commit reachable from HEAD added to `audit/seals.md`: what a seal
    /// once made leaves behind even when the file is emptied and the tag deleted. Kept in the
    /// desk index with the tip it was read to; a later call walks only the commits since.
    public func rememberedSeals() throws -> [RememberedSeal] {
        guard let head else { return [] }
        var known: [RememberedSeal] = []
        var hiding: [ObjectID] = []
        if var reader = deskIndex.read(.sealHistory), let tip = try? reader.string(), let tipID = ObjectID(hex: tip),
           let count = try? reader.int(), count >= 0, count < 1 << 20 {
            var read: [RememberedSeal] = []
            for _ in 0..<count {
                guard let line = try? reader.string(), let commit = (try? reader.string()).flatMap(ObjectID.init(hex:)),
                      case .success(let record) = SealRecord.parse(Substring(line)) else { read = []; break }
                read.append(RememberedSeal(record: record, commit: commit))
            }
            if read.count == count, try git({ repository.isAncestor(tipID, of: head) }) {
                if tipID == head { return read }
                known = read
                hiding = [tipID]
            }
        }
        var blobs: [ObjectID: ObjectID?] = [:]
        func recordsBlob(_ commit: ObjectID) throws -> ObjectID? {
            if let found = blobs[commit] { return found }
            let tree = try git { try repository.commit(commit).tree }
            let blob = try git { try repository.entryID(path: SealRecord.file, inTree: tree) }
            blobs[commit] = blob
            return blob
        }
        func lines(_ blob: ObjectID?) throws -> Set<String> {
            guard let blob else { return [] }
            let text = String(decoding: try self.blob(blob), as: UTF8.self)
            return Set(parseLineFile(text, file: SealRecord.file, client: nil, parse: SealRecord.parse).lines.map(\.value.line))
        }
        let seen = Set(known.map(\.record.line))
        for commit in try git({ try repository.history(from: head, hiding: hiding) }) {
            guard let blob = try recordsBlob(commit) else { continue }
            let parents = try git { try repository.commit(commit).parents }
            let parentBlobs = try parents.map(recordsBlob)
            if parentBlobs.contains(where: { $0 == blob }) { continue }
            let before = try parentBlobs.reduce(into: Set<String>()) { $0.formUnion(try lines($1)) }
            for line in try lines(blob).subtracting(before).subtracting(seen).sorted() {
                if case .success(let record) = SealRecord.parse(Substring(line)), !known.contains(where: { $0.record.line == line }) {
                    known.append(RememberedSeal(record: record, commit: commit))
                }
            }
        }
        var writer = BinaryWriter(for: .sealHistory)
        writer.string(head.hex)
        writer.int(known.count)
        for seal in known {
            writer.string(seal.record.line)
            writer.string(seal.commit.hex)
        }
        try? deskIndex.write(.sealHistory, &writer)
        return known
    }

    /// The seals the desk knows: its seal tags, and each seal its history remembers whose tag
    /// is gone, rebuilt from the commit that made it (its message computed again there and
    /// checked against the recorded digest). With the problems of seals removed or moved,
    /// each with its tag, and the tags of the seals rebuilt.
    public func knownSeals(cards: Desk) throws -> KnownSeals {
        var seals = try self.seals()
        let current = Set(cards.sealRecords.map(\.value.line))
        var findings: [(tag: String, finding: Finding)] = []
        var rebuiltTags = Set<String>()
        for remembered in try rememberedSeals() {
            let record = remembered.record, tag = remembered.tag
            let recordGone = !current.contains(record.line)
            if recordGone {
                findings.append((tag, Finding(file: SealRecord.file, .sealRecordRemoved(period: record.period, commit: remembered.commit.short,
                                                                                         command: "gitdesk audit --period \(record.period)"))))
            }
            if let tagged = seals.first(where: { $0.tag == tag }) {
                if tagged.commit != remembered.commit.hex, SHA256.hex(Array(tagged.message.utf8)) == record.messageDigest {
                    findings.append((tag, Finding(file: "refs/tags/" + tag, .sealTagMoved(tag: tag, commit: remembered.commit.short))))
                }
                continue
            }
            // The tag is gone (deleted, or not fetched): the seal is rebuilt from the commit that
            // made it, when the money there still gives the recorded message, and keeps guarding.
            guard let period = Period(record.period), let rebuilt = try? sealMessage(period, client: record.client, atCommit: remembered.commit),
                  SHA256.hex(Array(rebuilt.utf8)) == record.messageDigest,
                  let seal = Seal(tag: tag, commit: remembered.commit.hex, message: rebuilt) else { continue }
            seals.append(seal)
            rebuiltTags.insert(tag)
        }
        return KnownSeals(seals: seals, problems: findings, rebuilt: rebuiltTags)
    }

    /// The message `close` writes for a period (every client, or one) as of a commit.
    func sealMessage(_ period: Period, client: String?, atCommit commit: ObjectID) throws -> String {
        try Self.sealMessage(period, client: client, desk: try self.desk(atCommit: commit, scope: .money)).message
    }

    /// The message `close` writes for a period of a desk's money, and how many clients it seals.
    static func sealMessage(_ period: Period, client: String?, desk: Desk) throws -> (message: String, clients: Int) {
        let slugs = try client.map { [try desk.client($0).slug] } ?? desk.clients.keys.sorted()
        let accounts = Accounts(desk: desk)
        if !desk.findings.isEmpty { throw DeskError.invalidDesk(desk.findings) }
        let statements = try slugs.map { Statement(account: try accounts.account($0), period: period, desk: desk) }
        return (Seal.message(period: period.label, statements: statements, currency: desk.config.currency), slugs.count)
    }
}

/// The seals a desk knows (`knownSeals`).
public struct KnownSeals: Sendable {
    /// The seal tags, and the seals rebuilt from history whose tag is gone.
    public let seals: [Seal]
    /// Seals whose record was removed from `audit/seals.md` or whose tag was moved, by tag.
    public let problems: [(tag: String, finding: Finding)]
    /// The tags of the seals rebuilt from history (no such tag exists).
    public let rebuilt: Set<String>
}
