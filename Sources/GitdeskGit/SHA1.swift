import Ccrypto

/// SHA-1, for the checksum that ends a git index file (`IndexTree.patch`), through OpenSSL's
/// libcrypto (which uses the CPU's SHA instructions: 0.04 s for a 67 MB index, against 0.22 s
/// for SHA-1 written in Swift). Not for anything that must resist collisions: git's index
/// names no object by it.
enum SHA1 {
    /// The digest of `bytes`, 20 bytes.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 20)
        let empty: UInt8 = 0
        withUnsafePointer(to: empty) { nothing in
            _ = Ccrypto.SHA1(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? nothing, bytes.count, &digest)
        }
        return digest
    }
}
