import Foundation

/// The one index gitdesk keeps of a desk, under `.git/gitdesk/index/`: what the commands
/// answer from besides git itself, keyed by git object ids, and never more than a faster way
/// to the same answer — delete the folder and every answer is the same.
///
/// One rule for every part: its file starts with `Part.magic` (the part and the gitdesk
/// build that wrote it, so an upgraded or rebuilt gitdesk never believes what an older one
/// wrote), its records are `BinaryWriter`'s, sealed by checksums; a part that is missing,
/// foreign or damaged is rebuilt. Records depending on settings or cards carry the ids of
/// those files in their keys. The search part is a view kept in SQLite (its full-text index),
/// stamped with the commit and build it was made from and checked against its checksum.
///
/// Beside the index, `.git/gitdesk/` holds the files of writes in progress (`ControlFile`),
/// which are not disposable. Anything else there was left by an older gitdesk and is removed
/// when a desk is opened (`removeRetired`).
public struct DeskIndex: Sendable {
    /// What the index holds, one file each.
    public enum Part: String, CaseIterable, Sendable {
        /// Parsed files by blob id and path, each decoded only when read.
        case parsedFiles = "parsed-files"
        /// The same for the cards alone (settings, clients, staff, projects, ledgers,
        /// disputes), which every command reads: kept apart, so reading them never decodes
        /// the index of a whole desk's parsed tickets.
        case parsedCards = "parsed-cards"
        /// One record per ticket folder (`FolderFacts`), by folder tree id and settings.
        case folders
        /// Each folder's money totals (`WorkTotals`), by folder tree id and cards.
        case workTotals = "work-totals"
        /// What every commit changed, in segments appended as history grows.
        case history
        /// The status changes of each ticket `show` found by walking the history without
        /// `history`, with the commit it walked to (a later show walks only the commits since).
        case ticketWalks = "ticket-walks"
        /// The whole-history audit rendered as JSON, and what changed since (`auditChanges`).
        case audit
        case auditChanges = "audit-changes"
        /// Every seal record the history holds, with the commit that added it, and the tip read to.
        case sealHistory = "seal-history"
        /// Each folder of the working tree as `check` last listed it (git's untracked cache).
        case workingTree = "working-tree"
        /// The knowledge base's full-text view (SQLite FTS5).
        case search = "search.sqlite"

        /// The first bytes of the part's file.
        public var magic: String { "gitdesk-index \(rawValue) \(DeskIndex.build)\n" }

        /// The files the part keeps (SQLite's journal and gitdesk's checksum beside the search view).
        var files: [String] { self == .search ? [rawValue, rawValue + "-journal", rawValue + ".sum"] : [rawValue] }
    }

    /// The files of writes in progress, in `.git/gitdesk/` beside the index.
    public enum ControlFile: String, CaseIterable, Sendable {
        /// Held by the one gitdesk command writing the desk (in the common git folder).
        case writeLock = "write.lock"
        /// What a write is landing, between its commit and its working-tree update.
        case writeJournal = "write-journal"
        /// Held by the one process bringing the search view up to date.
        case searchLock = "search.lock"
        /// The files the pre-commit hook numbered in a temporary index (for the post-commit hook).
        case numberedInHook = "numbered-in-hook"
    }

    /// The identity of this gitdesk build (its executable's size and modification time).
    public static let build: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
    }()

    /// `.git/gitdesk/` of the repository (with a trailing slash).
    public let home: String
    /// `.git/gitdesk/index/` (with a trailing slash).
    public var folder: String { home + "index/" }

    /// The index of the repository whose git folder is `gitdir` (with a trailing slash).
    public init(gitdir: String) {
        home = gitdir + "gitdesk/"
    }

    public func path(_ part: Part) -> String { folder + part.rawValue }

    /// Where a control file lives; `commonDirectory` for one shared by every worktree.
    public static func path(_ file: ControlFile, gitdir: String) -> String { gitdir + "gitdesk/" + file.rawValue }

    /// The part written whole by `write`, checked; nil when missing, foreign or damaged.
    public func read(_ part: Part) -> BinaryReader? {
        guard let bytes = readCacheFile(path(part)) else { return nil }
        return try? BinaryReader(sealed: bytes, magic: part.magic)
    }

    /// Replaces the part with what `writer` (made by `BinaryWriter(for:)`) holds, sealed.
    public func write(_ part: Part, _ writer: inout BinaryWriter) throws {
        try writeAtomically(writer.sealed(), to: path(part))
    }

    /// Removes what an older gitdesk left: every file of `.git/gitdesk/` that is neither the
    /// index nor a control file, and every file of the index that is no part's. A name
    /// starting with `.` is a write in progress (see `writeStreaming`) and is left alone.
    public func removeRetired() {
        let kept = Set(ControlFile.allCases.map(\.rawValue) + ["index"])
        let partFiles = Set(Part.allCases.flatMap(\.files))
        for (directory, current) in [(home, kept), (folder, partFiles)] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names where !name.hasPrefix(".") && !current.contains(name) {
                try? FileManager.default.removeItem(atPath: directory + name)
            }
        }
    }
}

extension BinaryWriter {
    /// A writer of one part of the desk index, its magic written.
    public init(for part: DeskIndex.Part, capacity: Int = 1 << 16) {
        self.init(magic: part.magic, capacity: capacity)
    }
}
