import Foundation

/// Where messages come from: one `.eml` file, a maildir (`cur/` and `new/`), an mbox file,
/// or a folder of `.eml` files. Each message keeps the path it was read from.
public enum MailSources {
    public static func read(_ path: String) throws -> [(source: String, data: Data)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MailError(message: "\(path) does not exist")
        }
        if isDirectory.boolValue {
            let fm = FileManager.default
            let folders = ["cur", "new"].map { path + "/" + $0 }.filter { fm.fileExists(atPath: $0) }
            let roots = folders.isEmpty ? [path] : folders
            var result: [(String, Data)] = []
            for root in roots {
                for name in try fm.contentsOfDirectory(atPath: root).sorted() where !name.hasPrefix(".") {
                    let file = root + "/" + name
                    var isDir: ObjCBool = false
                    guard fm.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue else { continue }
                    result.append((file, try Data(contentsOf: URL(fileURLWithPath: file))))
                }
            }
            return result
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: Array("From ".utf8)) { return mbox(data, path: path) }
        return [(path, data)]
    }

    /// Splits an mbox at its `From ` lines, undoing `>From ` quoting.
    static func mbox(_ data: Data, path: String) -> [(source: String, data: Data)] {
        var messages: [(String, Data)] = []
        var current: [Substring] = []
        var number = 0
        let text = String(decoding: data, as: UTF8.self)
        func flush() {
            guard !current.isEmpty else { return }
            number += 1
            let body = current.map { $0.hasPrefix(">From ") ? $0.dropFirst() : $0 }.joined(separator: "\n")
            messages.append(("\(path)#\(number)", Data(body.utf8)))
            current = []
        }
        var previousBlank = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("From ") && previousBlank {
                flush()
            } else {
                current.append(line)
            }
            previousBlank = line.isEmpty || line == "\r"
        }
        flush()
        return messages
    }
}
