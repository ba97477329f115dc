import Foundation
import GitdeskCore

/// Progress on standard error, on a terminal only: silent in pipes, under `--json` and in CI.
enum Progress {
    static var enabled: Bool { isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil }

    /// Shows `label…`, or clears the line for an empty label.
    static func show(_ label: String) {
        guard enabled else { return }
        StandardStream.error.write(label.isEmpty ? "\u{1B}[2K\r" : "\(label)…\r")
    }

    /// Shows `label…` while `body` runs longer than a moment, then clears the line.
    static func during<T>(_ label: Problem, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        StandardStream.error.write("\(label.text)…\r")
        defer { StandardStream.error.write("\u{1B}[2K\r") }
        return try body()
    }
}
