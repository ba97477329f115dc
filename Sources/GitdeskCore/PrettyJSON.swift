import Foundation

/// Writes JSON byte for byte as `JSONEncoder` does with `[.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes]` (two-space indents, `"key" : value`, empty containers as
/// `[\n\n]`), straight into bytes. For outputs of a million records (the audit), where the
/// encoder would be most of the run; the caller writes keys in sorted order.
public struct PrettyJSON {
    public private(set) var bytes: [UInt8] = []
    private var depth: Int
    /// Members written so far in each open container, innermost last.
    private var counts: [Int] = []
    private var afterKey = false

    /// A writer whose values sit `depth` levels deep (their inner lines indented to match).
    public init(depth: Int = 0) {
        self.depth = depth
        bytes.reserveCapacity(1 << 16)
    }

    /// Text written as it is (separators between values the caller lays out itself).
    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Bytes written as they are (JSON rendered before).
    public mutating func raw(_ rendered: Data) { bytes.append(contentsOf: rendered) }

    public mutating func beginObject() { beginValue(); bytes.append(UInt8(ascii: "{")); open() }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { beginValue(); bytes.append(UInt8(ascii: "[")); open() }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The next member's key; its value follows.
    public mutating func key(_ key: String) {
        nextMember()
        quoted(key)
        bytes.append(contentsOf: " : ".utf8)
        afterKey = true
    }

    public mutating func string(_ value: String) { beginValue(); quoted(value) }
    public mutating func int(_ value: Int) { beginValue(); bytes.append(contentsOf: String(value).utf8) }

    /// `key` and its value, or nothing for nil (as the encoder leaves out nil optionals).
    public mutating func member(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    public mutating func member(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        int(value)
    }

    private mutating func open() {
        depth += 1
        counts.append(0)
    }

    private mutating func close(_ bracket: UInt8) {
        let members = counts.removeLast()
        depth -= 1
        if members == 0 { bytes.append(UInt8(ascii: "\n")) }
        newline()
        bytes.append(bracket)
    }

    private mutating func beginValue() {
        if afterKey { afterKey = false } else if !counts.isEmpty { nextMember() }
    }

    private mutating func nextMember() {
        if counts[counts.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func quoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: utf8[start..<index])
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: "\\\\".utf8)
                case 0x08: bytes.append(contentsOf: "\\b".utf8)
                case 0x09: bytes.append(contentsOf: "\\t".utf8)
                case 0x0A: bytes.append(contentsOf: "\\n".utf8)
                case 0x0C: bytes.append(contentsOf: "\\f".utf8)
                case 0x0D: bytes.append(contentsOf: "\\r".utf8)
                default: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                                   Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: utf8[start...])
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
