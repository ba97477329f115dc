import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

/// Completions from the desk itself: ticket IDs, clients, logins, projects, statuses and
/// kinds, read from the desk the command line names (`--desk`, else `GITDESK_DESK`, else the
/// current folder). A folder that is no desk completes nothing.
enum Completions {
    static let tickets = from { store in
        try store.records(atCommit: try store.resolve("HEAD"), moneyOnly: false).folders.flatMap { $0.tickets.map(\.ticket) }
    }
    static let clients = fromCards { $0.clients.keys }
    static let logins = fromCards { $0.staff.keys }
    static let projects = fromCards { $0.projects.keys }
    /// Values as the files spell them and as the desk shows them (`in-progress`, `в-работе`).
    static let statuses = fromCards { shownToo($0.config.statuses, .status, $0.config) }
    static let kinds = fromCards { shownToo($0.config.kinds.map(\.name), .kind, $0.config) }
    static let priorities = fromCards { shownToo($0.config.priorities, .priority, $0.config) }

    private static func shownToo(_ values: [String], _ kind: ValueKind, _ config: DeskConfig) -> [String] {
        let words = Words(Language(locale: config.locale) ?? .ru, config: config)
        return values + values.map { words.typedName($0, kind) }
    }

    private static func fromCards(_ values: @escaping @Sendable (Desk) -> some Sequence<String>) -> CompletionKind {
        from { store in Array(values(try store.cards(atCommit: try store.resolve("HEAD")))) }
    }

    private static func from(_ values: @escaping @Sendable (DeskRepository) throws -> [String]) -> CompletionKind {
        .custom { words, _, prefix in
            let flag = words.firstIndex(of: "--desk").flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
            let folder = flag ?? ProcessInfo.processInfo.environment["GITDESK_DESK"].flatMap { $0.isEmpty ? nil : $0 }
                ?? FileManager.default.currentDirectoryPath
            guard let store = try? DeskRepository(at: folder), let all = try? values(store) else { return [] }
            return Set(all).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.sorted()
        }
    }
}

/// Identifiers as typed: ticket IDs in any case (`rom-3m9d` is `ROM-3M9D`), transaction IDs
/// with or without their `^`, in any case.
enum TypedID {
    static func ticket(_ text: String) -> String { text.uppercased() }
    static func transaction(_ text: String) -> String { text.lowercased() }
}
