import Foundation
import XCTest
import GitdeskCore
@testable import GitdeskMoney

/// Seeded fuzzing of every file a desk is made of: thousands of mutated desks are loaded,
/// checked and priced in this process; a trap or a hang fails the suite.
final class FuzzTests: XCTestCase {
    static let settings = (try? String(contentsOf: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates/desk/gitdesk.yml"), encoding: .utf8)) ?? "currency: RUB\n"

    let desk: [String: String] = [
        "gitdesk.yml": FuzzTests.settings,
        "clients/acme.md": "---\nname: ACME\nprefix: ACME\nrate: 2000\nrates:\n  - {since: 2026-11-15, rate: 2500}\nsla: standard\nemails: [buh@acme.example]\nsite: {token: abcdefghijklmnop}\n---\nTerms.\n",
        "staff/alice.md": "---\nname: Alice\nemail: alice@example.com\nrole: engineer\ncapacity: 6h\nabsences:\n  - {from: 2026-11-10, to: 2026-11-12, kind: vacation}\ncost: 900\n---\n",
        "projects/shop/project.md": "---\nclient: acme\ntitle: Shop\n---\n# Shop\n",
        "tickets/ACME/ACME-0001/ticket.md": "---\ntitle: \"Sync\"\nclient: acme\nproject: shop\nstatus: in-progress\npriority: high\nassignee: alice\nestimate: 6h\napproved: 4h\ncreated: 2026-11-02T10:00:00+03:00\ntags: [a, b]\n---\nPrices differ.\n",
        "tickets/ACME/ACME-0001/work.md": "# Work\n- 2026-11-03 alice 1h20m billable Fixed ^wa1\n- 2026-11-04 alice 30m help @alice Hint ^wa2\n\n- 2026-11-16 alice 2h billable More ^wa3\n",
        "tickets/ACME/ACME-0001/messages/20261102T100000-client.md": "---\nfrom: client\nauthor: Ivan\nat: 2026-11-02T10:00:00+03:00\n---\nHello\n",
        "tickets/ACME/ACME-0001/test.md": "---\ntester: alice\nresult: passed\n---\nSteps.\n",
        "ledger/acme.md": "- 2026-11-01 payment 180000 Prepayment ^pa1\n- 2026-11-20 charge 3500.50 Licence ^pa2\n",
        "disputes/acme.md": "- 2026-11-21 open wa1 Too long\n- 2026-11-22 adjust wa1 1h Agreed\n",
    ]

    static let tokens: [[UInt8]] = ["[", "{", "]", "}", "*a", "&a ", "\r", "\0", "\u{1b}", "99999999999999", "9999999999.99", "-", ": ",
                                     "\n", "---\n", "- ", "^", "@", "24h", "0m", "9999-12-31", "0000-00-00", "\"", "'", "#", "  ", "\t",
                                     "é", "\u{FFFF}", "1e300", "-1", ":", "? ", "|", ">"].map { Array($0.utf8) }

    func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            case 1: bytes.insert(contentsOf: Self.tokens.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...20, using: &random)))
            case 3: bytes = Array(bytes.prefix(position))
            case 4 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &random)
            default:
                let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                if let line = lines.randomElement(using: &random) { bytes.insert(contentsOf: Array(line) + [10], at: position) }
            }
        }
        return bytes
    }

    func testThousandsOfMutatedDesksNeverTrap() throws {
        var random = SeededGenerator(seed: 16)
        let paths = desk.keys.sorted()
        let started = Date()
        for trial in 0..<3000 {
            var files = desk.mapValues { Array($0.utf8) }
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                let path = paths.randomElement(using: &random)!
                files[path] = mutate(files[path]!, &random)
            }
            let loaded = try DeskLoader(files: files.keys.sorted().map { DeskFile(path: $0, key: "\(trial):\($0)") }) { file in
                Data(files[file.path]!)
            }.load()
            _ = loaded.findings.count
            let accounts = Accounts(desk: loaded)
            for slug in loaded.clients.keys {
                guard let account = try? accounts.account(slug) else { continue }
                _ = account.balance()
                _ = Statement(account: account, period: Period("2026-11")!, desk: loaded)
            }
            if loaded.findings.isEmpty {
                _ = Economics(desk: loaded, period: Period("2026-11")!, by: .person)
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 120)
    }
}
