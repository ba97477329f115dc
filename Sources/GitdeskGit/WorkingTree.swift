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
        try workingTreeChanges(remembering: { remembered })
    }

    /// The same, with the listings remembered read by `remember` on another core while the
    /// index is read (each was a tenth of a warm scan).
    public func workingTreeChanges(remembering remember: () -> FolderListings) throws
        -> (paths: [String], listings: FolderListings, unchanged: Bool) {
        guard let workdir else { return ([], remember(), true) }
        var remembered = FolderListings(), scan = WorkingTreeScan(root: workdir), indexError: Error?
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                remembered = remember()
            } else {
                do { scan = try readIndex(root: workdir) } catch { indexError = error }
            }
        }
        if let indexError { throw indexError }
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

    /// The index's entries, ready to scan the working tree against.
    private func readIndex(root: String) throws -> WorkingTreeScan {
        var scan = WorkingTreeScan(root: root)
        var indexStatus = stat()
        let indexTime = stat(gitdir + "index", &indexStatus) == 0 ? indexStatus.st_mtim : timespec()
        func add(_ path: UnsafePointer<CChar>, mode: UInt32, stage: UInt16, extended: UInt16, recorded: () -> RecordedStat) {
            // Outside a sparse checkout (skip-worktree), or a submodule: neither looked into nor listed.
            if extended & 0x4000 != 0 || mode == 0o160000 { return scan.skip(path) }
            // A conflict or an intent to add is always listed.
            scan.add(path, recorded: stage != 0 || extended & 0x2000 != 0 ? nil : recorded())
        }
        // The index file is read in place (libgit2 made an entry of each of 600 000 paths first,
        // most of a warm scan), in one pass; a split or sparse index, or another version, is
        // found on the way and left to libgit2, with what was read so far dropped.
        let readInPlace = (try? Data(contentsOf: URL(fileURLWithPath: gitdir + "index"), options: .alwaysMapped))?.withUnsafeBytes { bytes -> Bool in
            if bytes.count >= 12 { scan.reserve(Int(IndexFile.uint32(bytes, 8))) }
            let end = IndexFile.forEachEntry(bytes) { entry in
                // A folder entry: a sparse index.
                guard entry.mode != 0o040000 else { return false }
                let path = UnsafeRawPointer(bytes.baseAddress! + entry.path.lowerBound).assumingMemoryBound(to: CChar.self)
                add(path, mode: entry.mode, stage: (entry.flags >> 12) & 0x3, extended: entry.extended) {
                    let field = { entry.uint32(at: $0, in: bytes) }
                    return RecordedStat(mode: entry.mode, size: field(36), inode: field(20), mtime: (Int32(bitPattern: field(8)), field(12)),
                                        ctime: (Int32(bitPattern: field(0)), field(4)), index: indexTime)
                }
                return true
            }
            guard let end, let extensions = IndexFile.extensions(bytes, from: end) else { return false }
            return !extensions.contains { $0.signature == "link" }
        }
        if readInPlace != true {
            scan = WorkingTreeScan(root: root)
            try withIndex { index in
                // The handle may hold the index as it was read before: read it again if it changed.
                try check("read the index", git_index_read(index, 0))
                scan.reserve(git_index_entrycount(index))
                for position in 0..<git_index_entrycount(index) {
                    guard let entry = git_index_get_byindex(index, position)?.pointee, let path = entry.path else { continue }
                    add(path, mode: entry.mode, stage: (entry.flags >> 12) & 0x3, extended: entry.flags_extended) {
                        RecordedStat(mode: entry.mode, size: entry.file_size, inode: entry.ino, mtime: (entry.mtime.seconds, entry.mtime.nanoseconds),
                                     ctime: (entry.ctime.seconds, entry.ctime.nanoseconds), index: indexTime)
                    }
                }
            }
        }
        return scan
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

    /// `index`: when the index file was written; a file modified then or after is racy.
    init(mode: UInt32, size: UInt32, inode: UInt32, mtime: (Int32, UInt32), ctime: (Int32, UInt32), index: timespec) {
        (self.mode, self.size, self.inode, self.mtime, self.ctime) = (mode, size, inode, mtime, ctime)
        let indexSeconds = Int32(truncatingIfNeeded: index.tv_sec)
        racy = mtime.0 > indexSeconds || (mtime.0 == indexSeconds && Int(mtime.1) >= index.tv_nsec)
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
    /// The index's paths, sorted, one after another, each ending in a NUL (a path is made a
    /// `String` only when it is reported: six hundred thousand of them were most of a scan's
    /// own time); where each begins, and where its name begins.
    private var pathBytes: [UInt8] = []
    private var pathStarts: [Int] = [], nameStarts: [Int] = []
    /// Each path's folder, by number into `folderNames`.
    private var pathFolders: [Int] = []
    /// What the index recorded of each path; nil for an entry that is always listed (a
    /// conflict, an intent to add).
    private var recorded: [RecordedStat?] = []
    /// Every folder that holds an indexed file, at any depth (`""`, the root, first), by
    /// number, and the number of each.
    private var folderNames: [String] = [""]
    private var folderNumbers: [String: Int] = ["": 0]
    /// Each folder's names in the index, hashed and combined (see `FolderListings.Listing.indexed`).
    private var folderHashes: [UInt64] = [0]
    /// Submodules and files outside a sparse checkout: neither looked at nor listed.
    private var skipped: Set<String> = []
    /// The folder of the path noted last: its number and its path's bytes.
    private var lastFolder: (number: Int, bytes: [UInt8]) = (0, [])

    init(root: String) { self.root = root }

    /// Room for `count` entries (and about as many folders as a desk has: one per ticket).
    mutating func reserve(_ count: Int) {
        pathBytes.reserveCapacity(count * 40)
        pathStarts.reserveCapacity(count)
        nameStarts.reserveCapacity(count)
        pathFolders.reserveCapacity(count)
        recorded.reserveCapacity(count)
        folderNames.reserveCapacity(count / 2)
        folderNumbers.reserveCapacity(count / 2)
        folderHashes.reserveCapacity(count / 2)
    }

    mutating func skip(_ path: UnsafePointer<CChar>) {
        skipped.insert(String(cString: path))
        _ = note(UnsafeBufferPointer(start: UnsafeRawPointer(path).assumingMemoryBound(to: UInt8.self), count: strlen(path)), as: "!")
    }

    mutating func add(_ path: UnsafePointer<CChar>, recorded stat: RecordedStat?) {
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(path).assumingMemoryBound(to: UInt8.self), count: strlen(path))
        // A conflict's stages are one path.
        if let last = pathStarts.last, pathBytes.count - 1 - last == bytes.count,
           pathBytes.withUnsafeBufferPointer({ memcmp($0.baseAddress! + last, path, bytes.count) == 0 }) { return }
        let start = pathBytes.count
        pathBytes.append(contentsOf: bytes)
        pathBytes.append(0)
        let (folder, name) = note(bytes, as: "")
        pathStarts.append(start)
        nameStarts.append(start + name)
        pathFolders.append(folder)
        recorded.append(stat)
    }

    /// Adds a name of the index to its folder's fingerprint; returns the folder's number and
    /// where the name begins in the path.
    private mutating func note(_ path: UnsafeBufferPointer<UInt8>, as kind: String) -> (folder: Int, name: Int) {
        let slash = path.lastIndex(of: UInt8(ascii: "/"))
        let folderBytes = UnsafeBufferPointer(rebasing: path[..<(slash ?? 0)]), name = slash.map { $0 + 1 } ?? 0
        // The paths come sorted: a folder's files mostly follow one another.
        if !folderBytes.elementsEqual(lastFolder.bytes) {
            lastFolder = (number(ofFolder: String(decoding: folderBytes, as: UTF8.self)), Array(folderBytes))
        }
        folderHashes[lastFolder.number] ^= Self.hash(kind, UnsafeBufferPointer(rebasing: path[name...]), "")
        return (lastFolder.number, name)
    }

    /// A folder's number; a folder met first is numbered, and its name added to the
    /// fingerprint of the folder above it (numbered too when it is new).
    private mutating func number(ofFolder folder: String) -> Int {
        if let known = folderNumbers[folder] { return known }
        let number = folderNames.count
        folderNumbers[folder] = number
        folderNames.append(folder)
        folderHashes.append(0)
        let (parent, name) = Self.split(folder)
        folderHashes[self.number(ofFolder: parent)] ^= Self.hash("", Array(name.utf8), "/")
        return number
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }

    private static func folder(of path: String) -> String { split(path).folder }

    /// FNV-1a over the bytes of `prefix`, `name` and `suffix` in turn.
    private static func hash<Name: Sequence>(_ prefix: String, _ name: Name, _ suffix: String) -> UInt64 where Name.Element == UInt8 {
        let step = { (hash: UInt64, byte: UInt8) in (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return suffix.utf8.reduce(name.reduce(prefix.utf8.reduce(0xcbf2_9ce4_8422_2325, step), step), step)
    }

    private func path(_ index: Int) -> String {
        pathBytes.withUnsafeBufferPointer { String(cString: $0.baseAddress! + pathStarts[index]) }
    }

    /// The files that differ or are gone, and the untracked files and folders (a folder
    /// with a trailing `/`), still to be checked against the ignore rules; each folder's
    /// listing to remember, and whether that is what was remembered.
    func run(remembering remembered: FolderListings) -> (changes: (changed: [String], untracked: [String]), listings: FolderListings, unchanged: Bool) {
        // A folder changed less than two seconds before the scan began may change again within
        // the same tick of its clock unseen: it is listed, not remembered (git's racy rule).
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        // Each file is looked up from its folder's descriptor, and each folder from the one
        // above it, so the kernel walks one name per file and per folder, not whole paths
        // (the walk was most of a scan); a folder's own `lstat` is taken from its descriptor.
        let rootDescriptor = open(root, Self.pathOnly | O_DIRECTORY | O_CLOEXEC)
        defer { if rootDescriptor >= 0 { close(rootDescriptor) } }
        // Each chunk of paths: those that differ from the index, and the `lstat` of each folder
        // it opened (kept apart: a `stat` beside every path made 100 MB of results to join).
        let looked = pathBytes.withUnsafeBufferPointer { bytes in
            parallelChunks(pathStarts.count) { range -> [(changed: [Int], folders: [(number: Int, status: stat)])] in
                var descriptors = FolderDescriptors(root: rootDescriptor, folderNames: folderNames)
                defer { descriptors.close() }
                var changed: [Int] = [], folders: [(number: Int, status: stat)] = []
                for index in range {
                    let (descriptor, folderStatus) = descriptors.open(pathFolders[index])
                    if let folderStatus { folders.append((pathFolders[index], folderStatus)) }
                    var status = stat()
                    let same = descriptor >= 0 && fstatat(descriptor, bytes.baseAddress! + nameStarts[index], &status, AT_SYMLINK_NOFOLLOW) == 0
                        && recorded[index]?.matches(status) == true
                    if !same { changed.append(index) }
                }
                return [(changed, folders)]
            }
        }
        var folderStatuses: [stat?] = Array(repeating: nil, count: folderNames.count)
        for chunk in looked { for (number, status) in chunk.folders { folderStatuses[number] = status } }
        let folderLooks = parallelChunks(folderNames.count) { range in
            // No listing: the folder is now a file or a link, or gone.
            range.map { index -> (listing: FolderListings.Listing?, fresh: Bool) in
                var status = folderStatuses[index] ?? stat()
                guard folderStatuses[index] != nil
                        || fstatat(rootDescriptor, index == 0 ? "." : folderNames[index], &status, AT_SYMLINK_NOFOLLOW) == 0,
                      status.st_mode & S_IFMT == S_IFDIR else { return (nil, false) }
                if let known = remembered.folders[folderNames[index]], known.matches(status, indexed: folderHashes[index]) { return (known, false) }
                return (FolderListings.Listing(status, indexed: folderHashes[index], untracked: untrackedEntries(of: folderNames[index])), true)
            }
        }
        var untracked: [String] = [], listedAgain = false, kept: [Int] = []
        // A folder that is now a file or a link, and every folder below it, is not looked into.
        let notFolders = Set(zip(folderNames, folderLooks).filter { $0.1.listing == nil }.map(\.0))
        for (index, look) in folderLooks.enumerated() {
            guard let listing = look.listing, notFolders.isEmpty || !Self.isBelow(folderNames[index], any: notFolders) else { continue }
            if !listing.untracked.isEmpty {
                let prefix = index == 0 ? "" : folderNames[index] + "/"
                untracked += listing.untracked.map { prefix + $0 }
            }
            if !look.fresh || listing.modified / 1_000_000_000 < Int64(now.tv_sec) - 1 { kept.append(index) }
            listedAgain = listedAgain || look.fresh
        }
        // Every folder kept was remembered, and as many: the very listings remembered (not
        // made again: a dictionary of 150 000 folders took a tenth of a warm scan).
        let unchanged = !listedAgain && kept.count == remembered.folders.count
        let listings = unchanged ? remembered : FolderListings(folders: Dictionary(uniqueKeysWithValues: kept.compactMap { index in
            folderLooks[index].listing.map { (folderNames[index], $0) }
        }))
        // Below a folder that is now a file or a link: gone, whatever `lstat` found through it.
        var changed = looked.flatMap(\.changed).map(path)
        if !notFolders.isEmpty {
            changed = Array(Set(changed).union(pathStarts.indices.map(path).filter { Self.isBelow($0, any: notFolders) })).sorted()
        }
        return ((changed, untracked), listings, unchanged)
    }

    /// Linux's `O_PATH` (a descriptor only to look names up from, which a folder without read
    /// permission gives too), which Swift's Glibc does not export.
    private static let pathOnly: Int32 = 0o10_000_000
    /// Linux's `AT_EMPTY_PATH`: `fstatat` of the descriptor itself.
    private static let emptyPath: Int32 = 0x1000

    /// The descriptor of the folder of the paths being looked up, opened again only when the
    /// folder changes (the index's paths come sorted, so a folder's files come together),
    /// from the descriptor of the folder above it, kept while its folders follow one another.
    private struct FolderDescriptors {
        let root: Int32
        let folderNames: [String]
        private var folder = -1, descriptor: Int32 = -1
        private var parent: (path: String, descriptor: Int32)?

        init(root: Int32, folderNames: [String]) { (self.root, self.folderNames) = (root, folderNames) }

        /// The descriptor of folder number `number` (-1 when it cannot be opened as a folder),
        /// and the folder's `lstat` when it was opened now.
        mutating func open(_ number: Int) -> (descriptor: Int32, status: stat?) {
            guard number != folder else { return (descriptor, nil) }
            closeFolder()
            folder = number
            guard number != 0 else {
                descriptor = root
                return (root, nil)
            }
            let (above, name) = WorkingTreeScan.split(folderNames[number])
            if parent?.path != above {
                closeParent()
                let opened = above.isEmpty ? dup(root) : openat(root, above, WorkingTreeScan.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                parent = (above, opened)
            }
            guard let parent, parent.descriptor >= 0 else { return (-1, nil) }
            descriptor = openat(parent.descriptor, name, WorkingTreeScan.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            var status = stat()
            guard descriptor >= 0, fstatat(descriptor, "", &status, WorkingTreeScan.emptyPath) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                return (descriptor, nil)
            }
            return (descriptor, status)
        }

        private mutating func closeFolder() {
            if descriptor >= 0 && descriptor != root { Glibc.close(descriptor) }
            descriptor = -1
            folder = -1
        }

        private mutating func closeParent() {
            if let parent, parent.descriptor >= 0 { Glibc.close(parent.descriptor) }
            parent = nil
        }

        mutating func close() {
            closeFolder()
            closeParent()
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
                if folderNumbers[path] == nil { result.append(name + "/") }
            } else if !isIndexed(path) {
                result.append(name)
            }
        }
        return result.sorted()
    }

    /// Whether the index has a file at `path` (a binary search of the sorted entries, in
    /// the byte order git sorts them by).
    private func isIndexed(_ path: String) -> Bool {
        pathBytes.withUnsafeBufferPointer { bytes in
            path.withCString { path in
                var low = 0, high = pathStarts.count
                while low < high {
                    let middle = (low + high) / 2
                    if strcmp(bytes.baseAddress! + pathStarts[middle], path) < 0 { low = middle + 1 } else { high = middle }
                }
                return low < pathStarts.count && strcmp(bytes.baseAddress! + pathStarts[low], path) == 0
            }
        }
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
