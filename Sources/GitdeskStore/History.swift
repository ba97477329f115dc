import Foundation
import GitdeskCore
import GitdeskGit

/// A commit as the history needs it: who and when.
public struct HistoryCommit: Hashable, Sendable {
    public let id: ObjectID
    public let author: String
    public let email: String
    /// Author time, seconds since 1970, and its UTC offset in minutes.
    public let time: Int64
    public let offsetMinutes: Int
}

/// A change of one transaction line in one commit.
public struct LineChange: Hashable, Sendable {
    public enum Kind: Int, Sendable { case added, edited, deleted, numbered }
    /// Index into `DeskHistory.commits`.
    public let commit: Int
    public let kind: Kind
    public let file: String
    /// The transaction ID, or `=` and the line's text for a line without one.
    public let key: String
    public let old: String?
    public let new: String?
}

/// A ticket's status as changed by one commit (`to` is nil when the ticket was deleted).
public struct StatusEvent: Hashable, Sendable {
    public let commit: Int
    public let ticket: String
    public let from: String?
    public let to: String?
}

/// A ticket file (message, test case, service comment) that appeared in a commit.
public struct FileEvent: Hashable, Sendable {
    public let commit: Int
    public let path: String
}

/// What the desk's git history says happened, commit by commit: the evidence behind audit
/// and the SLA clocks. Built once, remembered in the desk index (`history`), and extended by only
/// the commits that are new on the next run.
public struct DeskHistory: Sendable {
    public internal(set) var head: ObjectID?
    public internal(set) var commits: [HistoryCommit] = []
    public internal(set) var lines: [LineChange] = []
    public internal(set) var statuses: [StatusEvent] = []
    public internal(set) var files: [FileEvent] = []
    /// The commits (by index) that added a line to each work log, oldest first: what the
    /// reminders ask of the lines, kept when the lines themselves are not read.
    public internal(set) var workAdded: [String: [Int]] = [:]
    /// The commits (by index, oldest first, each once) that changed a line of each
    /// transaction file: what the site asks of the lines to know when a client's folder is
    /// stale, kept when the lines themselves are not read.
    public internal(set) var lineCommits: [String: [Int]] = [:]

    /// This history with the transaction lines of `other`, a reading of the same history
    /// (perhaps grown since) with the lines of some files: the commits and the other events
    /// are this history's, shared, not decoded twice; lines of commits this history does not
    /// hold are left out.
    func withLines(of other: DeskHistory) throws -> DeskHistory {
        guard other.extends(self) else { throw DeskError.refused(.historyRewrittenDuringRun) }
        var result = self
        result.lines = other.commits.count == commits.count ? other.lines : other.lines.filter { $0.commit < commits.count }
        return result
    }

    /// Whether this history holds `other`'s commits first (it is `other`, perhaps grown).
    func extends(_ other: DeskHistory) -> Bool {
        commits.count >= other.commits.count && (other.commits.last.map { commits[other.commits.count - 1].id == $0.id } ?? true)
    }

    /// The transaction files a line of which changed in the commits from `commit` on.
    public func filesWithLinesChanged(since commit: Int) -> Set<String> {
        Set(lineCommits.compactMap { file, commits in (commits.last ?? -1) >= commit ? file : nil })
    }

    /// Drops the lines of the files `lines` does not select (after new commits were read whole).
    mutating func keepLines(_ selection: Lines) {
        if !selection.isAll { lines.removeAll { !selection.includes($0.file) } }
    }

    /// Notes that `commit` changed a line of `file` (commits come in history order).
    mutating func noteLineChange(_ file: String, _ commit: Int) {
        if lineCommits[file]?.last != commit { lineCommits[file, default: []].append(commit) }
    }

    /// Which transaction files' lines a reader decodes: every file's, none (the statuses,
    /// files and `lineCommits` are always there), or those a predicate accepts (an audit of
    /// one client, or of the files new commits touched).
    public enum Lines {
        case all, none
        case of((String) -> Bool)

        func includes(_ file: String) -> Bool {
            switch self {
            case .all: return true
            case .none: return false
            case .of(let accepts): return accepts(file)
            }
        }

        var isAll: Bool { if case .all = self { return true } else { return false } }
    }

    /// Whether a file is a ticket's work log (whose added lines `workAdded` keeps):
    /// `tickets/PREFIX/ID/work.md`, as `TransactionFile` reads it, without splitting the path
    /// (asked for every path of every part of a long history).
    static func isWorkLog(_ file: String) -> Bool {
        file.hasPrefix("tickets/") && file.hasSuffix("/work.md") && file.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) } == 3
    }

    /// How many commits the last `update` had to read (0 when the cache was current).
    public internal(set) var commitsRead = 0

    static let magic = DeskIndex.Part.history.magic

    /// How many commits are read (and saved) at a time: 4096, or `GITDESK_HISTORY_PART`
    /// (for tests, which make histories of a few dozen commits).
    static let partSize = ProcessInfo.processInfo.environment["GITDESK_HISTORY_PART"].flatMap(Int.init).map { max($0, 1) } ?? 4096

    /// Where each kind of event of the commits from some commit on begins.
    struct Marks {
        var commits = 0, lines = 0, statuses = 0, files = 0
    }

    var marks: Marks { Marks(commits: commits.count, lines: lines.count, statuses: statuses.count, files: files.count) }

    /// One segment of the cache file: the commits from `from` on and their events, with the
    /// head they extend and the head they reach. The file is the magic and its segments, so
    /// new commits are appended instead of the whole history being written again.
    func segment(from: Marks, extending previous: ObjectID?) -> BinaryWriter {
        var w = BinaryWriter(magic: "")
        w.optionalString(previous?.hex)
        w.optionalString(head?.hex)
        w.int(commits.count - from.commits)
        for c in commits[from.commits...] { w.string(c.id.hex); w.string(c.author); w.string(c.email); w.int(Int(c.time)); w.int(c.offsetMinutes) }
        // File paths repeat for every line of a file: written once, then referred to by number.
        var paths: [String: Int] = [:]
        for l in lines[from.lines...] where paths[l.file] == nil { paths[l.file] = paths.count }
        w.int(paths.count)
        for (path, _) in paths.sorted(by: { $0.value < $1.value }) { w.string(path) }
        w.int(lines.count - from.lines)
        for l in lines[from.lines...] {
            w.int(l.commit - from.commits); w.int(l.kind.rawValue); w.int(paths[l.file]!); w.string(l.key); w.optionalString(l.old); w.optionalString(l.new)
        }
        w.int(statuses.count - from.statuses)
        for s in statuses[from.statuses...] { w.int(s.commit - from.commits); w.string(s.ticket); w.optionalString(s.from); w.optionalString(s.to) }
        w.int(files.count - from.files)
        for f in files[from.files...] { w.int(f.commit - from.commits); w.string(f.path) }
        return w
    }

    init() {}

    /// What each commit of the history changed, by commit id.
    func eventsByCommit() -> [ObjectID: HistoryWalker.CommitEvents] {
        var result: [ObjectID: HistoryWalker.CommitEvents] = [:]
        result.reserveCapacity(commits.count)
        for commit in commits { result[commit.id] = HistoryWalker.CommitEvents(commit: commit) }
        for line in lines { result[commits[line.commit].id]!.lines.append(line) }
        for status in statuses { result[commits[status.commit].id]!.statuses.append(status) }
        for file in files { result[commits[file.commit].id]!.files.append(file) }
        return result
    }

    /// The history in a cache file, and where its last segment that follows from the ones
    /// before ends (a segment that does not, written by a concurrent run, is skipped; a
    /// truncated one ends the file).
    /// `lines` selects the files whose transaction lines are decoded; the others are skipped.
    /// `eventsToo: false` decodes the commits and those lines alone (the statuses, files and
    /// per-file commits are skipped): what `withLines` takes from a second reading.
    init(decoding data: [UInt8], lines: Lines = .all, eventsToo: Bool = true) throws {
        var r = try BinaryReader(data, magic: Self.magic)
        validEnd = Self.magic.utf8.count
        while !r.atEnd, let range = try? r.checkedRecord() {
            var segment = BinaryReader(bytes: r.bytes, record: range)
            guard try segment.optionalString() == head?.hex else { continue }
            try append(&segment, lines: lines, eventsToo: eventsToo)
            validEnd = r.offset
        }
    }

    /// Where the valid part of the decoded file ends.
    private(set) var validEnd = 0

    private mutating func append(_ r: inout BinaryReader, lines selection: Lines, eventsToo: Bool) throws {
        let newHead = try r.optionalString().flatMap(ObjectID.init(hex:))
        let base = commits.count
        var commits: [HistoryCommit] = [], lines: [LineChange] = [], statuses: [StatusEvent] = [], files: [FileEvent] = []
        for _ in try r.count() {
            guard let id = ObjectID(hex: try r.string()) else { throw BinaryReader.Corrupt() }
            commits.append(HistoryCommit(id: id, author: try r.string(), email: try r.string(), time: Int64(try r.int()), offsetMinutes: try r.int()))
        }
        func commit(_ relative: Int) throws -> Int {
            guard commits.indices.contains(relative) else { throw BinaryReader.Corrupt() }
            return base + relative
        }
        let paths = try (try r.count()).map { _ in try r.string() }
        let workLogs = paths.map(Self.isWorkLog)
        let selected = selection.isAll ? nil : paths.map(selection.includes)
        var workAdded: [(path: Int, commit: Int)] = []
        // The commits that changed each path's lines, each once: kept by number here, and
        // added to `lineCommits` once per path.
        var changed = [[Int]](repeating: [], count: paths.count)
        for _ in try r.count() {
            let index = try commit(try r.int())
            guard let kind = LineChange.Kind(rawValue: try r.int()) else { throw BinaryReader.Corrupt() }
            let path = try r.int()
            guard paths.indices.contains(path) else { throw BinaryReader.Corrupt() }
            if eventsToo {
                if kind == .added, workLogs[path] { workAdded.append((path, index)) }
                if changed[path].last != index { changed[path].append(index) }
            }
            guard selected?[path] ?? true else {
                _ = try r.record(); _ = try r.optionalRecord(); _ = try r.optionalRecord()
                continue
            }
            lines.append(LineChange(commit: index, kind: kind, file: paths[path], key: try r.string(), old: try r.optionalString(), new: try r.optionalString()))
        }
        for _ in try r.count() {
            let status = StatusEvent(commit: try commit(try r.int()), ticket: try r.string(), from: try r.optionalString(), to: try r.optionalString())
            if eventsToo { statuses.append(status) }
        }
        for _ in try r.count() {
            let file = FileEvent(commit: try commit(try r.int()), path: try r.string())
            if eventsToo { files.append(file) }
        }
        self.commits += commits
        self.lines += lines
        self.statuses += statuses
        self.files += files
        for (path, commit) in workAdded { self.workAdded[paths[path], default: []].append(commit) }
        for (path, commits) in changed.enumerated() where !commits.isEmpty {
            if lineCommits[paths[path]]?.last == commits.first { lineCommits[paths[path]]!.append(contentsOf: commits.dropFirst()) }
            else { lineCommits[paths[path], default: []].append(contentsOf: commits) }
        }
        head = newHead
    }
}

extension DeskRepository {
    private var historyCachePath: String { deskIndex.path(.history) }

    /// `outline` (a history read without some lines) with the transaction lines of `files`,
    /// decoded from the saved history alone: the rest of `outline` is shared, not read again.
    /// Without a saved history that covers `outline`, the history is read as `history` does.
    public func history(_ outline: DeskHistory, withLinesOf files: Set<String>) throws -> DeskHistory {
        if let file = readCacheFile(historyCachePath), let decoded = try? DeskHistory(decoding: file, lines: .of(files.contains), eventsToo: false),
           decoded.extends(outline) {
            return try outline.withLines(of: decoded)
        }
        return try outline.withLines(of: try history(lines: .of(files.contains)))
    }

    /// The history up to HEAD without its transaction lines, then the cards and folder records
    /// at `commit` (what `sla`, `remind`, `dashboard` and `site` read): in this order, so the
    /// packs a walk of the history maps are let go before the records are decoded.
    public func historyAndRecords(atCommit commit: ObjectID) throws -> (history: DeskHistory, cards: Desk, folders: [FolderFacts]) {
        Self.progress(Problem.readingHistory.description)
        let history = try history(lines: .none)
        Self.progress("")
        let (cards, folders) = try records(atCommit: commit, moneyOnly: false)
        return (history, cards, folders)
    }

    /// The desk's history up to HEAD: from the cache when current, else extended by the new
    /// commits (or rebuilt when history was rewritten), then saved.
    /// `lines`: the files whose transaction lines are wanted; the others' are skipped, not
    /// decoded (a ticket's status history needs none; a million lines are then skipped).
    public func history(lines: DeskHistory.Lines = .all) throws -> DeskHistory {
        let file = readCacheFile(historyCachePath)
        // Without the lines that are not wanted: new commits are then appended as they are,
        // and only a rewritten history needs the old lines (to reuse what it can).
        var history = file.flatMap { try? DeskHistory(decoding: $0, lines: lines) } ?? DeskHistory()
        history.commitsRead = 0
        guard let head else { return DeskHistory() }
        if history.head == head { return history }
        var hiding: [ObjectID] = []
        let known = history.head
        // After a reset or a branch switch the history is walked again from the new head,
        // but what each commit changed is taken from the old history where it has it.
        var reusable: [ObjectID: HistoryWalker.CommitEvents] = [:]
        if let known, repository.isAncestor(known, of: head) {
            hiding = [known]
        } else {
            let whole = lines.isAll ? history : (file.flatMap { try? DeskHistory(decoding: $0) } ?? DeskHistory())
            reusable = whole.eventsByCommit()
            history = DeskHistory()
        }
        let before = history.marks
        let commits = try git { try repository.history(from: head, hiding: hiding) }
        history.commitsRead = commits.filter { reusable[$0] == nil }.count
        // Commits are read independently on every core, a few thousand at a time (so the
        // events of a long history are never held twice), then numbered in history order.
        var walked = 0
        func read(_ chunk: ArraySlice<ObjectID>) throws {
            // A long walk (a cold cache) shows how far it has come.
            defer {
                walked += chunk.count
                if history.commitsRead > 2000 { Self.progressBar(Problem.readingHistory.description, walked, commits.count) }
            }
            let toRead = chunk.filter { reusable[$0] == nil }
            let read = Dictionary(uniqueKeysWithValues: zip(toRead, try parallelMap(toRead, worker: HistoryWalker.init, { try $0.events(of: $1) })))
            for id in chunk {
                guard let events = reusable[id] ?? read[id] ?? nil else { continue }
                let index = history.commits.count
                history.commits.append(events.commit)
                history.lines += events.lines.map { LineChange(commit: index, kind: $0.kind, file: $0.file, key: $0.key, old: $0.old, new: $0.new) }
                for line in events.lines where line.kind == .added && DeskHistory.isWorkLog(line.file) { history.workAdded[line.file, default: []].append(index) }
                for line in events.lines { history.noteLineChange(line.file, index) }
                history.statuses += events.statuses.map { StatusEvent(commit: index, ticket: $0.ticket, from: $0.from, to: $0.to) }
                history.files += events.files.map { FileEvent(commit: index, path: $0.path) }
            }
        }
        let part = DeskHistory.partSize
        let chunks = stride(from: 0, to: commits.count, by: part).map { commits[$0..<min($0 + part, commits.count)] }
        // A long walk maps most of the pack: let go of it before the caller goes on.
        defer { if chunks.count > 1 { closePacks() } }
        if !hiding.isEmpty {
            for chunk in chunks { try read(chunk) }
            history.head = head
            if let file, history.validEnd == file.count {
                // Appended in one write, so a reader sees the segment whole or not at all.
                try? append(history.segment(from: before, extending: known).framed, to: historyCachePath)
            }
            history.keepLines(lines)
            return history
        }
        // Written whole: each part is saved as soon as it is read, as a segment that reaches
        // no head until the last one does (a file cut short is read as no history), and a
        // reader of statuses alone lets go of each part's transaction lines once saved.
        var saved = 0, failure: Error?
        try? writeStreaming(to: historyCachePath) { write in
            write(Data(DeskHistory.magic.utf8))
            for chunk in chunks {
                let start = history.marks
                do { try read(chunk) } catch { failure = error; throw error }
                saved += 1
                history.head = saved == chunks.count ? head : nil
                history.segment(from: start, extending: nil).writeFramed(write)
                history.keepLines(lines)
            }
        }
        if let failure { throw failure }
        // Nothing saved (the folder cannot be written): read the rest all the same.
        while saved < chunks.count { try read(chunks[saved]); saved += 1 }
        history.keepLines(lines)
        reusable = [:]
        history.head = head
        return history
    }
}

/// Appends bytes to a file with one `write` in append mode.
private func append(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_APPEND)
    guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    defer { close(descriptor) }
    let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == data.count else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
}

/// Reads what each commit changed in transaction files, statuses and ticket files.
final class HistoryWalker {
    let repository: Repository
    /// Recently read blobs: a commit's old version of a file is usually a version an
    /// earlier commit nearby wrote, and inflating it again through its delta chain costs.
    private var recent: [ObjectID: String] = [:]
    /// The cached ids in a ring: the oldest is dropped when a new one comes.
    private var ring = [ObjectID?](repeating: nil, count: 8192)
    private var cursor = 0

    init(repository: Repository) { self.repository = repository }

    static func isLineFile(_ path: String) -> Bool {
        (path.hasPrefix("tickets/") && path.hasSuffix("/work.md")) || (path.hasPrefix("ledger/") && path.hasSuffix(".md"))
    }

    /// The ticket whose card `path` is: `ticket.md` in the ticket's own folder, where
    /// `show` reads it (a `ticket.md` deeper down or in another client's folder is not one).
    static func ticketID(ofCard path: String) -> String? {
        guard let ticket = TicketPath(path).map({ String($0.ticket) }), path == TicketID.folder(of: ticket) + "/ticket.md" else { return nil }
        return ticket
    }

    /// The history's one rule for a status change: the card's status differs from the first
    /// parent's and, in a merge, from the other parent's when that one has the card (then the
    /// branch's own commit made the change). `otherParent`: the other parent's card's status.
    static func madeStatusChange(old: String?, new: String?, otherParent: String??) -> Bool {
        old != new && otherParent.map { $0 != new } ?? true
    }

    /// What one commit changed, its events numbered 0 until the history places them; nil
    /// when it touched nothing the history records.
    struct CommitEvents {
        let commit: HistoryCommit
        var lines: [LineChange] = []
        var statuses: [StatusEvent] = []
        var files: [FileEvent] = []
    }

    func events(of id: ObjectID) throws -> CommitEvents? {
        let info = try repository.commit(id)
        let parentTrees = try info.parents.map { try repository.commit($0).tree }
        let changes = try repository.changes(from: parentTrees.first, to: info.tree).filter { change in
            Self.isLineFile(change.path) || (change.path.hasPrefix("tickets/") && !change.path.hasSuffix("/work.md"))
        }
        guard !changes.isEmpty else { return nil }
        // In a merge, a change that the other parent already holds came from the branch,
        // whose own commit introduced it.
        let otherTree = parentTrees.count > 1 ? parentTrees[1] : nil
        let baseTree = info.parents.count > 1 ? try repository.mergeBase(info.parents[0], info.parents[1]).map { try repository.commit($0).tree } : nil
        var events = CommitEvents(commit: HistoryCommit(id: id, author: info.author.name, email: info.author.email,
                                                        time: info.author.time, offsetMinutes: info.author.offsetMinutes))
        for change in changes {
            if Self.isLineFile(change.path) {
                events.lines += try lineChanges(change, otherTree: otherTree, baseTree: baseTree, commit: 0)
            } else if let ticket = Self.ticketID(ofCard: change.path) {
                let old = try change.old.map(text).flatMap { scanFrontMatterValue("status", in: $0) }
                let new = try change.new.map(text).flatMap { scanFrontMatterValue("status", in: $0) }
                let otherBlob = try otherTree.flatMap { try PathLookup(repository: repository, path: change.path).blob(inTree: $0) }
                let other = try otherBlob.map { scanFrontMatterValue("status", in: try text($0)) }
                if Self.madeStatusChange(old: old, new: new, otherParent: other) {
                    events.statuses.append(StatusEvent(commit: 0, ticket: ticket, from: old, to: new))
                }
            } else if change.old == nil {
                let inOther = try otherTree.map { try repository.entryID(path: change.path, inTree: $0) != nil } ?? false
                if !inOther { events.files.append(FileEvent(commit: 0, path: change.path)) }
            }
        }
        return events.lines.isEmpty && events.statuses.isEmpty && events.files.isEmpty ? nil : events
    }

    private func text(_ blob: ObjectID) throws -> String {
        if let text = recent[blob] { return text }
        let text = String(decoding: try repository.blob(blob), as: UTF8.self)
        if let oldest = ring[cursor] { recent[oldest] = nil }
        ring[cursor] = blob
        cursor = (cursor + 1) % ring.count
        recent[blob] = text
        return text
    }

    /// Transaction lines of a file by key (ID, or content for a line without one).
    static func keyedLines(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for raw in Substring(text).asciiSplit(UInt8(ascii: "\n"), omittingEmpty: true) {
            let line = raw.utf8.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            guard line.utf8.starts(with: "- ".utf8) else { continue }
            result[key(of: line)] = String(line)
        }
        return result
    }

    static func key(of line: Substring) -> String {
        let bytes = line.utf8
        if let space = bytes.lastIndex(of: UInt8(ascii: " ")), case let caret = bytes.index(after: space),
           caret < bytes.endIndex, bytes[caret] == UInt8(ascii: "^") {
            return String(line[bytes.index(after: caret)...])
        }
        return "=" + line
    }

    private func lineChanges(_ change: FileChange, otherTree: ObjectID?, baseTree: ObjectID?, commit: Int) throws -> [LineChange] {
        let old = try change.old.map { Self.keyedLines(try text($0)) } ?? [:]
        let new = try change.new.map { Self.keyedLines(try text($0)) } ?? [:]
        let other = try otherTree.flatMap { try repository.entryID(path: change.path, inTree: $0) }.map { Self.keyedLines(try text($0)) }
        let base = try baseTree.flatMap { try repository.entryID(path: change.path, inTree: $0) }.map { Self.keyedLines(try text($0)) } ?? [:]
        var events: [LineChange] = []
        for (key, line) in new where old[key] != line {
            if let other, other[key] == line { continue }
            if old[key] != nil {
                events.append(LineChange(commit: commit, kind: .edited, file: change.path, key: key, old: old[key], new: line))
            } else if !key.hasPrefix("="), let space = line.lastIndex(of: " "), old["=" + line[..<space]] != nil {
                events.append(LineChange(commit: commit, kind: .numbered, file: change.path, key: key, old: String(line[..<space]), new: line))
            } else {
                events.append(LineChange(commit: commit, kind: .added, file: change.path, key: key, old: nil, new: line))
            }
        }
        let numberedContent = Set(events.filter { $0.kind == .numbered }.compactMap(\.old))
        for (key, line) in old where new[key] == nil {
            if key.hasPrefix("="), numberedContent.contains(String(key.dropFirst())) { continue }
            // Deleted on the branch and carried by the merge: the branch commit recorded it.
            if let other, other[key] == nil, base[key] != nil { continue }
            events.append(LineChange(commit: commit, kind: .deleted, file: change.path, key: key, old: line, new: nil))
        }
        return events.sorted { ($0.key, $0.kind.rawValue) < ($1.key, $1.kind.rawValue) }
    }
}
