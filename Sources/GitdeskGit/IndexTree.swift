import Clibgit2
import Foundation

/// The tree an index file describes, computed as git computes it: the tree ids the index
/// caches (its `TREE` extension) for every folder git has not invalidated, new tree objects
/// for the rest. libgit2 1.5 rebuilds every folder as soon as the root is invalidated (any
/// `git add`), which on a desk of 150 000 tickets costs seconds per commit; this reads the
/// file itself and builds only the folders on the path of what changed.
public struct IndexTree {
    /// The root tree of the index.
    public let tree: ObjectID
    /// Its entries that are not regular files (symbolic links, submodules).
    public let special: [StagedFile]
    /// The file as read and parsed, for a patch of the same file (`patch(… reading:)`).
    fileprivate var source: Source?

    fileprivate struct Source {
        let path: String
        let data: Data
        let layout: IndexFile.Layout
        /// Size and modification time when read: the file is reused only while they hold.
        let stamp: [Int]
    }

    public init(tree: ObjectID, special: [StagedFile]) {
        self.tree = tree; self.special = special
    }

    fileprivate static func stamp(_ path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
    }

    /// The tree of the index file at `path`; nil for an index this does not read (format 4,
    /// a sparse index, no cached trees, unresolved conflicts), which libgit2 then writes.
    public static func read(indexAt path: String, in repository: Repository) throws -> IndexTree? {
        guard let stamp = stamp(path), let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return try data.withUnsafeBytes { raw -> IndexTree? in
            guard let file = IndexFile(raw), let cached = file.cachedTree else { return nil }
            let special = file.entries.filter { $0.mode & 0o170000 != 0o100000 }.map { entry in
                StagedFile(path: String(decoding: raw[entry.path], as: UTF8.self), blob: file.id(of: entry), mode: entry.mode)
            }
            var read = IndexTree(tree: try file.build(prefix: [], cached: cached, range: 0..<file.entries.count, repository: repository),
                                 special: special)
            read.source = Source(path: path, data: data, layout: file.layout, stamp: stamp)
            return read
        }
    }
}

/// A staged file's new blob, for `IndexTree.patch`.
public struct IndexReplacement {
    public let path: String
    public let blob: ObjectID
    /// The working file when `git add` would make exactly the blob of it (its bytes, or its
    /// bytes converted by `core.autocrlf` or `eol` attributes): its stat data, size included,
    /// goes into the entry, as `git add` would put it, so `git status` need not read it. Else
    /// the entry's times and size are cleared and git compares the file's content.
    public let workingFile: String?

    public init(path: String, blob: ObjectID, workingFile: String?) {
        self.path = path; self.blob = blob; self.workingFile = workingFile
    }
}

extension IndexTree {
    /// Gives some entries of the index file at `path` new blobs in place: only their ids,
    /// sizes and stat data change, and the cached trees on their way get the ids of `tree`
    /// (the index's tree with those blobs), so no byte moves and git's offsets stay valid.
    /// The file is written back through a lock file beside it with a new checksum. libgit2
    /// would read and write every entry instead (a second each way for 600 000). Returns
    /// false, changing nothing, for an index this does not patch: not version 2 or 3, a split
    /// or sparse index, a conflict, or a path that is not one plain (non-executable) file.
    /// `reading`: the same file as read before, whose parse serves while the file is unchanged.
    public static func patch(indexAt path: String, replacing: [IndexReplacement], tree: ObjectID, in repository: Repository,
                             reading previous: IndexTree? = nil) throws -> Bool {
        let reused = previous?.source.flatMap { $0.path == path && $0.stamp == stamp(path) ? $0 : nil }
        guard !replacing.isEmpty, var data = reused?.data ?? (try? Data(contentsOf: URL(fileURLWithPath: path))) else { return false }
        let writes: [(offset: Int, bytes: [UInt8])]? = try data.withUnsafeBytes { raw in
            guard let file = reused.map({ IndexFile(raw, layout: $0.layout) }) ?? IndexFile(raw),
                  !file.extensions.contains("link"), !file.extensions.contains("sdir") else { return nil }
            var writes: [(offset: Int, bytes: [UInt8])] = []
            func big(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
            for replacement in replacing {
                guard let entry = file.entry(at: Array(replacement.path.utf8)), entry.mode == 0o100644 else { return nil }
                let start = entry.id - 40
                var header = Array(raw[start..<start + 40])
                var info = stat()
                var size: UInt32 = 0
                if let working = replacement.workingFile, lstat(working, &info) == 0 {
                    size = UInt32(truncatingIfNeeded: info.st_size)
                    let fields = [info.st_ctim.tv_sec, info.st_ctim.tv_nsec, info.st_mtim.tv_sec, info.st_mtim.tv_nsec].map { UInt32(truncatingIfNeeded: $0) }
                        + [UInt32(truncatingIfNeeded: info.st_dev), UInt32(truncatingIfNeeded: info.st_ino)]
                    header.replaceSubrange(0..<24, with: fields.flatMap(big))
                    header.replaceSubrange(28..<36, with: big(UInt32(truncatingIfNeeded: info.st_uid)) + big(UInt32(truncatingIfNeeded: info.st_gid)))
                } else {
                    header.replaceSubrange(0..<16, with: [UInt8](repeating: 0, count: 16))
                }
                header.replaceSubrange(36..<40, with: big(size))
                writes.append((start, header + withUnsafeBytes(of: replacement.blob.oid.id) { Array($0) }))
                // The cached trees from the root to the file's folder that are still valid.
                var node = file.cachedTree
                var folder: [Substring] = []
                for component in [Substring("")] + replacement.path.split(separator: "/").dropLast() {
                    if !component.isEmpty {
                        folder.append(component)
                        node = node?.children.first { $0.name.elementsEqual(component.utf8) }
                    }
                    guard let current = node else { break }
                    guard let offset = current.idOffset else { continue }
                    let id = folder.isEmpty ? tree : try repository.entryID(path: folder.joined(separator: "/"), inTree: tree)
                    guard let id else { return nil }
                    writes.append((offset, withUnsafeBytes(of: id.oid.id) { Array($0) }))
                }
            }
            return writes
        }
        guard let writes else { return false }
        for (offset, bytes) in writes { data.replaceSubrange(offset..<offset + bytes.count, with: bytes) }
        // The checksum over everything before it (all zeros stays: `index.skipHash`).
        let trailer = data.count - 20
        if data[trailer...].contains(where: { $0 != 0 }) {
            let digest = data.withUnsafeBytes { SHA1.digest(UnsafeRawBufferPointer(rebasing: $0[0..<trailer])) }
            data.replaceSubrange(trailer..<data.count, with: digest)
        }
        return try replaceIndexFile(at: path, through: path + ".lock", with: data)
    }
}

/// Writes an index file as git does: all of `bytes` into `temporary` (a lock file beside it,
/// created only if it does not exist), renamed over `path`; `durable`: flushed to the disk
/// before the rename. False, changing nothing, when `temporary` exists (another writer holds
/// it); a failed write is an error and leaves nothing.
func replaceIndexFile(at path: String, through temporary: String, with bytes: some ContiguousBytes, durable: Bool = false) throws -> Bool {
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard descriptor >= 0 else {
        if errno == EEXIST { return false }
        throw GitError(operation: "write index \(path)", message: String(cString: strerror(errno)))
    }
    let written = bytes.withUnsafeBytes { raw -> Bool in
        var offset = 0
        while offset < raw.count {
            let count = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            guard count > 0 else { return false }
            offset += count
        }
        return !durable || fsync(descriptor) == 0
    }
    close(descriptor)
    guard written, rename(temporary, path) == 0 else {
        let message = String(cString: strerror(errno))
        unlink(temporary)
        throw GitError(operation: "write index \(path)", message: message)
    }
    return true
}

/// An index file's entries (path, blob, mode) and its cached trees, read in place.
struct IndexFile {
    struct Entry {
        let path: Range<Int>
        let id: Int
        let mode: UInt32
    }

    struct CachedTree {
        let name: [UInt8]
        let id: ObjectID?
        /// Where `id` is in the file.
        let idOffset: Int?
        let children: [CachedTree]
    }

    /// What a parse finds, by offsets into the file (kept to patch the same bytes later).
    struct Layout {
        var entries: [Entry] = []
        var cachedTree: CachedTree?
        /// The signatures of the file's extensions (`TREE`, `REUC`, `link`, …).
        var extensions: [String] = []
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var layout = Layout()
    var entries: [Entry] { layout.entries }
    var cachedTree: CachedTree? { layout.cachedTree }
    var extensions: [String] { layout.extensions }

    /// The bytes of a file parsed before into `layout`.
    init(_ bytes: UnsafeRawBufferPointer, layout: Layout) {
        self.bytes = bytes
        self.layout = layout
    }

    init?(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        layout.entries.reserveCapacity(bytes.count >= 12 ? Int(Self.uint32(bytes, 8)) : 0)
        let entriesEnd = Self.forEachEntry(bytes) { entry in
            // A conflict (stage > 0) has no tree; a folder entry is a sparse index.
            guard entry.flags & 0x3000 == 0, entry.mode != 0o040000 else { return false }
            // `git add -N` (intent to add) entries are not part of the tree.
            if entry.extended & 0x2000 == 0 { layout.entries.append(Entry(path: entry.path, id: entry.offset + 40, mode: entry.mode)) }
            return true
        }
        guard let entriesEnd, let extensions = Self.extensions(bytes, from: entriesEnd) else { return nil }
        for (signature, range) in extensions {
            layout.extensions.append(signature)
            if signature == "TREE" {
                var position = range.lowerBound
                layout.cachedTree = Self.cachedTree(bytes, &position, end: range.upperBound)
            }
        }
    }

    /// One entry as the file stores it: where it begins (its stat data first), its mode, its
    /// flags (the stage in bits 12–13) and extended flags, and its path (followed by a NUL).
    struct StoredEntry {
        let offset: Int
        let mode: UInt32
        let flags: UInt16, extended: UInt16
        let path: Range<Int>

        func uint32(at field: Int, in bytes: UnsafeRawBufferPointer) -> UInt32 { IndexFile.uint32(bytes, offset + field) }
    }

    /// Calls `body` with each entry of a version 2 or 3 index file, in order, while it returns
    /// true. Returns where the entries end (the extensions begin); nil for a file this does not
    /// read, a damaged one, or when `body` stopped.
    static func forEachEntry(_ bytes: UnsafeRawBufferPointer, _ body: (StoredEntry) -> Bool) -> Int? {
        let end = bytes.count - 20   // the file's checksum
        guard end >= 12, Array(bytes[0..<4]) == Array("DIRC".utf8) else { return nil }
        let version = Self.uint32(bytes, 4)
        guard version == 2 || version == 3 else { return nil }
        var offset = 12
        for _ in 0..<Self.uint32(bytes, 8) {
            guard offset + 62 <= end else { return nil }
            let flags = Self.uint16(bytes, offset + 60)
            var header = 62
            var extended: UInt16 = 0
            if flags & 0x4000 != 0 {
                guard version == 3, offset + 64 <= end else { return nil }
                extended = Self.uint16(bytes, offset + 62)
                header = 64
            }
            let start = offset + header
            guard start < end, let nul = bytes.offset(of: 0, in: start..<end) else { return nil }
            guard body(StoredEntry(offset: offset, mode: Self.uint32(bytes, offset + 24), flags: flags, extended: extended, path: start..<nul)) else {
                return nil
            }
            offset += (header + (nul - start) + 8) & ~7
        }
        return offset
    }

    /// The extensions after the entries, which end at `offset`: each one's signature (`TREE`,
    /// `link`, …) and where its data is; nil for a damaged file.
    static func extensions(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> [(signature: String, data: Range<Int>)]? {
        var offset = offset, found: [(String, Range<Int>)] = []
        let end = bytes.count - 20
        while offset + 8 <= end {
            let size = Int(Self.uint32(bytes, offset + 4))
            guard offset + 8 + size <= end else { return nil }
            found.append((String(decoding: bytes[offset..<offset + 4], as: UTF8.self), offset + 8..<offset + 8 + size))
            offset += 8 + size
        }
        return found
    }

    /// One node of the `TREE` extension and its subtrees: `name NUL count SP subtrees LF`,
    /// then the tree id when the count is not -1 (the folder was invalidated).
    private static func cachedTree(_ bytes: UnsafeRawBufferPointer, _ position: inout Int, end: Int) -> CachedTree? {
        func field(until terminator: UInt8) -> [UInt8]? {
            guard let stop = (position..<end).first(where: { bytes[$0] == terminator }) else { return nil }
            defer { position = stop + 1 }
            return Array(bytes[position..<stop])
        }
        guard let name = field(until: 0), let count = field(until: 0x20).flatMap({ Int(String(decoding: $0, as: UTF8.self)) }),
              let subtrees = field(until: 0x0A).flatMap({ Int(String(decoding: $0, as: UTF8.self)) }), subtrees >= 0 else { return nil }
        var id: ObjectID?, idOffset: Int?
        if count >= 0 {
            guard position + 20 <= end else { return nil }
            var oid = git_oid()
            withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[position..<position + 20])) }
            id = ObjectID(oid)
            idOffset = position
            position += 20
        }
        var children: [CachedTree] = []
        for _ in 0..<subtrees {
            guard let child = cachedTree(bytes, &position, end: end) else { return nil }
            children.append(child)
        }
        return CachedTree(name: name, id: id, idOffset: idOffset, children: children)
    }

    /// The tree of the entries in `range`, all under `prefix` (a folder path with its
    /// trailing slash, empty for the root): the cached id when valid, else built from its
    /// files and its folders' trees.
    func build(prefix: [UInt8], cached: CachedTree?, range: Range<Int>, repository: Repository) throws -> ObjectID {
        if let id = cached?.id { return id }
        var items: [(name: [UInt8], id: ObjectID, mode: UInt32)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            let entry = entries[index]
            let rest = bytes[(entry.path.lowerBound + prefix.count)..<entry.path.upperBound]
            if let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
                let name = Array(rest[rest.startIndex..<slash])
                let folder = prefix + name + [UInt8(ascii: "/")]
                let end = upperBound(of: folder, from: index, to: range.upperBound)
                let child = cached?.children.first { $0.name == name }
                items.append((name, try build(prefix: folder, cached: child, range: index..<end, repository: repository), 0o040000))
                index = end
            } else {
                items.append((Array(rest), id(of: entry), entry.mode))
                index += 1
            }
        }
        return try repository.writeTree(items)
    }

    /// The entry of a path (entries are sorted by path), nil when there is none.
    func entry(at path: [UInt8]) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if bytes[entries[middle].path].lexicographicallyPrecedes(path) { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && bytes[entries[low].path].elementsEqual(path) ? entries[low] : nil
    }

    /// The first entry at or after `from` whose path does not start with `folder`.
    private func upperBound(of folder: [UInt8], from: Int, to: Int) -> Int {
        var low = from, high = to
        while low < high {
            let middle = (low + high) / 2
            let path = bytes[entries[middle].path]
            if path.starts(with: folder) || path.lexicographicallyPrecedes(folder) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func id(of entry: Entry) -> ObjectID {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[entry.id..<entry.id + 20])) }
        return ObjectID(oid)
    }

    static func uint32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian
    }

    private static func uint16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
        bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).bigEndian
    }
}
