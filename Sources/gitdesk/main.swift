import ArgumentParser
import Foundation
import GitdeskCore
import GitdeskStore

// Exit codes (SPEC §2): 0 ok, 1 findings or failure, 2 usage.
DeskRepository.progress = Progress.show
DeskRepository.warn = Output.warn
do {
    var command = try Gitdesk.parseAsRoot()
    try command.run()
    DeskRepository.saveCaches()
    fflush(stdout)
    exit(0)
} catch let error as DeskError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(error.exitCode)
} catch let code as ExitCode {
    DeskRepository.saveCaches()
    fflush(stdout)
    exit(code.rawValue)
} catch {
    let code = Gitdesk.exitCode(for: error)
    if code == .success { Gitdesk.exit(withError: error) }
    FileHandle.standardError.write(Data((Gitdesk.fullMessage(for: error) + "\n").utf8))
    exit(code == .failure ? 1 : 2)
}
