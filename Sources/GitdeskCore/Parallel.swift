import Foundation

extension Array {
    /// `transform` of every element, on every core, in order. `transform` is called from
    /// several threads; each result is stored by the thread that made it.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { results in
            DispatchQueue.concurrentPerform(iterations: count) { index in results[index] = transform(self[index]) }
        }
        return results.compactMap { $0 }
    }
}

/// Renders items `0..<count` on every core, a batch of them per worker at a time, and hands
/// the rendered batches to `write` in item order: for outputs too large to hold at once (a
/// million audited transactions). `render` is called from several threads.
public func renderInOrder(count: Int, batch: Int = 4096, render: (Range<Int>) -> [UInt8], write: ([UInt8]) -> Void) {
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    for start in stride(from: 0, to: count, by: batch * workers) {
        // One slot per worker, each written by its worker alone.
        let parts = UnsafeMutableBufferPointer<[UInt8]>.allocate(capacity: workers)
        parts.initialize(repeating: [])
        defer { parts.deinitialize(); parts.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let from = start + worker * batch, to = min(from + batch, count)
            if from < to { parts[worker] = render(from..<to) }
        }
        for part in parts where !part.isEmpty { write(part) }
    }
}
