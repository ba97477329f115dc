import Foundation
import GitdeskCore
import GitdeskGit

extension DeskRepository {
    /// The desk without its tickets: settings, cards, ledgers and disputes at a commit.
    /// Parsed files come from the index's own part for cards (`parsedCards`), so a command
    /// that needs only cards never decodes the index of every cached ticket.
    public func cards(atCommit commit: ObjectID, scope: DeskLoader.Scope = .money) throws -> Desk {
        try cards(in: try snapshot(atCommit: commit), scope: scope)
    }

    /// The settings (`gitdesk.yml`) at HEAD alone, for a command that reads no cards.
    public func settings() throws -> DeskConfig {
        guard let head = try git({ try repository.head() }),
              let blob = try git({ try repository.entryID(path: "gitdesk.yml", inTree: try repository.commit(head).tree) }) else { return DeskConfig() }
        do {
            return try DeskConfig.parse(String(decoding: try self.blob(blob), as: UTF8.self))
        } catch let finding as Finding {
            throw DeskError.invalidDesk([finding])
        }
    }

    /// The ids of some top-level entries of a commit's tree, as one string: what a cache of
    /// values computed from them is keyed by.
    public func context(_ names: [String], atCommit commit: ObjectID) throws -> String {
        try snapshot(atCommit: commit).context(names)
    }

    /// The tickets in some folders (`tickets/PREFIX/ID`) at a commit, read afresh on every
    /// core; a folder that is gone, or whose ticket does not load, gives none.
    public func tickets(inFolders folders: [String], atCommit commit: ObjectID, cards: Desk) throws -> [Ticket] {
        try tickets(inFolders: folders, tree: try git { try repository.commit(commit).tree }, cards: cards)
    }

    /// Every ticket of the desk at a commit, handed to `body` a few `tickets/PREFIX/` folders
    /// at a time in folder order (each batch read afresh on every core), so a pass over the
    /// whole desk never holds every ticket at once.
    public func forEachTicketBatch(atCommit commit: ObjectID, cards: Desk, _ body: ([Ticket]) throws -> Void) throws {
        let groups = try snapshot(atCommit: commit).ticketEntries.filter(\.isTree)
        let label = groups.count > 50 ? Problem.readingFolders(groups.count).description : nil
        if let label { Self.progress(label) }
        defer { Self.progress("") }
        for start in stride(from: 0, to: groups.count, by: 32) {
            let batch = try parallelMap(Array(groups[start..<min(start + 32, groups.count)])) { handle, group in
                DeskLoader(blobs: try handle.ticketGroupFiles(group), in: handle, scope: .full).loadTickets(cards: cards).tickets
            }
            if let label, start % 1024 == 0 { Self.progressBar(label, start, groups.count) }
            try body(batch.flatMap { $0 }.sorted { $0.id < $1.id })
        }
    }

    /// One summary per ticket folder at a commit, in folder order. A folder is read only
    /// when its tree (or an entry in `dependsOn`) changed since a run that saved its
    /// summary; saved summaries are decoded, and folders read, on every core.
    public func summaries<Summary: TicketGroupSummary>(_: Summary.Type, atCommit commit: ObjectID, cards: Desk) throws -> [Summary] {
        try summaries(Summary.self, in: try snapshot(atCommit: commit), cards: cards)
    }

    func summaries<Summary: TicketGroupSummary>(_: Summary.Type, in snapshot: Snapshot, cards: Desk, persist: Bool = true) throws -> [Summary] {
        let context = snapshot.context(Summary.dependsOn)
        let groups = snapshot.ticketEntries.filter(\.isTree)
        let keys = groups.map { "\($0.id.hex)/\(context)" }

        let part = Summary.indexPart
        let saved = RecordFile(deskIndex, part)
        let recent = recentSummaries
        let missing = keys.filter { saved.records[$0] == nil && recent[part.rawValue + $0] == nil }.count
        // Many folders to read: a cold or outdated file, not the few a commit touched.
        let readsMany = missing > 16
        let label = missing > 50 ? Problem.readingFolders(missing).description : nil
        if let label { Self.progress(label) }
        defer { Self.progress("") }
        let made = try parallelMap(Array(groups.indices), progress: label) { handle, index -> (summary: Summary, fresh: Bool) in
            if let summary = recent[part.rawValue + keys[index]] as? Summary {
                return (summary, saved.records[keys[index]] == nil)
            }
            if let summary = saved.decode(keys[index], Summary.init(from:)) { return (summary, false) }
            // Each folder is parsed afresh and forgotten: a whole desk's parsed files would not
            // fit the memory a command is allowed.
            let (tickets, findings) = DeskLoader(blobs: try handle.ticketGroupFiles(groups[index]), in: handle, cache: ParseCache(), scope: Summary.scope)
                .loadTickets(cards: cards)
            return (Summary(tickets: tickets, findings: findings, cards: cards), true)
        }
        if readsMany { closePacks() }
        // Keep this run's summaries and, while the file stays small, older ones (another
        // commit's folders for `--as-of`). `persist: false` (a write, the hook) still saves
        // when many folders were read: a missing or outdated file (after an upgrade) would
        // else make every commit read the whole desk until some read command saved it.
        for (key, (summary, _)) in zip(keys, made) { recentSummaries[part.rawValue + key] = summary }
        if persist || readsMany, made.contains(where: { $0.fresh }) || saved.records.count > 2 * keys.count {
            var records: [String: RecordFile.Record] = saved.records.count > 2 * keys.count ? [:] : saved.records.mapValues { .saved($0) }
            for (key, (summary, fresh)) in zip(keys, made) {
                records[key] = fresh ? .fresh { summary.write(to: &$0) } : .saved(saved.records[key]!)
            }
            try? saved.write(records)
        }
        return made.map { $0.summary }
    }
}

/// A part of the desk index holding records by key, each length-prefixed so that reading
/// the part indexes it and a record is decoded only when asked for (on whichever thread asks).
struct RecordFile: Sendable {
    let bytes: [UInt8]
    let records: [String: Range<Int>]
    let index: DeskIndex, part: DeskIndex.Part

    /// What to write for a key: a record as saved before, or a value to encode.
    enum Record {
        case saved(Range<Int>)
        case fresh((inout BinaryWriter) -> Void)
    }

    /// The records of the part; none when it is missing or does not index.
    init(_ index: DeskIndex, _ part: DeskIndex.Part) {
        (self.index, self.part) = (index, part)
        guard var reader = index.read(part) else {
            (bytes, records) = ([], [:])
            return
        }
        var records: [String: Range<Int>] = [:]
        do {
            for _ in try reader.count() { records[try reader.string()] = try reader.record() }
        } catch {
            records = [:]
        }
        (bytes, self.records) = (reader.bytes, records)
    }

    /// The record for `key`, or nil when there is none or it does not decode.
    func decode<Value>(_ key: String, _ decode: (inout BinaryReader) throws -> Value) -> Value? {
        guard let range = records[key] else { return nil }
        var reader = BinaryReader(bytes: bytes, record: range)
        return try? decode(&reader)
    }

    func write(_ records: [String: Record]) throws {
        var writer = BinaryWriter(for: part)
        writer.int(records.count)
        for (key, record) in records.sorted(by: { $0.key < $1.key }) {
            writer.string(key)
            switch record {
            case .saved(let range): writer.lengthPrefixed(bytes[range])
            case .fresh(let encode): writer.lengthPrefixed(encode)
            }
        }
        try index.write(part, &writer)
    }
}

extension Repository {
    /// The files of one `tickets/PREFIX/` folder of a tree, as the desk loader reads them.
    func ticketGroupFiles(_ group: TreeEntry) throws -> [DeskFile] {
        try files(below: group.id, pathPrefix: "tickets/\(group.name)/").map(\.deskFile)
    }
}
