import Clibgit2

/// A failure reported by libgit2, or a precondition of the wrapper that did not hold.
public struct GitError: Error, CustomStringConvertible, Equatable {
    /// What the wrapper was doing when libgit2 failed, e.g. "open repository".
    public let operation: String
    /// libgit2's own message (read from `git_error_last` right after the failing call).
    public let message: String
    /// libgit2's return code (negative), or 0 for wrapper-level failures.
    public let code: Int32

    public init(operation: String, message: String, code: Int32 = 0) {
        self.operation = operation
        self.message = message
        self.code = code
    }

    public var description: String { "git: \(operation): \(message)" }

    /// True when libgit2 said the object or reference does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
}

/// Runs a libgit2 call and turns a negative result into a `GitError`, reading the
/// thread-local error message at once.
@discardableResult
func check(_ operation: @autoclosure () -> String, _ result: Int32) throws -> Int32 {
    guard result < 0 else { return result }
    var message = "unknown error"
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    throw GitError(operation: operation(), message: message, code: result)
}
