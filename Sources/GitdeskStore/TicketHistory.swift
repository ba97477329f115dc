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
    /// reads only the trees along the ticket's `ticket.md` (remembered per ticket and
    /// extended the same way). Both give the same answer; the walk leaves the index to the
    /// commands that read the whole history (audit, sla, remind, dashboard, site), so showing
    /// a ticket never costs a build of it.
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

    /// The ticket's status changes found by walking the history, remembered with the commit
    /// walked to (`DeskIndex.Part.ticketWalks`): the same commit answers at once, a descendant
    /// of it walks only the commits since (as the history index is extended), anything else
    /// (a reset, a rebase) walks again.
    private func walkStatusHistory(of ticketID: String) throws -> [StatusChange] {
        guard let head else { return [] }
        var walks = rememberedWalks()
        let known = walks[ticketID]
        if let known, known.head == head { return known.changes }
        let since = known.flatMap { repository.isAncestor($0.head, of: head) ? $0 : nil }
        let changes = (since?.changes ?? []) + (try walkStatusHistory(of: ticketID, from: head, hiding: since.map { [$0.head] } ?? []))
        // A desk's shown tickets, not all of its tickets: past the bound, those walked to
        // another commit are forgotten, and all of them when that is not enough.
        if walks.count >= Self.rememberedWalksBound { walks = walks.filter { $0.value.head == head } }
        if walks.count >= Self.rememberedWalksBound { walks = [:] }
        walks[ticketID] = (head, changes)
        try? saveWalks(walks)
        return changes
    }

    /// How many tickets' walks are remembered at most.
    static let rememberedWalksBound = 4096

    /// The walks remembered (`DeskIndex.Part.ticketWalks`), by ticket; none when the part is
    /// missing, foreign or damaged.
    private func rememberedWalks() -> [String: (head: ObjectID, changes: [StatusChange])] {
        guard var reader = deskIndex.read(.ticketWalks) else { return [:] }
        var walks: [String: (head: ObjectID, changes: [StatusChange])] = [:]
        do {
            for _ in try reader.count() {
                let ticket = try reader.string()
                guard let head = ObjectID(hex: try reader.string()) else { return [:] }
                walks[ticket] = (head, try (try reader.count()).map { _ in
                    StatusChange(from: try reader.optionalString(), to: try reader.string(), commit: try reader.string(),
                                 author: try reader.string(), email: try reader.string(), time: Int64(try reader.int()))
                })
            }
        } catch {
            return [:]
        }
        return walks
    }

    private func saveWalks(_ walks: [String: (head: ObjectID, changes: [StatusChange])]) throws {
        var writer = BinaryWriter(for: .ticketWalks)
        writer.int(walks.count)
        for (ticket, walk) in walks.sorted(by: { $0.key < $1.key }) {
            writer.string(ticket)
            writer.string(walk.head.hex)
            writer.int(walk.changes.count)
            for change in walk.changes {
                writer.optionalString(change.from); writer.string(change.to); writer.string(change.commit)
                writer.string(change.author); writer.string(change.email); writer.int(Int(change.time))
            }
        }
        try deskIndex.write(.ticketWalks, &writer)
    }

    /// The ticket's status changes as the history index records them, from the commits that
    /// changed its `ticket.md` (against the first parent; in a merge, not a change the other
    /// parent already held) among those `head` reaches and `hiding` does not, found on every
    /// core.
    private func walkStatusHistory(of ticketID: String, from head: ObjectID, hiding: [ObjectID]) throws -> [StatusChange] {
        let path = TicketID.folder(of: ticketID) + "/ticket.md"
        let commits = try git { try repository.history(from: head, hiding: hiding) }
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
