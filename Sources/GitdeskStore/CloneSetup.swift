import Foundation
import GitdeskCore
import GitdeskGit

/// What every clone of a desk needs besides its files, none of which git clones: the hooks
/// (`pre-commit` checks and numbers what is committed, `post-commit` tidies the index after
/// `git commit PATH`, `post-merge` and `post-rewrite` check what a merge or rebase made) and
/// the merge driver that merges transaction files by `^ID` (`.gitattributes` names it).
///
/// Hooks and driver call `hooks/gitdesk-run`, which finds the binary: `$GITDESK` when set,
/// else the binary that set the clone up, else `gitdesk` on `PATH` — so a GUI git client
/// without gitdesk on its `PATH` still runs the checks. A user's own hook is kept as
/// `HOOK.local` and run first.
public struct CloneSetup {
    public static let hooks = ["pre-commit", "post-commit", "post-merge", "post-rewrite"]
    static let hookMarker = "# gitdesk hook v1"
    static let runnerMarker = "# gitdesk runner v1"
    /// What hooks of earlier versions of gitdesk said, so they are replaced, not chained.
    static let earlierMarkers = ["Installed by gitdesk init"]
    static let mergeDriver = "merge.gitdesk.driver"

    let repository: Repository

    public init(store: DeskRepository) { repository = store.repository }

    /// Where git looks for hooks: `core.hooksPath` when set, else the shared `.git/hooks/`.
    var hooksFolder: String {
        guard let configured = repository.configValue("core.hooksPath"), !configured.isEmpty else {
            return repository.commonDirectory + "hooks/"
        }
        let path = configured.hasPrefix("/") ? configured : (repository.workdir ?? repository.commonDirectory) + configured
        return path.hasSuffix("/") ? path : path + "/"
    }

    var runnerPath: String { hooksFolder + "gitdesk-run" }

    /// The merge driver's command line as git runs it (`%O %A %B` the three versions,
    /// `%L` the conflict marker size, `%P` the path).
    var driverCommand: String { "'\(runnerPath)' merge-lines %O %A %B %L %P" }

    /// What this clone lacks, in words; empty when it is set up.
    public func missing() -> [Text] {
        var missing: [Text] = []
        let fileManager = FileManager.default
        let runner = try? String(contentsOfFile: runnerPath, encoding: .utf8)
        if runner?.contains(Self.runnerMarker) != true || !fileManager.isExecutableFile(atPath: runnerPath) {
            missing.append(Text(verbatim: "hooks/gitdesk-run"))
        }
        for name in Self.hooks {
            let text = try? String(contentsOfFile: hooksFolder + name, encoding: .utf8)
            if text?.contains(Self.hookMarker) != true || !fileManager.isExecutableFile(atPath: hooksFolder + name) {
                missing.append(Problem.hookName(name).text)
            }
        }
        if repository.configValue(Self.mergeDriver) != driverCommand { missing.append(Problem.mergeDriverName.text) }
        return missing
    }

    /// Installs what is missing (idempotent; no tracked file changes) and says what it did.
    /// `binary` is the gitdesk executable to remember.
    public func install(binary: String) throws -> [Text] {
        var done: [Text] = []
        let folder = hooksFolder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if try write(runner(binary: binary), to: runnerPath) { done.append(Problem.wroteRunner(path: runnerPath, binary: binary).text) }
        for name in Self.hooks {
            let path = folder + name
            let existing = try? String(contentsOfFile: path, encoding: .utf8)
            if let existing, !existing.contains(Self.hookMarker), !Self.earlierMarkers.contains(where: existing.contains) {
                let kept = path + ".local"
                guard !FileManager.default.fileExists(atPath: kept) else {
                    throw DeskError.refused(.hookNotChained(path: path, kept: kept))
                }
                try FileManager.default.moveItem(atPath: path, toPath: kept)
                done.append(Problem.keptHook(name).text)
            }
            if try write(hook(name), to: path) { done.append(Problem.installedHook(name).text) }
        }
        if repository.configValue(Self.mergeDriver) != driverCommand {
            try repository.setLocalConfig("merge.gitdesk.name", "gitdesk: transaction lines merged by ^ID")
            try repository.setLocalConfig(Self.mergeDriver, driverCommand)
            done.append(Problem.configuredMergeDriver.text)
        }
        return done
    }

    /// Writes an executable script unless it already holds exactly `text`; true when written.
    private func write(_ text: String, to path: String) throws -> Bool {
        let manager = FileManager.default
        if (try? String(contentsOfFile: path, encoding: .utf8)) == text, manager.isExecutableFile(atPath: path) { return false }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return true
    }

    private func hook(_ name: String) -> String {
        // post-rewrite reads the rewritten commits on its standard input: the user's hook
        // gets it, gitdesk does not need it.
        """
        #!/bin/sh
        \(Self.hookMarker): installed by 'gitdesk init'; run it again to refresh this file.
        # Your own \(name) hook, if you had one, is \(name).local and runs first.
        hooks=$(dirname "$0")
        if [ -x "$hooks/\(name).local" ]; then
          "$hooks/\(name).local" "$@" || exit $?
        fi
        exec "$hooks/gitdesk-run" hook \(name) "$@" </dev/null

        """
    }

    private func runner(binary: String) -> String {
        """
        #!/bin/sh
        \(Self.runnerMarker): installed by 'gitdesk init'; run it again to refresh this file.
        # Runs gitdesk for the hooks and the merge driver: $GITDESK when set, else the binary
        # that set this clone up, else gitdesk on PATH (GUI git clients often have a short PATH).
        installed='\(binary.replacingOccurrences(of: "'", with: "'\\''"))'
        for candidate in "${GITDESK:-}" "$installed" "$(command -v gitdesk 2>/dev/null)"; do
          if [ -n "$candidate" ] && [ -x "$candidate" ]; then exec "$candidate" "$@"; fi
        done
        echo "gitdesk: cannot find the gitdesk binary: GITDESK is not set, $installed is gone and gitdesk is not on PATH" >&2
        echo "hint: set GITDESK=/path/to/gitdesk, or run 'gitdesk init' in this clone with the gitdesk you use ('git commit --no-verify' skips the check)" >&2
        exit 1

        """
    }
}
