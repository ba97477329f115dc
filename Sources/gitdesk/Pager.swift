import Foundation

/// A command whose text output can run longer than a screen: on a terminal it goes through a
/// pager, as `git log` does.
protocol PagedOutput {
    /// False when this run prints something else than text (JSON, a file).
    var pagesText: Bool { get }
}

/// Long output on a terminal through `$GITDESK_PAGER`, else `$PAGER`, else `less` (with
/// `LESS=FRX` unless set, so a short output prints and exits as if there were no pager).
/// `cat` or an empty value turns it off; a pipe or a file never gets one.
enum Pager {
    nonisolated(unsafe) private static var pager: Process?

    static func startIfWanted(for command: Any) {
        guard let paged = command as? PagedOutput, paged.pagesText, isatty(STDOUT_FILENO) == 1 else { return }
        let environment = ProcessInfo.processInfo.environment
        let program = environment["GITDESK_PAGER"] ?? environment["PAGER"] ?? "less"
        guard !program.trimmingCharacters(in: .whitespaces).isEmpty, program != "cat" else { return }
        _ = Output.colourful  // decided by the terminal, before standard output becomes the pager's pipe
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", program]
        process.standardInput = pipe
        var variables = environment
        if variables["LESS"] == nil { variables["LESS"] = "FRX" }
        process.environment = variables
        do { try process.run() } catch { return }
        fflush(stdout)
        dup2(pipe.fileHandleForWriting.fileDescriptor, STDOUT_FILENO)
        try? pipe.fileHandleForWriting.close()
        pager = process
    }

    /// Hands the rest of the output to the pager and waits until the reader quits it.
    static func finish() {
        guard let process = pager else { return }
        pager = nil
        fflush(stdout)
        close(STDOUT_FILENO)
        process.waitUntilExit()
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
