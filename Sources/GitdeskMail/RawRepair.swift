import Cgmime

/// What mail clients forgive and GMime does not, mended on a copy of the bytes before they
/// are parsed (the original is stored as it came): charset labels iconv spells otherwise,
/// and MIME parts whose text follows their headers without a blank line.
enum RawRepair {
    /// Labels senders use that glibc's iconv knows under another name.
    static let labels: [(label: String, iconv: String)] = [("x-mac-cyrillic", "mac-cyrillic"), ("x-mac-ukrainian", "mac-cyrillic")]

    static func repaired(_ bytes: [UInt8]) -> [UInt8] { blankLinesAfterPartHeaders(messageHeadersEnded(gluedHeadersSplit(relabelled(bytes)))) }

    /// The header names a sender may glue to an encoded word with no line break between
    /// (`Subject: =?UTF-8?Q?…?=Content-Type: multipart/…`): the message's own structure.
    private static let gluable = ["content-type:", "content-transfer-encoding:", "mime-version:", "message-id:", "date:", "to:", "from:"]

    /// In the message's headers, a line where an encoded word's `?=` is followed at once by
    /// another header is split in two there, as the sender meant: the structure the glued
    /// header declares is read, not shown as text.
    static func gluedHeadersSplit(_ bytes: [UInt8]) -> [UInt8] {
        let end = headerEnd(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = 0
        func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
        while index < end {
            out.append(bytes[index])
            if bytes[index] == UInt8(ascii: "="), index > 0, bytes[index - 1] == UInt8(ascii: "?"), index + 1 < end {
                let rest = bytes[(index + 1)..<min(end, index + 40)].map(lower)
                if gluable.contains(where: { rest.starts(with: Array($0.utf8)) }) { out.append(10) }
            }
            index += 1
        }
        return out + bytes[end...]
    }

    /// Where the message's headers end (the first blank line), or the end of the bytes.
    private static func headerEnd(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 10) else { return bytes.count }
            let next = newline + 1
            if next < bytes.count, bytes[next] == 10 || (bytes[next] == 13 && next + 1 < bytes.count && bytes[next + 1] == 10) { return next }
            index = next
        }
        return bytes.count
    }

    /// The message's own header block as Python's parser takes it: blank (whitespace-only)
    /// lines before the first header are dropped, and a line that is neither a header nor
    /// a continuation ends the headers (a blank line is put before it), so a message with
    /// no blank line after its headers keeps its text.
    static func messageHeadersEnded(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
            guard bytes[start..<end].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }), end < bytes.count else { break }
            start = end
        }
        var position = start
        var first = true
        while position < bytes.count {
            let end = bytes[position...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
            var line = bytes[position..<end]
            while let last = line.last, last == 10 || last == 13 { line = line.dropLast() }
            if line.isEmpty { break }
            // An mbox envelope line may open the file.
            let envelope = first && line.starts(with: Array("From ".utf8))
            if !envelope, !isHeaderLine(line), line.first != 32, line.first != 9 {
                let ending: [UInt8] = bytes[..<position].last == 10 && bytes[..<position].dropLast().last == 13 ? [13, 10] : [10]
                return Array(bytes[start..<position]) + ending + Array(bytes[position...])
            }
            first = false
            position = end
        }
        return start == 0 ? bytes : Array(bytes[start...])
    }

    /// `Name:` with a name of printable ASCII but the colon (RFC 5322 field names).
    private static func isHeaderLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: 58), colon > line.startIndex else { return false }
        return line[line.startIndex..<colon].allSatisfy { $0 > 32 && $0 < 127 }
    }

    /// The iconv name of a charset label, nil when iconv cannot convert from it.
    static func iconvName(_ label: String) -> String? {
        let name = labels.first { $0.label == label.lowercased() }?.iconv ?? g_mime_charset_iconv_name(label).map { String(cString: $0) } ?? label
        let converter = g_mime_iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        g_mime_iconv_close(converter)
        return name
    }

    /// `=?x-mac-cyrillic?` and `charset=x-mac-cyrillic` with iconv's name, so GMime's own
    /// header decoding finds it too.
    static func relabelled(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for (label, iconv) in labels {
            for (prefix, suffix) in [("=?", "?"), ("charset=", ""), ("charset=\"", "\"")] {
                out = replacing(Array((prefix + label + suffix).utf8), with: Array((prefix + iconv + suffix).utf8), in: out)
            }
        }
        return out
    }

    /// ASCII case-insensitive replacement of every occurrence.
    private static func replacing(_ target: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
        guard bytes.count >= target.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + target.count <= bytes.count, zip(bytes[index..<index + target.count], target).allSatisfy({ lower($0) == lower($1) }) {
                out += replacement
                index += target.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// The `boundary=` values the message declares (quoted or not), as the lines that open
    /// its parts: `--` and the boundary.
    static func boundaryLines(_ bytes: [UInt8]) -> [[UInt8]] {
        let key = Array("boundary=".utf8)
        var found: [[UInt8]] = []
        var index = 0
        func lower(_ byte: UInt8) -> UInt8 { (65...90).contains(byte) ? byte + 32 : byte }
        while index + key.count < bytes.count {
            guard zip(bytes[index..<index + key.count], key).allSatisfy({ lower($0) == $1 }) else { index += 1; continue }
            var value = bytes[(index + key.count)...]
            if value.first == 34 {
                value = value.dropFirst()
                value = value.prefix { $0 != 34 && $0 != 10 && $0 != 13 }
            } else {
                value = value.prefix { $0 > 32 && $0 != 59 && $0 != 34 }
            }
            if !value.isEmpty { found.append([45, 45] + value) }
            index += key.count
        }
        return found
    }

    /// After a part's boundary line followed by header lines, a line that is neither a
    /// header, a continuation, blank nor another boundary starts the part's text: a blank
    /// line is put before it, as a mail client reads it. Only the boundaries the message
    /// declares count: a signature's `-- ` or a row of dashes in a text is text.
    static func blankLinesAfterPartHeaders(_ bytes: [UInt8]) -> [UInt8] {
        let boundaries = boundaryLines(bytes)
        guard !boundaries.isEmpty else { return bytes }
        func isBoundary(_ line: ArraySlice<UInt8>) -> Bool { boundaries.contains { line.starts(with: $0) } }
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 10).map { $0 + 1 } ?? bytes.count
            lines.append(bytes[start..<end])
            start = end
        }
        func content(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var line = line
            while let last = line.last, last == 10 || last == 13 { line = line.dropLast() }
            return line
        }
        func isHeader(_ line: ArraySlice<UInt8>) -> Bool {
            guard let colon = line.firstIndex(of: 58), colon > line.startIndex else { return false }
            return line[line.startIndex..<colon].allSatisfy { (65...90).contains($0) || (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var inHeaders = false
        for line in lines {
            let text = content(line)
            if inHeaders {
                if text.isEmpty || isBoundary(text) {
                    inHeaders = false
                } else if !(isHeader(text) || text.first == 32 || text.first == 9) {
                    out += line.last == 10 && line.dropLast().last == 13 ? [13, 10] : [10]
                    inHeaders = false
                }
            } else if isBoundary(text) {
                out += line
                inHeaders = true
                continue
            }
            out += line
        }
        return out
    }
}
