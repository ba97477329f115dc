import ArgumentParser

/// "Did you mean": the commands nearest to a mistyped one, as git suggests them.
enum Suggestions {
    /// The names of `command`'s subcommands.
    static func subcommands(of command: ParsableCommand.Type) -> [String] {
        command.configuration.subcommands.map { $0.configuration.commandName ?? $0._commandName }
    }

    /// The first word of `arguments` that names no subcommand where one is expected, with the
    /// names it may have meant; nil when every command word is known.
    static func unknownCommand(in arguments: [String], root: ParsableCommand.Type) -> (word: String, path: String, near: [String])? {
        var command = root
        var path = [root.configuration.commandName ?? root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            guard let next = subcommands.first(where: { ($0.configuration.commandName ?? $0._commandName) == word }) else {
                // A command with a default subcommand takes arguments of its own.
                if command.configuration.defaultSubcommand != nil { return nil }
                return (word, path.joined(separator: " "), nearest(word, in: Self.subcommands(of: command)))
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// The names within two edits of `word`, or that start with it, nearest first.
    static func nearest(_ word: String, in names: [String]) -> [String] {
        names.map { ($0, distance(word, $0)) }
            .filter { $0.1 <= 2 || ($0.0.hasPrefix(word) && word.count >= 2) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1) }
            }
        }
        return rows[a.count][b.count]
    }
}
