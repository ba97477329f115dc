import Foundation

/// The files `gitdesk init` copies into a new desk, read from this folder's resources.
public enum DeskTemplates {
    /// The desk files by their path inside a desk.
    public static func deskFiles() throws -> [String: String] {
        guard let root = Bundle.module.url(forResource: "desk", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "templates/desk"])
        }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            // Dot-files are stored without their dot so every packager keeps them.
            let path = relative == "gitattributes" ? ".gitattributes" : relative
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }
}
