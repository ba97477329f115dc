import Foundation
import GitdeskCore
import GitdeskGit

extension DeskRepository {
    /// The desk without its tickets: settings, cards, ledgers and disputes at a commit.
    /// Parsed afresh (a few thousand small files), not from the parse cache, so a command
    /// that needs only cards never decodes every cached ticket.
    public func cards(atCommit commit: ObjectID) throws -> Desk {
        let tree = try git { try repository.commit(commit).tree }
        var files: [TreeFile] = []
        for entry in try git({ try repository.entries(ofTree: tree) }) where entry.name != "tickets" {
            if entry.isTree {
                files += try git { try repository.files(below: entry.id, pathPrefix: entry.name + "/") }
            } else {
                files.append(TreeFile(path: entry.name, blob: entry.id))
            }
        }
        return try DeskLoader(blobs: files.map(\.deskFile), in: repository, scope: .money).loadCards()
    }

    /// One summary per ticket folder at a commit, in folder order. A folder is read only
    /// when its tree (or an entry in `dependsOn`) changed since a run that saved its
    /// summary; folders are read on every core, each worker with its own repository handle.
    public func summaries<Summary: TicketGroupSummary>(_: Summary.Type, atCommit commit: ObjectID, cards: Desk) throws -> [Summary] {
        let tree = try git { try repository.commit(commit).tree }
        let root = try git { try repository.entries(ofTree: tree) }
        let context = Summary.dependsOn.map { name in root.first { $0.name == name }?.id.hex ?? "-" }.joined(separator: ",")
        guard let tickets = root.first(where: { $0.name == "tickets" && $0.isTree }) else { return [] }
        let groups = try git { try repository.entries(ofTree: tickets.id) }.filter(\.isTree)
        let keys = groups.map { "\($0.id.hex)/\(context)" }

        let path = repository.gitdir + "gitdesk/" + Summary.cacheName
        var cached = Self.readSummaries(Summary.self, from: path)
        var results = keys.map { cached[$0] }
        let missing = results.indices.filter { results[$0] == nil }
        if !missing.isEmpty {
            if missing.count > 50 { Self.progress("reading \(missing.count) ticket folders") }
            defer { Self.progress("") }
            let made = try summarize(Summary.self, groups: missing.map { groups[$0] }, cards: cards)
            for (index, summary) in zip(missing, made) { results[index] = summary }
        }
        let summaries = results.map { $0! }
        // Keep this run's summaries and, while the file stays small, older ones (another
        // commit's folders for `--as-of`).
        let fresh = Dictionary(uniqueKeysWithValues: zip(keys, summaries))
        if !missing.isEmpty || cached.count > 2 * keys.count {
            cached.merge(fresh) { _, new in new }
            let kept = cached.count > 2 * keys.count ? fresh : cached
            try? Self.writeSummaries(kept, to: path)
        }
        return summaries
    }

    private func summarize<Summary: TicketGroupSummary>(_: Summary.Type, groups: [TreeEntry], cards: Desk) throws -> [Summary] {
        try parallelMap(groups) { handle, group in
            let files = try handle.files(below: group.id, pathPrefix: "tickets/\(group.name)/")
            let (tickets, findings) = DeskLoader(blobs: files.map(\.deskFile), in: handle, scope: .money).loadTickets(cards: cards)
            return Summary(tickets: tickets, findings: findings, cards: cards)
        }
    }

    private static func readSummaries<Summary: TicketGroupSummary>(_: Summary.Type, from path: String) -> [String: Summary] {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              var reader = try? BinaryReader(data, magic: Summary.cacheName + "\n") else { return [:] }
        var summaries: [String: Summary] = [:]
        do {
            for _ in try reader.count() { summaries[try reader.string()] = try Summary(from: &reader) }
        } catch {
            return [:]
        }
        return summaries
    }

    private static func writeSummaries<Summary: TicketGroupSummary>(_ summaries: [String: Summary], to path: String) throws {
        var writer = BinaryWriter(magic: Summary.cacheName + "\n")
        writer.int(summaries.count)
        for (key, summary) in summaries.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            summary.write(to: &writer)
        }
        try writeAtomically(writer.data, to: path)
    }
}
