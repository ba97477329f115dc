import Clibgit2
import Foundation

extension Repository {
    /// The paths whose working-tree state may differ from the index, sorted: files whose
    /// type, size, times or inode differ from what the index recorded (or that were written
    /// in the same second as the index, which git calls racily clean), files the index has
    /// and the disk does not, and untracked files that are not ignored (each file of an
    /// untracked folder). As `git status` does, a file whose recorded stat matches is trusted
    /// unread; unlike it, a file whose stat differs is listed unread too (the caller reads it
    /// anyway, and gets the same content back when only its times changed).
    ///
    /// The scan is gitdesk's own, over the index entries and one `lstat` per file: libgit2's
    /// status of a 600 000-file desk makes three `stat` calls per file and reads every folder
    /// twice, five times what git does.
    public func workingTreeChanges() throws -> [String] {
        guard let workdir else { return [] }
        var scan = WorkingTreeScan(root: workdir)
        try withIndex { index in
            // The handle may hold the index as it was read before: read it again if it changed.
            try check("read the index", git_index_read(index, 0))
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
        let candidates = scan.run()
        // Untracked paths are few; whether one is ignored is asked of libgit2 one at a time.
        var changed = candidates.changed
        for path in candidates.untracked where try !isIgnored(path) {
            if path.hasSuffix("/") {
                changed += WorkingTreeScan.files(below: workdir + path.dropLast()).map { path + $0 }.filter { (try? isIgnored($0)) != true }
            } else {
                changed.append(path)
            }
        }
        return changed.sorted()
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

/// A walk of a working tree against the index's entries, folder by folder.
struct WorkingTreeScan {
    let root: String
    /// The index's files by folder (`""` for the root) and name; nil for an entry that is
    /// always listed (a conflict, an intent to add).
    private var files: [String: [String: RecordedStat?]] = [:]
    /// Every folder that holds an indexed file, at any depth.
    private var folders: Set<String> = [""]
    /// Submodules and files outside a sparse checkout: neither walked nor listed.
    private var skipped: Set<String> = []

    init(root: String) { self.root = root }

    mutating func skip(_ path: String) { skipped.insert(path) }

    mutating func add(_ path: String, recorded: RecordedStat?) {
        let (folder, name) = Self.split(path)
        files[folder, default: [:]][name] = .some(recorded)
        var parent = folder
        while !parent.isEmpty, folders.insert(parent).inserted { parent = Self.split(parent).folder }
    }

    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// The files that differ or are gone, and the untracked files and folders (a folder
    /// with a trailing `/`), still to be checked against the ignore rules.
    func run() -> (changed: [String], untracked: [String]) {
        var changed: [String] = [], untracked: [String] = []
        var visited: Set<String> = []
        func walk(_ folder: String) {
            visited.insert(folder)
            let prefix = folder.isEmpty ? "" : folder + "/"
            var recorded = files[folder] ?? [:]
            Self.forEachEntry(in: root + prefix) { name, isFolder, status in
                let path = prefix + name
                if folder.isEmpty && name == ".git" || skipped.contains(path) { return }
                if isFolder {
                    if folders.contains(path) { walk(path) } else { untracked.append(path + "/") }
                    if recorded.removeValue(forKey: name) != nil { changed.append(path) } // a file became a folder
                    return
                }
                guard let entry = recorded.removeValue(forKey: name) else {
                    untracked.append(path)
                    return
                }
                if let entry, let status, entry.matches(status) { return }
                changed.append(path)
            }
            changed += recorded.keys.map { prefix + $0 }
        }
        walk("")
        for (folder, names) in files where !visited.contains(folder) {
            changed += names.keys.map { (folder.isEmpty ? "" : folder + "/") + $0 }
        }
        return (changed, untracked)
    }

    /// Calls `body` with each entry of a folder: its name, whether it is a folder (not a
    /// link to one), and its `lstat` (nil when that failed).
    static func forEachEntry(in folder: String, _ body: (String, Bool, stat?) -> Void) {
        guard let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            var status = stat()
            let known = fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0
            body(name, known && status.st_mode & S_IFMT == S_IFDIR, known ? status : nil)
        }
    }

    /// Every file below a folder (links included, not followed; another repository's
    /// `.git` left out), as paths relative to it.
    static func files(below folder: String) -> [String] {
        var result: [String] = []
        forEachEntry(in: folder + "/") { name, isFolder, _ in
            if name == ".git" { return }
            if isFolder { result += files(below: folder + "/" + name).map { name + "/" + $0 } } else { result.append(name) }
        }
        return result
    }
}
