import Foundation
import GitdeskCore
import GitdeskGit

/// What the next commit will hold: the index git commits through. In a pre-commit hook
/// that is the file named by `GIT_INDEX_FILE` (git stages `git commit -a`, `git commit PATH`
/// and `--amend` into a temporary index and hands the hook its path), else `.git/index`.
public final class StagedDesk {
    let store: DeskRepository
    /// The index file's path.
    let indexPath: String

    /// Opens the index git named in `GIT_INDEX_FILE` (relative to the current folder, as
    /// git passes it), or this worktree's own.
    public init(store: DeskRepository, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.store = store
        var path = store.repository.defaultIndexPath
        if let named = environment["GIT_INDEX_FILE"], !named.isEmpty {
            path = named.hasPrefix("/") ? named : FileManager.default.currentDirectoryPath + "/" + named
        }
        indexPath = path
        if path != store.repository.defaultIndexPath {
            // git holds this file for the commit and reads it back after the hook; libgit2
            // reads it (not `.git/index`) for everything the hook does.
            if PlainIndex.mayBeFolded(indexAt: path, in: store.repository) {
                try store.git { try PlainIndex.unfold(indexAt: path, in: store.repository, heldByGit: true) }
            }
            try store.git { try store.repository.useIndex(at: path) }
        }
    }

    /// The index through libgit2, read when it must be (numbering lines in it; an index the
    /// quick reader leaves alone): a large one takes a second to read.
    private lazy var index: Result<StagingIndex, Error> = Result { try store.git { try StagingIndex(path: indexPath, repository: store.repository) } }

    /// The whole desk the next commit holds, every finding, through the index
    /// (`DeskRepository.checkDesk`).
    public func checkWhole() throws -> CheckedChange {
        try store.checkDesk(tree: try tree())
    }

    /// What the next commit changes, checked as far as it reaches (`checkChange`): the ticket
    /// folders it touches, the cards, and the desk-wide rules through the index.
    /// `cards`: the staged cards when already read (a check before numbering). The records
    /// of the folders it touches are not saved: git commits this tree after the hook, and
    /// saving the index's record file would hold up every commit (the next command does).
    public func checkChange(cards: Desk? = nil) throws -> CheckedChange {
        let staged = try tree()
        let headTree = try store.head.map { head in try store.git { try store.repository.commit(head).tree } }
        let changed = try store.git { try store.repository.changes(from: headTree, to: staged) }.map(\.path)
        return try store.checkChange(tree: staged, base: headTree, changed: changed, baseCards: cards, persist: false)
    }

    /// The index as a tree (the objects `git commit` is about to write anyway), once per
    /// state of the index: from its cached trees where it has them, else written by libgit2.
    private var read: IndexTree?

    func tree() throws -> ObjectID {
        if let read { return read.tree }
        if let quick = try store.git({ try IndexTree.read(indexAt: indexPath, in: store.repository) }) {
            read = quick
            return quick.tree
        }
        let index = try self.index.get()
        guard !index.hasConflicts else {
            throw DeskError.refused(.mergeConflicts)
        }
        let written = IndexTree(tree: try store.git { try index.writeTree() }, special: index.files.filter { !$0.isRegularFile })
        read = written
        return written.tree
    }

    /// Entries a desk may not hold: symbolic links and submodules (git stores both in the
    /// index; gitdesk would never follow them, so they are refused before they are committed).
    public func entryFindings() throws -> [Finding] {
        _ = try tree()
        return (read?.special ?? []).map { file in
            Finding(file: file.path, file.mode == 0o160000 ? .submoduleStaged : .symbolicLinkStaged)
        }
    }

    /// Gives the well-formed work and ledger lines without a `^ID` in the files staged
    /// differently from HEAD a new ID, in the index (so the commit carries them) and in the
    /// working tree. A working file with unstaged edits keeps them: only the numbered lines
    /// change in it. Returns the number of lines numbered per file.
    public func assignIDs(existing: any IDSet) throws -> [String: Int] {
        let repository = store.repository
        let headTree = try store.head.map { head in try store.git { try repository.commit(head).tree } }
        let staged = try tree()
        let changed = try store.git { try repository.changes(from: headTree, to: staged) }
        var assigner = IDAssigner(existing: existing, generator: SystemRandomNumberGenerator())
        var fixed: [String: Int] = [:]
        var record: [String] = []
        var numberedFiles: [String: Data?] = [:]
        var replacements: [IndexReplacement] = []
        let special = Set((read?.special ?? []).map(\.path))
        for change in changed.sorted(by: { $0.path < $1.path }) {
            guard let blob = change.new, let kind = TransactionFile(path: change.path), kind != .disputes,
                  !special.contains(change.path) else { continue }
            // Bytes that are not UTF-8 are refused by the check, never numbered into U+FFFD.
            guard let text = String(validating: try store.blob(blob), as: UTF8.self),
                  let (numbered, count) = try assigner.assign(in: text, isLedger: kind == .ledger, committed: {
                      try change.old.flatMap { String(validating: try store.blob($0), as: UTF8.self) }
                  }) else { continue }
            let newBlob = try store.git { try repository.writeBlob(Data(numbered.utf8)) }
            numberedFiles[change.path] = Data(numbered.utf8)
            let working = try updateWorkingFile(change.path, staged: text, numbered: numbered)
            let stored = try working.map { bytes in try store.git { try repository.storedForm(of: bytes, path: change.path) } }
            let workingIsNumbered = stored == Data(numbered.utf8)
            replacements.append(IndexReplacement(path: change.path, blob: newBlob, workingFile: workingIsNumbered ? store.root + change.path : nil))
            record.append([change.path, blob.hex, newBlob.hex].joined(separator: "\t"))
            fixed[change.path] = count
        }
        guard !fixed.isEmpty else { return [:] }
        // The numbered index as a tree: the tree read, with the numbered files replaced.
        let numberedTree = try store.git { try repository.tree(staged, updating: numberedFiles) }
        if try store.git({ try IndexTree.patch(indexAt: indexPath, replacing: replacements, tree: numberedTree, in: repository, reading: read) }) {
            read = IndexTree(tree: numberedTree, special: read?.special ?? [])
        } else {
            // An index the patch leaves alone is read and written whole by libgit2; an
            // executable numbered file then has its tree written by libgit2 too.
            let index = try self.index.get()
            for replacement in replacements {
                try store.git { try index.replaceBlob(at: replacement.path, with: replacement.blob) }
            }
            try store.git { try index.write() }
            read = numberedFiles.keys.allSatisfy({ index.file(at: $0)?.mode == 0o100644 }) ? IndexTree(tree: numberedTree, special: read?.special ?? []) : nil
        }
        // `git commit PATH` commits a temporary index and then keeps its own: the post-commit
        // hook brings the numbered files into that one too (see `finishCommit`). The
        // worktree's own index (or its lock, which git commits through) needs nothing.
        let own = store.repository.defaultIndexPath
        if indexPath != own && indexPath != own + ".lock" {
            try writeAtomically(Data(record.map { $0 + "\n" }.joined().utf8), to: Self.recordPath(store))
        }
        return fixed
    }

    /// The working copy of a numbered file: replaced when it equals what was staged, else
    /// patched line by line (each numbered line, found by its old text, gets its new text).
    /// Lines are compared without their carriage returns and each keeps its own ending, so a
    /// CRLF file, or one git converts (`core.autocrlf`, `eol` attributes), gets its IDs too;
    /// the file keeps its mode. Returns the working file's bytes now (nil: not a file).
    private func updateWorkingFile(_ path: String, staged: String, numbered: String) throws -> Data? {
        let url = URL(fileURLWithPath: store.root + path)
        // Never through a link: a symlinked file is refused by the checks, not written.
        var status = stat()
        guard lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let bytes = try? Data(contentsOf: url), let working = String(data: bytes, encoding: .utf8) else { return nil }
        let updated: String
        if working == staged {
            updated = numbered
        } else {
            let old = Substring(staged).asciiSplit(UInt8(ascii: "\n")), new = Substring(numbered).asciiSplit(UInt8(ascii: "\n"))
            var lines = Substring(working).asciiSplit(UInt8(ascii: "\n"))
            var used = Set<Int>()
            for (before, after) in zip(old, new) where before != after {
                let content = before.withoutCarriageReturn
                if let position = lines.indices.first(where: { !used.contains($0) && lines[$0].withoutCarriageReturn == content }) {
                    let ending = lines[position].utf8.last == UInt8(ascii: "\r") ? "\r" : ""
                    lines[position] = Substring(after.withoutCarriageReturn + ending)
                    used.insert(position)
                }
            }
            updated = lines.joined(separator: "\n")
        }
        if updated != working { try writeAtomically(Data(updated.utf8), to: url.path, mode: status.st_mode & 0o7777) }
        return Data(updated.utf8)
    }

    static func recordPath(_ store: DeskRepository) -> String { DeskIndex.path(.numberedInHook, gitdir: store.repository.gitdir) }

    /// After a commit (the post-commit hook): a file the pre-commit hook numbered in a
    /// temporary index (`git commit PATH`) is still unnumbered in this worktree's index;
    /// it gets the committed blob, so `git status` is clean again. Only an index entry that
    /// still holds exactly what the hook numbered, in a commit that holds the numbered
    /// blob, is touched.
    public static func finishCommit(_ store: DeskRepository) throws {
        try finishCommit(store, whenNoCommitRuns: false)
    }

    /// What a killed post-commit hook left undone, done by the next command: unless a
    /// commit is under way (git holds the index's lock from before pre-commit until before
    /// post-commit), the record the pre-commit hook left is applied as `finishCommit` would.
    /// Costs one `stat` when there is nothing to finish.
    public static func finishKilledPostCommit(_ store: DeskRepository) throws {
        try finishCommit(store, whenNoCommitRuns: true)
    }

    private static func finishCommit(_ store: DeskRepository, whenNoCommitRuns: Bool) throws {
        let path = recordPath(store)
        if whenNoCommitRuns, !FileManager.default.fileExists(atPath: path) || FileManager.default.fileExists(atPath: store.repository.defaultIndexPath + ".lock") { return }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        try? FileManager.default.removeItem(atPath: path)
        guard let head = store.head else { return }
        let tree = try store.git { try store.repository.commit(head).tree }
        let index = try store.git { try StagingIndex(path: store.repository.defaultIndexPath, repository: store.repository) }
        var changed = false
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3, let old = ObjectID(hex: fields[1]), let new = ObjectID(hex: fields[2]),
                  index.file(at: fields[0])?.blob == old,
                  try store.git({ try store.repository.entryID(path: fields[0], inTree: tree) }) == new else { continue }
            try store.git { try index.replaceBlob(at: fields[0], with: new) }
            changed = true
        }
        if changed { try store.git { try index.write() } }
    }
}
