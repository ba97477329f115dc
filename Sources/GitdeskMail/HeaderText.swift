import Cgmime
import Foundation

/// Header text (a subject, a display name) decoded word by word, as RFC 2047 §6.2 and mail
/// readers do it, not as the system's GMime 3.2 does: GMime merges adjacent encoded words
/// before decoding them, and a base64 word that ends in `=` padding (Python's `email`
/// writes such) then swallows every word after it. Here each encoded word is decoded to
/// its bytes on its own; neighbouring words of one charset are joined as bytes (a letter
/// split between two words comes out whole) and converted once, through iconv; the
/// whitespace between encoded words is dropped, any other text kept.
///
/// Unlabelled 8-bit text is UTF-8 when it is, UTF-8 with the odd bad byte replaced when it
/// mostly is, and only else one of the desk's fallback charsets — the first whose reading
/// mixes no Latin and Cyrillic letters inside a word (so Latin-1 "Formação" is not read as
/// windows-1251 "Formaзгo"). One bad byte costs one character, never the whole header.
public enum HeaderText {
    /// The header's value as people read it, on one line: folding undone, tabs as spaces.
    public static func decode(_ raw: [UInt8], fallbackCharsets: [String]) -> String {
        var pieces: [Piece] = []
        var text: [UInt8] = []
        var index = 0
        let bytes = unfolded(raw)
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
               let (word, end) = encodedWord(bytes, at: index) {
                if !text.isEmpty { pieces.append(.text(text)); text = [] }
                pieces.append(word)
                index = end
            } else {
                text.append(bytes[index])
                index += 1
            }
        }
        if !text.isEmpty { pieces.append(.text(text)) }

        // Whitespace between two encoded words goes; neighbours of one charset join as bytes.
        var joined: [Piece] = []
        for (position, piece) in pieces.enumerated() {
            if case .text(let run) = piece, run.allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
               position > 0, position + 1 < pieces.count, pieces[position - 1].isEncoded, pieces[position + 1].isEncoded {
                continue
            }
            if case .encoded(let charset, let more) = piece, case .encoded(let previous, let start)? = joined.last,
               previous == charset {
                joined[joined.count - 1] = .encoded(charset, start + more)
                continue
            }
            joined.append(piece)
        }
        let result = joined.map { piece -> String in
            switch piece {
            case .encoded(let charset, let data): return convert(data, from: charset)
            case .text(let data): return unlabelled(data, fallbackCharsets: fallbackCharsets)
            }
        }.joined()
        return result.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
    }

    private enum Piece {
        case encoded(String, [UInt8]), text([UInt8])
        var isEncoded: Bool { if case .encoded = self { return true } else { return false } }
    }

    /// Folding undone (RFC 5322 §2.2.3): a line break followed by whitespace is the whitespace.
    private static func unfolded(_ raw: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for byte in raw where byte != 0x0D && byte != 0x0A { out.append(byte) }
        return out
    }

    /// `=?charset?B|Q?text?=` at `start` (a `*language` after the charset is dropped): the
    /// decoded bytes and where the word ends; nil when it is not one.
    private static func encodedWord(_ bytes: [UInt8], at start: Int) -> (Piece, Int)? {
        var index = start + 2
        guard let charsetEnd = bytes[index...].firstIndex(of: UInt8(ascii: "?")), charsetEnd > index, charsetEnd + 2 < bytes.count,
              bytes[charsetEnd + 2] == UInt8(ascii: "?") else { return nil }
        let label = String(decoding: bytes[index..<charsetEnd], as: UTF8.self)
        let charset = String(label.split(separator: "*", maxSplits: 1).first ?? "").lowercased()
        let encoding = bytes[charsetEnd + 1] | 0x20
        guard !charset.isEmpty, encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        index = charsetEnd + 3
        var end = index
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: "=")) { end += 1 }
        guard end + 1 < bytes.count else { return nil }
        let payload = Array(bytes[index..<end])
        guard let decoded = encoding == UInt8(ascii: "b") ? base64(payload) : quoted(payload) else { return nil }
        return (.encoded(charset, decoded), end + 2)
    }

    /// Base64 as mail readers take it: padding anywhere ends a group, missing padding is
    /// supplied, characters outside the alphabet are skipped.
    private static func base64(_ text: [UInt8]) -> [UInt8]? {
        func value(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): return 62
            case UInt8(ascii: "/"): return 63
            default: return nil
            }
        }
        var out: [UInt8] = [], buffer: UInt32 = 0, bits = 0
        for byte in text {
            if byte == UInt8(ascii: "=") { buffer = 0; bits = 0; continue }
            guard let six = value(byte) else { continue }
            buffer = (buffer << 6) | six
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        return out
    }

    /// RFC 2047's Q: `_` is a space, `=XX` a byte.
    private static func quoted(_ text: [UInt8]) -> [UInt8]? {
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out: [UInt8] = [], index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                out.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.count, let high = hex(text[index + 1]), let low = hex(text[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// Bytes in `charset` as text; a byte iconv cannot read becomes U+FFFD and the rest goes on.
    static func convert(_ data: [UInt8], from charset: String) -> String {
        if ["utf-8", "utf8", "us-ascii", "ascii"].contains(charset) { return String(decoding: data, as: UTF8.self) }
        guard let name = RawRepair.iconvName(charset) else { return String(decoding: data, as: UTF8.self) }
        let converter = g_mime_iconv_open("UTF-8", name)
        guard converter != iconv_t(bitPattern: -1) else { return String(decoding: data, as: UTF8.self) }
        defer { g_mime_iconv_close(converter) }
        var out: [UInt8] = []
        var input = data
        var position = 0
        var buffer = [CChar](repeating: 0, count: 4096)
        while position < input.count {
            let (consumed, produced, failed) = input.withUnsafeMutableBytes { raw -> (Int, Int, Bool) in
                var source: UnsafeMutablePointer<CChar>? = raw.baseAddress!.assumingMemoryBound(to: CChar.self) + position
                var sourceLeft = raw.count - position
                return buffer.withUnsafeMutableBufferPointer { target -> (Int, Int, Bool) in
                    var destination: UnsafeMutablePointer<CChar>? = target.baseAddress
                    var destinationLeft = target.count
                    let result = iconv(converter, &source, &sourceLeft, &destination, &destinationLeft)
                    let failed = result == -1 && errno != E2BIG
                    return (raw.count - position - sourceLeft, target.count - destinationLeft, failed)
                }
            }
            out += buffer[0..<produced].map { UInt8(bitPattern: $0) }
            position += consumed
            if failed {
                out += [0xEF, 0xBF, 0xBD]
                position += 1
                _ = iconv(converter, nil, nil, nil, nil)
            } else if consumed == 0 && produced == 0 {
                break
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func unlabelled(_ data: [UInt8], fallbackCharsets: [String]) -> String {
        if let text = String(validating: data, as: UTF8.self) { return text }
        // Mostly UTF-8 (a well-formed sequence of two or more bytes in it): one bad byte is one character.
        if containsMultibyteUTF8(data) { return String(decoding: data, as: UTF8.self) }
        let readings = fallbackCharsets.map { $0.lowercased() }.filter { !["utf-8", "utf8"].contains($0) }.map { convert(data, from: $0) }
        return readings.first { !mixesScripts($0) } ?? readings.first ?? String(decoding: data, as: UTF8.self)
    }

    private static func containsMultibyteUTF8(_ data: [UInt8]) -> Bool {
        var index = 0
        while index < data.count {
            let byte = data[index]
            let length = byte >= 0xF0 && byte < 0xF5 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 1
            if length > 1, index + length <= data.count, data[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }),
               String(validating: data[index..<(index + length)], as: UTF8.self) != nil {
                return true
            }
            index += 1
        }
        return false
    }

    /// True when a word holds Latin and Cyrillic letters together: a charset misread.
    private static func mixesScripts(_ text: String) -> Bool {
        text.split(whereSeparator: { !$0.isLetter }).contains { word in
            let scalars = word.unicodeScalars
            return scalars.contains { $0.properties.isAlphabetic && $0.value < 0x250 && $0.value > 0x40 }
                && scalars.contains { (0x400...0x4FF).contains($0.value) }
        }
    }
}
