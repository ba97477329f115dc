import Foundation
import GitdeskCore
import GitdeskMail

/// Where messages come from: one `.eml` file, a maildir (`cur/` and `new/`), an mbox file,
/// or a folder of `.eml` files. Each message keeps the path it was read from.
public enum MailSources {
    /// Each message with its bytes, or nil for a file larger than `limit` (its size then),
    /// which is not read into memory.
    public static func read(_ path: String, limit: Int = .max) throws -> [(source: String, data: Data?, size: Int)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DeskError.notFound(.noSuchPath(path))
        }
        if isDirectory.boolValue {
            let fm = FileManager.default
            let folders = ["cur", "new"].map { path + "/" + $0 }.filter { fm.fileExists(atPath: $0) }
            let roots = folders.isEmpty ? [path] : folders
            var result: [(String, Data?, Int)] = []
            for root in roots {
                for name in try fm.contentsOfDirectory(atPath: root).sorted() where !name.hasPrefix(".") {
                    let file = root + "/" + name
                    var info = stat()
                    guard stat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                    let size = Int(info.st_size)
                    result.append((file, size > limit ? nil : try Data(contentsOf: URL(fileURLWithPath: file)), size))
                }
            }
            return result
        }
        var info = stat()
        if stat(path, &info) == 0, Int(info.st_size) > limit, !startsLikeMbox(path) { return [(path, nil, Int(info.st_size))] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if data.starts(with: Array("From ".utf8)) { return mbox(data, path: path).map { ($0.source, $0.data.count > limit ? nil : $0.data, $0.data.count) } }
        return [(path, data, data.count)]
    }

    /// True when the file begins as an mbox does (`From `): many messages, each held to the limit.
    private static func startsLikeMbox(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 5)) == Data("From ".utf8)
    }

    /// Splits an mbox at its `From ` lines (after a blank line, or first), undoing `>From `
    /// quoting, byte for byte: 8-bit mail in any charset stays as it was written.
    static func mbox(_ data: Data, path: String) -> [(source: String, data: Data)] {
        let bytes = [UInt8](data)
        let from = Array("From ".utf8), quoted = Array(">From ".utf8)
        var messages: [(String, Data)] = []
        var current: [UInt8] = []
        var previousBlank = true
        var start = 0
        func flush() {
            guard !current.isEmpty else { return }
            messages.append(("\(path)#\(messages.count + 1)", Data(current)))
            current = []
        }
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
            let line = bytes[start..<end]
            if previousBlank && line.starts(with: from) {
                flush()
            } else {
                current += line.starts(with: quoted) ? line.dropFirst() : line
            }
            let content = line.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
            previousBlank = content.isEmpty
            start = end
        }
        flush()
        return messages
    }
}
