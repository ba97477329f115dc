import GitdeskCore
import GitdeskGit
import GitdeskMoney
import GitdeskStore

extension DeskRepository {
    /// The state of every seal the desk knows (`knownSeals`) against the desk at HEAD (`desk`:
    /// its money), with what the desk's record of seals and its history say about each tag.
    public func sealStates(_ known: KnownSeals, desk: Desk) -> [SealState] {
        let seals = known.seals
        let breaches = SealGuard(desk: desk, seals: seals).breaches()
        let problems = sealRecordProblems(cards: desk, seals: seals, rebuilt: known.rebuilt) + known.problems
        return seals.map { seal in
            let inHistory = ObjectID(hex: seal.commit).flatMap { sealed in head.map { repository.isAncestor(sealed, of: $0) } } ?? false
            return SealState(seal: seal, sealedCommitInHistory: inHistory, breaches: breaches.filter { $0.seal == seal.tag },
                             problems: seal.problems + problems.filter { $0.tag == seal.tag }.map(\.finding.located))
        }
    }
}
