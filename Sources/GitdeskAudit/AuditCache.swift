import Foundation
import GitdeskCore
import GitdeskGit
import GitdeskStore

/// A whole-history audit's transactions rendered as JSON, in output order, kept between
/// runs: after new commits only the transactions of the files they touched are audited and
/// rendered again. A million transactions make a gigabyte of JSON; this keeps a re-run at
/// the cost of copying it out.
///
/// In the desk index: `audit` holds every transaction as of some commit, sorted, with the
/// positions of each file's; `audit-changes` names the files changed
/// since and holds their transactions now. The delta is folded into a new base when it
/// outgrows a tenth of it (and a thousand transactions). Both are keyed by the settings, clients and disputes they were
/// rendered with and by the history they cover; anything else rebuilds them.
public struct RenderedAudit {
    /// The mapped base and the freshly rendered bytes.
    private let buffers: [Data]
    /// Where each transaction's JSON lies, in output order.
    private let entries: [(buffer: Int, range: Range<Int>)]

    /// How far the mapped base has been handed out, in output order.
    private let handedOut = HandedOut()
    private final class HandedOut { var releasedUpTo = 0 }

    public var count: Int { entries.count }

    /// The JSON of the transaction at `index` (an object two levels deep). Asked for in
    /// order, the base's pages behind it are let go every 64 MiB (the base is a private
    /// read-only mapping of its file, so a page let go is read back from the file): a gigabyte of JSON copied out through the mapping
    /// does not stay resident, and a page asked for again is read back.
    public func json(at index: Int) -> Data {
        let (buffer, range) = entries[index]
        if buffer == 0, range.lowerBound - handedOut.releasedUpTo >= letGoEvery { release(before: range.lowerBound) }
        return buffers[buffer][range]
    }

    private func release(before offset: Int) {
        buffers[0].withUnsafeBytes { letGo($0, handedOut.releasedUpTo..<offset) }
        handedOut.releasedUpTo = offset
    }

    /// What the renderings depend on besides history: time zone and late-days threshold,
    /// clients (a ticket's client is its prefix's owner), disputes.
    public static let dependsOn = ["gitdesk.yml", "clients", "disputes"]

    /// Every transaction of the history, rendered; from the files on disk when they cover a
    /// prefix of `history` under the same `context`. `history` needs no lines: `auditor`
    /// gives an auditor over the lines of the files named, and is asked only for what is
    /// rendered anew; `clientOfFile` names the client a transaction file belongs to.
    public static func load(history: DeskHistory, context: String, index: DeskIndex, clientOfFile: (String) -> String,
                            auditor: (Set<String>) throws -> Auditor) throws -> RenderedAudit {
        let basePath = index.path(.audit)
        /// Renders the whole history into a new base, a few clients at a time.
        func rewriteBase(coverage: Coverage) throws -> RenderedAudit {
            try Base.write(coverage: coverage, to: basePath) { write in
                try inBatches(history: history, clientOfFile: clientOfFile) { files in
                    try write(try auditor(files).transactions(AuditFilter(), files: files))
                }
            }
            try? FileManager.default.removeItem(atPath: index.path(.auditChanges))
            guard let written = Base(path: basePath) else { throw DeskError.refused(.cannotReadBack(basePath)) }
            return merge(written, Delta(base: written))
        }
        var base = Base(path: basePath)
        if let found = base, found.coverage.context != context || !found.coverage.isPrefix(of: history) { base = nil }
        guard let base else { return try rewriteBase(coverage: Coverage(context: context, history: history)) }
        var delta = Delta(index, base: base) ?? Delta(base: base)
        if !delta.coverage.isPrefix(of: history) { delta = Delta(base: base) }
        let touched = history.filesWithLinesChanged(since: delta.coverage.commitCount)
        guard !touched.isEmpty else { return merge(base, delta) }
        delta.replace(touched, with: try auditor(touched).transactions(AuditFilter(), files: touched))
        delta.coverage = Coverage(context: context, history: history)
        if delta.entries.count > max(1000, base.count / 10) {
            // Fold the delta in: the next runs start from a base that is current.
            return try rewriteBase(coverage: delta.coverage)
        }
        try delta.write(to: index)
        return merge(base, delta)
    }

    /// How many batches a whole rendering is made in, each with about as many of the history's
    /// line changes (a million transactions audited at once took gigabytes).
    static let batches = 6

    /// Hands `body` every transaction file of `history`, a few clients' files at a time, in
    /// the order of their clients' bytes (the order transactions sort in, client first), so
    /// the batches' audits follow one another in output order.
    static func inBatches(history: DeskHistory, clientOfFile: (String) -> String, _ body: (Set<String>) throws -> Void) throws {
        let byClient = Dictionary(grouping: history.filesWithLinesChanged(since: 0), by: clientOfFile)
        let weight = { (files: [String]) in files.reduce(0) { $0 + (history.lineCommits[$1]?.count ?? 0) } }
        let share = max(1, weight(byClient.values.flatMap { $0 }) / batches)
        var batch = Set<String>(), batchWeight = 0
        for client in byClient.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let files = byClient[client]!
            batch.formUnion(files)
            batchWeight += weight(files)
            if batchWeight >= share {
                try body(batch)
                (batch, batchWeight) = ([], 0)
            }
        }
        if !batch.isEmpty { try body(batch) }
    }

    /// The base's transactions outside the delta's files, and the delta's, in sort-key order.
    private static func merge(_ base: Base, _ delta: Delta) -> RenderedAudit {
        var skipped = [Bool](repeating: false, count: base.count)
        for file in delta.files { for index in base.positions[file] ?? [] { skipped[index] = true } }
        var fresh = Data()
        var deltaRanges: [Range<Int>] = []
        for entry in delta.entries {
            deltaRanges.append(fresh.count..<fresh.count + entry.json.count)
            fresh.append(contentsOf: entry.json)
        }
        var entries: [(buffer: Int, range: Range<Int>)] = []
        entries.reserveCapacity(base.count + delta.entries.count)
        base.data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var next = 0
            for index in 0..<base.count where !skipped[index] {
                let key = UnsafeRawBufferPointer(rebasing: bytes[base.keys[index]])
                while next < delta.entries.count, delta.entries[next].key.lexicographicallyPrecedes(key) {
                    entries.append((1, deltaRanges[next]))
                    next += 1
                }
                entries.append((0, base.jsons[index]))
            }
            while next < delta.entries.count {
                entries.append((1, deltaRanges[next]))
                next += 1
            }
        }
        return RenderedAudit(buffers: [base.data, fresh], entries: entries)
    }

    /// The bytes transactions sort by: client, day, file, ID — byte order is the audit's order.
    static func sortKey(_ transaction: TransactionAudit) -> [UInt8] {
        let day = (transaction.workDate ?? transaction.recordedDate).ordinal + 10_000_000
        return Array("\(transaction.client)\u{0}\(zeroPadded(day, 8))\u{0}\(transaction.file)\u{0}\(transaction.id)".utf8)
    }

    static func render(_ transaction: TransactionAudit) -> [UInt8] {
        var json = PrettyJSON(depth: 2)
        transaction.writeJSON(to: &json)
        return json.bytes
    }

    /// The commits of history a file covers, and the context it was rendered in.
    struct Coverage {
        var context: String
        var commitCount: Int
        var lastCommit: String

        init(context: String, history: DeskHistory) {
            self.context = context
            commitCount = history.commits.count
            lastCommit = history.commits.last?.id.hex ?? ""
        }

        init(from reader: inout MappedReader) throws {
            context = try reader.string()
            commitCount = try reader.int()
            lastCommit = try reader.string()
        }

        func write(to writer: inout BinaryWriter) {
            writer.string(context); writer.int(commitCount); writer.string(lastCommit)
        }

        /// Whether `history` begins with the history covered (it grew by new commits only).
        func isPrefix(of history: DeskHistory) -> Bool {
            guard commitCount <= history.commits.count else { return false }
            return commitCount == 0 || history.commits[commitCount - 1].id.hex == lastCommit
        }
    }

    /// `audit`, mapped: each transaction's sort key and JSON, and each file's positions.
    struct Base {
        static let magic = DeskIndex.Part.audit.magic
        let data: Data
        let identity: String
        let coverage: Coverage
        let keys: [Range<Int>]
        let jsons: [Range<Int>]
        let positions: [String: [Int]]
        var count: Int { keys.count }

        init?(path: String) {
            guard let data = mapped(path), data.count >= 8 else { return nil }
            self.data = data
            let parsed: (String, Coverage, [Range<Int>], [Range<Int>], [String: [Int]])? = data.withUnsafeBytes { whole in
                // The file ends with the checksum of everything before it. Both passes over
                // the file let its pages go behind them, so reading it keeps little resident.
                let bytes = UnsafeRawBufferPointer(rebasing: whole[..<(whole.count - 8)])
                var checksum = Checksum()
                for start in stride(from: 0, to: bytes.count, by: letGoEvery) {
                    let chunk = start..<min(start + letGoEvery, bytes.count)
                    checksum.update(UnsafeRawBufferPointer(rebasing: bytes[chunk]))
                    letGo(whole, chunk)
                }
                guard checksum.finish() == whole.loadUnaligned(fromByteOffset: whole.count - 8, as: UInt64.self) else { return nil }
                // The footer: how many transactions, and where the table of files starts.
                guard bytes.count >= 16 else { return nil }
                let count = Int(truncatingIfNeeded: bytes.loadUnaligned(fromByteOffset: bytes.count - 16, as: UInt64.self))
                let tableStart = Int(truncatingIfNeeded: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
                guard count >= 0, count <= bytes.count / 2, tableStart >= 0, tableStart <= bytes.count - 16 else { return nil }
                var reader = MappedReader(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 16)]))
                var released = 0
                do {
                    guard try reader.magic(Self.magic) else { return nil }
                    let identity = try reader.string(), coverage = try Coverage(from: &reader)
                    var keys: [Range<Int>] = [], jsons: [Range<Int>] = []
                    keys.reserveCapacity(count)
                    jsons.reserveCapacity(count)
                    for _ in 0..<count {
                        keys.append(try reader.record())
                        jsons.append(try reader.record())
                        if reader.offset - released >= letGoEvery {
                            letGo(whole, released..<reader.offset)
                            released = reader.offset
                        }
                    }
                    guard reader.offset == tableStart else { return nil }
                    var positions: [String: [Int]] = [:]
                    for _ in 0..<(try reader.count()) {
                        let file = try reader.string()
                        positions[file] = try (0..<(try reader.count())).map { _ in
                            let index = try reader.int()
                            guard (0..<count).contains(index) else { throw BinaryReader.Corrupt() }
                            return index
                        }
                    }
                    return (identity, coverage, keys, jsons, positions)
                } catch {
                    return nil
                }
            }
            guard let parsed else { return nil }
            (identity, coverage, keys, jsons, positions) = parsed
        }

        /// Writes the transactions `batches` hands over (each batch in output order, and after
        /// the one before), rendered on every core and streamed to the file; the table of each
        /// file's positions follows them, then a footer: how many there are, where the table starts.
        static func write(coverage: Coverage, to path: String, batches: (([TransactionAudit]) throws -> Void) throws -> Void) throws {
            try writeStreaming(to: path) { writeFile in try withoutActuallyEscaping(writeFile) { writeFile in
                var checksum = Checksum(), written = 0
                func write(_ data: Data) {
                    checksum.update(data)
                    writeFile(data)
                    written += data.count
                }
                var header = BinaryWriter(magic: magic)
                header.string(UUID().uuidString)
                coverage.write(to: &header)
                write(header.data)
                var count = 0
                var byFile: [String: [Int]] = [:]
                try batches { transactions in
                    renderInOrder(count: transactions.count, render: { range in
                        var part = BinaryWriter(magic: "")
                        for transaction in transactions[range] {
                            part.lengthPrefixed(sortKey(transaction)[...])
                            part.lengthPrefixed(render(transaction)[...])
                        }
                        return part.bytesWritten
                    }, write: { write(Data($0)) })
                    for (offset, transaction) in transactions.enumerated() { byFile[transaction.file, default: []].append(count + offset) }
                    count += transactions.count
                }
                let tableStart = written
                var table = BinaryWriter(magic: "")
                table.int(byFile.count)
                for (file, indices) in byFile.sorted(by: { $0.key < $1.key }) {
                    table.string(file)
                    table.int(indices.count)
                    indices.forEach { table.int($0) }
                }
                write(table.data)
                write([UInt64(count), UInt64(tableStart)].withUnsafeBytes { Data($0) })
                var value = checksum.finish()
                writeFile(withUnsafeBytes(of: &value) { Data($0) })
            } }
        }
    }

    /// `audit-changes`: the files changed since the base, with their transactions now.
    struct Delta {
        let baseIdentity: String
        var coverage: Coverage
        var files: Set<String> = []
        /// Sorted by key.
        var entries: [(file: String, key: [UInt8], json: [UInt8])] = []

        /// An empty delta over `base`.
        init(base: Base) {
            baseIdentity = base.identity
            coverage = base.coverage
        }

        init?(_ index: DeskIndex, base: Base) {
            guard var reader = index.read(.auditChanges), let identity = try? reader.string(), identity == base.identity else { return nil }
            baseIdentity = identity
            do {
                coverage = Coverage(context: try reader.string(), commitCount: try reader.int(), lastCommit: try reader.string())
                files = Set(try (try reader.count()).map { _ in try reader.string() })
                entries = try (try reader.count()).map { _ in
                    let file = try reader.string()
                    return (file, Array(reader.bytes[try reader.record()]), Array(reader.bytes[try reader.record()]))
                }
            } catch {
                return nil
            }
        }

        /// Replaces what the delta holds for `files` with `transactions` (theirs, sorted).
        mutating func replace(_ files: Set<String>, with transactions: [TransactionAudit]) {
            self.files.formUnion(files)
            let kept = entries.filter { !files.contains($0.file) }
            let fresh = transactions.map { ($0.file, RenderedAudit.sortKey($0), RenderedAudit.render($0)) }
            entries = (kept + fresh).sorted { $0.key.lexicographicallyPrecedes($1.key) }
        }

        func write(to index: DeskIndex) throws {
            var writer = BinaryWriter(for: .auditChanges)
            writer.string(baseIdentity)
            coverage.write(to: &writer)
            writer.int(files.count)
            files.sorted().forEach { writer.string($0) }
            writer.int(entries.count)
            for entry in entries {
                writer.string(entry.file)
                writer.lengthPrefixed(entry.key[...])
                writer.lengthPrefixed(entry.json[...])
            }
            try index.write(.auditChanges, &writer)
        }
    }
}

extension RenderedAudit.Coverage {
    init(context: String, commitCount: Int, lastCommit: String) {
        self.context = context
        self.commitCount = commitCount
        self.lastCommit = lastCommit
    }
}

/// How many bytes of a mapped file are read before the pages behind are let go.
private let letGoEvery = 64 << 20

/// Lets the pages of `range` in `bytes` (a file `mapped` by gitdesk) go: they are read back
/// from the file if asked for again. Only whole pages inside the range are let go.
private func letGo(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
    guard let base = bytes.baseAddress, !range.isEmpty else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let start = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
    let end = (Int(bitPattern: base) + range.upperBound) / page * page
    if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
}

/// A file mapped read-only and private, as bytes that unmap when released: the audit base,
/// whose pages `RenderedAudit` lets go once written out (mapped by gitdesk itself, so a
/// page let go is known to come back from the file, never as zeros).
private func mapped(_ path: String) -> Data? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
    let size = Int(status.st_size)
    guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
    return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
}

/// Reads the encoding `BinaryWriter` writes straight from mapped bytes, without copying them.
struct MappedReader {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// How far the reader has read.
    var offset: Int { position }

    mutating func magic(_ magic: String) throws -> Bool {
        let header = Array(magic.utf8)
        guard bytes.count >= header.count, header.indices.allSatisfy({ bytes[$0] == header[$0] }) else { return false }
        position = header.count
        return true
    }

    mutating func int() throws -> Int {
        try readVarint(bytes, at: &position, end: bytes.count)
    }

    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw BinaryReader.Corrupt() }
        return value
    }

    mutating func record() throws -> Range<Int> {
        let length = try count()
        defer { position += length }
        return position..<position + length
    }

    mutating func string() throws -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[try record()]), as: UTF8.self)
    }
}
