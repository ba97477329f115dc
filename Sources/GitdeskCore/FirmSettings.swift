/// Writes the firm's details into `gitdesk.yml` text, as `gitdesk init` takes them: each
/// value replaces its key's line under `firm:` (found by its path, so `firm.name`,
/// `firm.bank.name` and `firm.signer.name` stay apart); every other byte stays.
public enum FirmSettings {
    /// The settings text with `values` (by key path: `company`, `email`, `firm.inn`,
    /// `firm.bank.bik`, `firm.vat`…) written in, quoted.
    public static func filling(_ text: String, with values: [String: String]) -> String {
        var path: [(indent: Int, key: String)] = []
        return Substring(text).asciiSplit(UInt8(ascii: "\n")).map { raw -> String in
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let body = line.dropFirst(indent)
            guard !body.hasPrefix("#"), let colon = body.firstIndex(of: ":") else { return line }
            let key = String(body[..<colon])
            path.removeAll { $0.indent >= indent }
            let full = (path.map(\.key) + [key]).joined(separator: ".")
            path.append((indent, key))
            guard let value = values[full] else { return line }
            return String(repeating: " ", count: indent) + key + ": " + quoted(value)
        }.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The key path of each detail under `firm:`.
    public static func key(_ field: PartyDetails.Field) -> String { "firm." + field.rawValue }
}
