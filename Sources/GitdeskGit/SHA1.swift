/// SHA-1 (FIPS 180-4), for the checksum that ends a git index file (`IndexPatch`). Not for
/// anything that must resist collisions: git's index names no object by it. Written here
/// because libgit2 does not export its hash and the index is the only thing gitdesk hashes
/// this way.
enum SHA1 {
    /// The digest of `bytes`, 20 bytes.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        // The message schedule, allocated once for every block.
        let w = UnsafeMutablePointer<UInt32>.allocate(capacity: 80)
        defer { w.deallocate() }
        let whole = bytes.count / 64 * 64
        var offset = 0
        while offset < whole {
            compress(&h, UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 64]), w)
            offset += 64
        }
        // The rest, the 0x80 marker, zeros and the length in bits: one or two more blocks.
        var tail = [UInt8](bytes[whole...])
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bits = UInt64(bytes.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        tail.withUnsafeBytes { block in
            for start in stride(from: 0, to: block.count, by: 64) { compress(&h, UnsafeRawBufferPointer(rebasing: block[start..<start + 64]), w) }
        }
        return [h.0, h.1, h.2, h.3, h.4].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }

    private static func compress(_ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32), _ block: UnsafeRawBufferPointer,
                                 _ w: UnsafeMutablePointer<UInt32>) {
        for i in 0..<16 { w[i] = block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).bigEndian }
        for i in 16..<80 {
            let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
            w[i] = x << 1 | x >> 31
        }
        var (a, b, c, d, e) = h
        // Four rounds of twenty steps, each with its own function and constant (no branch per step).
        @inline(__always) func step(_ f: UInt32, _ k: UInt32, _ word: UInt32) {
            let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
            e = d; d = c; c = b << 30 | b >> 2; b = a; a = t
        }
        for i in 0..<20 { step((b & c) | (~b & d), 0x5A82_7999, w[i]) }
        for i in 20..<40 { step(b ^ c ^ d, 0x6ED9_EBA1, w[i]) }
        for i in 40..<60 { step((b & c) | (b & d) | (c & d), 0x8F1B_BCDC, w[i]) }
        for i in 60..<80 { step(b ^ c ^ d, 0xCA62_C1D6, w[i]) }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
