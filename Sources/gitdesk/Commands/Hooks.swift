import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore

extension Gitdesk {
    /// What the git hooks installed by `init` run.
    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run one of the git hooks gitdesk installs (pre-commit, post-commit, post-merge, post-rewrite).",
            discussion: """
                pre-commit checks what is being committed and numbers new work and ledger lines in it;
                post-commit tidies the index after 'git commit PATH'; post-merge and post-rewrite check
                the desk a merge or a rebase made and say what to fix.

                Examples:
                  gitdesk init                  (installs the hooks in this clone)
                  gitdesk hook pre-commit       (what git runs before 'git commit -am ...')
                """)

        @OptionGroup var desk: DeskOptions
        @Argument(help: "pre-commit, post-commit, post-merge or post-rewrite.") var name: String
        @Argument(parsing: .captureForPassthrough, help: "What git passes the hook (ignored).") var gitArguments: [String] = []

        func run() throws {
            let store = try desk.open(warnIfNotSetUp: false, fromEnvironment: false)
            let check = DeskCheck(store: store, json: false)
            switch name {
            case "pre-commit":
                try check.run(.commit)
            case "post-commit":
                try StagedDesk.finishCommit(store)
            case "post-merge", "post-rewrite":
                // The merge is made: say what to fix, never fail it.
                do {
                    try check.run(.head)
                } catch is ExitCode {
                    Output.warn(.warningLabel, .problemsAfterMerge(merge: name == "post-merge"))
                }
            default:
                throw DeskError.usage(.unknownHook(name))
            }
        }
    }

    /// The merge driver for work logs, ledgers and disputes (`.gitattributes`: `merge=gitdesk`).
    struct MergeLines: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge-lines",
            abstract: "Merge a transaction file by its lines' IDs (git runs this as the merge driver).",
            discussion: """
                Lines added on both sides are kept; a line changed on one side takes the change; the
                same ^ID changed differently on both sides, or changed on one and deleted on the other,
                is a conflict written with git's markers, and the exit status is 1.

                Examples:
                  gitdesk init                  (registers the driver in this clone's .git/config)
                  git merge origin/main         (runs 'gitdesk merge-lines %O %A %B %L %P' per work log)
                """)

        @Argument(help: "The common ancestor's version (%O).") var base: String
        @Argument(help: "Our version (%A); the result is written here.") var ours: String
        @Argument(help: "Their version (%B).") var theirs: String
        @Argument(help: "The conflict marker size (%L).") var markerSize: Int = 7
        @Argument(help: "The file's path in the desk (%P).") var path: String = ""

        func run() throws {
            func text(_ file: String) throws -> String {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
                    throw DeskError.refused(.mergeNotUTF8(path.isEmpty ? file : path))
                }
                return text
            }
            let kind = TransactionFile(path: path) ?? .work
            let merge = LineMerge(base: try text(base), ours: try text(ours), theirs: try text(theirs), file: kind,
                                  markerSize: max(1, min(markerSize, 100)))
            try Data(merge.text.utf8).write(to: URL(fileURLWithPath: ours))
            if merge.conflicts > 0 {
                Output.warn(Problem.lineConflicts(file: path, count: merge.conflicts).text.description)
                throw ExitCode.failure
            }
        }
    }
}
