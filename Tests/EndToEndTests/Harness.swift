import Foundation
import GitdeskCore
import XCTest

/// Runs the built `gitdesk` binary and plain `git` in a temporary folder, with a fixed
/// identity and no global git configuration.
class DeskTestCase: XCTestCase {
    var root: String!
    var desk: String { root + "/desk" }
    /// The desk's index (`.git/gitdesk/index/`).
    var deskIndex: DeskIndex { DeskIndex(gitdir: desk + "/.git/") }

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "gitdesk-e2e-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    /// `gitdesk init --demo` made once per test run, in a folder of its own: each test that
    /// wants the demo copies it (1.5 s of `init` saved per test), then points the clone's one
    /// absolute path, the merge driver's, at its own copy.
    nonisolated(unsafe) private static var demoTemplate: String?

    /// The demo desk in `desk`, as `gitdesk init --demo` makes it.
    func makeDemoDesk(file: StaticString = #filePath, line: UInt = #line) throws {
        let template: String
        if let made = Self.demoTemplate {
            template = made
        } else {
            template = NSTemporaryDirectory() + "gitdesk-e2e-demo-\(getpid())"
            try? FileManager.default.removeItem(atPath: template)
            try gitdesk("init", "--demo", template, in: root, file: file, line: line)
            Self.demoTemplate = template
        }
        let copied = try run("/bin/cp", ["-a", template, desk], in: root)
        XCTAssertEqual(copied.code, 0, copied.err, file: file, line: line)
        let config = desk + "/.git/config"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: template + "/", with: desk + "/")
            .write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// The built binary beside the test bundle (`swift test` builds it first).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["GITDESK_BIN"] { return path }
        let bundle = Bundle(for: DeskTestCase.self).bundleURL
        let candidates = [bundle.appendingPathComponent("gitdesk"), bundle.deletingLastPathComponent().appendingPathComponent("gitdesk")]
        return (candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]).path
    }()

    struct Result {
        let out: String, err: String, code: Int32
    }

    func environment(as person: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") && !["GITDESK_DESK", "GITDESK_LOCALE", "GITDESK_PAGER", "NO_COLOR"].contains($0.key) }
        env["HOME"] = root + "/home"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = person.capitalized
        env["GIT_AUTHOR_EMAIL"] = "\(person)@example.com"
        env["GIT_COMMITTER_NAME"] = person.capitalized
        env["GIT_COMMITTER_EMAIL"] = "\(person)@example.com"
        env["GITDESK"] = Self.binary
        return env
    }

    @discardableResult
    func run(_ executable: String, _ args: [String], in directory: String? = nil, as person: String = "alice",
             env extra: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? desk)
        // An empty value in `extra` removes the variable.
        process.environment = environment(as: person).merging(extra) { $1 }.filter { !$0.value.isEmpty }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self),
                      code: process.terminationStatus)
    }

    /// Runs gitdesk and fails the test when it does not exit with `code`.
    @discardableResult
    func gitdesk(_ args: String..., in directory: String? = nil, as person: String = "alice", code: Int32 = 0,
                 env: [String: String] = [:], input: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        try gitdesk(args, in: directory, as: person, code: code, env: env, input: input, file: file, line: line)
    }

    @discardableResult
    func gitdesk(_ args: [String], in directory: String? = nil, as person: String = "alice", code: Int32 = 0,
                 env: [String: String] = [:], input: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Result {
        let result = try run(Self.binary, args, in: directory, as: person, env: env, input: input)
        XCTAssertEqual(result.code, code, "gitdesk \(args.joined(separator: " ")): \(result.err)\(result.out)", file: file, line: line)
        return result
    }

    /// Runs plain git and fails the test when it fails.
    @discardableResult
    func git(_ args: String..., in directory: String? = nil, as person: String = "alice", env: [String: String] = [:],
             file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try git(args, in: directory, as: person, env: env, file: file, line: line)
    }

    @discardableResult
    func git(_ args: [String], in directory: String? = nil, as person: String = "alice", env: [String: String] = [:],
             file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let result = try run("/usr/bin/git", args, in: directory, as: person, env: env)
        XCTAssertEqual(result.code, 0, "git \(args.joined(separator: " ")): \(result.err)", file: file, line: line)
        return result.out
    }

    /// A ticket's folder in the desk.
    func folder(_ id: String) -> String { "tickets/\(id.split(separator: "-")[0])/\(id)" }

    func read(_ path: String, in directory: String? = nil) throws -> String {
        try String(contentsOfFile: (directory ?? desk) + "/" + path, encoding: .utf8)
    }

    func write(_ path: String, _ text: String, in directory: String? = nil) throws {
        let url = URL(fileURLWithPath: (directory ?? desk) + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func head(in directory: String? = nil) throws -> String {
        try git("rev-parse", "HEAD", in: directory).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A desk with one client (acme), two engineers (alice, bob), a tester (tess), a
    /// project and a ticket; returns the ticket ID.
    @discardableResult
    func makeDesk() throws -> String {
        try gitdesk("init", desk, in: root)
        try gitdesk("client", "add", "acme", "--name", "ООО «Ромашка»", "--prefix", "ACME", "--rate", "2000")
        try gitdesk("staff", "add", "alice", "--name", "Alice", "--email", "alice@example.com", "--capacity", "6h", "--cost", "900")
        try gitdesk("staff", "add", "bob", "--name", "Bob", "--email", "bob@example.com", "--role", "lead")
        try gitdesk("staff", "add", "tess", "--name", "Tess", "--email", "tess@example.com", "--role", "tester")
        try gitdesk("project", "add", "shop", "--client", "acme", "--title", "Интернет-магазин")
        return try gitdesk("new", "--client", "acme", "--title", "Синхронизация цен", "--project", "shop",
                           "--created", "2026-11-02T10:00:00+03:00").out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Money in gitdesk's JSON (`{"amount": "40.00", "currency": "RUB", "minor": 4000}`), in
/// minor units.
func minor(_ value: Any?) -> Int? { (value as? [String: Any])?["minor"] as? Int }
