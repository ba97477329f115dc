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
                let findings = try self.checkChange(tree: newTree, base: tree, changed: changed, baseCards: base.cards, persist: false, byWriter: true).findings
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
        let bound = ProcessInfo.processInfo.environment["GITDESK_LOCK_TIMEOUT"].flatMap(TimeInterval.init) ?? 60
        guard let lock = try FileLock(path: writeLockPath, timeout: bound, waiting: { Self.warn(Problem.waitingForWriter(holder: $0).description) }) else {
            throw DeskError.refused(.writeLockedBy(holder: FileLock.holder(of: writeLockPath), seconds: Int(bound)))
        }
        defer { lock.release() }
        try finishInterruptedWrite(holdingLock: true)
        let signature = try author ?? identity()
        let committer = try author ?? committerIdentity()
        for attempt in 1...Self.attempts {
            let tip = try git { try repository.head() }
            let tipTree = try tip.map { tip in try git { try repository.commit(tip).tree } }
            let (change, validate) = try prepare(tip, tipTree)
            var files = change.files.mapValues { $0.map { Data($0.utf8) } }
            for (path, data) in change.binary { files[path] = data }
            // The working files as they were found clean: a person who saves one of them
            // while the write runs is not overwritten (checked again before the branch moves
            // and before each file is replaced).
            var found: [String: Data?] = [:]
            for path in files.keys.sorted() {
                try refuseLinks(on: path)
                // Read before git's status says the file is clean, so what is kept is clean.
                found[path] = workingBytes(path)
                if try git({ try repository.hasUncommittedChanges(path: path) }) {
                    throw DeskError.refused(.uncommittedChanges(path))
                }
            }
            let tree = try git { try repository.tree(tipTree, updating: files) }
            try validate(tree)
            let commit = try git {
                try repository.createCommit(tree: tree, parent: tip, message: change.message, author: signature, committer: committer)
            }
            try refuseEditsSince(found)
            CrashPoint.reached()
            try WriteJournal(commit: commit, parent: tip, paths: files.keys.sorted()).save(to: journalPath)
            CrashPoint.reached()
            switch try git({ try repository.moveHead(from: tip, to: commit, message: "gitdesk: " + (change.message.split(separator: "\n").first ?? "")) }) {
            case .moved:
                CrashPoint.reached()
                do {
                    try updateWorkingTree(files, found: found)
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

    /// Brings the working tree and the index in step with the commit for `files`; `found`:
    /// each working file as it was when the write checked it.
    private func updateWorkingTree(_ files: [String: Data?], found: [String: Data?]? = nil) throws {
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            try setWorkingFile(path, to: content, replacing: found?[path])
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

    /// Makes bytes of `path` as git checks them out here (`Repository.workingForm`).
    private func checkedOut(_ path: String) -> (Data) throws -> Data {
        { data in try self.git { try self.repository.workingForm(of: data, path: path) } }
    }

    /// A working file's bytes, nil when it is absent or unreadable.
    private func workingBytes(_ path: String) -> Data? { try? Data(contentsOf: URL(fileURLWithPath: root + path)) }

    /// Refuses, naming the file, when a working file no longer holds what it held when the
    /// write found it clean: somebody saved it meanwhile.
    private func refuseEditsSince(_ found: [String: Data?]) throws {
        for (path, bytes) in found.sorted(by: { $0.key < $1.key }) where workingBytes(path) != bytes {
            throw DeskError.refused(.uncommittedChanges(path))
        }
    }

    /// Writes (or, for nil, deletes) a file of the working tree as git would check it out
    /// (its line endings as `core.autocrlf` and `.gitattributes` ask, its mode kept), never
    /// through a link: a folder on the way that is a symbolic link could lead outside the
    /// desk. With `replacing`, the file is left alone when it no longer holds those bytes.
    /// Temporary files that killed writers left in the folder are removed.
    private func setWorkingFile(_ path: String, to content: Data?, replacing expected: Data?? = nil) throws {
        try refuseLinks(on: path)
        let url = URL(fileURLWithPath: root + path)
        if let content {
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            WriteInProgress.removeLeftovers(in: folder.path)
            var status = stat()
            let mode = lstat(url.path, &status) == 0 ? status.st_mode & 0o7777 : nil
            let bytes = try checkedOut(path)(content)
            try writeAtomically(bytes, to: url.path, mode: mode) {
                if let expected, workingBytes(path) != expected { throw DeskError.refused(.uncommittedChanges(path)) }
            }
        } else {
            if let expected, workingBytes(path) != expected { throw DeskError.refused(.uncommittedChanges(path)) }
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
            let working = workingBytes(path)
            if try working == new || working == new.map(checkedOut(path)) {
                restage.append(path)
            } else if try working == old || working == old.map(checkedOut(path)),
                      (try? setWorkingFile(path, to: new)) != nil {
                restage.append(path)
            }
        }
        // Nothing to bring in: the index is not touched (git may hold it: a hook runs this too).
        if !restage.isEmpty { try git { try repository.stage(paths: restage) } }
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
/// one gitdesk writer of a desk at a time, one builder of an index at a time. The holder
/// writes who it is into the file (`pid`, start time, command), so a waiter can say whom
/// it waits for.
public final class FileLock {
    private var descriptor: Int32

    /// Takes the lock, waiting up to `timeout` seconds for its holder (nil when it is still
    /// held then). After a second of waiting, `waiting` is told who holds it, once.
    public init?(path: String, timeout: TimeInterval, waiting: ((String) -> Void)? = nil) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DeskError.refused(.cannotLock(path)) }
        let start = Date()
        var told = waiting == nil
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let waited = Date().timeIntervalSince(start)
            guard waited < timeout else {
                close(descriptor)
                return nil
            }
            if !told, waited >= 1 {
                told = true
                waiting?(Self.holder(of: path))
            }
            usleep(10_000)
        }
        let record = "\(getpid())\t\(Timestamp.format(Date(), zone: .current))\t\(CommandLine.arguments.prefix(3).joined(separator: " "))\n"
        ftruncate(descriptor, 0)
        _ = record.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Who holds the lock at `path`, as its holder wrote it ("gitdesk log (pid 4242, since
    /// 2026-12-03T10:15:02+03:00)"), or "another process (pid N)" found in `/proc/locks` for a
    /// holder that wrote nothing (a lock taken by another program).
    public static func holder(of path: String) -> String {
        let fields = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").first?
            .split(separator: "\t", omittingEmptySubsequences: false).map(String.init) ?? []
        if fields.count == 3, let pid = Int32(fields[0]), kill(pid, 0) == 0 || errno == EPERM {
            let command = fields[2].split(separator: " ").map { ($0 as NSString).lastPathComponent }.joined(separator: " ")
            return "\(command) (pid \(pid), \(fields[1]))".replacingControlCharacters(with: "?")
        }
        var status = stat()
        if stat(path, &status) == 0, let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) {
            // "1: FLOCK  ADVISORY  WRITE 4242 fd:01:131074 0 EOF": the pid, then device:inode.
            for line in locks.split(separator: "\n") {
                let words = line.split(separator: " ")
                guard words.count >= 6, words[1] == "FLOCK", let pid = Int32(words[4]),
                      words[5].split(separator: ":").last.flatMap({ UInt64($0) }) == UInt64(status.st_ino) else { continue }
                return "pid \(pid)"
            }
        }
        return (path as NSString).lastPathComponent
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
