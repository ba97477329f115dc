import Clibgit2
import Foundation

/// git's configuration as the `git` of the same environment reads it. libgit2 1.5 knows
/// `$HOME/.gitconfig`, the XDG file, `/etc/gitconfig` and the repository's own, but none of
/// the variables that move or add to them: `GIT_CONFIG_GLOBAL`, `GIT_CONFIG_SYSTEM`,
/// `GIT_CONFIG_NOSYSTEM`, and the values `git -c` and `GIT_CONFIG_COUNT` set (which reach a
/// hook as `GIT_CONFIG_PARAMETERS`). Without them gitdesk committed as somebody other than
/// the one `git var GIT_AUTHOR_IDENT` names.
public struct GitConfiguration {
    /// The values set in the environment, latest last: they win over every file.
    private let parameters: [(key: String, value: String)]
    /// The files' merged values.
    private let files: [String: String]

    /// Reads the configuration for `repository` (nil: outside any repository) in
    /// `environment`.
    public init(repository: Repository?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        parameters = Self.parameters(environment)
        files = Self.readFiles(repository: repository, environment: environment)
    }

    /// The value of `key` (`section.name`, case-insensitive; a subsection as written), nil when unset.
    public func string(_ key: String) -> String? {
        let normal = Self.normalised(key)
        if let set = parameters.last(where: { Self.normalised($0.key) == normal }) { return set.value }
        return files[normal]
    }

    /// `section.sub.name` with the section and the name in lower case, as git compares them.
    static func normalised(_ key: String) -> String {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return key.lowercased() }
        let middle = parts.dropFirst().dropLast().joined(separator: ".")
        return ([parts[0].lowercased()] + (middle.isEmpty ? [] : [middle]) + [parts.last!.lowercased()]).joined(separator: ".")
    }

    /// `GIT_CONFIG_PARAMETERS` (`'key'='value' …`, what `git -c` hands to hooks) then
    /// `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` for n below `GIT_CONFIG_COUNT`.
    static func parameters(_ environment: [String: String]) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        if let text = environment["GIT_CONFIG_PARAMETERS"] {
            var words: [String] = []
            var current: String?
            var separators: [Character] = []
            var quoted = false, escaped = false
            for character in text {
                if quoted {
                    if escaped { current = (current ?? "") + String(character); escaped = false }
                    else if character == "\\" { escaped = true }
                    else if character == "'" { quoted = false }
                    else { current = (current ?? "") + String(character) }
                } else if character == "'" {
                    quoted = true
                    if current == nil { current = "" }
                } else if character == "=" || character == " " {
                    if let word = current { words.append(word); separators.append(character); current = nil }
                }
            }
            if let word = current { words.append(word); separators.append(" ") }
            var index = 0
            while index < words.count {
                if separators[index] == "=", index + 1 < words.count {
                    result.append((words[index], words[index + 1]))
                    index += 2
                } else {
                    // `'key=value'`, the older form.
                    let pair = words[index].split(separator: "=", maxSplits: 1)
                    if pair.count == 2 { result.append((String(pair[0]), String(pair[1]))) }
                    index += 1
                }
            }
        }
        if let count = environment["GIT_CONFIG_COUNT"].flatMap({ Int($0) }), count > 0 {
            for index in 0..<min(count, 10_000) {
                guard let key = environment["GIT_CONFIG_KEY_\(index)"], let value = environment["GIT_CONFIG_VALUE_\(index)"] else { continue }
                result.append((key, value))
            }
        }
        return result
    }

    /// Every value of the files git reads here, the later levels (global over system, the
    /// repository's over global) winning.
    private static func readFiles(repository: Repository?, environment: [String: String]) -> [String: String] {
        var config: OpaquePointer?
        guard git_config_new(&config) == 0 else { return [:] }
        defer { git_config_free(config) }
        func add(_ path: String?, _ level: git_config_level_t) {
            guard let path, !path.isEmpty, FileManager.default.fileExists(atPath: path) else { return }
            _ = git_config_add_file_ondisk(config, path, level, repository?.pointer, 0)
        }
        func found(_ find: (UnsafeMutablePointer<git_buf>?) -> Int32) -> String? {
            var buffer = git_buf()
            defer { git_buf_dispose(&buffer) }
            guard find(&buffer) == 0, let text = buffer.ptr else { return nil }
            return String(cString: text)
        }
        if environment["GIT_CONFIG_NOSYSTEM"].map(Self.isTrue) != true {
            add(environment["GIT_CONFIG_SYSTEM"] ?? found { git_config_find_system($0) }, GIT_CONFIG_LEVEL_SYSTEM)
        }
        if let global = environment["GIT_CONFIG_GLOBAL"] {
            add(global, GIT_CONFIG_LEVEL_GLOBAL)
        } else {
            add(found { git_config_find_xdg($0) }, GIT_CONFIG_LEVEL_XDG)
            add(found { git_config_find_global($0) }, GIT_CONFIG_LEVEL_GLOBAL)
        }
        if let repository { add(repository.commonDirectory + "config", GIT_CONFIG_LEVEL_LOCAL) }
        var values: [String: String] = [:]
        var iterator: OpaquePointer?
        guard git_config_iterator_new(&iterator, config) == 0 else { return [:] }
        defer { git_config_iterator_free(iterator) }
        var entries: [(level: Int32, key: String, value: String)] = []
        var entry: UnsafeMutablePointer<git_config_entry>?
        while git_config_next(&entry, iterator) == 0, let entry {
            guard let name = entry.pointee.name, let value = entry.pointee.value else { continue }
            entries.append((entry.pointee.level.rawValue, String(cString: name), String(cString: value)))
        }
        // Within a level the file's last value wins; a higher level wins over a lower one.
        for item in entries.enumerated().sorted(by: { ($0.element.level, $0.offset) < ($1.element.level, $1.offset) }) {
            values[normalised(item.element.key)] = item.element.value
        }
        return values
    }

    /// git's boolean spellings of true.
    static func isTrue(_ text: String) -> Bool { ["1", "true", "yes", "on"].contains(text.lowercased()) }
}
