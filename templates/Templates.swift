import Foundation

/// The files `gitdesk init` copies into a new desk, read from this folder's resources.
public enum DeskTemplates {
    /// The desk files by their path inside a desk.
    public static func deskFiles() throws -> [String: String] { try files(in: "desk") }

    /// The built-in site templates and assets by their path under `templates/site/`.
    public static func siteFiles() throws -> [String: String] { try files(in: "site") }

    /// The CI templates that build and publish the sites.
    public static func ciFiles() throws -> [String: String] { try files(in: "ci") }

    private static func files(in folder: String) throws -> [String: String] {
        guard let root = Bundle.module.url(forResource: folder, withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "templates/\(folder)"])
        }
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            // Dot-files are stored without their dot so every packager keeps them.
            let path = ["gitattributes", "gitignore"].contains(relative) ? "." + relative : relative
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }
}
