import ArgumentParser
import Foundation
import GitdeskCore

// Exit codes (SPEC §2): 0 ok, 1 findings or failure, 2 usage.
do {
    var command = try Gitdesk.parseAsRoot()
    try command.run()
} catch let error as DeskError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(error.exitCode)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Gitdesk.exitCode(for: error)
    if code == .success { Gitdesk.exit(withError: error) }
    FileHandle.standardError.write(Data((Gitdesk.fullMessage(for: error) + "\n").utf8))
    exit(code == .failure ? 1 : 2)
}
