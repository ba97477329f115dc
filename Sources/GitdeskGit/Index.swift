import Clibgit2
import Foundation

/// A git index file opened by its path: the repository's own (`.git/index`) or the one git
/// hands a pre-commit hook in `GIT_INDEX_FILE` (`index.lock` for `git commit -a`, a
/// `next-index-*.lock` for `git commit PATH`), which is what that commit will hold.
public final class StagingIndex {
    private let pointer: OpaquePointer
    private let repository: Repository
    /// The index file's path.
    public let path: String

    /// Opens and reads the index at `path`.
    public init(path: String, repository: Repository) throws {
        var index: OpaquePointer?
        try check("open index \(path)", git_index_open(&index, path))
        self.pointer = index!
        self.repository = repository
        self.path = path
    }

    deinit { git_index_free(pointer) }

    /// True when a merge left conflicts in the index (no tree can be written then).
    public var hasConflicts: Bool { git_index_has_conflicts(pointer) == 1 }

    /// The staged files, sorted by path (regular files and symlinks alike; `isLink` says which).
    public var files: [StagedFile] {
        (0..<git_index_entrycount(pointer)).compactMap { position in
            guard let entry = git_index_get_byindex(pointer, position) else { return nil }
            return StagedFile(path: String(cString: entry.pointee.path), blob: ObjectID(entry.pointee.id),
                              mode: entry.pointee.mode)
        }
    }

    /// The entry staged at `path`, nil when the path is not in the index.
    public func file(at path: String) -> StagedFile? {
        guard let entry = git_index_get_bypath(pointer, path, 0) else { return nil }
        return StagedFile(path: path, blob: ObjectID(entry.pointee.id), mode: entry.pointee.mode)
    }

    /// Writes the index's content as tree objects (as `git commit` is about to) and returns
    /// the root tree's id. Refuses while conflicts are unresolved.
    public func writeTree() throws -> ObjectID {
        var oid = git_oid()
        try check("write the index as a tree", git_index_write_tree_to(&oid, pointer, repository.pointer))
        return ObjectID(oid)
    }

    /// Points an existing entry at another blob, keeping its mode; the entry's file
    /// timestamps are cleared so git re-reads the working file before trusting it.
    public func replaceBlob(at path: String, with blob: ObjectID) throws {
        guard let current = git_index_get_bypath(pointer, path, 0) else {
            throw GitError(operation: "stage \(path)", message: "not in the index")
        }
        var entry = current.pointee
        entry.id = blob.oid
        // No stat data: git compares the working file's content (a size that differs, as a
        // CRLF working file's does under core.autocrlf, would read as a change unseen).
        entry.file_size = 0
        entry.ctime = git_index_time()
        entry.mtime = git_index_time()
        try check("stage \(path)", git_index_add(pointer, &entry))
    }

    /// Saves the index file (through libgit2's own lock file beside it).
    public func write() throws {
        try check("write index \(path)", git_index_write(pointer))
    }
}

/// One entry of an index.
public struct StagedFile: Hashable, Sendable {
    public let path: String
    public let blob: ObjectID
    /// The git file mode (0o100644, 0o100755, 0o120000 for a symlink, 0o160000 for a submodule).
    public let mode: UInt32

    /// True for a regular file (not a symlink or a submodule).
    public var isRegularFile: Bool { mode & 0o170000 == 0o100000 }
}

extension Repository {
    /// The folder shared by every worktree of this repository (with a trailing slash): where
    /// hooks, configuration and caches live.
    public var commonDirectory: String { String(cString: git_repository_commondir(pointer)) }

    /// Closes the pack files this handle has open; the next read opens them again. A pack is
    /// read through mapped windows (up to the mapped limit, hundreds of megabytes on a large
    /// desk) that count against the command's memory until its last handle closes it: a
    /// command lets go of them after walking the whole history or every folder.
    public func closePacks() throws {
        // An empty database first: opened while the old one still holds the packs, the new
        // one would share them, windows and all.
        var empty: OpaquePointer?
        _ = try check("make an object database", git_odb_new(&empty))
        defer { git_odb_free(empty) }
        _ = try check("replace the object database", git_repository_set_odb(pointer, empty))
        var database: OpaquePointer?
        _ = try check("open the object database", git_odb_open(&database, commonDirectory + "objects"))
        defer { git_odb_free(database) }
        _ = try check("replace the object database", git_repository_set_odb(pointer, database))
    }

    /// The path of this worktree's own index file.
    public var defaultIndexPath: String { gitdir + "index" }

    /// A value of the repository's configuration as git reads it here (`GitConfiguration`),
    /// nil when unset.
    public func configValue(_ key: String) -> String? { GitConfiguration(repository: self).string(key) }

    /// Sets a value in this repository's own configuration (`.git/config`).
    public func setLocalConfig(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try check("open the repository's configuration", git_repository_config(&config, pointer))
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try check("open .git/config", git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL))
        defer { git_config_free(local) }
        try check("set \(key)", git_config_set_string(local, key, value))
    }
}
