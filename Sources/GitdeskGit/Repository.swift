import Clibgit2
import Foundation

/// A git object id (SHA-1): 20 raw bytes, compared and hashed without formatting them.
public struct ObjectID: Hashable, Comparable, Codable, CustomStringConvertible, Sendable {
    private let high: UInt64, middle: UInt64, low: UInt32

    public init?(hex: String) {
        var oid = git_oid()
        guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.init(oid)
    }

    init(_ oid: git_oid) {
        var oid = oid
        (high, middle, low) = withUnsafeBytes(of: &oid.id) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
             raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian,
             raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self).bigEndian)
        }
    }

    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: high.bigEndian, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: low.bigEndian, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    /// 40 lowercase hex digits.
    public var hex: String {
        var oid = self.oid
        return withUnsafeBytes(of: &oid.id) { raw in
            String(unsafeUninitializedCapacity: 40) { buffer in
                let digits = Array("0123456789abcdef".utf8)
                for (index, byte) in raw.enumerated() {
                    buffer[index * 2] = digits[Int(byte >> 4)]
                    buffer[index * 2 + 1] = digits[Int(byte & 0x0F)]
                }
                return 40
            }
        }
    }

    /// The first seven hex digits, as git abbreviates.
    public var short: String { String(hex.prefix(7)) }
    public var description: String { hex }
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { (lhs.high, lhs.middle, lhs.low) < (rhs.high, rhs.middle, rhs.low) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ObjectID(hex: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad object id \(text)"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// One entry of a tree: a file (blob) or a folder (tree).
public struct TreeEntry: Hashable, Sendable {
    public let name: String
    public let id: ObjectID
    public let isTree: Bool
}

/// One file of a tree or of the index.
public struct TreeFile: Hashable, Sendable {
    public let path: String
    public let blob: ObjectID
    /// What the entry is when it is not a regular file: a desk holds neither, and gitdesk
    /// never reads through them.
    public let special: Special?

    public enum Special: String, Sendable { case symbolicLink = "link", submodule }

    public init(path: String, blob: ObjectID, special: Special? = nil) {
        self.path = path
        self.blob = blob
        self.special = special
    }
}

/// A file whose blob differs between two trees (`old` or `new` is nil when added or deleted).
public struct FileChange: Hashable, Sendable {
    public let path: String
    public let old: ObjectID?
    public let new: ObjectID?
}

/// Who made a commit and when (seconds since 1970, and the UTC offset in minutes).
public struct Signature: Hashable, Sendable {
    public let name: String
    public let email: String
    public let time: Int64
    public let offsetMinutes: Int

    public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}

/// The parts of a commit the desk needs.
public struct CommitInfo: Hashable, Sendable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let author: Signature
    public let committer: Signature
    public let message: String
}

/// A git repository opened through libgit2. The only type that holds libgit2 pointers;
/// every method copies what it returns into Swift values.
public final class Repository {
    let pointer: OpaquePointer
    /// The working directory (with a trailing slash), nil for a bare repository.
    public let workdir: String?
    /// The `.git` directory (with a trailing slash).
    public let gitdir: String

    private static let initialised: Void = {
        git_libgit2_init()
        gitdesk_enable_strict_object_creation(1)
        gitdesk_cache_trees_up_to(1 << 20)
        gitdesk_verify_object_hashes(0)
        gitdesk_cache_up_to(16 << 20)
        gitdesk_map_packs(16 << 20, 512 << 20)
    }()

    /// The object database, opened on first use and kept with the repository.
    private var database: OpaquePointer?

    private init(pointer: OpaquePointer) {
        self.pointer = pointer
        workdir = git_repository_workdir(pointer).map { String(cString: $0) }
        gitdir = String(cString: git_repository_path(pointer))
    }

    deinit {
        git_odb_free(database)
        git_repository_free(pointer)
    }

    private func objectDatabase() throws -> OpaquePointer? {
        if database == nil { try check("open the object database", git_repository_odb(&database, pointer)) }
        return database
    }

    /// Opens the repository containing `path` (searching parent folders, like git).
    public static func discover(at path: String) throws -> Repository {
        _ = initialised
        var repo: OpaquePointer?
        try check("open repository at \(path)", git_repository_open_ext(&repo, path, 0, nil))
        return Repository(pointer: repo!)
    }

    /// Creates a new repository with a working directory at `path` (or reopens an existing
    /// one). A new repository's branch is `init.defaultBranch` when configured (as git reads
    /// it here), else `main`.
    public static func create(at path: String) throws -> Repository {
        _ = initialised
        var options = git_repository_init_options()
        try check("prepare repository options", git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)))
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue
        let branch = GitConfiguration(repository: nil).string("init.defaultBranch").flatMap { $0.isEmpty ? nil : $0 } ?? "main"
        var repo: OpaquePointer?
        try branch.withCString { head in
            options.initial_head = head
            try check("create repository at \(path)", git_repository_init_ext(&repo, path, &options))
        }
        return Repository(pointer: repo!)
    }

    // MARK: Reading objects

    /// The commit HEAD points to, or nil when the branch has no commit yet.
    public func head() throws -> ObjectID? {
        if git_repository_head_unborn(pointer) == 1 { return nil }
        var oid = git_oid()
        try check("read HEAD", git_reference_name_to_id(&oid, pointer, "HEAD"))
        return ObjectID(oid)
    }

    /// The name of the branch HEAD points to (e.g. `main`), nil when detached.
    public func currentBranch() -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, pointer, "HEAD") == 0, let ref else { return nil }
        defer { git_reference_free(ref) }
        guard let target = git_reference_symbolic_target(ref) else { return nil }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// Resolves any revision git understands (`HEAD~3`, a tag, an abbreviated id) to a commit.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check("resolve revision '\(revision)'", git_revparse_single(&object, pointer, revision))
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check("resolve '\(revision)' to a commit", git_object_peel(&commit, object, GIT_OBJECT_COMMIT))
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var oid = id.oid
        var commit: OpaquePointer?
        try check("read commit \(id.short)", git_commit_lookup(&commit, pointer, &oid))
        defer { git_commit_free(commit) }
        let parents = (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0).pointee) }
        return CommitInfo(
            id: id,
            tree: ObjectID(git_commit_tree_id(commit).pointee),
            parents: parents,
            author: Signature(git_commit_author(commit).pointee),
            committer: Signature(git_commit_committer(commit).pointee),
            message: git_commit_message(commit).map { String(cString: $0) } ?? ""
        )
    }

    /// The raw bytes of a blob.
    public func blob(_ id: ObjectID) throws -> Data {
        var oid = id.oid
        var blob: OpaquePointer?
        try check("read blob \(id.short)", git_blob_lookup(&blob, pointer, &oid))
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: raw, count: size)
    }

    /// Every file of a tree, recursively, in git's tree order. `under` limits the walk to one folder.
    public func files(inTree tree: ObjectID, under prefix: String = "") throws -> [TreeFile] {
        guard !prefix.isEmpty else { return try files(below: tree, pathPrefix: "") }
        guard let sub = try entryID(path: prefix, inTree: tree) else { return [] }
        return try files(below: sub, pathPrefix: prefix + "/")
    }

    /// The entries of one tree, without descending: names, ids and whether each is a tree.
    public func entries(ofTree tree: ObjectID) throws -> [TreeEntry] {
        var result: [TreeEntry] = []
        try walkTree(tree, prefix: "") { name, id, kind in
            if kind != .submodule { result.append(TreeEntry(name: name, id: id, isTree: kind == .tree)) }
            return false
        }
        return result
    }

    /// Every file below a tree, with `pathPrefix` (the tree's own path and a `/`) in front of
    /// each path.
    public func files(below tree: ObjectID, pathPrefix: String) throws -> [TreeFile] {
        var result: [TreeFile] = []
        try walkTree(tree, prefix: pathPrefix) { path, id, kind in
            switch kind {
            case .tree: break
            case .file: result.append(TreeFile(path: path, blob: id))
            case .link: result.append(TreeFile(path: path, blob: id, special: .symbolicLink))
            case .submodule: result.append(TreeFile(path: path, blob: id, special: .submodule))
            }
            return true
        }
        return result
    }

    /// The id of the object at `path` inside a tree, nil when there is none.
    public func entryID(path: String, inTree tree: ObjectID) throws -> ObjectID? {
        try entry(path: path, inTree: tree)?.id
    }

    /// The object and file mode (`0o100644`, `0o100755`, …) at `path` in a tree, nil when absent.
    public func entry(path: String, inTree tree: ObjectID) throws -> (id: ObjectID, mode: UInt32)? {
        try withTree(tree) { treePointer in
            var entry: OpaquePointer?
            let result = git_tree_entry_bypath(&entry, treePointer, path)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check("find \(path)", result)
            defer { git_tree_entry_free(entry) }
            return (ObjectID(git_tree_entry_id(entry).pointee), git_tree_entry_filemode(entry).rawValue)
        }
    }

    /// A file's bytes as git would check them out at `path` here: with the line endings
    /// `core.autocrlf`, `core.eol` and `.gitattributes` ask for (and any other filter
    /// libgit2 applies on checkout). The bytes as they are when no filter applies.
    public func workingForm(of data: Data, path: String) throws -> Data {
        try filtered(data, path: path, mode: GIT_FILTER_TO_WORKTREE)
    }

    /// A working file's bytes as `git add` would store them at `path` here (line endings
    /// converted as `core.autocrlf` and `.gitattributes` ask).
    public func storedForm(of data: Data, path: String) throws -> Data {
        try filtered(data, path: path, mode: GIT_FILTER_TO_ODB)
    }

    private func filtered(_ data: Data, path: String, mode: git_filter_mode_t) throws -> Data {
        guard !data.isEmpty else { return data }
        var filters: OpaquePointer?
        try check("read the filters of \(path)", git_filter_list_load(&filters, pointer, nil, path, mode, 0))
        guard let filters else { return data }
        defer { git_filter_list_free(filters) }
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try data.withUnsafeBytes { raw in
            try check("convert the line endings of \(path)",
                      git_filter_list_apply_to_buffer(&buffer, filters, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count))
        }
        guard let bytes = buffer.ptr else { return Data() }
        return Data(bytes: bytes, count: buffer.size)
    }

    /// The files whose blobs differ between two trees. Subtrees with equal ids are skipped
    /// without being opened, which is what makes walking long histories cheap; entries are
    /// merge-joined in git's own order from the trees' stored bytes, skipping the bytes two
    /// versions of a tree begin and end with alike (a large tree's one changed entry costs a
    /// scan to it, not a parse of both trees).
    public func changes(from old: ObjectID?, to new: ObjectID?, prefix: String = "") throws -> [FileChange] {
        var result: [FileChange] = []
        try collectChanges(from: old, to: new, prefix: prefix, into: &result)
        return result
    }

    private func collectChanges(from old: ObjectID?, to new: ObjectID?, prefix: String, into result: inout [FileChange]) throws {
        if old == new { return }
        try withRawTree(old) { a in
            try withRawTree(new) { b in
                // Entries wholly inside the bytes both trees begin with are alike in both.
                let alike = a.commonPrefix(with: b)
                var i = 0
                while i < b.count, case let entry = try b.treeEntry(at: i, of: new!), entry.end <= alike { i = entry.end }
                var j = i
                // Once both rests are the same bytes, every entry left is alike too.
                let tail = a.commonSuffix(with: b, limit: min(a.count, b.count) - i)
                while i < a.count || j < b.count {
                    if a.count - i == b.count - j && a.count - i <= tail { return }
                    let x = i < a.count ? try a.treeEntry(at: i, of: old!) : nil
                    let y = j < b.count ? try b.treeEntry(at: j, of: new!) : nil
                    let order = if let x, let y { a.compare(x, with: y, in: b) } else { x == nil ? 1 : -1 }
                    if order == 0 {
                        i = x!.end; j = y!.end
                        if x!.type == y!.type && a.objectID(of: x!) == b.objectID(of: y!) { continue }
                        try report(prefix + a.name(of: x!), old: (x!, a), new: (y!, b), into: &result)
                    } else if order < 0 {
                        i = x!.end
                        try report(prefix + a.name(of: x!), old: (x!, a), new: nil, into: &result)
                    } else {
                        j = y!.end
                        try report(prefix + b.name(of: y!), old: nil, new: (y!, b), into: &result)
                    }
                }
            }
        }
    }

    private typealias EntryInTree = (entry: RawTreeEntry, tree: UnsafeRawBufferPointer)

    private func report(_ path: String, old: EntryInTree?, new: EntryInTree?, into result: inout [FileChange]) throws {
        func id(_ side: EntryInTree?, _ type: git_object_t) -> ObjectID? {
            guard let side, side.entry.type == type else { return nil }
            return side.tree.objectID(of: side.entry)
        }
        let oldTree = id(old, GIT_OBJECT_TREE), newTree = id(new, GIT_OBJECT_TREE)
        if oldTree != nil || newTree != nil { try collectChanges(from: oldTree, to: newTree, prefix: path + "/", into: &result) }
        let oldBlob = id(old, GIT_OBJECT_BLOB), newBlob = id(new, GIT_OBJECT_BLOB)
        if oldBlob != nil || newBlob != nil { result.append(FileChange(path: path, old: oldBlob, new: newBlob)) }
    }

    /// A tree object's bytes, as stored (an empty buffer for no tree).
    func withRawTree<T>(_ id: ObjectID?, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard let id else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        var oid = id.oid
        var object: OpaquePointer?
        try check("read tree \(id.short)", git_odb_read(&object, try objectDatabase(), &oid))
        defer { git_odb_object_free(object) }
        guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
            throw GitError(operation: "read tree \(id.short)", message: "the object is not a tree")
        }
        return try body(UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object)))
    }

    private func lookupTree(_ id: ObjectID) throws -> OpaquePointer? {
        var oid = id.oid
        var tree: OpaquePointer?
        try check("read tree \(id.short)", git_tree_lookup(&tree, pointer, &oid))
        return tree
    }

    /// Commits reachable from `tip` and not from any of `hiding`, oldest first
    /// (parents before children).
    public func history(from tip: ObjectID, hiding: [ObjectID] = []) throws -> [ObjectID] {
        var walk: OpaquePointer?
        try check("start history walk", git_revwalk_new(&walk, pointer))
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue)
        var tipOID = tip.oid
        try check("walk from \(tip.short)", git_revwalk_push(walk, &tipOID))
        for hidden in hiding {
            var oid = hidden.oid
            try check("hide \(hidden.short)", git_revwalk_hide(walk, &oid))
        }
        var result: [ObjectID] = []
        var oid = git_oid()
        while git_revwalk_next(&oid, walk) == 0 { result.append(ObjectID(oid)) }
        return result
    }

    /// True when `ancestor` is `descendant` or one of its ancestors.
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) -> Bool {
        if ancestor == descendant { return true }
        var a = ancestor.oid, d = descendant.oid
        return git_graph_descendant_of(pointer, &d, &a) == 1
    }

    /// The best common ancestor of two commits, nil when they share no history.
    public func mergeBase(_ a: ObjectID, _ b: ObjectID) -> ObjectID? {
        var out = git_oid(), one = a.oid, two = b.oid
        guard git_merge_base(&out, pointer, &one, &two) == 0 else { return nil }
        return ObjectID(out)
    }

    /// The names of the references matching a glob (`refs/replace/*`), sorted.
    public func referenceNames(matching glob: String) throws -> [String] {
        var iterator: OpaquePointer?
        try check("list references", git_reference_iterator_glob_new(&iterator, pointer, glob))
        defer { git_reference_iterator_free(iterator) }
        var names: [String] = []
        var name: UnsafePointer<CChar>?
        while git_reference_next_name(&name, iterator) == 0, let name { names.append(String(cString: name)) }
        return names.sorted()
    }

    /// Annotated and lightweight tags whose names start with `prefix`, with the commit each
    /// points to and, for annotated tags, the message.
    public func tags(prefix: String) throws -> [(name: String, target: ObjectID, message: String?)] {
        var names = git_strarray()
        try check("list tags", git_tag_list_match(&names, prefix + "*", pointer))
        defer { git_strarray_dispose(&names) }
        var result: [(String, ObjectID, String?)] = []
        for index in 0..<names.count {
            let name = String(cString: names.strings[index]!)
            var object: OpaquePointer?
            try check("read tag \(name)", git_revparse_single(&object, pointer, "refs/tags/" + name))
            defer { git_object_free(object) }
            var message: String?
            if git_object_type(object) == GIT_OBJECT_TAG { message = git_tag_message(object).map { String(cString: $0) } }
            var commit: OpaquePointer?
            try check("peel tag \(name)", git_object_peel(&commit, object, GIT_OBJECT_COMMIT))
            defer { git_object_free(commit) }
            result.append((name, ObjectID(git_object_id(commit).pointee), message))
        }
        return result.sorted { $0.0 < $1.0 }
    }

    // MARK: Working tree and index

    /// True when the file differs between HEAD, the index and the working tree
    /// (untracked files count as changes; ignored files do not).
    public func hasUncommittedChanges(path: String) throws -> Bool {
        var flags: UInt32 = 0
        let result = git_status_file(&flags, pointer, path)
        if result == GIT_ENOTFOUND.rawValue { return false }
        try check("status of \(path)", result)
        return flags != GIT_STATUS_CURRENT.rawValue && flags & GIT_STATUS_IGNORED.rawValue == 0
    }

    /// Stages the working-tree state of the given paths (removing the ones that are gone).
    public func stage(paths: [String]) throws {
        try withIndex { index in
            for path in paths {
                if FileManager.default.fileExists(atPath: (workdir ?? "") + path) {
                    try check("stage \(path)", git_index_add_bypath(index, path))
                } else {
                    let result = git_index_remove_bypath(index, path)
                    if result != GIT_ENOTFOUND.rawValue { try check("unstage \(path)", result) }
                }
            }
            try check("write index", git_index_write(index))
        }
    }

    // MARK: Writing

    /// Stores `data` as a blob and returns its id.
    public func writeBlob(_ data: Data) throws -> ObjectID {
        var oid = git_oid()
        try data.withUnsafeBytes { raw -> Void in
            try check("write blob", git_blob_create_from_buffer(&oid, pointer, raw.baseAddress, raw.count))
        }
        return ObjectID(oid)
    }

    /// The tree `base` (nil: the empty tree) with some files replaced (`nil` deletes; a path
    /// the tree does not hold stays absent), written to the object database. Touches no
    /// reference, index or working file.
    public func tree(_ base: ObjectID?, updating updates: [String: Data?]) throws -> ObjectID {
        let baseTree = try base ?? emptyTree()
        var blobIDs: [String: git_oid] = [:]
        // Each path looked up once: whether the base holds it, and its mode (an executable
        // work log stays executable).
        var existing: [String: UInt32] = [:]
        for path in updates.keys { existing[path] = try entry(path: path, inTree: baseTree)?.mode }
        for (path, data) in updates { if let data { blobIDs[path] = try writeBlob(data).oid } }
        // libgit2 refuses to remove what is not there (an untracked link left out of a check).
        let paths = updates.keys.filter { path in blobIDs[path] != nil || existing[path] != nil }.sorted()
        let cPaths = paths.map { strdup($0)! }
        defer { cPaths.forEach { free($0) } }
        var treeUpdates = zip(paths, cPaths).map { path, cPath -> git_tree_update in
            var update = git_tree_update()
            update.path = UnsafePointer(cPath)
            if let id = blobIDs[path] {
                update.action = GIT_TREE_UPDATE_UPSERT
                update.id = id
                update.filemode = existing[path] == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB
            } else {
                update.action = GIT_TREE_UPDATE_REMOVE
            }
            return update
        }
        var newTreeOID = git_oid()
        try withTree(baseTree) { base -> Void in
            try check("build tree", git_tree_create_updated(&newTreeOID, pointer, base, treeUpdates.count, &treeUpdates))
        }
        return ObjectID(newTreeOID)
    }

    /// Writes a tree object of these entries (name, object, file mode) and returns its id.
    public func writeTree(_ items: [(name: [UInt8], id: ObjectID, mode: UInt32)]) throws -> ObjectID {
        var builder: OpaquePointer?
        try check("start a tree", git_treebuilder_new(&builder, pointer, nil))
        defer { git_treebuilder_free(builder) }
        for item in items {
            var oid = item.id.oid
            // The name's bytes as they are (git allows any but NUL and '/').
            let result = (item.name + [0]).withUnsafeBytes { name in
                git_treebuilder_insert(nil, builder, name.baseAddress!.assumingMemoryBound(to: CChar.self), &oid, git_filemode_t(rawValue: item.mode))
            }
            try check("add \(String(decoding: item.name, as: UTF8.self)) to a tree", result)
        }
        var result = git_oid()
        try check("write a tree", git_treebuilder_write(&result, builder))
        return ObjectID(result)
    }

    /// Writes a commit object of `tree` on top of `parent` (nil for a first commit). Moves no
    /// branch: `moveHead(from:to:)` does, as a compare-and-swap.
    public func createCommit(tree treeID: ObjectID, parent: ObjectID?, message: String, author: Signature,
                             committer: Signature) throws -> ObjectID {
        var treeOID = treeID.oid
        var tree: OpaquePointer?
        try check("read new tree", git_tree_lookup(&tree, pointer, &treeOID))
        defer { git_tree_free(tree) }
        var parentCommit: OpaquePointer?
        if let parent {
            var oid = parent.oid
            try check("read parent \(parent.short)", git_commit_lookup(&parentCommit, pointer, &oid))
        }
        defer { git_commit_free(parentCommit) }
        let authorSig = try author.makePointer()
        defer { git_signature_free(authorSig) }
        let committerSig = try committer.makePointer()
        defer { git_signature_free(committerSig) }
        var commitOID = git_oid()
        var parents: [OpaquePointer?] = parentCommit.map { [$0] } ?? []
        try check("commit", git_commit_create(
            &commitOID, pointer, nil, authorSig, committerSig, "UTF-8", message, tree, parents.count, &parents))
        return ObjectID(commitOID)
    }

    /// How a compare-and-swap of the branch ended.
    public enum HeadMove: Equatable {
        case moved
        /// The branch no longer points at the expected commit (another commit landed).
        case branchMoved
        /// Its lock file exists: another git process is writing it, or a killed one left it.
        case locked(String)
    }

    /// Points the branch HEAD names (or a detached HEAD) at `new`, only if it still points at
    /// `old` (nil: the branch has no commit yet).
    public func moveHead(from old: ObjectID?, to new: ObjectID, message: String) throws -> HeadMove {
        var name = "HEAD"
        var head: OpaquePointer?
        if git_reference_lookup(&head, pointer, "HEAD") == 0, let head {
            if let target = git_reference_symbolic_target(head) { name = String(cString: target) }
            git_reference_free(head)
        }
        var newOID = new.oid
        var reference: OpaquePointer?
        let result: Int32
        if let old {
            var oldOID = old.oid
            result = git_reference_create_matching(&reference, pointer, name, &newOID, 1, &oldOID, message)
        } else {
            result = git_reference_create(&reference, pointer, name, &newOID, 0, message)
        }
        git_reference_free(reference)
        switch result {
        case 0: return .moved
        case GIT_EMODIFIED.rawValue, GIT_EEXISTS.rawValue: return .branchMoved
        case GIT_ELOCKED.rawValue: return .locked(commonDirectory + name + ".lock")
        default:
            try check("move \(name) to \(new.short)", result)
            return .moved
        }
    }

    /// Creates an annotated tag `name` on `target`; fails when the tag exists.
    public func createTag(name: String, target: ObjectID, message: String, tagger: Signature) throws -> ObjectID {
        var oid = target.oid
        var object: OpaquePointer?
        try check("read \(target.short)", git_object_lookup(&object, pointer, &oid, GIT_OBJECT_COMMIT))
        defer { git_object_free(object) }
        let sig = try tagger.makePointer()
        defer { git_signature_free(sig) }
        var tagOID = git_oid()
        try check("create tag \(name)", git_tag_create(&tagOID, pointer, name, object, sig, message, 0))
        return ObjectID(tagOID)
    }

    // MARK: Helpers

    private enum EntryKind { case tree, file, link, submodule }

    private func walkTree(_ tree: ObjectID, prefix: String, visit: (String, ObjectID, EntryKind) throws -> Bool) throws {
        let treePointer = try lookupTree(tree)
        defer { git_tree_free(treePointer) }
        for position in 0..<git_tree_entrycount(treePointer) {
            let entry = git_tree_entry_byindex(treePointer, position)
            let kind: EntryKind
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE: kind = .tree
            case GIT_OBJECT_BLOB: kind = git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK ? .link : .file
            case GIT_OBJECT_COMMIT: kind = .submodule
            default: continue
            }
            let path = prefix + String(cString: git_tree_entry_name(entry))
            let id = ObjectID(git_tree_entry_id(entry).pointee)
            guard try visit(path, id, kind) else { continue }
            if kind == .tree { try walkTree(id, prefix: path + "/", visit: visit) }
        }
    }

    /// Every entry below a tree that is not a tree (files, links, submodules), with its path
    /// after `prefix` (bytes, as an index stores it) and its mode, in git's order.
    func leaves(ofTree tree: ObjectID, prefix: [UInt8]) throws -> [(path: [UInt8], id: ObjectID, mode: UInt32)] {
        var result: [(path: [UInt8], id: ObjectID, mode: UInt32)] = []
        let treePointer = try lookupTree(tree)
        defer { git_tree_free(treePointer) }
        for position in 0..<git_tree_entrycount(treePointer) {
            let entry = git_tree_entry_byindex(treePointer, position)
            let name = git_tree_entry_name(entry)!
            let path = prefix + Array(UnsafeRawBufferPointer(start: name, count: strlen(name)))
            let id = ObjectID(git_tree_entry_id(entry).pointee)
            if git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                result += try leaves(ofTree: id, prefix: path + [UInt8(ascii: "/")])
            } else {
                result.append((path, id, git_tree_entry_filemode(entry).rawValue))
            }
        }
        return result
    }

    /// Makes libgit2 use the index file at `path` as this repository's index (status,
    /// staging, the attributes filters read): in a hook, the index git is committing.
    public func useIndex(at path: String) throws {
        var index: OpaquePointer?
        try check("open index \(path)", git_index_open(&index, path))
        defer { git_index_free(index) }
        git_repository_set_index(pointer, index)
    }

    private func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer?) throws -> T) throws -> T {
        var oid = id.oid
        var tree: OpaquePointer?
        try check("read tree \(id.short)", git_tree_lookup(&tree, pointer, &oid))
        defer { git_tree_free(tree) }
        return try body(tree)
    }

    func withIndex<T>(_ body: (OpaquePointer?) throws -> T) throws -> T {
        var index: OpaquePointer?
        try check("open index", git_repository_index(&index, pointer))
        defer { git_index_free(index) }
        return try body(index)
    }

    private func emptyTree() throws -> ObjectID {
        var builder: OpaquePointer?
        try check("create tree builder", git_treebuilder_new(&builder, pointer, nil))
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try check("write empty tree", git_treebuilder_write(&oid, builder))
        return ObjectID(oid)
    }
}

extension Signature {
    /// The earliest and latest commit times gitdesk reads (1000-01-02 to 9998-12-31, so a
    /// local time is still a four-digit year): git accepts any 64-bit time, and date
    /// arithmetic on the extremes would overflow.
    public static let timeRange: ClosedRange<Int64> = -30_610_137_600...253_370_764_799

    /// A signature as git stored it, its time and offset clamped to what calendars hold.
    init(_ sig: git_signature) {
        self.init(
            name: String(cString: sig.name), email: String(cString: sig.email),
            time: min(max(sig.when.time, Self.timeRange.lowerBound), Self.timeRange.upperBound),
            offsetMinutes: min(max(Int(sig.when.offset), -24 * 60), 24 * 60))
    }

    func makePointer() throws -> UnsafeMutablePointer<git_signature>? {
        var sig: UnsafeMutablePointer<git_signature>?
        try check("make signature for \(email)", git_signature_new(&sig, name, email, time, Int32(offsetMinutes)))
        return sig
    }
}
