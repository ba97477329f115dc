import Foundation
import GitdeskCore
import GitdeskGit

extension DeskRepository {
    /// `body` for every item, on every core; each worker opens its own repository handle
    /// (libgit2 handles are not shared between threads) and takes runs of neighbouring
    /// items, so what one item reads (a parent commit's trees) is still in its handle's
    /// cache for the next. Results come back in item order; the first error, in item
    /// order, is thrown.
    /// `progress`: what to call the work on a progress bar, which then shows how many items are done.
    func parallelMap<Item, Output>(_ items: [Item], progress: String? = nil, _ body: (Repository, Item) throws -> Output) throws -> [Output] {
        try parallelMap(items, progress: progress, worker: { $0 }, body)
    }

    /// The same with per-worker state made from the worker's repository handle (a cache of
    /// what its neighbouring items share).
    func parallelMap<Item, Worker, Output>(_ items: [Item], progress: String? = nil, worker makeWorker: (Repository) -> Worker,
                                           _ body: (Worker, Item) throws -> Output) throws -> [Output] {
        var done = 0, shown = Date.distantPast
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count, 8))
        var results = [Result<Output, Error>?](repeating: nil, count: items.count)
        let run = max(1, min(1024, items.count / (workers * 8)))
        var next = 0
        let lock = NSLock()
        let gitdir = repository.gitdir
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let worker: Worker
            do { worker = makeWorker(try Repository.discover(at: gitdir)) } catch {
                lock.lock()
                if next < items.count { results[next] = .failure(error) }
                next = items.count
                lock.unlock()
                return
            }
            while true {
                lock.lock()
                let start = next
                next += run
                lock.unlock()
                guard start < items.count else { return }
                let range = start..<min(start + run, items.count)
                let finished = range.map { index in Result { try body(worker, items[index]) } }
                lock.lock()
                for (index, result) in zip(range, finished) { results[index] = result }
                if let progress {
                    done += range.count
                    // A few times a second at most: the bar is for a person.
                    if Date().timeIntervalSince(shown) > 0.2 {
                        shown = Date()
                        Self.progressBar(progress, done, items.count)
                    }
                }
                lock.unlock()
            }
        }
        return try results.map { result in
            guard let result else { throw DeskError.git(.workerStopped) }
            do { return try result.get() } catch let error as GitError { throw DeskError.git(DeskRepository.problem(error)) }
        }
    }
}
