import Clibgit2
import Foundation

/// The blob at one path through many trees (a file's versions along a history), as
/// `Repository.changes` sees the path: a file or a link; nil for nothing there, a folder or
/// a submodule. Each tree is read from its stored bytes, one entry looked for by name, and
/// what each tree on the path leads to is remembered, so a folder that did not change
/// between two versions is not read again (a desk's `tickets/PREFIX` folder changes in a
/// few hundred of its 355 000 commits).
public final class PathLookup {
    let repository: Repository
    private let components: [[UInt8]]
    /// What a tree at a depth of the path leads to (a tree's id fixes everything below it).
    private var known: [Step: ObjectID?] = [:]

    private struct Step: Hashable {
        let depth: Int
        let tree: ObjectID
    }

    /// At most this many trees are remembered (then forgotten all at once).
    private static let memory = 1 << 16

    public init(repository: Repository, path: String) {
        self.repository = repository
        components = path.split(separator: "/").map { Array($0.utf8) }
    }

    /// The blob at the path in `tree`.
    public func blob(inTree tree: ObjectID) throws -> ObjectID? {
        var visited: [Step] = []
        var current = tree
        var found: ObjectID?
        for depth in components.indices {
            let step = Step(depth: depth, tree: current)
            if let answer = known[step] {
                found = answer
                break
            }
            visited.append(step)
            guard let entry = try repository.entry(named: components[depth], inTree: current) else { break }
            if depth == components.count - 1 {
                if entry.type == GIT_OBJECT_BLOB { found = entry.id }
            } else if entry.type == GIT_OBJECT_TREE {
                current = entry.id
                continue
            }
            break
        }
        if known.count + visited.count > Self.memory { known.removeAll(keepingCapacity: true) }
        for step in visited { known[step] = found }
        return found
    }
}

extension Repository {
    /// The entry called `name` in a tree, looked for in the tree's stored bytes (no other
    /// entry's name or id is copied out), nil when there is none.
    func entry(named name: [UInt8], inTree tree: ObjectID) throws -> (id: ObjectID, type: git_object_t)? {
        try withRawTree(tree) { bytes in
            var offset = 0
            while offset < bytes.count {
                let entry = try bytes.treeEntry(at: offset, of: tree)
                if entry.name.count == name.count,
                   name.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress! + entry.name.lowerBound, name.count) }) == 0 {
                    return (bytes.objectID(of: entry), entry.type)
                }
                offset = entry.end
            }
            return nil
        }
    }
}
