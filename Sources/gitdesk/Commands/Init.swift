import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskDemo
import GitdeskStore
import GitdeskTemplates

extension Gitdesk {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new desk: settings, templates, .gitattributes and the pre-commit hook.")

        @Argument(help: "The folder for the desk (created when missing; default: the current folder).")
        var directory: String = FileManager.default.currentDirectoryPath

        @Flag(help: "Fill the desk with a realistic sample desk with three months of history.")
        var demo = false

        func run() throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let store = try DeskRepository(at: directory, create: true)
            if FileManager.default.fileExists(atPath: store.root + "gitdesk.yml") || (try? committedText("gitdesk.yml", in: store)) != nil {
                throw DeskError.refused("\(store.root) is already a desk (gitdesk.yml exists)")
            }
            let files = try DeskTemplates.deskFiles()
            try store.commit(files, message: "gitdesk: new desk", author: demo ? DemoDesk.founder : nil)
            try installHook(in: store)
            if demo {
                var builder = DemoDesk(store: store)
                try builder.build()
            }
            Output.line("Initialised a desk in \(store.root)\(demo ? " with the demo data" : "")")
        }

        /// The pre-commit hook validates what is staged and numbers new transaction lines.
        private func installHook(in store: DeskRepository) throws {
            let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            let hook = """
                #!/bin/sh
                # Installed by gitdesk init: validate the staged desk and give new work and
                # ledger lines their transaction IDs.
                GITDESK="${GITDESK:-gitdesk}"
                command -v "$GITDESK" >/dev/null 2>&1 || GITDESK="\(binary)"
                exec "$GITDESK" check --staged --fix

                """
            let hooks = store.repository.gitdir + "hooks/"
            try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
            try hook.write(toFile: hooks + "pre-commit", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hooks + "pre-commit")
        }
    }
}
