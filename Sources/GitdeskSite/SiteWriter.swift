import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskStore

/// Writes site folders under one output folder and never outside it: folder names are
/// single safe path components, nothing is written through a symbolic link, and only files
/// gitdesk wrote (listed in each folder's manifest) are ever removed. Only files whose bytes
/// changed are written, and a folder whose inputs did not change (same digest) is not
/// touched at all. The digest is removed first and written last, so a run killed at any
/// point leaves a folder that the next run rebuilds.
public struct SiteWriter {
    public let root: String

    static let digestFile = ".gitdesk-digest"
    static let manifestFile = ".gitdesk-manifest"
    /// In the output folder: which client's site is in which folder.
    static let sitesFile = ".gitdesk-sites"

    /// Opens (creating it when missing) the output folder; `root` is resolved once, and every
    /// path below is checked against it.
    public init(root: String) throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let resolved = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        self.root = resolved.hasSuffix("/") ? resolved : resolved + "/"
    }

    /// The digest recorded in a client's folder by the last build, if any.
    public func recordedDigest(_ folder: String) -> String? {
        guard (try? checkedFolder(folder)) != nil else { return nil }
        return (try? String(contentsOfFile: root + folder + "/" + Self.digestFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a folder; returns how many files changed.
    @discardableResult
    public func write(_ folder: SiteFolder, digest: String) throws -> Int {
        let base = try checkedFolder(folder.name)
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: base + Self.digestFile)
        CrashPoint.reached()
        let previous = manifest(base)
        var changed = 0
        for (path, data) in folder.files.sorted(by: { $0.key < $1.key }) {
            let target = try checkedFile(path, in: base)
            if (try? Data(contentsOf: URL(fileURLWithPath: target))) == data { continue }
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: target), options: .atomic)
            CrashPoint.reached()
            changed += 1
        }
        for path in previous.subtracting(folder.files.keys).sorted() {
            guard let target = try? checkedFile(path, in: base) else { continue }
            if (try? FileManager.default.removeItem(atPath: target)) != nil { changed += 1 }
            CrashPoint.reached()
        }
        removeEmptyFolders(in: base)
        try writeAtomically(Data(folder.files.keys.sorted().map { $0 + "\n" }.joined().utf8), to: base + Self.manifestFile)
        CrashPoint.reached()
        try writeAtomically(Data((digest + "\n").utf8), to: base + Self.digestFile)
        CrashPoint.reached()
        return changed
    }

    /// Removes a folder this writer made: the files its manifest lists, then the folders
    /// they leave empty. Anything else in it stays.
    public func remove(_ name: String) throws {
        let base = try checkedFolder(name)
        try? FileManager.default.removeItem(atPath: base + Self.digestFile)
        for path in manifest(base) {
            if let target = try? checkedFile(path, in: base) { try? FileManager.default.removeItem(atPath: target) }
        }
        try? FileManager.default.removeItem(atPath: base + Self.manifestFile)
        removeEmptyFolders(in: base)
        if (try? FileManager.default.contentsOfDirectory(atPath: base))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: base)
        }
    }

    /// The client → folder map of the last full build.
    public func recordedSites() -> [String: String] {
        guard let text = try? String(contentsOfFile: root + Self.sitesFile, encoding: .utf8) else { return [:] }
        var sites: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            if parts.count == 2 { sites[String(parts[0])] = String(parts[1]) }
        }
        return sites
    }

    public func recordSites(_ sites: [String: String]) throws {
        try writeAtomically(Data(sites.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined().utf8),
                            to: root + Self.sitesFile)
    }

    /// `root/name/` after checking that `name` is one plain path component and that the
    /// folder, if it exists, is a real folder (not a link to elsewhere).
    private func checkedFolder(_ name: String) throws -> String {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0"),
              !name.hasPrefix(".") else {
            throw DeskError.refused(.siteFolderName(name))
        }
        let path = root + name
        if let type = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
           type != .typeDirectory {
            throw DeskError.refused(.siteTargetNotFolder(path))
        }
        return path + "/"
    }

    /// A file's path in `base` after checking that it stays there: relative, no `..`, and no
    /// link among the folders on the way.
    private func checkedFile(_ path: String, in base: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.isEmpty, !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw DeskError.refused(.sitePathNotPlain(path))
        }
        if let link = SymbolicLinks.first(in: path, below: base, includingLast: true) {
            throw DeskError.refused(.siteThroughLink(link))
        }
        return base + path
    }

    private func manifest(_ base: String) -> Set<String> {
        guard let text = try? String(contentsOfFile: base + Self.manifestFile, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map(String.init))
    }

    private func removeEmptyFolders(in base: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return }
        var folders: [String] = []
        while let path = enumerator.nextObject() as? String {
            if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { folders.append(path) }
        }
        for folder in folders.sorted(by: >) {
            if (try? FileManager.default.contentsOfDirectory(atPath: base + folder))?.isEmpty == true {
                try? FileManager.default.removeItem(atPath: base + folder)
            }
        }
    }
}

extension DeskRepository {
    /// The site templates: `builtIn`, overridden by the desk's own `templates/site/` at
    /// HEAD (`files`: HEAD's files when the caller listed them already).
    public func siteTemplates(builtIn: [String: String], files: [TreeFile]? = nil) throws -> [String: String] {
        var templates = builtIn
        guard let head else { return templates }
        for file in try files ?? repository.files(inTree: try repository.commit(head).tree, under: "templates/site") where file.path.hasPrefix("templates/site/") {
            templates[String(file.path.dropFirst("templates/site/".count))] = String(decoding: try blob(file.blob), as: UTF8.self)
        }
        return templates
    }
}
