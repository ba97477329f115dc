import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore
import GitdeskWords

// Exit codes (SPEC §2): 0 ok, 1 findings or failure, 2 usage.
DeskRepository.progress = Progress.show
DeskRepository.progressBar = { Progress.bar($0, done: $1, of: $2) }
DeskRepository.warn = Output.warn
let arguments = Array(CommandLine.arguments.dropFirst())

/// False (after saying so) when standard output could not take what the command printed: a
/// full disk, a closed file. A reader who left (quit the pager: EPIPE) is no failure.
func outputWritten() -> Bool {
    guard let failure = StandardStream.finish(), failure != EPIPE else { return true }
    StandardStream.error.write(DeskError.refused(.outputNotWritten(String(cString: strerror(failure)))).description + "\n")
    return false
}
Language.ofThisRun = DeskOptions.languageOfRun(arguments)
if let unknown = Suggestions.unknownCommand(in: arguments, root: Gitdesk.self) {
    let error = DeskError.usage(.unknownCommand(word: unknown.word, path: unknown.path, near: unknown.near))
    StandardStream.error.write(error.description + "\n")
    exit(2)
}
do {
    var command = try Gitdesk.parseAsRoot(arguments)
    Pager.startIfWanted(for: command, deskFolder: DeskOptions.folderOfRun(arguments))
    try command.run()
    DeskRepository.saveCaches()
    Pager.finish()
    exit(outputWritten() ? 0 : 1)
} catch let error as DeskError {
    Pager.finish()
    StandardStream.error.write(error.description + "\n")
    exit(error.exitCode)
} catch let failure as WriteFailure {
    Pager.finish()
    let reason = String(cString: strerror(failure.code))
    let problem: Problem = [ENOSPC, EDQUOT].contains(failure.code) ? .diskFull("\(failure.path): \(reason)") : .fileNotWritten(path: failure.path, reason: reason)
    StandardStream.error.write(DeskError.refused(problem).description + "\n")
    exit(1)
} catch let code as ExitCode {
    DeskRepository.saveCaches()
    Pager.finish()
    exit(outputWritten() ? code.rawValue : 1)
} catch {
    Pager.finish()
    let code = Gitdesk.exitCode(for: error)
    // ArgumentParser's help pages and errors in the run's language, "Error: …" in gitdesk's one style.
    // Completion scripts are code for the shell, never translated.
    let completion = arguments.contains { $0 == "--generate-completion-script" || $0.hasPrefix("---completion") }
    var message = completion ? Gitdesk.fullMessage(for: error) : ParserWords.translated(Gitdesk.fullMessage(for: error))
    if code == .success {
        StandardStream.output.write(message + "\n")
        exit(outputWritten() ? 0 : 1)
    }
    if message.hasPrefix("Error: ") { message = "\(Problem.errorLabel) " + message.dropFirst("Error: ".count) }
    StandardStream.error.write(message + "\n")
    exit(code == .failure ? 1 : 2)
}
