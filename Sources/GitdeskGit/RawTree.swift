import Clibgit2
import Foundation

/// One entry of a tree object as git stores it, `MODE NAME\0` and 20 bytes of id, read in
/// place from the object's bytes: a diff of two versions of a large tree (a desk's
/// `tickets/`, one entry per client) then compares bytes where they differ instead of
/// building libgit2's parsed tree of every version.
struct RawTreeEntry {
    let mode: UInt32
    let name: Range<Int>
    /// Where the 20 bytes of the id begin.
    let id: Int
    var end: Int { id + 20 }

    /// libgit2's reading of the mode (`git_tree_entry_type`).
    var type: git_object_t {
        switch mode & 0o170000 {
        case 0o160000: GIT_OBJECT_COMMIT
        case 0o040000: GIT_OBJECT_TREE
        default: GIT_OBJECT_BLOB
        }
    }
}

extension UnsafeRawBufferPointer {
    /// The tree entry that starts at `offset`; a damaged one (no octal mode, no name, no NUL,
    /// an id cut short) is an error, as libgit2's own parse makes it.
    func treeEntry(at offset: Int, of tree: ObjectID) throws -> RawTreeEntry {
        var position = offset, mode: UInt32 = 0
        while position < count, self[position] != UInt8(ascii: " ") {
            let digit = self[position] &- UInt8(ascii: "0")
            guard digit < 8, position - offset < 7 else { throw damaged(tree) }
            mode = mode << 3 | UInt32(digit)
            position += 1
        }
        guard position > offset, position < count, mode <= UInt32(UInt16.max) else { throw damaged(tree) }
        let nameStart = position + 1
        guard let terminator = self.offset(of: 0, in: nameStart..<count),
              terminator > nameStart, terminator + 21 <= count else { throw damaged(tree) }
        return RawTreeEntry(mode: mode, name: nameStart..<terminator, id: terminator + 1)
    }

    /// The offset of the first `byte` within `range` (found by `memchr`), nil when there is none.
    func offset(of byte: UInt8, in range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.upperBound <= count, let base = baseAddress,
              let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    func objectID(of entry: RawTreeEntry) -> ObjectID {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: self[entry.id..<entry.end])) }
        return ObjectID(oid)
    }

    func name(of entry: RawTreeEntry) -> String { String(decoding: self[entry.name], as: UTF8.self) }

    /// How many bytes this buffer and `other` begin with alike (compared eight at a time).
    func commonPrefix(with other: UnsafeRawBufferPointer) -> Int {
        let limit = Swift.min(count, other.count)
        var length = 0
        while length + 8 <= limit,
              loadUnaligned(fromByteOffset: length, as: UInt64.self) == other.loadUnaligned(fromByteOffset: length, as: UInt64.self) {
            length += 8
        }
        while length < limit, self[length] == other[length] { length += 1 }
        return length
    }

    /// How many bytes this buffer and `other` end with alike, at most `limit`.
    func commonSuffix(with other: UnsafeRawBufferPointer, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit,
              loadUnaligned(fromByteOffset: count - length - 8, as: UInt64.self)
                == other.loadUnaligned(fromByteOffset: other.count - length - 8, as: UInt64.self) {
            length += 8
        }
        while length < limit, self[count - length - 1] == other[other.count - length - 1] { length += 1 }
        return length
    }

    /// git's order of tree entries (`git_tree_entry_cmp`): names byte by byte, a folder's
    /// name as if it ended in `/`.
    func compare(_ entry: RawTreeEntry, with other: RawTreeEntry, in otherTree: UnsafeRawBufferPointer) -> Int {
        let length = Swift.min(entry.name.count, other.name.count)
        for offset in 0..<length {
            let a = self[entry.name.lowerBound + offset], b = otherTree[other.name.lowerBound + offset]
            if a != b { return a < b ? -1 : 1 }
        }
        func next(_ e: RawTreeEntry, _ tree: UnsafeRawBufferPointer) -> UInt8 {
            e.name.count > length ? tree[e.name.lowerBound + length] : e.type == GIT_OBJECT_TREE ? UInt8(ascii: "/") : 0
        }
        let a = next(entry, self), b = next(other, otherTree)
        return a == b ? 0 : a < b ? -1 : 1
    }

    private func damaged(_ tree: ObjectID) -> GitError {
        GitError(operation: "read tree \(tree.short)", message: "the tree object is damaged")
    }
}
