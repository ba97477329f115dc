import ArgumentParser
import Foundation
import GitdeskAudit
import GitdeskCore
import GitdeskStore

extension Gitdesk {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the whole desk (the working tree, or what is staged); exit 1 on findings.")

        @OptionGroup var desk: DeskOptions
        @OptionGroup var output: OutputOptions
        @Flag(help: "Check what the next commit holds (in a git hook: the index git is committing) instead of the working tree.")
        var staged = false
        @Flag(help: "Give transaction lines without a ^ID a new one; change nothing else.") var fix = false

        func run() throws {
            let store = try desk.open(warnIfNotSetUp: !staged)
            try DeskCheck(store: store, json: output.json).run(staged ? .staged(fix: fix) : .workingTree(fix: fix))
        }
    }
}

/// The checks of `check`, the pre-commit hook and the post-merge hook.
struct DeskCheck {
    let store: DeskRepository
    let json: Bool

    /// Which desk is checked.
    enum Target {
        /// The working tree, with uncommitted edits.
        case workingTree(fix: Bool)
        /// What the next commit holds; `fix` numbers new lines in it.
        case staged(fix: Bool)
        /// The commit HEAD names (after a merge or a rebase).
        case head
    }

    struct Report: Codable {
        let findings: [Finding]
        let fixed: [String: Int]
    }

    /// Prints the findings; throws a failure exit when there are any.
    func run(_ target: Target) throws {
        let (current, fixed, extra) = try load(target)
        let seals = try store.seals()
        let sealed = SealGuard(desk: current, seals: seals, sealedStatements: seals.isEmpty ? [:] : store.sealedStatements(seals))
        // The knowledge base asks for it: a done ticket says how it was done.
        let undocumented = current.config.requireServiceComment ? current.sortedTickets.filter { ticket in
            ["done", "closed"].contains(ticket.status) && !ticket.hasServiceComment
        }.map { Finding(file: $0.file, line: $0.document["status"]?.line, "\($0.status) without a service comment: write how it was done in \($0.folder)/service.md") } : []
        let report = Report(findings: (current.findings + sealed.findings() + undocumented + extra).sorted(), fixed: fixed)
        if json {
            try Output.json(report)
        } else {
            for (file, count) in fixed.sorted(by: { $0.key < $1.key }) {
                Output.warn("fixed: \(file): numbered \(count) line\(count == 1 ? "" : "s")")
            }
            for finding in report.findings { Output.line("\(finding)") }
            let unguarded = current.clients.values.filter { $0.siteToken == nil }.map(\.slug).sorted()
            if !unguarded.isEmpty {
                Output.warn("""
                    warning: \(unguarded.count) client(s) have no site token, so their site folder is their guessable name: \(unguarded.prefix(5).joined(separator: ", "))\(unguarded.count > 5 ? ", …" : "")
                    hint: gitdesk client token rotate CLIENT
                    """)
            }
            Output.warn(report.findings.isEmpty ? "The desk is valid." : "\(report.findings.count) problem(s) found.")
        }
        if !report.findings.isEmpty { throw ExitCode.failure }
    }

    /// The desk checked, the lines numbered per file, and findings about the files that are
    /// not part of the desk model (links and submodules staged for the commit).
    private func load(_ target: Target) throws -> (Desk, [String: Int], [Finding]) {
        switch target {
        case .head:
            return (try store.desk(), [:], [])
        case .staged(let fix):
            let staged = try StagedDesk(store: store)
            let current = try staged.desk()
            guard fix else { return (current, [:], staged.entryFindings) }
            let fixed = try staged.assignIDs(existing: current.transactionIDs)
            return (fixed.isEmpty ? current : try staged.desk(), fixed, staged.entryFindings)
        case .workingTree(let fix):
            let current = try store.workingDesk()
            guard fix else { return (current, [:], []) }
            let fixed = try numberWorkingFiles(current)
            return (fixed.isEmpty ? current : try store.workingDesk(), fixed, [])
        }
    }

    /// Numbers lines in every work log and ledger of the working tree.
    private func numberWorkingFiles(_ current: Desk) throws -> [String: Int] {
        var assigner = IDAssigner(existing: current.transactionIDs, generator: SystemRandomNumberGenerator())
        let files = current.tickets.values.map { ($0.workFile, false) } + current.ledgers.values.map { ($0.file, true) }
        var fixed: [String: Int] = [:]
        for (path, isLedger) in files.sorted(by: { $0.0 < $1.0 }) {
            // A link is a finding, never rewritten into a copy of what it points at.
            guard !SymbolicLinks.isLink(store.root + path),
                  let source = try? String(contentsOfFile: store.root + path, encoding: .utf8),
                  let (text, count) = assigner.assign(in: source, isLedger: isLedger) else { continue }
            try text.write(toFile: store.root + path, atomically: true, encoding: .utf8)
            fixed[path] = count
        }
        return fixed
    }
}
