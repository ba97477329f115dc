import Foundation
import GitdeskCore

/// Writes site folders: only files whose bytes changed are written, files that are no
/// longer part of a folder are removed, and a folder whose inputs did not change (same
/// digest) is not touched at all.
public struct SiteWriter {
    public let root: String

    public init(root: String) { self.root = root.hasSuffix("/") ? root : root + "/" }

    static let digestFile = ".gitdesk-digest"

    /// The digest recorded in a client's folder by the last build, if any.
    public func recordedDigest(_ folder: String) -> String? {
        (try? String(contentsOfFile: root + folder + "/" + Self.digestFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a folder; returns how many files changed.
    @discardableResult
    public func write(_ folder: SiteFolder, digest: String) throws -> Int {
        let base = root + folder.name + "/"
        var changed = 0
        var files = folder.files
        files[Self.digestFile] = Data((digest + "\n").utf8)
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let url = URL(fileURLWithPath: base + path)
            if (try? Data(contentsOf: url)) == data { continue }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
            changed += 1
        }
        if let enumerator = FileManager.default.enumerator(atPath: base) {
            var stale: [String] = []
            while let path = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + path, isDirectory: &isDirectory), !isDirectory.boolValue, files[path] == nil {
                    stale.append(path)
                }
            }
            for path in stale {
                try FileManager.default.removeItem(atPath: base + path)
                changed += 1
            }
        }
        return changed
    }
}
