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

    /// Shows how far work over many items has come: `[#####     ] 512/2000 label…`.
    static func bar(_ label: String, done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let filled = min(20, done * 20 / total)
        StandardStream.error.write("\u{1B}[2K\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 20 - filled) + "] \(done)/\(total) \(label)…\r")
    }

    /// Shows `label…` while `body` runs longer than a moment, then clears the line; with
    /// `step` of `total`, a bar of how far the whole run has come: `[#####     ] 512/2000`.
    static func during<T>(_ label: Problem, step: Int? = nil, of total: Int? = nil, _ body: () throws -> T) rethrows -> T {
        guard enabled else { return try body() }
        var bar = ""
        if let step, let total, total > 1 {
            let filled = min(20, step * 20 / total)
            bar = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 20 - filled) + "] \(step + 1)/\(total) "
        }
        StandardStream.error.write("\u{1B}[2K\r" + bar + "\(label.text)…\r")
        defer { StandardStream.error.write("\u{1B}[2K\r") }
        return try body()
    }
}
