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
        @Flag(help: "Check the index (what the next commit holds) instead of the working tree.") var staged = false
        @Flag(help: "Give transaction lines without a ^ID a new one; change nothing else.") var fix = false

        struct Report: Codable {
            let findings: [Finding]
            let fixed: [String: Int]
        }

        func run() throws {
            let store = try desk.open()
            var current = staged ? try store.stagedDesk() : try store.workingDesk()
            var fixed: [String: Int] = [:]
            if fix {
                fixed = try assignIDs(current, store: store)
                if !fixed.isEmpty { current = staged ? try store.stagedDesk() : try store.workingDesk() }
            }
            let seals = try store.seals()
            let sealed = SealGuard(desk: current, seals: seals, sealedStatements: seals.isEmpty ? [:] : store.sealedStatements(seals))
            // The knowledge base asks for it: a done ticket says how it was done.
            let undocumented = current.config.requireServiceComment ? current.sortedTickets.filter { ticket in
                ["done", "closed"].contains(ticket.status) && !ticket.hasServiceComment
            }.map { Finding(file: $0.file, line: $0.document["status"]?.line, "\($0.status) without a service comment: write how it was done in \($0.folder)/service.md") } : []
            let report = Report(findings: (current.findings + sealed.findings() + undocumented).sorted(), fixed: fixed)
            if output.json {
                try Output.json(report)
            } else {
                for (file, count) in fixed.sorted(by: { $0.key < $1.key }) {
                    Output.warn("fixed: \(file): numbered \(count) line\(count == 1 ? "" : "s")")
                }
                for finding in report.findings { Output.line("\(finding)") }
                Output.warn(report.findings.isEmpty ? "The desk is valid." : "\(report.findings.count) problem(s) found.")
            }
            if !report.findings.isEmpty { throw ExitCode.failure }
        }

        /// Numbers lines in every work log and ledger; in `--staged` mode only files whose
        /// working copy equals the staged one, so unstaged edits are never swept in.
        private func assignIDs(_ current: Desk, store: DeskRepository) throws -> [String: Int] {
            var assigner = IDAssigner(existing: current.transactionIDs, generator: SystemRandomNumberGenerator())
            let files = current.tickets.values.map { ($0.workFile, false) } + current.ledgers.values.map { ($0.file, true) }
            var fixed: [String: Int] = [:]
            for (path, isLedger) in files.sorted(by: { $0.0 < $1.0 }) {
                let working = try? String(contentsOfFile: store.root + path, encoding: .utf8)
                let source = staged ? try store.stagedText(path) : working
                guard let source, let (text, count) = assigner.assign(in: source, isLedger: isLedger) else { continue }
                if staged {
                    guard working == source else {
                        Output.warn("not fixed: \(path) has unstaged changes; stage them and commit again")
                        continue
                    }
                    try store.writeAndStage(path, text)
                } else {
                    try text.write(toFile: store.root + path, atomically: true, encoding: .utf8)
                }
                fixed[path] = count
            }
            return fixed
        }
    }
}
