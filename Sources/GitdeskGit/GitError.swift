import Clibgit2

/// A failure reported by libgit2, or a precondition of the wrapper that did not hold.
public struct GitError: Error, CustomStringConvertible, Equatable {
    /// What the wrapper was doing when libgit2 failed, e.g. "open repository".
    public let operation: String
    /// libgit2's own message (read from `git_error_last` right after the failing call).
    public let message: String
    /// libgit2's return code (negative), or 0 for wrapper-level failures.
    public let code: Int32
    /// What part of git failed, from libgit2's error class: `files`, `index`, `objects`,
    /// `references`, `repository`, `configuration`, `filters` or `git`.
    public let area: String

    public init(operation: String, message: String, code: Int32 = 0, errorClass: Int32 = 0) {
        self.operation = operation
        self.message = message
        self.code = code
        switch git_error_t(rawValue: UInt32(max(0, errorClass))) {
        case GIT_ERROR_OS, GIT_ERROR_FILESYSTEM: area = "files"
        case GIT_ERROR_INDEX: area = "index"
        case GIT_ERROR_ODB, GIT_ERROR_OBJECT, GIT_ERROR_TREE, GIT_ERROR_ZLIB, GIT_ERROR_SHA: area = "objects"
        case GIT_ERROR_REFERENCE: area = "references"
        case GIT_ERROR_REPOSITORY, GIT_ERROR_WORKTREE: area = "repository"
        case GIT_ERROR_CONFIG: area = "configuration"
        case GIT_ERROR_FILTER: area = "filters"
        default: area = "git"
        }
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
    var errorClass: Int32 = 0
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
        errorClass = last.pointee.klass
    }
    throw GitError(operation: operation(), message: message, code: result, errorClass: errorClass)
}
