import Foundation
import GitdeskCore
import GitdeskGit

/// A command whose text output can run longer than a screen: on a terminal it goes through a
/// pager, as `git log` does.
protocol PagedOutput {
    /// False when this run prints something else than text (JSON, a file).
    var pagesText: Bool { get }
}

/// Long output on a terminal through a pager, chosen as git chooses its own:
/// `$GITDESK_PAGER`, else git's `core.pager`, else `$PAGER`, else `less`, with `LESS=FRX`
/// and `LV=-c` unless set (a short output prints and exits as if there were no pager).
/// `cat` or an empty value turns it off; a pipe or a file never gets one.
///
/// The pager is started with `posix_spawn` in gitdesk's own process group, so it is in the
/// terminal's foreground group and may read the keyboard. (Foundation's `Process` puts every
/// child in a group of its own: `less` was stopped by the kernel on its first read and the
/// command hung with a blank screen.) When the reader quits the pager early, the rest of the
/// output is dropped and the command still ends as it would have.
enum Pager {
    nonisolated(unsafe) private static var pager: pid_t = 0

    static func startIfWanted(for command: Any, deskFolder: String?) {
        guard let paged = command as? PagedOutput, paged.pagesText, isatty(STDOUT_FILENO) == 1 else { return }
        let program = chosenProgram(deskFolder: deskFolder)
        guard !program.trimmingCharacters(in: .whitespaces).isEmpty, program != "cat" else { return }
        // Decided by the terminal, before standard output becomes the pager's pipe.
        _ = (Output.colourful, Output.terminalColumns)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        var variables = ProcessInfo.processInfo.environment
        if variables["LESS"] == nil { variables["LESS"] = "FRX" }
        if variables["LV"] == nil { variables["LV"] = "-c" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        let arguments: [UnsafeMutablePointer<CChar>?] = ([String])(["/bin/sh", "-c", program]).map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + environment).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, environment)
        close(ends[0])
        guard spawned == 0 else {
            close(ends[1])
            return
        }
        fflush(stdout)
        dup2(ends[1], STDOUT_FILENO)
        close(ends[1])
        pager = child
        // A reader who quits early closes the pipe: writes then fail (EPIPE) instead of
        // killing the command, which finishes its work (caches, a write) and exits.
        signal(SIGPIPE, SIG_IGN)
        // Ctrl-C reaches the whole foreground group: the pager handles it; gitdesk waits for
        // the pager to end before it dies, so the terminal is left as the pager restores it.
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
            signal(signalNumber) { received in
                close(STDOUT_FILENO)
                if Pager.pager > 0 { var status: Int32 = 0; waitpid(Pager.pager, &status, 0) }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// `$GITDESK_PAGER`, else `core.pager` of the desk's repository (as git reads it), else
    /// `$PAGER`, else `less`.
    static func chosenProgram(deskFolder: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let own = environment["GITDESK_PAGER"] { return own }
        let repository = deskFolder.flatMap { try? Repository.discover(at: $0) }
        if let configured = GitConfiguration(repository: repository, environment: environment).string("core.pager") { return configured }
        return environment["PAGER"] ?? "less"
    }

    /// Hands the rest of the output to the pager and waits until the reader quits it.
    static func finish() {
        guard pager > 0 else { return }
        _ = StandardStream.finish()
        close(STDOUT_FILENO)
        var status: Int32 = 0
        while waitpid(pager, &status, 0) < 0 && errno == EINTR {}
    }
}

extension Gitdesk.List: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.Show: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.Report: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.SLA: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.Remind: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.SearchCommand: PagedOutput { var pagesText: Bool { !output.json } }
extension Gitdesk.AuditCommand: PagedOutput { var pagesText: Bool { !output.json && format != "json" } }
extension Gitdesk.Wiki: PagedOutput { var pagesText: Bool { !output.json && ["text", "md"].contains(format) } }
