import Foundation
import GitdeskCore
import GitdeskGit

/// A desk kept in a git repository: reads snapshots of it (a commit, the index, the
/// working tree) and commits changes to it. The bridge between the git layer and the model.
public final class DeskRepository {
    public let repository: Repository
    /// The working directory (with a trailing slash).
    public let root: String
    /// Parsed blobs, persisted under `.git/gitdesk/` between runs.
    /// Parsed blobs from `.git/gitdesk/`, read on first use: a command that loads no desk
    /// (a warm search) neither reads nor rewrites it.
    public private(set) lazy var cache = ParseCache(contentsOf: cachePath)
    private(set) var cacheLoaded = false
    private var cachePath: String { repository.gitdir + "gitdesk/parse-v3.bin" }

    /// Opens the desk containing `path`; `create` makes a new repository there first.
    public init(at path: String, create: Bool = false) throws {
        do {
            repository = create ? try Repository.create(at: path) : try Repository.discover(at: path)
        } catch let error as GitError {
            if create { throw DeskError.git("could not create a repository at \(path): \(error.message)") }
            throw DeskError.notFound("not inside a git repository (\(path)): \(error.message); run 'gitdesk init' to create a desk")
        }
        guard let workdir = repository.workdir else { throw DeskError.refused("the repository has no working tree (bare repositories are not desks)") }
        root = workdir
        Self.opened.append(self)
    }

    /// Told what a slow step is doing (`""` when it is done); the executable shows it on a
    /// terminal. Libraries never print.
    nonisolated(unsafe) public static var progress: (String) -> Void = { _ in }

    /// Desks opened in this process, so their caches can be saved once at the end.
    nonisolated(unsafe) private static var opened: [DeskRepository] = []

    /// Saves the parse caches of every desk opened in this process (call before exiting;
    /// the process then need not free millions of parsed objects one by one).
    public static func saveCaches() {
        for store in opened where store.cacheLoaded { try? store.cache.save(to: store.cachePath) }
    }

    // MARK: Reading

    var usedCache: ParseCache {
        cacheLoaded = true
        return cache
    }

    /// The desk as of a revision (default HEAD).
    public func desk(at revision: String = "HEAD", scope: DeskLoader.Scope = .full) throws -> Desk {
        let commit = try resolve(revision)
        return try desk(atCommit: commit, scope: scope)
    }

    public func desk(atCommit commit: ObjectID, scope: DeskLoader.Scope = .full) throws -> Desk {
        try desk(atTree: try git { try repository.commit(commit).tree }, scope: scope)
    }

    /// The desk a root tree holds (a commit's, or the index written as a tree): unchanged
    /// ticket folders come from their saved summaries, keyed by folder tree id.
    public func desk(atTree tree: ObjectID, scope: DeskLoader.Scope = .full) throws -> Desk {
        let snapshot = try self.snapshot(tree: tree)
        // The cards and any stray file directly under tickets/ are parsed afresh (a few
        // thousand small files), so a run whose folders all come from summaries never
        // decodes the parse cache.
        let cards = try DeskLoader(blobs: snapshot.cardFiles.map(\.deskFile), in: repository, scope: scope).loadCards()
        let stray = snapshot.ticketEntries.filter { !$0.isTree }.map { TreeFile(path: "tickets/" + $0.name, blob: $0.id).deskFile }
        var parts = [DeskLoader(blobs: stray, in: repository, scope: scope).loadTickets(cards: cards)]
        if scope == .full {
            // Folders come whole from their saved summaries when unchanged.
            parts += try summaries(LoadedTickets.self, in: snapshot, cards: cards).map { ($0.tickets, $0.findings) }
        } else {
            parts += try loadTickets(snapshot.ticketEntries.filter(\.isTree), cards: cards, scope: scope) { handle, entry in
                try handle.files(below: entry.id, pathPrefix: "tickets/\(entry.name)/").map(\.deskFile)
            }
        }
        return DeskLoader.assemble(cards: cards, tickets: parts)
    }

    /// A commit's tree split the way desks are read: the files outside `tickets/`, and the
    /// entries of `tickets/` (the prefix folders, and any stray file) listed but not walked.
    struct Snapshot {
        let root: [TreeEntry]
        let cardFiles: [TreeFile]
        let ticketEntries: [TreeEntry]

        /// The ids of the named top-level entries (`-` for a missing one), as one string.
        func context(_ names: [String]) -> String {
            names.map { name in root.first { $0.name == name }?.id.hex ?? "-" }.joined(separator: ",")
        }
    }

    func snapshot(atCommit commit: ObjectID) throws -> Snapshot {
        try snapshot(tree: try git { try repository.commit(commit).tree })
    }

    func snapshot(tree: ObjectID) throws -> Snapshot {
        let root = try git { try repository.entries(ofTree: tree) }
        var cardFiles: [TreeFile] = []
        var ticketEntries: [TreeEntry] = []
        for entry in root {
            if entry.name == "tickets" && entry.isTree {
                ticketEntries = try git { try repository.entries(ofTree: entry.id) }
            } else if entry.isTree {
                cardFiles += try git { try repository.files(below: entry.id, pathPrefix: entry.name + "/") }
            } else {
                cardFiles.append(TreeFile(path: entry.name, blob: entry.id))
            }
        }
        return Snapshot(root: root, cardFiles: cardFiles, ticketEntries: ticketEntries)
    }

    /// The committed desk with some files replaced (nil deletes): what a write would make.
    public func desk(applying updates: [String: String?]) throws -> Desk {
        var files: [String: DeskFile] = [:]
        if let head = try git({ try self.repository.head() }) {
            let tree = try git { try self.repository.commit(head).tree }
            for file in try git({ try self.repository.files(inTree: tree) }) {
                files[file.path] = file.deskFile
            }
        }
        for (path, content) in updates {
            files[path] = content.map { DeskFile(path: path, key: "pending:\(path):\($0.utf8.count):\($0.hashValue)") }
        }
        let repository = repository
        return try DeskLoader(files: files.values.sorted { $0.path < $1.path }, cache: usedCache) { file in
            if file.key.hasPrefix("pending:"), let content = updates[file.path] ?? nil { return Data(content.utf8) }
            return try repository.blob(ObjectID(hex: file.key)!)
        }.load()
    }

    /// Commits `updates` after checking that the desk they make has no problem in the
    /// files they touch; bad input is refused before anything changes.
    /// `binary` adds files that are not desk text (attachments, original e-mails).
    @discardableResult
    public func commitChecked(_ updates: [String: String?], binary: [String: Data] = [:], message: String,
                              author: Signature? = nil) throws -> ObjectID {
        let findings = try desk(applying: updates).findings.filter { updates.keys.contains($0.file) }
        if !findings.isEmpty { throw DeskError.invalidDesk(findings) }
        var all = updates.mapValues { $0.map { Data($0.utf8) } }
        for (path, data) in binary { all[path] = data }
        return try commit(data: all, message: message, author: author)
    }

    /// The desk as staged in the index (what the next commit will hold).
    public func stagedDesk() throws -> Desk {
        try load(try git { try repository.indexFiles() })
    }

    /// The desk as it is in the working tree, including uncommitted edits.
    public func workingDesk() throws -> Desk {
        let paths = workingTreePaths()
        let files = paths.map { DeskFile(path: $0, key: "worktree:" + $0) }
        return try DeskLoader(files: files, cache: usedCache) { file in
            try Data(contentsOf: URL(fileURLWithPath: self.root + file.path))
        }.load()
    }

    /// The commit a revision names; `HEAD` of a repository without commits is an error.
    public func resolve(_ revision: String) throws -> ObjectID {
        if revision == "HEAD", try git({ try repository.head() }) == nil {
            throw DeskError.notFound("the desk has no commits yet (run 'gitdesk init')")
        }
        return try git { try repository.resolveCommit(revision) }
    }

    public var head: ObjectID? { try? repository.head() }

    private func load(_ files: [TreeFile]) throws -> Desk {
        let deskFiles = files.map(\.deskFile)
        let cards = try DeskLoader(blobs: deskFiles.filter { !$0.path.hasPrefix("tickets/") }, in: repository, cache: usedCache, scope: .full)
            .loadCards()
        // A stray file under tickets/ goes to a group of its own, where it gets its finding.
        let groups = Dictionary(grouping: deskFiles.filter { $0.path.hasPrefix("tickets/") }) { TicketPath($0.path)?.group ?? "" }
        let parts = try loadTickets(groups.keys.sorted(), cards: cards, scope: .full) { _, folder in groups[folder]! }
        return DeskLoader.assemble(cards: cards, tickets: parts)
    }

    /// The tickets of some folders, read on every core (folders are independent once the
    /// cards are known), each worker listing a folder's files with its own repository handle.
    private func loadTickets<Folder>(_ folders: [Folder], cards: Desk, scope: DeskLoader.Scope,
                                     files: (Repository, Folder) throws -> [DeskFile]) throws -> [(tickets: [Ticket], findings: [Finding])] {
        let cache = usedCache
        if folders.count > 50 { Self.progress("reading the desk (\(folders.count) ticket folders)") }
        defer { Self.progress("") }
        return try parallelMap(folders) { handle, folder in
            DeskLoader(blobs: try files(handle, folder), in: handle, cache: cache, scope: scope).loadTickets(cards: cards)
        }
    }

    /// Every file under the working tree, skipping `.git` and the build folders.
    private func workingTreePaths() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path == ".git" || path.hasPrefix(".build") { enumerator.skipDescendants(); continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    /// Bytes of a blob.
    public func blob(_ id: ObjectID) throws -> Data { try git { try repository.blob(id) } }

    // MARK: Writing

    /// The identity commits are made with: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL` when set,
    /// else git's `user.name`/`user.email`; the time is `GIT_AUTHOR_DATE` when set (as
    /// `@SECONDS +HHMM` or ISO 8601), else now.
    public func identity() throws -> Signature {
        let environment = ProcessInfo.processInfo.environment
        var name = environment["GIT_AUTHOR_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        var email = environment["GIT_AUTHOR_EMAIL"].flatMap { $0.isEmpty ? nil : $0 }
        if name == nil || email == nil {
            guard let configured = try? repository.defaultSignature() else {
                throw DeskError.refused("""
                    no git identity: set one with
                      git config --global user.name "Your Name"
                      git config --global user.email you@example.com
                    """)
            }
            name = name ?? configured.name
            email = email ?? configured.email
        }
        let (time, offset) = try Self.commitTime(environment["GIT_AUTHOR_DATE"])
        return Signature(name: name!, email: email!, time: time, offsetMinutes: offset)
    }

    static func commitTime(_ text: String?) throws -> (Int64, Int) {
        guard let text, !text.isEmpty else {
            let now = Date()
            return (Int64(now.timeIntervalSince1970), TimeZone.current.secondsFromGMT(for: now) / 60)
        }
        if text.hasPrefix("@") {
            let parts = text.dropFirst().split(separator: " ")
            if let seconds = Int64(parts[0]) {
                var offset = 0
                if parts.count == 2, let raw = Int(parts[1]) { offset = (raw / 100) * 60 + (raw % 100) }
                return (seconds, offset)
            }
        }
        guard let date = Timestamp.parse(text, zone: TimeZone(identifier: "UTC")!) else {
            throw DeskError.usage("GIT_AUTHOR_DATE '\(text)' is not '@SECONDS +HHMM' or an ISO 8601 time")
        }
        var offset = 0
        if let sign = text.dropFirst(19).first(where: { $0 == "+" || $0 == "-" }), let range = text.range(of: String(sign), options: .backwards) {
            let digits = text[range.upperBound...].filter(\.isNumber)
            if digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) {
                offset = (sign == "-" ? -1 : 1) * (hh * 60 + mm)
            }
        }
        return (Int64(date.timeIntervalSince1970), offset)
    }

    /// Commits new contents of some files (nil deletes) on top of HEAD, then brings the
    /// working tree and index in step for exactly those files.
    ///
    /// The rule for uncommitted edits: a write refuses to touch a file that differs between
    /// HEAD, the index and the working tree, naming it, so a user's own edits are never
    /// overwritten or silently committed. Other dirty files are left alone.
    @discardableResult
    public func commit(_ updates: [String: String?], message: String, author: Signature? = nil) throws -> ObjectID {
        try commit(data: updates.mapValues { $0.map { Data($0.utf8) } }, message: message, author: author)
    }

    @discardableResult
    public func commit(data updates: [String: Data?], message: String, author: Signature? = nil) throws -> ObjectID {
        let paths = updates.keys.sorted()
        for path in paths where try git({ try repository.hasUncommittedChanges(path: path) }) {
            throw DeskError.refused("\(path) has uncommitted changes; commit or stash them first, then run the command again")
        }
        let signature = try author ?? identity()
        let parent = try git { try repository.head() }
        let id: ObjectID
        do {
            id = try repository.commit(updates: updates, parent: parent, message: message, author: signature, committer: signature)
        } catch let error as GitError {
            throw DeskError.git("could not commit (\(error.message)); was the branch moved by another command? Run it again.")
        }
        for path in paths {
            let url = URL(fileURLWithPath: root + path)
            if let content = updates[path] ?? nil {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try content.write(to: url, options: .atomic)
            } else {
                try? FileManager.default.removeItem(at: url)
                removeEmptyFolders(above: url)
            }
        }
        try git { try repository.stage(paths: paths) }
        return id
    }

    /// The staged text of a file, nil when it is not in the index.
    public func stagedText(_ path: String) throws -> String? {
        guard let file = try git({ try repository.indexFiles() }).first(where: { $0.path == path }) else { return nil }
        return String(decoding: try blob(file.blob), as: UTF8.self)
    }

    /// Writes a file into the working tree and stages it, without committing (`check --fix`
    /// in the pre-commit hook).
    public func writeAndStage(_ path: String, _ content: String) throws {
        try Data(content.utf8).write(to: URL(fileURLWithPath: root + path), options: .atomic)
        try git { try repository.stage(paths: [path]) }
    }

    private func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent()
        while folder.path.count > root.count,
              let items = try? FileManager.default.contentsOfDirectory(atPath: folder.path), items.isEmpty {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    func git<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GitError { throw DeskError.git(error.description) }
    }
}

extension DeskLoader {
    /// A loader over the files of a git tree (keyed by blob id), reading their bytes through
    /// `repository` — one handle per thread.
    convenience init(blobs files: [DeskFile], in repository: Repository, cache: ParseCache = ParseCache(), scope: Scope) {
        self.init(files: files, cache: cache, scope: scope) { try repository.blob(ObjectID(hex: $0.key)!) }
    }
}

extension TreeFile {
    /// The file as the desk loader knows it: its path, its blob id as the content key.
    var deskFile: DeskFile { DeskFile(path: path, key: blob.hex) }
}
