import Cgmime

/// What mail clients forgive and GMime does not, mended on a copy of the bytes before they
/// are parsed (the original is stored as it came): charset labels iconv spells otherwise,
/// and MIME parts whose text follows their headers without a blank line.
enum RawRepair {
    /// Labels senders use that glibc's iconv knows under another name.
    static let labels: [(label: String, iconv: String)] = [("x-mac-cyrillic", "mac-cyrillic"), ("x-mac-ukrainian", "mac-cyrillic")]

    static func repaired(_ bytes: [UInt8]) -> [UInt8] { blankLinesAfterPartHeaders(relabelled(bytes)) }

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

    /// After a boundary-like line (`--…`) followed by header lines, a line that is neither
    /// a header, a continuation, blank nor another boundary starts the part's text: a blank
    /// line is put before it, as a mail client reads it.
    static func blankLinesAfterPartHeaders(_ bytes: [UInt8]) -> [UInt8] {
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
                if text.isEmpty || text.starts(with: [45, 45]) {
                    inHeaders = false
                } else if !(isHeader(text) || text.first == 32 || text.first == 9) {
                    out += line.last == 10 && line.dropLast().last == 13 ? [13, 10] : [10]
                    inHeaders = false
                }
            } else if text.starts(with: [45, 45]) {
                out += line
                inHeaders = true
                continue
            }
            out += line
        }
        return out
    }
}
