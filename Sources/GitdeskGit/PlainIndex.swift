import Clibgit2
import Foundation

/// Split and sparse indexes as one plain index file. git can keep its index in two files
/// (`core.splitIndex`: a shared base `sharedindex.<id>` and the changes since, linked by the
/// `link` extension) or keep folders outside a sparse checkout as single entries
/// (`index.sparse`, the `sdir` extension). libgit2 1.5 reads neither and refuses the whole
/// index, so every status, staging and filter call would fail.
///
/// `unfold` rewrites such an index as git's own `--no-split-index` and `ensure_full_index`
/// would: the base's entries with the changes applied (replaced entries take their base
/// entry's path; deleted ones go), each sparse folder expanded to its tree's files marked
/// skip-worktree, in format 2 (3 when an entry has extended flags). git accepts a plain
/// index under either setting and splits or sparsifies it again on its next write. The
/// cached trees of a split index stay (they describe the same entries); a sparse index's
/// are dropped (their entry counts no longer hold), as are the optional extensions that
/// point into the file (`EOIE`, `IEOT`) or only speed git up (`UNTR`, `FSMN`).
public enum PlainIndex {
    /// True when the index may need unfolding: a shared index file is beside it, or the
    /// worktree has a sparse checkout (which a sparse index needs; its setting may be in
    /// `config.worktree`, which libgit2 1.5 does not read). One directory listing and one
    /// `stat`: a plain index is never read for nothing.
    public static func mayBeFolded(indexAt path: String, in repository: Repository) -> Bool {
        let folders = Set([(path as NSString).deletingLastPathComponent + "/", repository.gitdir])
        for folder in folders {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder), names.contains(where: { $0.hasPrefix("sharedindex.") }) {
                return true
            }
        }
        return FileManager.default.fileExists(atPath: repository.gitdir + "info/sparse-checkout")
    }

    /// Rewrites the index at `path` as one plain file when it is split or sparse; false when
    /// it is neither (nothing written). `heldByGit`: the file is one git holds and hands a
    /// hook (its `GIT_INDEX_FILE`), rewritten in place; else it is written through its
    /// `.lock` as git writes it, and left alone while another process holds that lock.
    @discardableResult
    public static func unfold(indexAt path: String, in repository: Repository, heldByGit: Bool) throws -> Bool {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return false }
        // Formats 2 and 3 are walked without copying to find the extensions: a plain index
        // beside an old shared index (git expires those after two weeks) costs no parse.
        let plain = data.withUnsafeBytes { bytes -> Bool in
            guard let end = IndexFile.forEachEntry(bytes, { _ in true }), let found = IndexFile.extensions(bytes, from: end) else { return false }
            return !found.contains { $0.signature == "link" || $0.signature == "sdir" }
        }
        guard !plain else { return false }
        let parsed = try data.withUnsafeBytes { try StoredIndex(parsing: $0, path: path) }
        guard parsed.isFolded else { return false }
        var entries = parsed.entries
        var kept = parsed.extensions.filter { ["TREE", "REUC"].contains($0.signature) }
        if let link = parsed.link {
            let base = try sharedIndex(link.base, beside: path, in: repository)
            entries = try merge(base: base.entries, changes: entries, link: link, path: path)
        }
        if entries.contains(where: \.isSparseFolder) {
            entries = try entries.flatMap { entry in try entry.isSparseFolder ? expand(entry, in: repository) : [entry] }
            kept.removeAll { $0.signature == "TREE" }
        }
        entries.sort { ($0.path.lexicographicallyPrecedes($1.path)) || ($0.path == $1.path && $0.stage < $1.stage) }
        try write(StoredIndex.encode(entries, extensions: kept), to: path, heldByGit: heldByGit)
        return true
    }

    /// The base a split index links to: `sharedindex.<id>` in the git folder (or beside the
    /// index, for a temporary index elsewhere).
    private static func sharedIndex(_ id: [UInt8], beside path: String, in repository: Repository) throws -> StoredIndex {
        let name = "sharedindex." + id.map { String(format: "%02x", $0) }.joined()
        for folder in [repository.gitdir, (path as NSString).deletingLastPathComponent + "/"] {
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: folder + name)) else { continue }
            let shared = try data.withUnsafeBytes { try StoredIndex(parsing: $0, path: folder + name) }
            guard shared.link == nil else { throw damaged(folder + name, "a shared index that is itself split") }
            return shared
        }
        throw GitError(operation: "read the split index \(path)", message: "its shared index \(name) is missing")
    }

    /// The split index's entries applied to its base, as git's `merge_base_index` does: the
    /// replace bitmap's positions take the first changed entries in order (stored without a
    /// path: they keep the base entry's), the delete bitmap's positions go, and the rest of
    /// the changed entries are added (replacing an entry of the same path and stage).
    private static func merge(base: [StoredIndex.Entry], changes: [StoredIndex.Entry], link: StoredIndex.Link, path: String) throws -> [StoredIndex.Entry] {
        var merged: [StoredIndex.Entry?] = base
        var next = 0
        for position in try link.replaced.bits(below: base.count, path: path) {
            guard next < changes.count, changes[next].path.isEmpty else {
                throw damaged(path, "a replacement that does not match its shared index")
            }
            var replacement = changes[next]
            replacement.path = base[position].path
            merged[position] = replacement
            next += 1
        }
        for position in try link.deleted.bits(below: base.count, path: path) {
            merged[position] = nil
        }
        var byKey: [StoredIndex.Entry.Key: StoredIndex.Entry] = [:]
        for entry in merged.compactMap({ $0 }) { byKey[entry.key] = entry }
        for entry in changes[next...] {
            guard !entry.path.isEmpty else { throw damaged(path, "an added entry without a path") }
            byKey[entry.key] = entry
        }
        return Array(byKey.values)
    }

    /// A sparse folder entry as the files of its tree, each skip-worktree and without stat data.
    private static func expand(_ folder: StoredIndex.Entry, in repository: Repository) throws -> [StoredIndex.Entry] {
        try repository.leaves(ofTree: folder.id, prefix: folder.path).map { leaf in
            StoredIndex.Entry(stat: [UInt8](repeating: 0, count: 40), id: leaf.id,
                              flags: folder.flags & 0x3000, extended: StoredIndex.Entry.skipWorktree, path: leaf.path, mode: leaf.mode)
        }
    }

    private static func write(_ data: [UInt8], to path: String, heldByGit: Bool) throws {
        // The file git holds is replaced through a temporary file of this process; the
        // repository's own through its lock, left alone while another process holds it.
        // Flushed first: this replaces the only copy of what is staged.
        let target = heldByGit ? path + ".gitdesk-\(getpid()).tmp" : path + ".lock"
        if try !replaceIndexFile(at: path, through: target, with: data, durable: true), heldByGit {
            throw GitError(operation: "write index \(path)", message: "\(target) exists")
        }
    }

    static func damaged(_ path: String, _ what: String) -> GitError {
        GitError(operation: "read index \(path)", message: "damaged: \(what)")
    }
}

/// An index file read whole, in any format git writes (2, 3, 4), with its extensions.
struct StoredIndex {
    struct Entry {
        /// ctime, mtime, dev, ino (40 bytes with mode, uid, gid, size: the `stat` part).
        var stat: [UInt8]
        var id: ObjectID
        /// The 16-bit flags: assume-valid, extended, the stage (bits 12–13); the name length is
        /// computed on writing.
        var flags: UInt16
        var extended: UInt16
        var path: [UInt8]
        var mode: UInt32

        static let skipWorktree: UInt16 = 0x4000

        init(stat: [UInt8], id: ObjectID, flags: UInt16, extended: UInt16, path: [UInt8], mode: UInt32) {
            var stat = stat
            withUnsafeBytes(of: mode.bigEndian) { stat.replaceSubrange(24..<28, with: $0) }
            self.stat = stat; self.id = id; self.flags = flags; self.extended = extended; self.path = path; self.mode = mode
        }

        var stage: UInt16 { (flags >> 12) & 3 }
        /// A sparse index's entry for a whole folder outside the checkout (its tree's id).
        var isSparseFolder: Bool { mode == 0o040000 && path.last == UInt8(ascii: "/") }

        struct Key: Hashable { let path: [UInt8], stage: UInt16 }
        var key: Key { Key(path: path, stage: stage) }
    }

    struct Link {
        let base: [UInt8]
        let deleted: EWAHBitmap
        let replaced: EWAHBitmap
    }

    var entries: [Entry] = []
    var extensions: [(signature: String, data: [UInt8])] = []
    var link: Link?
    var isFolded: Bool { link != nil || extensions.contains { $0.signature == "sdir" } }

    init(parsing bytes: UnsafeRawBufferPointer, path: String) throws {
        func fail(_ what: String) -> GitError { PlainIndex.damaged(path, what) }
        let end = bytes.count - 20
        guard end >= 12, Array(bytes[0..<4]) == Array("DIRC".utf8) else { throw fail("no index header") }
        // git's checksum (all zeros when `index.skipHash` is set).
        let trailer = Array(bytes[end...])
        guard trailer.allSatisfy({ $0 == 0 }) || SHA1.digest(UnsafeRawBufferPointer(rebasing: bytes[0..<end])) == trailer else {
            throw fail("its checksum does not match")
        }
        let version = IndexFile.uint32(bytes, 4)
        guard (2...4).contains(version) else { throw fail("index format \(version)") }
        var offset = 12
        var previous: [UInt8] = []
        let count = Int(IndexFile.uint32(bytes, 8))
        entries.reserveCapacity(min(count, end / 62))
        for _ in 0..<count {
            guard offset + 62 <= end else { throw fail("entries past the end") }
            let entryStart = offset
            let flags = UInt16(bytes[offset + 60]) << 8 | UInt16(bytes[offset + 61])
            var header = 62, extended: UInt16 = 0
            if flags & 0x4000 != 0 {
                guard version >= 3, offset + 64 <= end else { throw fail("extended flags in format \(version)") }
                extended = UInt16(bytes[offset + 62]) << 8 | UInt16(bytes[offset + 63])
                header = 64
            }
            var position = offset + header
            var path: [UInt8]
            if version == 4 {
                // The number of bytes to drop from the previous path, then the rest of this one.
                var value = 0, byte: UInt8
                repeat {
                    guard position < end else { throw fail("a path past the end") }
                    byte = bytes[position]; position += 1
                    value = (value << 7) | Int(byte & 0x7F)
                    if byte & 0x80 != 0 { value += 1 }
                    guard value <= previous.count + 1 else { throw fail("a path that drops more than its predecessor has") }
                } while byte & 0x80 != 0
                guard value <= previous.count else { throw fail("a path that drops more than its predecessor has") }
                guard let nul = bytes.offset(of: 0, in: position..<end) else { throw fail("a path without its end") }
                path = Array(previous.dropLast(value)) + Array(bytes[position..<nul])
                offset = nul + 1
            } else {
                guard let nul = bytes.offset(of: 0, in: position..<end) else { throw fail("a path without its end") }
                path = Array(bytes[position..<nul])
                offset += (header + (nul - position) + 8) & ~7
            }
            previous = path
            var oid = git_oid()
            withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[entryStart + 40..<entryStart + 60])) }
            entries.append(Entry(stat: Array(bytes[entryStart..<entryStart + 40]), id: ObjectID(oid), flags: flags, extended: extended,
                                 path: path, mode: IndexFile.uint32(bytes, entryStart + 24)))
        }
        guard let found = IndexFile.extensions(bytes, from: offset) else { throw fail("a damaged extension") }
        for (signature, range) in found {
            let data = Array(bytes[range])
            extensions.append((signature, data))
            if signature == "link" {
                guard data.count >= 20 else { throw fail("a short link extension") }
                var rest = data[20...]
                if rest.isEmpty {
                    link = Link(base: Array(data[0..<20]), deleted: EWAHBitmap(), replaced: EWAHBitmap())
                } else {
                    guard let deleted = EWAHBitmap(&rest), let replaced = EWAHBitmap(&rest) else { throw fail("a damaged link bitmap") }
                    link = Link(base: Array(data[0..<20]), deleted: deleted, replaced: replaced)
                }
            } else if signature.first.map({ $0 >= "A" && $0 <= "Z" }) != true, signature != "sdir" {
                throw fail("the extension '\(signature)', which gitdesk does not know")
            }
        }
    }

    /// The file's bytes: format 2, or 3 when an entry has extended flags, with `extensions`
    /// after the entries and git's SHA-1 checksum at the end.
    static func encode(_ entries: [Entry], extensions: [(signature: String, data: [UInt8])]) -> [UInt8] {
        func big32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        let version: UInt32 = entries.contains { $0.extended != 0 } ? 3 : 2
        var out = Array("DIRC".utf8) + big32(version) + big32(UInt32(entries.count))
        out.reserveCapacity(entries.count * 96)
        for entry in entries {
            let start = out.count
            out += entry.stat
            withUnsafeBytes(of: entry.id.oid.id) { out += $0 }
            var flags = entry.flags & 0xB000 | UInt16(min(entry.path.count, 0xFFF))
            if entry.extended != 0 { flags |= 0x4000 }
            out += [UInt8(flags >> 8), UInt8(flags & 0xFF)]
            if entry.extended != 0 { out += [UInt8(entry.extended >> 8), UInt8(entry.extended & 0xFF)] }
            out += entry.path
            let length = out.count - start
            out += [UInt8](repeating: 0, count: (length + 8) & ~7 - length)
        }
        for (signature, data) in extensions {
            out += Array(signature.utf8) + big32(UInt32(data.count)) + data
        }
        out += out.withUnsafeBytes { SHA1.digest($0) }
        return out
    }
}

/// git's compressed bitmap (`ewah/`): 32-bit size in bits, 32-bit count of 64-bit words,
/// the words, the position of the last run-length word. Each run-length word says how many
/// words of its run bit follow (bits 1–32) and how many literal words come after it (bits 33–63).
struct EWAHBitmap {
    var words: [UInt64] = []

    init() {}

    init?(_ data: inout ArraySlice<UInt8>) {
        func take(_ count: Int) -> ArraySlice<UInt8>? {
            guard data.count >= count else { return nil }
            defer { data = data.dropFirst(count) }
            return data.prefix(count)
        }
        func number<T: FixedWidthInteger>(_ type: T.Type) -> T? {
            take(MemoryLayout<T>.size).map { $0.reduce(T(0)) { $0 << 8 | T($1) } }
        }
        guard number(UInt32.self) != nil, let count = number(UInt32.self), Int(count) <= data.count / 8 else { return nil }
        for _ in 0..<count {
            guard let word = number(UInt64.self) else { return nil }
            words.append(word)
        }
        guard number(UInt32.self) != nil else { return nil }
    }

    /// The positions of the set bits, in order; each must be below `limit` (the entries the
    /// bitmap marks), else the bitmap is damaged.
    func bits(below limit: Int, path: String) throws -> [Int] {
        let damaged = PlainIndex.damaged(path, "a bitmap that marks entries its shared index does not have")
        var positions: [Int] = []
        var position = 0, index = 0
        while index < words.count {
            let marker = words[index]
            index += 1
            let run = Int((marker >> 1) & 0xFFFF_FFFF) * 64, literals = Int(marker >> 33)
            guard index + literals <= words.count else { throw damaged }
            if marker & 1 == 1, run > 0 {
                guard position + run <= limit else { throw damaged }
                positions += position..<(position + run)
            }
            position += run
            for literal in words[index..<index + literals] {
                for bit in 0..<64 where literal & (1 << UInt64(bit)) != 0 {
                    guard position + bit < limit else { throw damaged }
                    positions.append(position + bit)
                }
                position += 64
            }
            index += literals
        }
        return positions
    }
}
