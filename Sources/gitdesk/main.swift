import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore

// Exit codes (SPEC §2): 0 ok, 1 findings or failure, 2 usage.
DeskRepository.progress = Progress.show
DeskRepository.warn = Output.warn
let arguments = Array(CommandLine.arguments.dropFirst())
Language.ofThisRun = DeskOptions.languageOfRun(arguments)
if let unknown = Suggestions.unknownCommand(in: arguments, root: Gitdesk.self) {
    let error = DeskError.usage(.unknownCommand(word: unknown.word, path: unknown.path, near: unknown.near))
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(2)
}
do {
    var command = try Gitdesk.parseAsRoot(arguments)
    Pager.startIfWanted(for: command)
    try command.run()
    DeskRepository.saveCaches()
    Pager.finish()
    exit(0)
} catch let error as DeskError {
    Pager.finish()
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(error.exitCode)
} catch let code as ExitCode {
    DeskRepository.saveCaches()
    Pager.finish()
    exit(code.rawValue)
} catch {
    Pager.finish()
    let code = Gitdesk.exitCode(for: error)
    if code == .success { Gitdesk.exit(withError: error) }
    // ArgumentParser's "Error: …" in gitdesk's one style.
    var message = Gitdesk.fullMessage(for: error)
    if message.hasPrefix("Error: ") { message = "\(Problem.errorLabel) " + message.dropFirst("Error: ".count) }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code == .failure ? 1 : 2)
}
