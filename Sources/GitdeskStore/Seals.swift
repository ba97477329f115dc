import GitdeskCore
import GitdeskGit
import GitdeskMoney

/// What `close` did.
public struct Sealing: Sendable {
    public let tag: String
    public let message: String
    public let clients: Int
    /// The tag was made again for a period `audit/seals.md` records (it had been deleted,
    /// and the money is unchanged).
    public let remade: Bool
}

extension DeskRepository {
    /// Seals a period (all clients, or one): each client's statement is digested into the
    /// message of an annotated tag `gitdesk/close/PERIOD[/CLIENT]`, and the message's digest
    /// is appended to `audit/seals.md` in the commit the tag points to. A period that has not
    /// ended (on `today`) is refused unless `early`; a seal is never made twice, but a tag
    /// that went missing is made again when the recorded message matches the money now.
    public func close(_ period: Period, client: String?, today: Day, early: Bool) throws -> Sealing {
        let tag = Seal.tagName(period: period.label, client: client)
        if period.last >= today && !early {
            throw DeskError.refused(.periodNotEnded(period: period.label, last: "\(period.last)"))
        }
        for seal in try seals() where seal.period == period.label && (seal.client == nil || client == nil || seal.client == client) {
            throw DeskError.refused(.alreadySealed(period: period.label, tag: seal.tag))
        }
        func sealing(_ desk: Desk) throws -> (message: String, clients: Int) { try Self.sealMessage(period, client: client, desk: desk) }
        let headCommit = try resolve("HEAD")
        if let record = try cards(atCommit: headCommit).sealRecords.first(where: { $0.value.period == period.label && $0.value.client == client }) {
            let (message, count) = try sealing(try desk(atCommit: headCommit, scope: .money))
            guard SHA256.hex(Array(message.utf8)) == record.value.messageDigest else {
                throw DeskError.refused(.sealGone(period: period.label, place: "\(record.location)", tag: tag))
            }
            // On the commit that sealed it, as the history remembers it.
            let sealed = try rememberedSeals().first { $0.record == record.value }?.commit ?? headCommit
            try createSealTag(tag, at: sealed, message: message)
            return Sealing(tag: tag, message: message, clients: count, remade: true)
        }
        var made: (message: String, clients: Int)?
        let commit = try write { base in
            let sealed = try sealing(try base.wholeDesk())
            made = sealed
            let previous = base.cards.sealRecords.last?.value
            let record = SealRecord(period: period.label, client: client, messageDigest: SHA256.hex(Array(sealed.message.utf8)), after: previous)
            return DeskChange(files: [SealRecord.file: appending(record.line, to: try base.text(SealRecord.file))],
                              message: "close \(period.label)\(client.map { " for " + $0 } ?? "")")
        }
        guard let made else { throw DeskError.git(.sealNotComputed) }
        try createSealTag(tag, at: commit, message: made.message)
        return Sealing(tag: tag, message: made.message, clients: made.clients, remade: false)
    }

    private func createSealTag(_ name: String, at commit: ObjectID, message: String) throws {
        let tagger = try identity()
        _ = try git { try repository.createTag(name: name, target: commit, message: message, tagger: tagger) }
    }

    /// Every `gitdesk/close/…` tag read as a seal (a lightweight one too, with a problem).
    public func seals() throws -> [Seal] {
        try git { try repository.tags(prefix: Seal.tagPrefix) }.compactMap { tag in
            Seal(tag: tag.name, commit: tag.target.hex, message: tag.message)
        }
    }

    /// The sealed statements, read from each seal's own commit through the index (the
    /// clients asked for; nil: all), to name what changed.
    func sealedStatements(_ seals: [Seal], clients: Set<String>?) -> [String: Statement] {
        var result: [String: Statement] = [:]
        for seal in seals {
            guard let commit = ObjectID(hex: seal.commit), let period = Period(seal.period) else { continue }
            for entry in seal.entries where clients?.contains(entry.client) ?? true {
                guard let desk = try? moneyDesk(forClient: entry.client, atCommit: commit),
                      let account = try? Accounts(desk: desk).account(entry.client) else { continue }
                result[SealGuard.key(seal, entry.client)] = Statement(account: account, period: period, desk: desk)
            }
        }
        return result
    }

    /// The seals' findings against a desk that holds the money of `clients` (nil: every
    /// client) with the findings a read of it made: sealed statements that changed without
    /// an override, clients with money inside a period sealed without them, seal messages
    /// that do not read. The statements as sealed are read only when something differs.
    func sealFindings(_ seals: [Seal], in desk: Desk, clients: Set<String>?) -> [Finding] {
        guard !seals.isEmpty, clients?.isEmpty != true else { return [] }
        let quick = SealGuard(desk: desk, seals: seals, clients: clients)
        guard !quick.breaches().isEmpty else { return quick.findings() }
        return SealGuard(desk: desk, seals: seals, sealedStatements: sealedStatements(seals, clients: clients), clients: clients).findings()
    }

    /// The whole desk against its seals, the tags read once: whether they are the ones the
    /// desk remembers (`sealRecordProblems`), and, when there are any, the money of every
    /// client (`money`, read only then) against them.
    public func sealCheck(cards: Desk, money: () throws -> Desk) throws -> [Finding] {
        let known = try knownSeals(cards: cards)
        let records = (sealRecordProblems(cards: cards, seals: known.seals, rebuilt: known.rebuilt) + known.problems).map(\.finding)
        guard !known.seals.isEmpty else { return records }
        return records + sealFindings(known.seals, in: try money(), clients: nil)
    }

    /// Whether the seals are the ones the desk remembers (`audit/seals.md`): the records
    /// chained in order, one per period and scope, each with its annotated tag whose
    /// message is the one recorded, and no seal tag unrecorded. A deleted, replaced or
    /// re-made seal is a finding, returned with the tag it concerns.
    public func sealRecordProblems(cards: Desk, seals: [Seal], rebuilt: Set<String> = []) -> [(tag: String, finding: Finding)] {
        let byTag = Dictionary(seals.map { ($0.tag, $0) }, uniquingKeysWith: { a, _ in a })
        var findings: [(tag: String, finding: Finding)] = []
        var previous: SealRecord?
        var recorded = Set<String>()
        for located in cards.sealRecords {
            let record = located.value, at = located.location
            let tag = Seal.tagName(period: record.period, client: record.client)
            func finding(_ problem: Problem) { findings.append((tag, Finding(file: at.file, line: at.line, problem))) }
            if !record.follows(previous) { finding(.sealChainBroken) }
            if !recorded.insert(tag).inserted { finding(.sealedTwice(record.period)) }
            if let seal = byTag[tag], !rebuilt.contains(tag) {
                if SHA256.hex(Array(seal.message.utf8)) != record.messageDigest {
                    finding(.sealTagReplaced(tag: tag, period: record.period))
                }
            } else {
                finding(.sealTagMissing(tag: tag, command: "gitdesk close \(record.period)" + (record.client.map { " --client " + $0 } ?? "")))
            }
            previous = record
        }
        for seal in seals where !recorded.contains(seal.tag) && !rebuilt.contains(seal.tag) {
            findings.append((seal.tag, Finding(file: "refs/tags/" + seal.tag, .sealTagUnrecorded(SealRecord.file))))
        }
        return findings
    }
}
