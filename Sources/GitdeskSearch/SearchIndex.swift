import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskStore

/// A search result: where, what, and a snippet with the matching words marked.
public struct SearchHit: Codable, Hashable, Sendable {
    public let path: String
    public let kind: String
    public let ticket: String?
    public let project: String?
    public let client: String?
    public let title: String
    /// The best-matching passage, matched words wrapped in `[` and `]`.
    public let snippet: String
    /// BM25 score (higher is better).
    public let score: Double
}

/// The knowledge base's full-text index (SQLite FTS5 over Snowball-stemmed terms), kept
/// as the desk index's search view (`DeskIndex.Part.search`), updated from the folders a commit changed, disposable.
public final class SearchIndex {
    private let database: Database
    private let analyzer = Analyzer()
    /// How many documents the last `update` (re)indexed.
    public private(set) var indexed = 0

    public static let kinds = ["ticket", "service", "wiki", "message", "work"]

    private let path: String

    /// Opens the index at `path`; a file whose checksum does not match the one saved after
    /// its last update (a flipped bit, a torn write) is removed first and built again.
    public init(path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        self.path = path
        if FileManager.default.fileExists(atPath: path), Self.checksum(of: path) != Self.savedChecksum(for: path) {
            for suffix in ["", "-journal", "-wal", "-shm", ".sum"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        database = try Database(path: path)
        // A rollback journal, not WAL: after each update the file alone is the index, so its
        // checksum covers everything.
        try database.execute("""
            PRAGMA journal_mode=DELETE;
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, path TEXT UNIQUE, kind TEXT, ticket TEXT,
                project TEXT, client TEXT, title TEXT, body TEXT);
            CREATE VIRTUAL TABLE IF NOT EXISTS terms USING fts5(title, body, tokenize='unicode61 remove_diacritics 0');
            """)
    }

    /// The commit the index was last brought up to.
    public var indexedHead: String? { (try? database.query("SELECT value FROM meta WHERE key='head'"))?.first?.first ?? nil }

    /// Replaces every document with those `each` hands over in batches (in path order),
    /// the whole desk at `head`: one transaction, never the whole desk in memory.
    public func rebuild(head: String, _ each: (_ add: ([String: Document]) throws -> Void) throws -> Void) throws {
        try write(head: head) {
            try database.query("DELETE FROM terms")
            try database.query("DELETE FROM docs")
            try each(insert)
        }
    }

    /// Brings the documents under some folders (`tickets/PREFIX/ID/`, `projects/SLUG/`) to
    /// `documents`, theirs at `head` (none for a folder that is gone). Only documents whose
    /// indexed text or fields differ are indexed again — a retitled ticket's messages too,
    /// since they carry its title.
    public func replace(under folders: [String], with documents: [String: Document], head: String) throws {
        try write(head: head) {
            var unchanged = Set<String>()
            for folder in folders.sorted() {
                // Paths under `a/b/` sort between `a/b/` and `a/b0` ('0' follows '/').
                let rows = try database.query("SELECT id, path, kind, ticket, project, client, title, body FROM docs WHERE path >= ? AND path < ?",
                                              [folder, String(folder.dropLast()) + "0"])
                for row in rows {
                    guard let id = row[0].flatMap({ Int($0) }), let path = row[1] else { continue }
                    if let doc = documents[path], [doc.kind, doc.ticket, doc.project, doc.client, doc.title, doc.body] == Array(row[2...]) {
                        unchanged.insert(path)
                    } else {
                        try database.query("DELETE FROM terms WHERE rowid=?", [id])
                        try database.query("DELETE FROM docs WHERE id=?", [id])
                    }
                }
            }
            try insert(documents.filter { !unchanged.contains($0.key) })
        }
    }

    private func write(head: String, _ body: () throws -> Void) throws {
        indexed = 0
        try database.execute("BEGIN IMMEDIATE")
        do {
            try body()
            try database.query("INSERT OR REPLACE INTO meta(key, value) VALUES('head', ?)", [head])
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        try writeAtomically(Data(String(Self.checksum(of: path) ?? 0).utf8), to: path + ".sum")
    }

    private static func checksum(of path: String) -> UInt64? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        return data.withUnsafeBytes { Checksum.of($0) }
    }

    private static func savedChecksum(for path: String) -> UInt64? {
        (try? String(contentsOfFile: path + ".sum", encoding: .utf8)).flatMap { UInt64($0) }
    }

    private func insert(_ documents: [String: Document]) throws {
        for (path, doc) in documents.sorted(by: { $0.key < $1.key }) {
            try database.query("INSERT INTO docs(path, kind, ticket, project, client, title, body) VALUES(?,?,?,?,?,?,?)",
                               [path, doc.kind, doc.ticket, doc.project, doc.client, doc.title, doc.body])
            let id = try database.query("SELECT last_insert_rowid()")[0][0]!
            try database.query("INSERT INTO terms(rowid, title, body) VALUES(?,?,?)",
                               [Int(id)!, analyzer.terms(doc.title), analyzer.terms(doc.body)])
            indexed += 1
        }
    }

    /// What is indexed of one file.
    public struct Document {
        let kind, title, body: String
        let ticket, project, client: String?
    }

    /// The searchable documents by path: tickets with their service comments, messages and
    /// the notes of their billable work (what the client reads on its site), and projects
    /// with their wikis.
    public static func documents(tickets: some Sequence<Ticket>, projects: some Sequence<Project>, config: DeskConfig) -> [String: Document] {
        var result: [String: Document] = [:]
        let billableKinds = config.billableKinds
        for ticket in tickets {
            let notes = clientWorkNotes(ticket, billableKinds: billableKinds)
            if !notes.isEmpty {
                result[ticket.workFile] = Document(kind: "work", title: ticket.title, body: notes.joined(separator: "\n"), ticket: ticket.id,
                                                   project: ticket.project, client: ticket.client)
            }
            result[ticket.file] = Document(kind: "ticket", title: ticket.title, body: ticket.description, ticket: ticket.id,
                                           project: ticket.project, client: ticket.client)
            if let service = ticket.serviceComment {
                result["\(ticket.folder)/service.md"] = Document(kind: "service", title: ticket.title, body: service, ticket: ticket.id,
                                                                 project: ticket.project, client: ticket.client)
            }
            for message in ticket.messages {
                result[message.file] = Document(kind: "message", title: ticket.title, body: message.body, ticket: ticket.id,
                                                project: ticket.project, client: ticket.client)
            }
        }
        for project in projects {
            result[project.file] = Document(kind: "wiki", title: project.title, body: project.body, ticket: nil,
                                            project: project.slug, client: project.client)
            for (page, text) in project.wikiPages {
                let title = text.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? page
                result["projects/\(project.slug)/wiki/\(page)"] = Document(kind: "wiki", title: title, body: text, ticket: nil,
                                                                           project: project.slug, client: project.client)
            }
        }
        return result
    }

    /// The notes of a ticket's billable work lines (`DeskConfig.billableKinds`): the work its
    /// client sees.
    public static func clientWorkNotes(_ ticket: Ticket, billableKinds: Set<String>) -> [String] {
        ticket.work.filter { billableKinds.contains($0.value.kind) && !$0.value.note.isEmpty }.map(\.value.note)
    }

    /// A query in the user's words: words (stemmed, all required), "quoted phrases" and
    /// prefixes ending in `*`.
    func matchExpression(_ query: String) throws -> (expression: String, terms: [String], prefixes: [String]) {
        var parts: [String] = [], terms: [String] = [], prefixes: [String] = []
        var rest = Substring(query)
        while let quote = rest.firstIndex(of: "\"") {
            let before = rest[..<quote]
            let after = rest[rest.index(after: quote)...]
            guard let close = after.firstIndex(of: "\"") else { throw DeskError.usage(.phraseNotClosed) }
            let phrase = Analyzer.words(String(after[..<close])).map { analyzer.term($0.word) }
            if !phrase.isEmpty {
                parts.append("\"" + phrase.joined(separator: " ") + "\"")
                terms += phrase
            }
            rest = before + after[after.index(after: close)...]
        }
        for token in rest.split(whereSeparator: \.isWhitespace) {
            if token.hasSuffix("*") {
                let words = Analyzer.words(String(token.dropLast()))
                guard let word = words.first?.word else { continue }
                let prefix = word.lowercased().replacingOccurrences(of: "ё", with: "е")
                parts.append("\"\(prefix)\"*")
                prefixes.append(prefix)
            } else {
                for word in Analyzer.words(String(token)) {
                    let forms = analyzer.queryTerms(word.word)
                    parts.append(forms.count == 1 ? "\"\(forms[0])\"" : "(" + forms.map { "\"\($0)\"" }.joined(separator: " OR ") + ")")
                    terms += forms
                }
            }
        }
        guard !parts.isEmpty else { throw DeskError.usage(.queryWithoutWords) }
        // Explicit AND: FTS5 takes no implicit one after a parenthesised group.
        return (parts.joined(separator: " AND "), terms, prefixes)
    }

    /// Ranked hits (BM25, a title match weighing ten times a body match).
    public func search(_ query: String, kinds: [String] = [], project: String? = nil, client: String? = nil,
                       limit: Int = 20) throws -> [SearchHit] {
        let (expression, terms, prefixes) = try matchExpression(query)
        return try run(expression: expression, terms: terms, prefixes: prefixes, kinds: kinds, project: project, client: client,
                       excludeTicket: nil, limit: limit)
    }

    private func run(expression: String, terms: [String], prefixes: [String], kinds: [String], project: String?, client: String?,
                     excludeTicket: String?, limit: Int) throws -> [SearchHit] {
        var sql = """
            SELECT d.path, d.kind, d.ticket, d.project, d.client, d.title, d.body, -bm25(terms, 10.0, 1.0) AS score
            FROM terms JOIN docs d ON d.id = terms.rowid WHERE terms MATCH ?
            """
        var parameters: [Any?] = [expression]
        if !kinds.isEmpty {
            sql += " AND d.kind IN (" + kinds.map { _ in "?" }.joined(separator: ",") + ")"
            parameters += kinds
        }
        if let project { sql += " AND d.project = ?"; parameters.append(project) }
        if let client { sql += " AND d.client = ?"; parameters.append(client) }
        if let excludeTicket { sql += " AND (d.ticket IS NULL OR d.ticket <> ?)"; parameters.append(excludeTicket) }
        sql += " ORDER BY score DESC, d.path LIMIT ?"
        parameters.append(limit)
        return try database.query(sql, parameters).map { row in
            SearchHit(path: row[0]!, kind: row[1]!, ticket: row[2], project: row[3], client: row[4], title: row[5] ?? "",
                      snippet: snippet(row[6] ?? "", terms: Set(terms), prefixes: prefixes, fallback: row[5] ?? ""),
                      score: (Double(row[7] ?? "0") ?? 0).rounded(toPlaces: 4))
        }
    }

    /// The tickets most similar to a text (its words OR-ed), excluding `ticket` itself.
    public func similar(to text: String, excluding ticket: String?, limit: Int = 3) throws -> [SearchHit] {
        var seen = Set<String>()
        let terms = Analyzer.words(text).map { analyzer.term($0.word) }.filter { $0.count > 2 && seen.insert($0).inserted }.prefix(32)
        guard !terms.isEmpty else { return [] }
        let hits = try run(expression: terms.map { "\"\($0)\"" }.joined(separator: " OR "), terms: Array(terms), prefixes: [],
                           kinds: ["ticket", "service"], project: nil, client: nil, excludeTicket: ticket, limit: limit * 4)
        var tickets = Set<String>()
        return Array(hits.filter { $0.ticket.map { tickets.insert($0).inserted } ?? false }.prefix(limit))
    }

    /// Up to a dozen words around the first match, matched words in brackets.
    func snippet(_ text: String, terms: Set<String>, prefixes: [String], fallback: String) -> String {
        let words = Analyzer.words(text)
        func matches(_ word: String) -> Bool {
            let lower = word.lowercased().replacingOccurrences(of: "ё", with: "е")
            return terms.contains(analyzer.term(word)) || prefixes.contains { lower.hasPrefix($0) }
        }
        guard let first = words.firstIndex(where: { matches($0.word) }) else {
            return String(text.prefix(120)).replacingOccurrences(of: "\n", with: " ")
        }
        let from = max(0, first - 5), to = min(words.count - 1, first + 8)
        var out = from > 0 ? "…" : ""
        var cursor = words[from].range.lowerBound
        for index in from...to {
            let word = words[index]
            out += text[cursor..<word.range.lowerBound].replacingOccurrences(of: "\n", with: " ")
            out += matches(word.word) ? "[\(word.word)]" : word.word
            cursor = word.range.upperBound
        }
        return out + (to < words.count - 1 ? "…" : "")
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * scale).rounded() / scale
    }
}

extension DeskRepository {
    /// The search index brought up to HEAD: from the commit it was indexed at, only the
    /// ticket and project folders that differ are read and re-indexed; without one (or when
    /// that commit is gone) the whole desk is.
    /// The search index brought up to HEAD when this gitdesk built one before, else nil: a
    /// write that only suggests similar tickets never pays for building the whole index.
    public func existingSearchIndex() throws -> SearchIndex? {
        try searchIndex(onlyWhenBuilt: true)
    }

    public func searchIndex() throws -> SearchIndex {
        guard let index = try searchIndex(onlyWhenBuilt: false) else { throw DeskError.notFound(.noSearchIndex) }
        return index
    }

    private func searchIndex(onlyWhenBuilt: Bool) throws -> SearchIndex? {
        // One process brings the index up to date at a time; the others wait, then find it
        // current (two cold runs at once used to fail with "database is locked").
        let lockPath = DeskIndex.path(.searchLock, gitdir: repository.gitdir)
        guard let lock = try FileLock(path: lockPath, timeout: 1800) else {
            throw DeskError.refused(.searchIndexBusy(lockPath))
        }
        defer { lock.release() }
        let path = deskIndex.path(.search)
        if onlyWhenBuilt, !FileManager.default.fileExists(atPath: path) { return nil }
        let index = try SearchIndex(path: path)
        if onlyWhenBuilt, index.indexedHead?.hasSuffix(" " + DeskIndex.build) != true { return nil }
        // The index is stamped with the commit and the gitdesk build that made it.
        guard let head else { return index }
        let stamp = head.hex + " " + DeskIndex.build
        guard index.indexedHead != stamp else { return index }
        let tree = try repository.commit(head).tree
        let previous = index.indexedHead?.split(separator: " ", maxSplits: 1)
        let indexedTree = previous.flatMap { $0.count == 2 && $0[1] == DeskIndex.build ? ObjectID(hex: String($0[0])) : nil }
            .flatMap { try? repository.commit($0).tree }
        let changes = try indexedTree.map { try repository.changes(from: $0, to: tree) }
        // Changed settings can change which work is billable, and so every work document.
        guard let changes, !changes.contains(where: { $0.path == "gitdesk.yml" }) else {
            let cards = try cards(atCommit: head, scope: .full)
            try index.rebuild(head: stamp) { add in
                // Paths sort projects/ before tickets/, and the batches come in folder order.
                try add(SearchIndex.documents(tickets: [], projects: cards.projects.values, config: cards.config))
                try forEachTicketBatch(atCommit: head, cards: cards) { try add(SearchIndex.documents(tickets: $0, projects: [], config: cards.config)) }
            }
            return index
        }
        var ticketFolders = Set<String>(), projectFolders = Set<String>()
        for change in changes {
            if let path = TicketPath(change.path) { ticketFolders.insert(path.folder) }
            let parts = change.path.split(separator: "/", maxSplits: 2)
            if parts.count == 3 && parts[0] == "projects" { projectFolders.insert("projects/\(parts[1])") }
        }
        let cards = try cards(atCommit: head, scope: .full)
        let tickets = try tickets(inFolders: ticketFolders.sorted(), atCommit: head, cards: cards)
        let projects = cards.projects.values.filter { projectFolders.contains("projects/\($0.slug)") }
        try index.replace(under: (ticketFolders.union(projectFolders)).map { $0 + "/" },
                          with: SearchIndex.documents(tickets: tickets, projects: projects, config: cards.config), head: stamp)
        return index
    }
}
