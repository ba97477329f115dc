import Foundation
import GitdeskCore
import GitdeskGit

/// A change of a ticket's status, as recorded by the commit that made it.
public struct StatusChange: Codable, Hashable, Sendable {
    /// nil for the commit that created the ticket.
    public let from: String?
    public let to: String
    public let commit: String
    public let author: String
    public let email: String
    /// Seconds since 1970 of the commit's author time.
    public let time: Int64
}

extension DeskRepository {
    /// The statuses a ticket went through, oldest first: from the history index when one has
    /// been built (then extended by the commits since), else by a walk of the history that
    /// reads only the trees along the ticket's `ticket.md`. Both give the same answer; the
    /// walk leaves the index to the commands that read the whole history (audit, sla,
    /// remind, dashboard, site), so showing a ticket never costs a build of it.
    public func statusHistory(of ticketID: String) throws -> [StatusChange] {
        guard hasHistoryIndex else { return try walkStatusHistory(of: ticketID) }
        let history = try history(lines: .none)
        return history.statuses.filter { $0.ticket == ticketID && $0.to != nil }.map { event in
            let commit = history.commits[event.commit]
            return StatusChange(from: event.from, to: event.to!, commit: commit.id.hex, author: commit.author,
                                email: commit.email, time: commit.time)
        }
    }

    /// Whether a history index written by this build of gitdesk is there (its first bytes
    /// read, not the whole file).
    private var hasHistoryIndex: Bool {
        guard let file = FileHandle(forReadingAtPath: deskIndex.path(.history)) else { return false }
        defer { try? file.close() }
        let magic = Data(DeskHistory.magic.utf8)
        return (try? file.read(upToCount: magic.count)) == magic
    }

    /// The ticket's status changes as the history index records them, from the commits that
    /// changed its `ticket.md` (against the first parent; in a merge, not a change the other
    /// parent already held), found on every core.
    private func walkStatusHistory(of ticketID: String) throws -> [StatusChange] {
        guard let head else { return [] }
        let path = TicketID.folder(of: ticketID) + "/ticket.md"
        let commits = try git { try repository.history(from: head) }
        let changes = try parallelMap(commits, worker: { TicketFileWalker(repository: $0, path: path) }) { try $0.change(of: $1) }
        var result: [StatusChange] = []
        var texts: [ObjectID: String?] = [:]
        func status(_ blob: ObjectID?) throws -> String? {
            guard let blob else { return nil }
            if let known = texts[blob] { return known }
            let value = scanFrontMatterValue("status", in: String(decoding: try git { try repository.blob(blob) }, as: UTF8.self))
            texts[blob] = value
            return value
        }
        for change in changes.compactMap({ $0 }) {
            let (old, new) = (try status(change.old), try status(change.new))
            let other = try change.other.map { try status($0) }
            guard HistoryWalker.madeStatusChange(old: old, new: new, otherParent: other), let new else { continue }
            let author = change.commit.author
            result.append(StatusChange(from: old, to: new, commit: change.commit.id.hex, author: author.name, email: author.email, time: author.time))
        }
        return result
    }
}

/// Finds, commit by commit, the versions of one file a commit and its parents hold.
final class TicketFileWalker {
    /// A commit whose version of the file differs from its first parent's.
    struct Change {
        let commit: CommitInfo
        let old: ObjectID?, new: ObjectID?
        /// In a merge, the version the other parent holds.
        let other: ObjectID?
    }

    let repository: Repository
    let lookup: PathLookup
    /// The trees of recent commits: a commit's parent is usually the commit read just before.
    private var trees: [ObjectID: ObjectID] = [:]

    init(repository: Repository, path: String) {
        self.repository = repository
        lookup = PathLookup(repository: repository, path: path)
    }

    func change(of id: ObjectID) throws -> Change? {
        let info = try repository.commit(id)
        remember(id, tree: info.tree)
        let new = try lookup.blob(inTree: info.tree)
        let parentTrees = try info.parents.map { parent in try trees[parent] ?? repository.commit(parent).tree }
        let old = try parentTrees.first.flatMap { try lookup.blob(inTree: $0) }
        guard old != new else { return nil }
        let other = parentTrees.count > 1 ? try lookup.blob(inTree: parentTrees[1]) : nil
        return Change(commit: info, old: old, new: new, other: other)
    }

    private func remember(_ commit: ObjectID, tree: ObjectID) {
        if trees.count >= 1 << 14 { trees.removeAll(keepingCapacity: true) }
        trees[commit] = tree
    }
}
