import Foundation
import GitdeskCore
import GitdeskGit

extension DeskRepository {
    /// `body` for every item, on every core; each worker opens its own repository handle
    /// (libgit2 handles are not shared between threads). Results come back in item order;
    /// the first error, in item order, is thrown.
    func parallelMap<Item, Output>(_ items: [Item], _ body: (Repository, Item) throws -> Output) throws -> [Output] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, items.count, 8))
        var results = [Result<Output, Error>?](repeating: nil, count: items.count)
        var next = 0
        let lock = NSLock()
        let gitdir = repository.gitdir
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let handle: Repository
            do { handle = try Repository.discover(at: gitdir) } catch {
                lock.lock()
                if next < items.count { results[next] = .failure(error) }
                next = items.count
                lock.unlock()
                return
            }
            while true {
                lock.lock()
                let index = next
                next += 1
                lock.unlock()
                guard index < items.count else { return }
                let result = Result { try body(handle, items[index]) }
                lock.lock()
                results[index] = result
                lock.unlock()
            }
        }
        return try results.map { result in
            guard let result else { throw DeskError.git("a worker stopped before reading everything") }
            do { return try result.get() } catch let error as GitError { throw DeskError.git(error.description) }
        }
    }
}
