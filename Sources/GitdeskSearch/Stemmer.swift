import Cstemmer
import Foundation

/// Words → search terms: lowercase, `ё` = `е`, then the Snowball stemmer of the word's
/// script (Russian for Cyrillic, English otherwise), so "синхронизации цены" and
/// "синхронизация цен", "price syncing" and "prices sync" meet.
public final class Analyzer {
    private let russian: OpaquePointer
    private let english: OpaquePointer

    public init() {
        russian = sb_stemmer_new("russian", "UTF_8")
        english = sb_stemmer_new("english", "UTF_8")
    }

    deinit {
        sb_stemmer_delete(russian)
        sb_stemmer_delete(english)
    }

    /// The words of a text with their ranges (for snippets), in order.
    public static func words(_ text: String) -> [(word: String, range: Range<String.Index>)] {
        var result: [(String, Range<String.Index>)] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWord = text[index].isLetter || text[index].isNumber
            if isWord, start == nil { start = index }
            if !isWord, let s = start {
                result.append((String(text[s..<index]), s..<index))
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start { result.append((String(text[s...]), s..<text.endIndex)) }
        return result
    }

    /// The search term of one word.
    public func term(_ word: String) -> String {
        let normal = word.lowercased().replacingOccurrences(of: "ё", with: "е")
        let cyrillic = normal.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
        let stemmer = cyrillic ? russian : english
        var bytes = Array(normal.utf8)
        guard let out = sb_stemmer_stem(stemmer, &bytes, Int32(bytes.count)) else { return normal }
        let length = Int(sb_stemmer_length(stemmer))
        return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
    }

    /// The terms a typed Russian word looks for: its own, and the stems of the same noun that
    /// Snowball reads as a verb. "печать" stems to "печа" (an infinitive's ending taken off)
    /// while "печати" stems to "печат": a word ending in `ь` also looks for its stem without
    /// it, and any word also for the stem of its stem with `ь`, so the two forms meet.
    public func queryTerms(_ word: String) -> [String] {
        let own = term(word)
        let normal = word.lowercased().replacingOccurrences(of: "ё", with: "е")
        guard normal.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }), normal.count > 3 else { return [own] }
        var forms = [own]
        if normal.hasSuffix("ь") { forms.append(term(String(normal.dropLast()))) }
        forms.append(term(own + "ь"))
        var seen = Set<String>()
        return forms.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The terms of a text, in order, joined by spaces (what the index stores).
    public func terms(_ text: String) -> String {
        Analyzer.words(text).map { term($0.word) }.joined(separator: " ")
    }
}
