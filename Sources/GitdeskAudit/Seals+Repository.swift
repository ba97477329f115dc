import GitdeskCore
import GitdeskGit
import GitdeskMoney
import GitdeskStore

extension DeskRepository {
    /// Every seal recorded as a `gitdesk/close/…` tag.
    public func seals() throws -> [Seal] {
        do {
            return try repository.tags(prefix: Seal.tagPrefix).compactMap { tag in
                Seal(tag: tag.name, commit: tag.target.hex, message: tag.message ?? "")
            }
        } catch let error as GitError {
            throw DeskError.git(error.description)
        }
    }

    /// The sealed statements, read from each seal's own commit (for naming what changed).
    public func sealedStatements(_ seals: [Seal]) -> [String: Statement] {
        var result: [String: Statement] = [:]
        for seal in seals {
            guard let commit = ObjectID(hex: seal.commit), let desk = try? desk(atCommit: commit),
                  let period = Period(seal.period) else { continue }
            let accounts = Accounts(desk: desk)
            for entry in seal.entries {
                if let account = try? accounts.account(entry.client) {
                    result[SealGuard.key(seal, entry.client)] = Statement(account: account, period: period, desk: desk)
                }
            }
        }
        return result
    }

    /// The state of every seal against the desk at HEAD.
    public func sealStates(_ seals: [Seal], desk: Desk) throws -> [SealState] {
        let breaches = SealGuard(desk: desk, seals: seals, sealedStatements: sealedStatements(seals)).breaches()
        return seals.map { seal in
            let inHistory = ObjectID(hex: seal.commit).flatMap { sealed in head.map { repository.isAncestor(sealed, of: $0) } } ?? false
            return SealState(seal: seal, sealedCommitInHistory: inHistory, breaches: breaches.filter { $0.seal == seal.tag })
        }
    }
}
