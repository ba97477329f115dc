import Foundation
import GitdeskCore
import GitdeskGit

/// A desk kept in a git repository: reads snapshots of it (a commit, the index, the
/// working tree) and commits changes to it. The bridge between the git layer and the model.
public final class DeskRepository {
    public let repository: Repository
    /// The working directory (with a trailing slash).
    public let root: String
    /// The one index gitdesk keeps of this desk (`.git/gitdesk/index/`).
    public let deskIndex: DeskIndex
    /// Parsed blobs from the desk index, read on first use: a command that loads no desk
    /// (a warm search) neither reads nor rewrites them.
    public private(set) lazy var cache = ParseCache(from: deskIndex)
    private(set) var cacheLoaded = false
    /// The cards' parsed files from the desk index, read on first use.
    private lazy var cardCache = ParseCache(from: deskIndex, part: .parsedCards)
    private var cardCacheLoaded = false

    /// Opens the desk containing `path`; `create` makes a new repository there first.
    public init(at path: String, create: Bool = false) throws {
        do {
            repository = create ? try Repository.create(at: path) : try Repository.discover(at: path)
        } catch let error as GitError {
            if create { throw DeskError.git(.cannotCreateRepository(path: path, detail: error.message)) }
            throw DeskError.notFound(.notARepository(path: path, detail: error.isNotFound ? nil : error.message))
        }
        guard let workdir = repository.workdir else { throw DeskError.refused(.bareRepository) }
        root = workdir
        // git shows a replaced object's replacement; libgit2, and so gitdesk, the original.
        // Billing from other content than `git log` shows is refused, not done in silence.
        let replaced = (try? repository.referenceNames(matching: "refs/replace/*")) ?? []
        if !replaced.isEmpty && ProcessInfo.processInfo.environment["GIT_NO_REPLACE_OBJECTS"] == nil {
            throw DeskError.refused(.replaceRefs(replaced.prefix(3).joined(separator: ", ") + (replaced.count > 3 ? ", …" : "")))
        }
        deskIndex = DeskIndex(gitdir: repository.gitdir)
        deskIndex.removeRetired()
        Self.opened.append(self)
    }

    /// Told what a slow step is doing (`""` when it is done); the executable shows it on a
    /// terminal. Libraries never print.
    nonisolated(unsafe) public static var progress: (String) -> Void = { _ in }
    /// Where long work over many items shows how far it has come: label, done, total.
    nonisolated(unsafe) public static var progressBar: (String, Int, Int) -> Void = { _, _, _ in }

    /// Told a warning the user should see (the executable prints it on standard error).
    nonisolated(unsafe) public static var warn: (String) -> Void = { _ in }

    /// Folder records this process decoded or made, by cache and key: a write reads the tip,
    /// then the tree it makes, and the second read reuses every folder the change left alone.
    var recentSummaries: [String: any TicketGroupSummary] = [:]

    /// Desks opened in this process, so their caches can be saved once at the end.
    nonisolated(unsafe) private static var opened: [DeskRepository] = []

    /// Saves the parse caches of every desk opened in this process (call before exiting;
    /// the process then need not free millions of parsed objects one by one).
    public static func saveCaches() {
        for store in opened {
            if store.cacheLoaded { try? store.cache.save(to: store.deskIndex) }
            if store.cardCacheLoaded { try? store.cardCache.save(to: store.deskIndex, part: .parsedCards) }
        }
    }

    // MARK: Reading

    var usedCache: ParseCache {
        cacheLoaded = true
        return cache
    }

    public func desk(atCommit commit: ObjectID, scope: DeskLoader.Scope = .full) throws -> Desk {
        try desk(atTree: try git { try repository.commit(commit).tree }, scope: scope)
    }

    /// The desk a root tree holds (a commit's, or the index written as a tree), every ticket
    /// read whole: what the few commands that need every line's place read (seals, and
    /// `balance` when a client's files have problems to name). Commands over the whole desk
    /// read the folder records instead.
    public func desk(atTree tree: ObjectID, scope: DeskLoader.Scope = .full) throws -> Desk {
        let snapshot = try self.snapshot(tree: tree)
        let cards = try self.cards(in: snapshot, scope: scope)
        let stray = snapshot.ticketEntries.filter { !$0.isTree }.map { TreeFile(path: "tickets/" + $0.name, blob: $0.id).deskFile }
        let parts = [DeskLoader(blobs: stray, in: repository, scope: scope).loadTickets(cards: cards)]
            + (try loadTickets(snapshot.ticketEntries.filter(\.isTree), cards: cards, scope: scope) { try $0.ticketGroupFiles($1) })
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

    /// The settings and cards of a snapshot (every file outside `tickets/`): a few thousand
    /// small files, each parsed once and then read from the desk index (`parsedCards`).
    func cards(in snapshot: Snapshot, scope: DeskLoader.Scope = .full) throws -> Desk {
        cardCacheLoaded = true
        return try DeskLoader(blobs: snapshot.cardFiles.map(\.deskFile), in: repository, cache: cardCache, scope: scope).loadCards()
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

    /// The commit a revision names; `HEAD` of a repository without commits is an error.
    public func resolve(_ revision: String) throws -> ObjectID {
        if revision == "HEAD", try git({ try repository.head() }) == nil {
            throw DeskError.notFound(.noCommits)
        }
        do {
            return try repository.resolveCommit(revision)
        } catch is GitError {
            throw DeskError.notFound(.notACommit(revision))
        }
    }

    public var head: ObjectID? { try? repository.head() }

    /// A split or sparse index, which libgit2 cannot read, rewritten as one plain index
    /// (`PlainIndex`); left alone while another process holds it.
    public func unfoldIndex() throws {
        let path = repository.defaultIndexPath
        guard PlainIndex.mayBeFolded(indexAt: path, in: repository) else { return }
        try git { try PlainIndex.unfold(indexAt: path, in: repository, heldByGit: false) }
    }

    /// The repository's git folder (with a trailing slash): where gitdesk keeps its index
    /// and a command its scratch files.
    public var gitdir: String { repository.gitdir }

    /// A committed text file at HEAD, nil when absent (or no commit yet).
    public func committedText(_ path: String) throws -> String? {
        guard let head, let blob = try git({ try repository.entryID(path: path, inTree: try repository.commit(head).tree) }) else { return nil }
        return String(decoding: try self.blob(blob), as: UTF8.self)
    }

    /// Every file of HEAD's tree (none before the first commit).
    public func headFiles() throws -> [TreeFile] {
        guard let head else { return [] }
        return try git { try repository.files(inTree: try repository.commit(head).tree) }
    }

    /// `--as-of DATE|COMMIT`: a date reads HEAD as of that day; anything else names a commit
    /// whose tree is read instead.
    public func asOf(_ text: String?) throws -> (commit: ObjectID, day: Day?) {
        guard let text else { return (try resolve("HEAD"), nil) }
        if let day = Day(text) { return (try resolve("HEAD"), day) }
        if text.count == 10, text.first?.isNumber == true, text.contains("-") {
            throw DeskError.usage(.notADateOrCommit(text))
        }
        return (try resolve(text), nil)
    }

    /// The tickets of some folders, read on every core (folders are independent once the
    /// cards are known), each worker listing a folder's files with its own repository handle.
    private func loadTickets<Folder>(_ folders: [Folder], cards: Desk, scope: DeskLoader.Scope,
                                     files: (Repository, Folder) throws -> [DeskFile]) throws -> [(tickets: [Ticket], findings: [Finding])] {
        let cache = usedCache
        let label = folders.count > 50 ? Problem.readingFolders(folders.count).description : nil
        if let label { Self.progress(label) }
        defer { Self.progress("") }
        return try parallelMap(folders, progress: label) { handle, folder in
            DeskLoader(blobs: try files(handle, folder), in: handle, cache: cache, scope: scope).loadTickets(cards: cards)
        }
    }

    /// Lets go of the pack files a long read mapped (see `Repository.closePacks`); a failure
    /// only leaves them mapped.
    func closePacks() { try? repository.closePacks() }

    /// Bytes of a blob.
    public func blob(_ id: ObjectID) throws -> Data { try git { try repository.blob(id) } }

    // MARK: Writing

    /// The author of the commits this run makes, as git would name it here (`git var
    /// GIT_AUTHOR_IDENT`): `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else `author.name`/`author.email`,
    /// else `user.name`/`user.email` (read as git reads its configuration: `GitConfiguration`),
    /// else `EMAIL` for the address; the time is `GIT_AUTHOR_DATE` when set (as
    /// `@SECONDS +HHMM` or ISO 8601), else now.
    public func identity() throws -> Signature { try identity(as: "author") }

    /// The committer, by the same rules with `GIT_COMMITTER_*` and `committer.*`.
    public func committerIdentity() throws -> Signature { try identity(as: "committer") }

    private func identity(as role: String) throws -> Signature {
        let environment = ProcessInfo.processInfo.environment
        func variable(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let config = GitConfiguration(repository: repository, environment: environment)
        func configured(_ name: String) -> String? {
            (config.string("\(role).\(name)") ?? config.string("user.\(name)")).flatMap { $0.isEmpty ? nil : $0 }
        }
        let variables = "GIT_" + role.uppercased()
        guard let email = variable(variables + "_EMAIL") ?? configured("email") ?? variable("EMAIL"),
              let name = variable(variables + "_NAME") ?? configured("name") else {
            throw DeskError.refused(.noIdentity)
        }
        let (time, offset) = try Self.commitTime(environment[variables + "_DATE"], variable: variables + "_DATE")
        return Signature(name: name, email: email, time: time, offsetMinutes: offset)
    }

    static func commitTime(_ text: String?, variable: String) throws -> (Int64, Int) {
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
            throw DeskError.usage(.commitDate(variable: variable, value: text))
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

    func removeEmptyFolders(above url: URL) {
        var folder = url.deletingLastPathComponent()
        while folder.path.count > root.count,
              let items = try? FileManager.default.contentsOfDirectory(atPath: folder.path), items.isEmpty {
            try? FileManager.default.removeItem(at: folder)
            folder = folder.deletingLastPathComponent()
        }
    }

    func git<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GitError { throw DeskError.git(Self.problem(error)) }
    }

    /// A libgit2 failure in words: a full disk is said as such, with what to do.
    static func problem(_ error: GitError) -> Problem {
        let detail = "\(error.operation): \(error.message)"
        let full = ["No space left on device", "Disk quota exceeded", "Out of diskspace"].contains { error.message.contains($0) }
        return full ? .diskFull(detail) : .gitFailure(area: error.area, detail: detail)
    }
}

extension DeskLoader {
    /// A loader over the files of a git tree (keyed by blob id), reading their bytes through
    /// `repository` — one handle per thread.
    convenience init(blobs files: [DeskFile], in repository: Repository, cache: ParseCache = ParseCache(), scope: Scope) {
        self.init(files: files, cache: cache, scope: scope) { file in
            guard let blob = ObjectID(hex: file.key) else {
                throw Finding(file: file.path, TreeFile.Special(rawValue: String(file.key.dropFirst(TreeFile.specialPrefix.count))) == .submodule ? .submoduleStaged : .symbolicLinkStaged)
            }
            return try repository.blob(blob)
        }
    }
}

extension TreeFile {
    /// The file as the desk loader knows it: its path, its blob id as the content key (a
    /// link or a submodule gets a key that reads as a finding).
    var deskFile: DeskFile { DeskFile(path: path, key: special.map { Self.specialPrefix + $0.rawValue } ?? blob.hex) }

    static let specialPrefix = "special:"
}
