import Foundation
import GitdeskCore
import GitdeskGit
#if canImport(Glibc)
import Glibc
#endif

/// What one write makes: new contents of some files (nil deletes) and its commit message.
public struct DeskChange {
    public var files: [String: String?]
    /// Files that are not desk text (attachments, original e-mails), added as they are.
    public var binary: [String: Data]
    public var message: String

    public init(files: [String: String?], binary: [String: Data] = [:], message: String) {
        self.files = files; self.binary = binary; self.message = message
    }
}

/// The state a write is computed from: the branch tip, read as far as the write asks. The
/// settings and cards are read at once; a ticket is read when asked for; the whole desk
/// only by the few writes that need it (intake, disputes).
public final class WriteBase {
    public let commit: ObjectID?
    /// The settings, clients, staff, projects, ledgers and disputes at the tip.
    public let cards: Desk
    let store: DeskRepository
    let tree: ObjectID

    init(store: DeskRepository, commit: ObjectID?, tree: ObjectID) throws {
        self.store = store; self.commit = commit; self.tree = tree
        cards = try store.cards(in: try store.snapshot(tree: tree))
    }

    /// The whole desk at the tip as money reads it (read once).
    public func wholeDesk() throws -> Desk {
        if let whole { return whole }
        let desk = try store.desk(atTree: tree, scope: .money)
        whole = desk
        return desk
    }

    private var whole: Desk?

    /// A ticket at the tip, read from its folder alone.
    public func ticket(_ id: String) throws -> Ticket {
        try store.ticket(id, tree: tree, cards: cards)
    }

    /// Every transaction ID at the tip (work lines from the index's folder records, ledger
    /// lines from the cards).
    public func transactionIDs() throws -> any IDSet {
        TransactionIDIndex(records: try records(), ledgers: cards.ledgers)
    }

    /// Every ticket ID at the tip.
    public func ticketIDs() throws -> Set<String> {
        Set(try records().flatMap { $0.tickets.map(\.ticket) })
    }

    /// The ticket of every message with a Message-ID at the tip, by Message-ID.
    public func messageOwners() throws -> [String: String] {
        var owners: [String: String] = [:]
        for ticket in try records().lazy.flatMap(\.tickets) { for id in ticket.messageIDs { owners[id] = ticket.ticket } }
        return owners
    }

    /// The ticket whose work log holds a transaction, nil when none does.
    public func ticket(holding transaction: String) throws -> String? {
        try records().lazy.flatMap(\.tickets).first { $0.transactions.contains { $0.id == transaction } }?.ticket
    }

    /// The folder records at the tip (read once).
    private func records() throws -> [FolderFacts] {
        if let tipRecords { return tipRecords }
        let records = try store.summaries(FolderFacts.self, in: store.snapshot(tree: tree), cards: cards)
        tipRecords = records
        return records
    }

    private var tipRecords: [FolderFacts]?

    /// A file's bytes at the tip, nil when absent.
    public func data(_ path: String) throws -> Data? {
        guard let blob = try store.git({ try store.repository.entryID(path: path, inTree: tree) }) else { return nil }
        return try store.blob(blob)
    }

    /// A file's text at the tip, nil when absent.
    public func text(_ path: String) throws -> String? {
        guard let blob = try store.git({ try store.repository.entryID(path: path, inTree: tree) }) else { return nil }
        return String(decoding: try store.blob(blob), as: UTF8.self)
    }
}

extension DeskRepository {
    /// The one way gitdesk writes a desk. Under a lock shared by every gitdesk process of this
    /// repository, `make` computes a change from the branch tip; the change is checked
    /// (`checkChange`: the folders it touches, the cards and the desk-wide rules), committed
    /// as a compare-and-swap on the branch (when another commit landed meanwhile, the change
    /// is computed again from the new tip), and the working tree and index then follow for
    /// exactly those files. A write refuses to touch a file with uncommitted edits. A write
    /// killed at any point is finished or undone by the next command (see
    /// `finishInterruptedWrite`).
    @discardableResult
    public func write(author: Signature? = nil, _ make: (WriteBase) throws -> DeskChange) throws -> ObjectID {
        try land(author: author) { tip, tree in
            guard let tree else { throw DeskError.notFound(.noCommits) }
            let base = try WriteBase(store: self, commit: tip, tree: tree)
            let change = try make(base)
            return (change, { newTree in
                let changed = Array(change.files.keys) + Array(change.binary.keys)
                // The records of the folders the change touches stay in memory: rewriting the
                // index's record file (tens of megabytes) would double a write's time; the next
                // read saves them, and until then each command reads those few folders again.
                let findings = try self.checkChange(tree: newTree, base: tree, changed: changed, baseCards: base.cards, persist: false).findings
                if !findings.isEmpty { throw DeskError.invalidDesk(findings) }
            })
        }
    }

    /// Commits files as they are, unchecked (a new desk's first files, the demo desk), the
    /// same way `write` does otherwise.
    @discardableResult
    public func commit(_ files: [String: String?], message: String, author: Signature? = nil) throws -> ObjectID {
        try land(author: author) { _, _ in (DeskChange(files: files, message: message), { _ in }) }
    }

    private static let attempts = 8

    private func land(author: Signature?,
                      _ prepare: (ObjectID?, ObjectID?) throws -> (DeskChange, (ObjectID) throws -> Void)) throws -> ObjectID {
        guard let lock = try FileLock(path: writeLockPath, timeout: 60) else {
            throw DeskError.refused(.writeLocked(writeLockPath))
        }
        defer { lock.release() }
        try finishInterruptedWrite(holdingLock: true)
        let signature = try author ?? identity()
        for attempt in 1...Self.attempts {
            let tip = try git { try repository.head() }
            let tipTree = try tip.map { tip in try git { try repository.commit(tip).tree } }
            let (change, validate) = try prepare(tip, tipTree)
            var files = change.files.mapValues { $0.map { Data($0.utf8) } }
            for (path, data) in change.binary { files[path] = data }
            for path in files.keys.sorted() {
                try refuseLinks(on: path)
                if try git({ try repository.hasUncommittedChanges(path: path) }) {
                    throw DeskError.refused(.uncommittedChanges(path))
                }
            }
            let tree = try git { try repository.tree(tipTree, updating: files) }
            try validate(tree)
            let commit = try git {
                try repository.createCommit(tree: tree, parent: tip, message: change.message, author: signature, committer: signature)
            }
            CrashPoint.reached()
            try WriteJournal(commit: commit, parent: tip, paths: files.keys.sorted()).save(to: journalPath)
            CrashPoint.reached()
            switch try git({ try repository.moveHead(from: tip, to: commit, message: "gitdesk: " + (change.message.split(separator: "\n").first ?? "")) }) {
            case .moved:
                CrashPoint.reached()
                do {
                    try updateWorkingTree(files)
                    try? FileManager.default.removeItem(atPath: journalPath)
                    CrashPoint.reached()
                } catch {
                    // The commit stands; the journal lets the next command finish the rest.
                    Self.warn("\(Problem.warningLabel) \(Problem.workingTreeBehind(commit: commit.short, detail: "\(error)"))")
                }
                return commit
            case .branchMoved:
                // Another commit landed since the tip was read: compute the change again on it.
                try? FileManager.default.removeItem(atPath: journalPath)
            case .locked(let lockFile):
                try? FileManager.default.removeItem(atPath: journalPath)
                if attempt == Self.attempts {
                    throw DeskError.refused(.branchLocked(lockFile))
                }
                usleep(UInt32(20_000 * attempt))
            }
        }
        throw DeskError.refused(.branchKeptMoving(Self.attempts))
    }

    /// Brings the working tree and the index in step with the commit for `files`.
    private func updateWorkingTree(_ files: [String: Data?]) throws {
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            try setWorkingFile(path, to: content)
            CrashPoint.reached()
        }
        // git holds the index while it commits; wait for it a little.
        for attempt in 1...50 {
            do {
                return try git { try repository.stage(paths: files.keys.sorted()) }
            } catch where attempt < 50 && FileManager.default.fileExists(atPath: repository.gitdir + "index.lock") {
                usleep(20_000)
            }
        }
    }

    /// Writes (or, for nil, deletes) a file of the working tree, never through a link: a
    /// folder on the way that is a symbolic link could lead outside the desk.
    private func setWorkingFile(_ path: String, to content: Data?) throws {
        try refuseLinks(on: path)
        let url = URL(fileURLWithPath: root + path)
        if let content {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: url, options: .atomic)
        } else {
            try? FileManager.default.removeItem(at: url)
            removeEmptyFolders(above: url)
        }
    }

    private func refuseLinks(on path: String) throws {
        if let folder = SymbolicLinks.first(in: path, below: root, includingLast: false) {
            throw DeskError.refused(.writeThroughLink(folder))
        }
    }

    var journalPath: String { DeskIndex.path(.writeJournal, gitdir: repository.gitdir) }
    var writeLockPath: String { DeskIndex.path(.writeLock, gitdir: repository.commonDirectory) }

    /// Finishes a write that was killed after its commit landed: the files it wrote are
    /// brought into the working tree and index where they still hold what they held before
    /// (a file edited since is left alone). A write killed before its commit landed left
    /// nothing to undo. Every command calls this first; it costs one `stat` when there is
    /// nothing to finish, and leaves the work to a write that is still running.
    public func finishInterruptedWrite(holdingLock: Bool = false) throws {
        guard FileManager.default.fileExists(atPath: journalPath) else { return }
        var lock: FileLock?
        if !holdingLock {
            // A writer still running holds the lock and finishes its own write.
            guard let acquired = try FileLock(path: writeLockPath, timeout: 0) else { return }
            lock = acquired
        }
        defer { lock?.release() }
        defer { try? FileManager.default.removeItem(atPath: journalPath) }
        guard let journal = WriteJournal(contentsOf: journalPath), try git({ try repository.head() }) == journal.commit else { return }
        let newTree = try git { try repository.commit(journal.commit).tree }
        let oldTree = try journal.parent.map { parent in try git { try repository.commit(parent).tree } }
        var restage: [String] = []
        for path in journal.paths {
            let new = try git { try repository.entryID(path: path, inTree: newTree) }.map { try blob($0) }
            let old = try oldTree.flatMap { tree in try git { try repository.entryID(path: path, inTree: tree) } }.map { try blob($0) }
            let working = try? Data(contentsOf: URL(fileURLWithPath: root + path))
            if working == new {
                restage.append(path)
            } else if working == old, (try? setWorkingFile(path, to: new)) != nil {
                restage.append(path)
            }
        }
        try git { try repository.stage(paths: restage) }
    }
}

/// What a write is about to land, saved before the branch moves.
struct WriteJournal {
    let commit: ObjectID
    let parent: ObjectID?
    let paths: [String]

    static let header = "gitdesk write journal v1"

    init(commit: ObjectID, parent: ObjectID?, paths: [String]) {
        self.commit = commit; self.parent = parent; self.paths = paths
    }

    init?(contentsOf path: String) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 4, lines[0] == Self.header, let commit = ObjectID(hex: lines[1]), lines.last == "" else { return nil }
        self.commit = commit
        parent = ObjectID(hex: lines[2])
        guard parent != nil || lines[2] == "-" else { return nil }
        paths = Array(lines[3..<(lines.count - 1)])
    }

    func save(to path: String) throws {
        let text = ([Self.header, commit.hex, parent?.hex ?? "-"] + paths).map { $0 + "\n" }.joined()
        try writeAtomically(Data(text.utf8), to: path)
    }
}

/// An exclusive lock on a file (`flock`), released when the process ends however it ends:
/// one gitdesk writer of a desk at a time, one builder of an index at a time.
public final class FileLock {
    private var descriptor: Int32

    /// Takes the lock, waiting up to `timeout` seconds for its holder (nil when it is still held then).
    public init?(path: String, timeout: TimeInterval) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DeskError.refused(.cannotLock(path)) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard Date() < deadline else {
                close(descriptor)
                return nil
            }
            usleep(10_000)
        }
    }

    public func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

/// Kill points for the crash tests: with `GITDESK_CRASH_AT=N` in the environment the process
/// kills itself (SIGKILL, as a power cut would) at the Nth point a write reaches. Unset in
/// normal use, where a point costs one comparison.
public enum CrashPoint {
    nonisolated(unsafe) private static var remaining: Int? = ProcessInfo.processInfo.environment["GITDESK_CRASH_AT"].flatMap(Int.init)

    public static func reached() {
        guard let left = remaining else { return }
        if left <= 1 { kill(getpid(), SIGKILL) }
        remaining = left - 1
    }
}
