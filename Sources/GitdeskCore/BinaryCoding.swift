import Foundation

/// The one file format of the desk index (`DeskIndex`, `.git/gitdesk/index/`): varints and
/// length-prefixed UTF-8, sealed by a checksum. Much faster than JSON for millions of small records, and a part
/// that fails to decode is simply rebuilt.
public struct BinaryWriter {
    private var bytes: [UInt8] = []
    public var data: Data { Data(bytes) }
    /// Everything written so far (the magic included).
    public var bytesWritten: [UInt8] { bytes }

    /// `capacity`: the bytes to reserve, for a writer of many small records.
    public init(magic: String, capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: magic.utf8)
    }

    public mutating func int(_ value: Int) {
        var v = UInt64(bitPattern: Int64(value)) << 1 ^ UInt64(bitPattern: Int64(value) >> 63)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 {
            int($0.count)
            bytes.append(contentsOf: $0)
        }
    }

    public mutating func optionalString(_ value: String?) {
        int(value == nil ? 0 : 1)
        if let value { string(value) }
    }

    /// A length and then `encoded` bytes as they are (a record copied from a reader).
    public mutating func lengthPrefixed(_ encoded: ArraySlice<UInt8>) {
        int(encoded.count)
        bytes.append(contentsOf: encoded)
    }

    /// What was written as one record: its length, its bytes (magic excluded), and their
    /// checksum (read back with `BinaryReader.checkedRecord`).
    public var framed: Data {
        var data = Data()
        writeFramed { data.append($0) }
        return data
    }

    /// Everything written, followed by its checksum (read back with `BinaryReader(sealed:magic:)`):
    /// a flipped bit anywhere in the file is caught before anything in it is believed.
    /// The writer is finished by it (its bytes are moved, not copied: caches run to hundreds
    /// of megabytes).
    public mutating func sealed() -> Data {
        checksum(of: bytes[...])
        return data
    }

    /// What `framed` holds, handed to `write` in parts instead of copied into one value (a
    /// history of a million lines is hundreds of megabytes).
    public func writeFramed(_ write: (Data) -> Void) {
        var length = BinaryWriter(magic: "", capacity: 16)
        length.int(bytes.count)
        write(Data(length.bytes))
        for start in stride(from: 0, to: bytes.count, by: 1 << 24) { write(Data(bytes[start..<min(start + (1 << 24), bytes.count)])) }
        var value = bytes.withUnsafeBytes { Checksum.of($0) }
        write(withUnsafeBytes(of: &value) { Data($0) })
    }

    private mutating func checksum(of part: ArraySlice<UInt8>) {
        var value = part.withUnsafeBytes { Checksum.of($0) }
        withUnsafeBytes(of: &value) { bytes.append(contentsOf: $0) }
    }

    /// A length and then what `body` writes, so a reader can skip the record unread.
    public mutating func lengthPrefixed(_ body: (inout BinaryWriter) -> Void) {
        var record = BinaryWriter(magic: "")
        body(&record)
        lengthPrefixed(record.bytes[...])
    }
}

/// Reads what `BinaryWriter` wrote; every read throws on truncated or foreign data.
public struct BinaryReader {
    /// The whole file; readers of its records share it (arrays are copied on write only).
    public let bytes: [UInt8]
    private var position = 0
    private let end: Int

    public struct Corrupt: Error { public init() {} }

    public init(_ bytes: [UInt8], magic: String) throws {
        self.bytes = bytes
        end = bytes.count
        let header = Array(magic.utf8)
        guard bytes.count >= header.count, Array(bytes[0..<header.count]) == header else { throw Corrupt() }
        position = header.count
    }

    /// Reads a file written from `BinaryWriter.sealed`, refusing it unless its checksum holds.
    public init(sealed bytes: [UInt8], magic: String) throws {
        let header = Array(magic.utf8)
        guard bytes.count >= header.count + 8, Array(bytes[0..<header.count]) == header,
              Self.checksum(bytes, at: bytes.count - 8) == bytes.withUnsafeBytes({ Checksum.of(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) })
        else { throw Corrupt() }
        self.bytes = bytes
        end = bytes.count - 8
        position = header.count
    }

    private static func checksum(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
    }

    /// Skips a record written by `BinaryWriter.framed`, returning where its bytes lie; throws
    /// unless its checksum holds.
    public mutating func checkedRecord() throws -> Range<Int> {
        let range = try record()
        guard position + 8 <= end, Self.checksum(bytes, at: position) == bytes.withUnsafeBytes({ Checksum.of(UnsafeRawBufferPointer(rebasing: $0[range])) })
        else { throw Corrupt() }
        position += 8
        return range
    }

    /// A reader of one record within bytes read before (see `record()`).
    public init(bytes: [UInt8], record: Range<Int>) {
        self.bytes = bytes
        position = record.lowerBound
        end = record.upperBound
    }

    public var atEnd: Bool { position >= end }

    /// Where the next read starts.
    public var offset: Int { position }

    /// Skips a record written by `lengthPrefixed`, returning where its bytes lie.
    public mutating func record() throws -> Range<Int> {
        let count = try int()
        guard count >= 0, position + count <= end else { throw Corrupt() }
        defer { position += count }
        return position..<position + count
    }

    /// A running total of stored differences, refusing one that overflows (a damaged file).
    public static func adding(_ difference: Int, to total: Int) throws -> Int {
        let (sum, overflow) = total.addingReportingOverflow(difference)
        if overflow { throw Corrupt() }
        return sum
    }

    public mutating func int() throws -> Int {
        try bytes.withUnsafeBytes { try readVarint($0, at: &position, end: end) }
    }

    /// A count of items that follow: never negative, never more than the bytes left.
    public mutating func count() throws -> Range<Int> {
        let value = try int()
        guard value >= 0, value <= end - position else { throw Corrupt() }
        return 0..<value
    }

    public mutating func string() throws -> String {
        String(decoding: bytes[try record()], as: UTF8.self)
    }

    public mutating func optionalString() throws -> String? {
        try int() == 0 ? nil : try string()
    }

    /// Skips what `optionalString` reads, returning where its bytes lie.
    public mutating func optionalRecord() throws -> Range<Int>? {
        try int() == 0 ? nil : try record()
    }
}

/// A 64-bit checksum of cache bytes, eight at a time, fed in one piece (`of`) or streamed
/// (`update`, then `finish`). Every step is invertible, so any change confined to one 8-byte
/// word (a flipped bit, a torn byte) always changes the result.
public struct Checksum {
    private var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var count: UInt64 = 0
    /// Bytes of an unfinished word between `update`s.
    private var pending: [UInt8] = []

    public init() {}

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum()
        checksum.update(bytes)
        return checksum.finish()
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        count &+= UInt64(bytes.count)
        var offset = 0
        while !pending.isEmpty, offset < bytes.count {
            pending.append(bytes[offset])
            offset += 1
            if pending.count == 8 {
                mix(pending.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                pending.removeAll(keepingCapacity: true)
            }
        }
        while offset + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        pending.append(contentsOf: bytes[offset...])
    }

    public mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    public mutating func finish() -> UInt64 {
        for byte in pending { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        pending.removeAll()
        mix(count)
        return hash ^ (hash >> 32)
    }

    private mutating func mix(_ word: UInt64) {
        hash = (hash ^ word) &* 0x100_0000_01B3
        hash ^= hash >> 29
    }
}

/// Decodes the varint `BinaryWriter.int` writes at `position`, moving past it.
@inlinable
public func readVarint(_ bytes: UnsafeRawBufferPointer, at position: inout Int, end: Int) throws -> Int {
    var result: UInt64 = 0, shift: UInt64 = 0
    while true {
        guard position < end, shift < 64 else { throw BinaryReader.Corrupt() }
        let byte = bytes[position]
        position += 1
        result |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { break }
        shift += 7
    }
    return Int(Int64(bitPattern: result >> 1 ^ (0 &- (result & 1))))
}

/// The bytes of a cache file, read straight into the array its reader keeps (a cache runs to
/// hundreds of megabytes: read through `Data` first, it would be held twice while decoded);
/// nil when it is missing or cannot be read.
public func readCacheFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size >= 0 else { return nil }
    let size = Int(status.st_size)
    var complete = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
        var done = 0
        while done < size {
            let read = Foundation.read(descriptor, buffer.baseAddress! + done, size - done)
            if read <= 0 { break }
            done += read
        }
        complete = done == size
        count = done
    }
    return complete ? bytes : nil
}

/// Writes a file by renaming a finished temporary file over it, so a reader never sees a
/// half-written cache and two runs at once never corrupt it (the last one wins). `mode`:
/// the file's permissions, else the umask's.
/// `beforeRename` runs when the bytes are written: throwing there leaves the file as it was.
public func writeAtomically(_ data: Data, to path: String, mode: mode_t? = nil, beforeRename: () throws -> Void = {}) throws {
    try writeStreaming(to: path, mode: mode, beforeRename: beforeRename) { $0(data) }
}

/// The same for a file written in parts: `body` is given a function that appends bytes.
/// A failed write (a full disk) drops the rest, throws when `body` returns, and removes the
/// temporary file.
public func writeStreaming(to path: String, mode: mode_t? = nil, beforeRename: () throws -> Void = {},
                           _ body: ((Data) -> Void) throws -> Void) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(WriteInProgress.temporaryName(for: url.lastPathComponent)).path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw WriteFailure(path: path, code: errno) }
    var closed = false
    var failure: Int32?
    do {
        try body { data in
            guard failure == nil else { return }
            data.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let written = write(descriptor, raw.baseAddress! + done, raw.count - done)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else {
                        failure = written < 0 ? errno : ENOSPC
                        return
                    }
                    done += written
                }
            }
        }
        if let failure { throw WriteFailure(path: path, code: failure) }
        // The mode asked for (a file's own, kept), whatever the umask would take from it.
        if let mode { fchmod(descriptor, mode) }
        closed = true
        guard close(descriptor) == 0 else { throw WriteFailure(path: path, code: errno) }
        try beforeRename()
        guard rename(temporary, path) == 0 else { throw WriteFailure(path: path, code: errno) }
    } catch {
        if !closed { close(descriptor) }
        unlink(temporary)
        throw error
    }
}

/// A file that could not be written: its path and the system's reason (a full disk, no
/// permission).
public struct WriteFailure: Error, CustomStringConvertible {
    public let path: String
    public let code: Int32
    public var description: String { "\(path): \(String(cString: strerror(code)))" }
}

/// The names of the temporary files gitdesk writes beside a file before renaming them over
/// it: `.NAME.gitdesk-PID-RANDOM.tmp`. A writer that was killed leaves one behind; `check`
/// and the working-tree scan pass over such leftovers, the desk's `.gitignore` keeps them
/// out of `git add -A`, and the next writer of the folder removes those whose process is
/// gone (`removeLeftovers`).
public enum WriteInProgress {
    public static func temporaryName(for name: String) -> String {
        ".\(name).gitdesk-\(getpid())-\(UInt32.random(in: .min ... .max)).tmp"
    }

    /// A temporary file of a write: gitdesk's own, or Foundation's `.dat.nosync…` that
    /// gitdesk's writers made before they used their own.
    public static func isLeftover(_ name: String) -> Bool {
        (name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(".gitdesk-")) || name.hasPrefix(".dat.nosync")
    }

    /// The process that wrote a temporary file, nil for one that does not say.
    static func writer(of name: String) -> pid_t? {
        guard isLeftover(name), let range = name.range(of: ".gitdesk-", options: .backwards) else { return nil }
        return name[range.upperBound...].split(separator: "-").first.flatMap { pid_t($0) }
    }

    /// Removes from `folder` the temporary files of writers that are no longer running (a
    /// `.dat.nosync…` file, which does not name its writer, once it is a minute old).
    public static func removeLeftovers(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where isLeftover(name) {
            let path = folder + "/" + name
            if let pid = writer(of: name) {
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { unlink(path) }
            } else if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                      Date().timeIntervalSince(modified) > 60 {
                unlink(path)
            }
        }
    }
}

/// Reads the value of a top-level front-matter key with a plain line scan — for history
/// walks that look at one key in thousands of old versions, where a YAML parse per version
/// would dominate. Quotes and a trailing comment are removed.
public func scanFrontMatterValue(_ key: String, in text: String) -> String? {
    var lines = text.split(separator: "\n", maxSplits: 64, omittingEmptySubsequences: false).makeIterator()
    guard lines.next()?.hasPrefix("---") == true else { return nil }
    let prefix = key + ":"
    while let line = lines.next() {
        if line.hasPrefix("---") { return nil }
        guard line.hasPrefix(prefix) else { continue }
        var value = line.dropFirst(prefix.count)
        if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
        var trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            trimmed = String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }
    return nil
}
