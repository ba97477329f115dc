import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

extension Gitdesk {
    /// What the git hooks installed by `init` run.
    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Help.runOneGitHooksGitdesk.text,
            discussion: Help.hookNotes.text + "\n\n" + Help.examples([
                ("gitdesk init", .exampleInstallsHooks), ("gitdesk hook pre-commit", .exampleWhatGitRunsBeforeCommit),
            ]))

        @OptionGroup var desk: DeskOptions
        @Argument(help: .of(.preCommitPostCommitPost)) var name: String
        @Argument(parsing: .captureForPassthrough, help: .of(.whatGitPassesHookIgnored)) var gitArguments: [String] = []

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
            abstract: Help.mergeTransactionFileLinesIDs.text,
            discussion: Help.mergeLinesNotes.text + "\n\n" + Help.examples([
                ("gitdesk init", .exampleRegistersDriver), ("git merge origin/main", .exampleRunsDriverPerLog),
            ]))

        @Argument(help: .of(.commonAncestorsVersionO)) var base: String
        @Argument(help: .of(.ourVersionResultWrittenHere)) var ours: String
        @Argument(help: .of(.theirVersionB)) var theirs: String
        @Argument(help: .of(.conflictMarkerSizeL)) var markerSize: Int = 7
        @Argument(help: .of(.filesPathDeskP)) var path: String = ""

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
                Output.warn("\(Problem.lineConflicts(file: path, count: merge.conflicts))")
                throw ExitCode.failure
            }
        }
    }
}
