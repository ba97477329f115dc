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
/// and the SLA clocks. Built once, remembered under `.git/gitdesk/`, and extended by only
/// the commits that are new on the next run.
public struct DeskHistory: Sendable {
    public internal(set) var head: ObjectID?
    public internal(set) var commits: [HistoryCommit] = []
    public internal(set) var lines: [LineChange] = []
    public internal(set) var statuses: [StatusEvent] = []
    public internal(set) var files: [FileEvent] = []

    /// How many commits the last `update` had to read (0 when the cache was current).
    public internal(set) var commitsRead = 0

    static let magic = "gitdesk-history-v1\n"

    func encoded() -> Data {
        var w = BinaryWriter(magic: Self.magic)
        w.optionalString(head?.hex)
        w.int(commits.count)
        for c in commits { w.string(c.id.hex); w.string(c.author); w.string(c.email); w.int(Int(c.time)); w.int(c.offsetMinutes) }
        w.int(lines.count)
        for l in lines { w.int(l.commit); w.int(l.kind.rawValue); w.string(l.file); w.string(l.key); w.optionalString(l.old); w.optionalString(l.new) }
        w.int(statuses.count)
        for s in statuses { w.int(s.commit); w.string(s.ticket); w.optionalString(s.from); w.optionalString(s.to) }
        w.int(files.count)
        for f in files { w.int(f.commit); w.string(f.path) }
        return w.data
    }

    init() {}

    init(decoding data: Data) throws {
        var r = try BinaryReader(data, magic: Self.magic)
        head = try r.optionalString().flatMap(ObjectID.init(hex:))
        for _ in try r.count() {
            guard let id = ObjectID(hex: try r.string()) else { throw BinaryReader.Corrupt() }
            commits.append(HistoryCommit(id: id, author: try r.string(), email: try r.string(), time: Int64(try r.int()), offsetMinutes: try r.int()))
        }
        for _ in try r.count() {
            let commit = try r.int()
            guard let kind = LineChange.Kind(rawValue: try r.int()) else { throw BinaryReader.Corrupt() }
            lines.append(LineChange(commit: commit, kind: kind, file: try r.string(), key: try r.string(), old: try r.optionalString(), new: try r.optionalString()))
        }
        for _ in try r.count() {
            statuses.append(StatusEvent(commit: try r.int(), ticket: try r.string(), from: try r.optionalString(), to: try r.optionalString()))
        }
        for _ in try r.count() { files.append(FileEvent(commit: try r.int(), path: try r.string())) }
    }
}

extension DeskRepository {
    private var historyCachePath: String { repository.gitdir + "gitdesk/history-v1.bin" }

    /// The desk's history up to HEAD: from the cache when current, else extended by the new
    /// commits (or rebuilt when history was rewritten), then saved.
    public func history() throws -> DeskHistory {
        var history = (try? Data(contentsOf: URL(fileURLWithPath: historyCachePath))).flatMap { try? DeskHistory(decoding: $0) }
            ?? DeskHistory()
        history.commitsRead = 0
        guard let head else { return DeskHistory() }
        if history.head == head { return history }
        var hiding: [ObjectID] = []
        if let known = history.head, repository.isAncestor(known, of: head) {
            hiding = [known]
        } else {
            history = DeskHistory()
        }
        let walker = HistoryWalker(repository: repository)
        do {
            let commits = try repository.history(from: head, hiding: hiding)
            history.commitsRead = commits.count
            for id in commits { try walker.read(id, into: &history) }
        } catch let error as GitError {
            throw DeskError.git(error.description)
        }
        history.head = head
        try? writeAtomically(history.encoded(), to: historyCachePath)
        return history
    }
}

/// Reads what each commit changed in transaction files, statuses and ticket files.
struct HistoryWalker {
    let repository: Repository

    static func isLineFile(_ path: String) -> Bool {
        (path.hasPrefix("tickets/") && path.hasSuffix("/work.md")) || (path.hasPrefix("ledger/") && path.hasSuffix(".md"))
    }

    static func ticketID(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 4 && parts[0] == "tickets" ? String(parts[2]) : nil
    }

    func read(_ id: ObjectID, into history: inout DeskHistory) throws {
        let info = try repository.commit(id)
        let parentTrees = try info.parents.map { try repository.commit($0).tree }
        let changes = try repository.changes(from: parentTrees.first, to: info.tree).filter { change in
            Self.isLineFile(change.path) || (change.path.hasPrefix("tickets/") && !change.path.hasSuffix("/work.md"))
        }
        guard !changes.isEmpty else { return }
        // In a merge, a change that the other parent already holds came from the branch,
        // whose own commit introduced it.
        let otherTree = parentTrees.count > 1 ? parentTrees[1] : nil
        let baseTree = info.parents.count > 1 ? try repository.mergeBase(info.parents[0], info.parents[1]).map { try repository.commit($0).tree } : nil
        let index = history.commits.count
        var touched = false
        for change in changes {
            if Self.isLineFile(change.path) {
                let events = try lineChanges(change, otherTree: otherTree, baseTree: baseTree, commit: index)
                history.lines += events
                touched = touched || !events.isEmpty
            } else if change.path.hasSuffix("/ticket.md"), let ticket = Self.ticketID(change.path) {
                let old = try change.old.map(text).flatMap { scanFrontMatterValue("status", in: $0) }
                let new = try change.new.map(text).flatMap { scanFrontMatterValue("status", in: $0) }
                var fromBranch = false
                if let otherTree, let otherBlob = try repository.entryID(path: change.path, inTree: otherTree) {
                    fromBranch = scanFrontMatterValue("status", in: try text(otherBlob)) == new
                }
                if old != new && !fromBranch {
                    history.statuses.append(StatusEvent(commit: index, ticket: ticket, from: old, to: new))
                    touched = true
                }
            } else if change.old == nil {
                let inOther = try otherTree.map { try repository.entryID(path: change.path, inTree: $0) != nil } ?? false
                if !inOther {
                    history.files.append(FileEvent(commit: index, path: change.path))
                    touched = true
                }
            }
        }
        if touched {
            history.commits.append(HistoryCommit(id: id, author: info.author.name, email: info.author.email,
                                                 time: info.author.time, offsetMinutes: info.author.offsetMinutes))
        }
    }

    private func text(_ blob: ObjectID) throws -> String { String(decoding: try repository.blob(blob), as: UTF8.self) }

    /// Transaction lines of a file by key (ID, or content for a line without one).
    static func keyedLines(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for raw in text.split(separator: "\n") {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard line.hasPrefix("- ") else { continue }
            result[key(of: line)] = String(line)
        }
        return result
    }

    static func key(of line: Substring) -> String {
        if let space = line.lastIndex(of: " "), line[line.index(after: space)...].hasPrefix("^") {
            return String(line[line.index(space, offsetBy: 2)...])
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
