import Ccmark
import Foundation

/// Markdown → HTML through cmark-gfm in its safe mode: raw HTML is dropped and
/// `javascript:`/`data:` links are removed, with GitHub tables, strikethrough and autolinks.
public enum Markdown {
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// The visible text of Markdown (rendered safely, tags dropped, entities decoded): what
    /// a search index may hold without carrying links or markup along.
    public static func plainText(_ text: String) -> String {
        var out = ""
        var inTag = false
        for character in html(text) {
            if character == "<" { inTag = true; continue }
            if character == ">" && inTag { inTag = false; out.append(" "); continue }
            if !inTag { out.append(character) }
        }
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    public static func html(_ text: String) -> String {
        _ = registered
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extensionPointer) }
        }
        cmark_parser_feed(parser, text, text.utf8.count)
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        guard let html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
