import Clibgit2
import Foundation

/// What a working-tree scan remembers of each folder between runs, as git's untracked cache
/// does: the folder's own `lstat`, a fingerprint of the names the index has in it, and the
/// names on disk the index does not have. A folder whose `lstat` is unchanged has had no
/// entry added, removed or renamed since; with the index's names unchanged too, it is not
/// listed again. Its files are still each compared with the index.
public struct FolderListings: Sendable {
    public struct Listing: Sendable {
        /// The folder's modification and change times (nanoseconds since 1970) and inode.
        public let modified: Int64, changed: Int64, inode: UInt64
        /// The names the index had in the folder (files, folders holding files, skipped
        /// entries), hashed and combined.
        public let indexed: UInt64
        /// Its entries the index does not have, a folder's name ending in `/`, sorted.
        public let untracked: [String]

        public init(modified: Int64, changed: Int64, inode: UInt64, indexed: UInt64, untracked: [String]) {
            (self.modified, self.changed, self.inode, self.indexed, self.untracked) = (modified, changed, inode, indexed, untracked)
        }

        init(_ status: stat, indexed: UInt64, untracked: [String]) {
            self.init(modified: Self.nanoseconds(status.st_mtim), changed: Self.nanoseconds(status.st_ctim),
                      inode: UInt64(status.st_ino), indexed: indexed, untracked: untracked)
        }

        func matches(_ status: stat, indexed: UInt64) -> Bool {
            modified == Self.nanoseconds(status.st_mtim) && changed == Self.nanoseconds(status.st_ctim) && inode == UInt64(status.st_ino)
                && self.indexed == indexed
        }

        static func nanoseconds(_ time: timespec) -> Int64 {
            Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000).partialValue &+ Int64(time.tv_nsec)
        }
    }

    /// By folder path relative to the working tree (`""` for its root).
    public var folders: [String: Listing]

    public init(folders: [String: Listing] = [:]) { self.folders = folders }

    /// Whether `name` can be an entry of `Listing.untracked`: one folder entry's name (a
    /// folder's ending in `/`), never `.`, `..` or a path.
    public static func isEntryName(_ name: String) -> Bool {
        let bare = name.hasSuffix("/") ? name.dropLast() : Substring(name)
        return !bare.isEmpty && bare != "." && bare != ".." && !bare.contains("/") && !bare.contains("\0")
    }
}

extension Repository {
    /// The paths whose working-tree state may differ from the index, sorted: files whose
    /// type, size, times or inode differ from what the index recorded (or that were written
    /// in the same second as the index, which git calls racily clean), files the index has
    /// and the disk does not, and untracked files that are not ignored (each file of an
    /// untracked folder). As `git status` does, a file whose recorded stat matches is trusted
    /// unread; unlike it, a file whose stat differs is listed unread too (the caller reads it
    /// anyway, and gets the same content back when only its times changed).
    ///
    /// The scan is gitdesk's own: one `lstat` per indexed file and per folder, on every core,
    /// and a listing only of the folders that changed since `remembered` (libgit2's status of a
    /// 600 000-file desk made three `stat` calls per file and read every folder twice). Returns
    /// the listings to remember for the next scan, and whether they are `remembered` as it was.
    public func workingTreeChanges(remembering remembered: FolderListings = FolderListings()) throws
        -> (paths: [String], listings: FolderListings, unchanged: Bool) {
        guard let workdir else { return ([], remembered, true) }
        var scan = WorkingTreeScan(root: workdir)
        try withIndex { index in
            // The handle may hold the index as it was read before: read it again if it changed.
            try check("read the index", git_index_read(index, 0))
            scan.reserve(git_index_entrycount(index))
            var indexStatus = stat()
            let indexTime = stat(gitdir + "index", &indexStatus) == 0 ? indexStatus.st_mtim : timespec()
            let indexSeconds = Int32(truncatingIfNeeded: indexTime.tv_sec)
            for position in 0..<git_index_entrycount(index) {
                guard let entry = git_index_get_byindex(index, position)?.pointee, let cPath = entry.path else { continue }
                let path = String(cString: cPath)
                let stage = (entry.flags >> 12) & 0x3
                // Outside a sparse checkout, or a submodule: neither looked into nor listed.
                if entry.flags_extended & UInt16(GIT_INDEX_ENTRY_SKIP_WORKTREE.rawValue) != 0 || entry.mode == 0o160000 {
                    scan.skip(path)
                    continue
                }
                // A conflict or an intent to add is always listed.
                let alwaysListed = stage != 0 || entry.flags_extended & UInt16(GIT_INDEX_ENTRY_INTENT_TO_ADD.rawValue) != 0
                let racy = entry.mtime.seconds > indexSeconds || (entry.mtime.seconds == indexSeconds && Int(entry.mtime.nanoseconds) >= indexTime.tv_nsec)
                scan.add(path, recorded: alwaysListed ? nil : RecordedStat(entry, racy: racy))
            }
        }
        let (candidates, listings, unchanged) = scan.run(remembering: remembered)
        // Untracked paths are few; whether one is ignored is asked of libgit2 one at a time.
        var changed = candidates.changed
        for path in candidates.untracked where try !isIgnored(path) {
            if path.hasSuffix("/") {
                changed += WorkingTreeScan.files(below: workdir + path.dropLast()).map { path + $0 }.filter { (try? isIgnored($0)) != true }
            } else {
                changed.append(path)
            }
        }
        return (changed.sorted(), listings, unchanged)
    }

    private func isIgnored(_ path: String) throws -> Bool {
        var ignored: Int32 = 0
        try check("ignore rules for \(path)", git_ignore_path_is_ignored(&ignored, pointer, path))
        return ignored != 0
    }
}

/// What the index recorded of a file's `lstat`, as git compares it (times, inode and size cut
/// to 32 bits as the index stores them).
struct RecordedStat {
    let mode: UInt32, size: UInt32, inode: UInt32
    let mtime: (Int32, UInt32), ctime: (Int32, UInt32)
    /// Written in the same second as the index, or after it: trusted only when read.
    let racy: Bool

    init(_ entry: git_index_entry, racy: Bool) {
        mode = entry.mode; size = entry.file_size; inode = entry.ino
        mtime = (entry.mtime.seconds, entry.mtime.nanoseconds); ctime = (entry.ctime.seconds, entry.ctime.nanoseconds)
        self.racy = racy
    }

    /// Whether the file on disk still looks as recorded.
    func matches(_ status: stat) -> Bool {
        let type = status.st_mode & S_IFMT
        let recordedType = mode & 0o170000
        guard !racy, type == (recordedType == 0o120000 ? S_IFLNK : S_IFREG) else { return false }
        if type == S_IFREG && ((status.st_mode & 0o100) != 0) != (mode & 0o100 != 0) { return false }
        return UInt32(truncatingIfNeeded: status.st_size) == size && UInt32(truncatingIfNeeded: status.st_ino) == inode
            && Int32(truncatingIfNeeded: status.st_mtim.tv_sec) == mtime.0 && UInt32(truncatingIfNeeded: status.st_mtim.tv_nsec) == mtime.1
            && Int32(truncatingIfNeeded: status.st_ctim.tv_sec) == ctime.0 && UInt32(truncatingIfNeeded: status.st_ctim.tv_nsec) == ctime.1
    }
}

/// A scan of a working tree against the index's entries (which come sorted by path).
struct WorkingTreeScan {
    let root: String
    /// The index's files, sorted, each with what it recorded; nil for an entry that is always
    /// listed (a conflict, an intent to add).
    private var paths: [String] = []
    private var recorded: [RecordedStat?] = []
    /// Every folder that holds an indexed file, at any depth (`""` for the root).
    private var folders: Set<String> = [""]
    /// Submodules and files outside a sparse checkout: neither looked at nor listed.
    private var skipped: Set<String> = []
    /// Each folder's names in the index, hashed and combined (see `FolderListings.Listing.indexed`).
    private var indexedNames: [String: UInt64] = [:]
    /// The folder of the path noted last.
    private var lastNotedFolder: String?

    init(root: String) { self.root = root }

    /// Room for `count` entries (and about as many folders as a desk has: one per ticket).
    mutating func reserve(_ count: Int) {
        paths.reserveCapacity(count)
        recorded.reserveCapacity(count)
        folders.reserveCapacity(count / 2)
        indexedNames.reserveCapacity(count / 2)
    }

    mutating func skip(_ path: String) {
        skipped.insert(path)
        note(path, as: "!")
    }

    mutating func add(_ path: String, recorded stat: RecordedStat?) {
        // A conflict's stages are one path.
        guard paths.last != path else { return }
        paths.append(path)
        recorded.append(stat)
        note(path, as: "")
    }

    /// Adds a name of the index to its folder's fingerprint, and the folders above it.
    private mutating func note(_ path: String, as kind: String) {
        var (folder, name) = Self.split(path)
        indexedNames[folder, default: 0] ^= Self.hash(kind, name, "")
        // The paths come sorted: a folder's files mostly follow one another, and its folders
        // above are noted with the first of them.
        guard folder != lastNotedFolder else { return }
        lastNotedFolder = folder
        while !folder.isEmpty, folders.insert(folder).inserted {
            (folder, name) = Self.split(folder)
            indexedNames[folder, default: 0] ^= Self.hash("", name, "/")
        }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }

    private static func folder(of path: String) -> String { split(path).folder }

    /// FNV-1a over the bytes of `prefix`, `name` and `suffix` in turn.
    private static func hash(_ prefix: String, _ name: String, _ suffix: String) -> UInt64 {
        let step = { (hash: UInt64, byte: UInt8) in (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return suffix.utf8.reduce(name.utf8.reduce(prefix.utf8.reduce(0xcbf2_9ce4_8422_2325, step), step), step)
    }

    /// The files that differ or are gone, and the untracked files and folders (a folder
    /// with a trailing `/`), still to be checked against the ignore rules; each folder's
    /// listing to remember, and whether that is what was remembered.
    func run(remembering remembered: FolderListings) -> (changes: (changed: [String], untracked: [String]), listings: FolderListings, unchanged: Bool) {
        // A folder changed less than two seconds before the scan began may change again within
        // the same tick of its clock unseen: it is listed, not remembered (git's racy rule).
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        // Paths are looked up from the root's descriptor and each file from its folder's, so
        // the kernel walks one name per file, not the whole path (the walk was most of a scan).
        let rootDescriptor = open(root, Self.pathOnly | O_DIRECTORY | O_CLOEXEC)
        defer { if rootDescriptor >= 0 { close(rootDescriptor) } }
        let folderList = Array(folders)
        let looked = parallelChunks(folderList.count) { range in
            // No listing: the folder is now a file or a link, or gone.
            range.map { index -> (listing: FolderListings.Listing?, fresh: Bool) in
                let folder = folderList[index]
                var status = stat()
                guard fstatat(rootDescriptor, folder.isEmpty ? "." : folder, &status, AT_SYMLINK_NOFOLLOW) == 0,
                      status.st_mode & S_IFMT == S_IFDIR else { return (nil, false) }
                let indexed = indexedNames[folder] ?? 0
                if let known = remembered.folders[folder], known.matches(status, indexed: indexed) { return (known, false) }
                return (FolderListings.Listing(status, indexed: indexed, untracked: untrackedEntries(of: folder)), true)
            }
        }
        var listings = FolderListings(), untracked: [String] = [], listedAgain = false
        listings.folders.reserveCapacity(folderList.count)
        // A folder that is now a file or a link, and every folder below it, is not looked into.
        let notFolders = Set(zip(folderList, looked).filter { $0.1.listing == nil }.map(\.0))
        for (folder, look) in zip(folderList, looked) {
            guard let listing = look.listing, notFolders.isEmpty || !Self.isBelow(folder, any: notFolders) else { continue }
            let prefix = folder.isEmpty ? "" : folder + "/"
            untracked += listing.untracked.map { prefix + $0 }
            if !look.fresh || listing.modified / 1_000_000_000 < Int64(now.tv_sec) - 1 { listings.folders[folder] = listing }
            listedAgain = listedAgain || look.fresh
        }
        let changed = parallelChunks(paths.count) { range in
            var folder = FolderDescriptor(root: rootDescriptor)
            defer { folder.close() }
            return range.filter { index in
                // Below a folder that is now a file or a link: gone, whatever `lstat` finds through it.
                if !notFolders.isEmpty, Self.isBelow(paths[index], any: notFolders) { return true }
                var status = stat()
                let (descriptor, name) = folder.open(for: paths[index])
                guard descriptor >= 0, fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0, let entry = recorded[index] else { return true }
                return !entry.matches(status)
            }.map { paths[$0] }
        }
        // Every folder kept was remembered, and as many: the very listings remembered.
        return ((changed, untracked), listings, !listedAgain && listings.folders.count == remembered.folders.count)
    }

    /// Linux's `O_PATH` (a descriptor only to look names up from, which a folder without read
    /// permission gives too), which Swift's Glibc does not export.
    private static let pathOnly: Int32 = 0o10_000_000

    /// The descriptor of the folder of the paths being looked up, opened again only when the
    /// folder changes (the index's paths come sorted, so a folder's files come together).
    private struct FolderDescriptor {
        let root: Int32
        private var folder: Substring?
        private var descriptor: Int32 = -1

        init(root: Int32) { self.root = root }

        /// The descriptor to look `path`'s name up from, and that name.
        mutating func open(for path: String) -> (descriptor: Int32, name: String) {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (root, path) }
            let name = String(path[path.utf8.index(after: slash)...])
            if folder != path[..<slash] {
                close()
                folder = path[..<slash]
                descriptor = openat(root, String(path[..<slash]), WorkingTreeScan.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            return (descriptor, name)
        }

        mutating func close() {
            if descriptor >= 0 { Glibc.close(descriptor) }
            descriptor = -1
            folder = nil
        }
    }

    /// Whether a folder above `path` is one of `folders`.
    private static func isBelow(_ path: String, any folders: Set<String>) -> Bool {
        var folder = self.folder(of: path)
        while !folder.isEmpty {
            if folders.contains(folder) { return true }
            folder = self.folder(of: folder)
        }
        return false
    }

    /// The entries of a folder the index does not have, a folder's name ending in `/`
    /// (git's own `.git` at the root, submodules and skipped files left out), sorted.
    private func untrackedEntries(of folder: String) -> [String] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        var result: [String] = []
        Self.forEachEntry(in: root + prefix) { name, isFolder in
            let path = prefix + name
            if folder.isEmpty && name == ".git" || skipped.contains(path) { return }
            if isFolder {
                if !folders.contains(path) { result.append(name + "/") }
            } else if !isIndexed(path) {
                result.append(name)
            }
        }
        return result.sorted()
    }

    /// Whether the index has a file at `path` (a binary search of the sorted entries).
    private func isIndexed(_ path: String) -> Bool {
        var low = 0, high = paths.count
        while low < high {
            let middle = (low + high) / 2
            if paths[middle].utf8.lexicographicallyPrecedes(path.utf8) { low = middle + 1 } else { high = middle }
        }
        return low < paths.count && paths[low] == path
    }

    /// Calls `body` with each entry of a folder: its name and whether it is a folder (not a
    /// link to one).
    static func forEachEntry(in folder: String, _ body: (String, Bool) -> Void) {
        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!, typeOffset = MemoryLayout<dirent>.offset(of: \dirent.d_type)!
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            // Read in place: a record is only as long as its name, so copying the whole
            // `dirent` (a 256-byte name) could read past the end of the folder's buffer.
            let record = UnsafeRawPointer(entry)
            let name = String(cString: (record + nameOffset).assumingMemoryBound(to: CChar.self))
            if name == "." || name == ".." { continue }
            let type = record.load(fromByteOffset: typeOffset, as: UInt8.self)
            var isFolder = Int32(type) == DT_DIR
            if Int32(type) == DT_UNKNOWN {
                var status = stat()
                isFolder = fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            body(name, isFolder)
        }
    }

    /// Every file below a folder (links included, not followed; another repository's
    /// `.git` left out), as paths relative to it.
    static func files(below folder: String) -> [String] {
        var result: [String] = []
        forEachEntry(in: folder + "/") { name, isFolder in
            if name == ".git" { return }
            if isFolder { result += files(below: folder + "/" + name).map { name + "/" + $0 } } else { result.append(name) }
        }
        return result
    }
}

/// `body` over `0..<count` cut into one chunk per core (and a few more, so a slow chunk
/// does not hold the others), the chunks' results joined in order.
private func parallelChunks<Element>(_ count: Int, _ body: (Range<Int>) -> [Element]) -> [Element] {
    let chunks = max(1, min(count / 1024, ProcessInfo.processInfo.activeProcessorCount * 4))
    var results = [[Element]](repeating: [], count: chunks)
    results.withUnsafeMutableBufferPointer { slots in
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            slots[chunk] = body(count * chunk / chunks..<count * (chunk + 1) / chunks)
        }
    }
    return results.flatMap { $0 }
}
