import Foundation

/// Symbolic links in a desk's working tree or a site's output, looked at without being followed:
/// gitdesk neither reads nor writes through one (it could lead outside the folder).
public enum SymbolicLinks {
    /// True when `path` itself is a symbolic link.
    public static func isLink(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    /// The first symbolic link on the way from `base` (ending in `/`) to `base + relative`:
    /// among its folders, and the last component too when `includingLast`; nil when none.
    public static func first(in relative: String, below base: String, includingLast: Bool) -> String? {
        var parts = relative.split(separator: "/")
        if !includingLast { parts = parts.dropLast() }
        var current = base
        for part in parts {
            current += part
            if isLink(current) { return current }
            current += "/"
        }
        return nil
    }
}
