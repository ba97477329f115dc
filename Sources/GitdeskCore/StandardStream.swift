import Foundation

/// Standard output and standard error written with `write(2)`: Foundation's
/// `FileHandle.write(_:)` traps on a full disk or a closed pipe, which ended a whole command
/// (and its clean-up) with exit 132. Here a failed write is remembered, the rest of the
/// output is dropped, and the executable reports it once at the end (`failure`).
public enum StandardStream: Sendable {
    case output, error

    private var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }

    /// The first error a write to standard output met (`errno`), if any.
    nonisolated(unsafe) private static var failure: Int32?

    /// Writes all of `bytes`, after what `print` buffered so far.
    public func write(_ bytes: some ContiguousBytes) {
        if self == .output, Self.failure != nil { return }
        fflush(stdout)
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + done, raw.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    if self == .output { Self.failure = errno }
                    return
                }
                done += written
            }
        }
    }

    /// Writes a text as UTF-8.
    public func write(_ text: String) { write(Data(text.utf8)) }

    /// Flushes what `print` buffered and returns the first error any write to standard
    /// output met (`print` writes through the C library, which only remembers it).
    public static func finish() -> Int32? {
        if fflush(stdout) != 0 || ferror(stdout) != 0, failure == nil { failure = errno == 0 ? EIO : errno }
        return failure
    }
}
