import Foundation
import XCTest

/// The clients' site, checked byte by byte and in a real headless Chromium.
final class SiteTests: DeskTestCase {
    let time = ["GIT_AUTHOR_DATE": "2026-11-20T12:00:00+03:00", "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+03:00"]

    /// Two clients with canaries everywhere a leak could come from.
    private func makeSiteDesk() throws {
        try gitdesk("init", desk, in: root)
        // Beta has no token: its folder is its name, which this desk allows.
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "public-names: false", with: "public-names: true"))
        try write("clients/acme.md", "---\nname: ACME Ltd\nprefix: ACME\nrate: 2000\nsite: {token: s3cr3t0000000000}\n---\nTerms.\n")
        try write("clients/beta.md", "---\nname: CANARY-OTHER-CLIENT-NAME\nprefix: BETA\nrate: 2000\n---\nTerms.\n")
        try write("staff/alice.md", "---\nname: Alice\nemail: alice@example.com\ncapacity: 6h\ncost: 987654.32\n---\n")
        try write("tickets/ACME/ACME-0001/ticket.md", """
            ---
            title: "Price sync <script>alert('title')</script>"
            client: acme
            status: in-progress
            assignee: alice
            created: 2026-11-19T10:00:00+03:00
            ---
            Prices differ. <img src=x onerror=alert(1)> [click](javascript:alert(2)) **bold**

            """)
        try write("tickets/ACME/ACME-0001/service.md", "CANARY-SERVICE-COMMENT: module ObmenCen\n")
        try write("tickets/ACME/ACME-0001/work.md", """
            - 2026-11-19 alice 1h20m billable Fixed "quotes" & <b>tags</b> ^wa1
            - 2026-11-19 alice 30m help CANARY-INTERNAL-NOTE ^wa2

            """)
        try write("tickets/ACME/ACME-0001/messages/20261119T100000-client.md",
                  "---\nfrom: client\nauthor: Ivan\nat: 2026-11-19T10:00:00+03:00\n---\nHello <iframe src=//evil></iframe> synchronisation\n")
        try write("tickets/BETA/BETA-0001/ticket.md", "---\ntitle: CANARY-OTHER-CLIENT-TICKET\nclient: beta\nstatus: new\n---\nSecret.\n")
        try write("ledger/acme.md", "- 2026-11-01 payment 10000 Invoice 1 ^pa1\n")
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", "site desk", env: time)
    }

    private func allBytes(_ folder: String) throws -> [(String, String)] {
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        var result: [(String, String)] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result.append((path, String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)), as: UTF8.self))) }
        }
        return result
    }

    /// A client's site is at a secret name by default: the hook refuses a new card without a
    /// token (and its hint holds a fresh one), `check` names each existing tokenless client,
    /// `site` writes everyone else's folder and not that one; `site: {public-names: true}`
    /// allows guessable names, and a guessable folder goes once they are off again.
    func testSitesAreAtSecretNamesUnlessTheDeskSaysOtherwise() throws {
        _ = try makeDesk()
        let head = try git("rev-parse", "HEAD")
        try write("clients/gamma.md", "---\nname: Gamma\nprefix: GAM\nrate: 2000\n---\n")
        try git("add", "-A")
        let refused = try run("/usr/bin/git", ["commit", "-qm", "gamma"])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("gamma"), refused.err)
        XCTAssertEqual(try git("rev-parse", "HEAD"), head)
        // The hint's line, pasted into the card, is a good token.
        let line = try XCTUnwrap(refused.err.range(of: #"site: \{token: [0-9a-z]{26}\}"#, options: .regularExpression).map { String(refused.err[$0]) })
        try write("clients/gamma.md", "---\nname: Gamma\nprefix: GAM\nrate: 2000\n\(line)\n---\n")
        try git("add", "-A")
        try git("commit", "-qm", "gamma with a token")
        // Cards made without the hook: each is named by check, with its own hint.
        try write("clients/delta.md", "---\nname: Delta\nprefix: DEL\nrate: 2000\n---\n")
        try write("clients/omega.md", "---\nname: Omega\nprefix: OME\nrate: 2000\n---\n")
        try git("add", "-A")
        try git("commit", "-qm", "tokenless", "--no-verify")
        let checked = try gitdesk("check", "--locale", "en")
        for slug in ["delta", "omega"] {
            XCTAssertTrue(checked.err.contains("warning: clients/\(slug).md: the client \(slug) has no site token"), checked.err)
            XCTAssertTrue(checked.err.contains("hint: gitdesk client token rotate \(slug) "), checked.err)
        }
        XCTAssertFalse(checked.err.contains("client acme"), checked.err)
        let site = try gitdesk("site", "--out", root + "/site", "--locale", "en", code: 1)
        XCTAssertTrue(site.err.contains("error: the site of delta was not written"), site.err)
        var folders = try FileManager.default.contentsOfDirectory(atPath: root + "/site").filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(folders.count, 2, "\(folders)")
        XCTAssertTrue(folders.allSatisfy { $0.hasPrefix("acme-") || $0.hasPrefix("gamma-") }, "\(folders)")
        try gitdesk("site", "--out", root + "/site", "--check", code: 1)
        // Guessable names, allowed by the desk.
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "public-names: false", with: "public-names: true"))
        try write("clients/zeta.md", "---\nname: Zeta\nprefix: ZET\nrate: 2000\n---\n")
        try git("add", "-A")
        try git("commit", "-qm", "public names")
        XCTAssertFalse(try gitdesk("check").err.contains("delta"))
        try gitdesk("site", "--out", root + "/site")
        folders = try FileManager.default.contentsOfDirectory(atPath: root + "/site").filter { !$0.hasPrefix(".") }
        XCTAssertTrue(Set(["delta", "omega", "zeta"]).isSubset(of: Set(folders)), "\(folders)")
        // Off again: the guessable folders are not left behind.
        try write("gitdesk.yml", try read("gitdesk.yml").replacingOccurrences(of: "public-names: true", with: "public-names: false"))
        try git("commit", "-qam", "secret names")
        try gitdesk("site", "--out", root + "/site", code: 1)
        folders = try FileManager.default.contentsOfDirectory(atPath: root + "/site").filter { !$0.hasPrefix(".") }
        XCTAssertTrue(Set(["delta", "omega", "zeta"]).isDisjoint(with: Set(folders)), "\(folders)")
    }

    func testNoLeaksAndInertPayloads() throws {
        try makeSiteDesk()
        let out = root + "/site"
        try gitdesk("site", "--out", out)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.sorted(), ["acme-s3cr3t0000000000", "beta"])
        let files = try allBytes(out + "/acme-s3cr3t0000000000")
        XCTAssertTrue(files.contains { $0.0 == "tickets/ACME-0001.html" })
        for (path, text) in files {
            for canary in ["CANARY-OTHER-CLIENT", "CANARY-SERVICE-COMMENT", "CANARY-INTERNAL-NOTE", "987654", "9 876,54", "BETA-0001"] {
                XCTAssertFalse(text.contains(canary), "\(canary) leaked into \(path)")
            }
            XCTAssertFalse(text.contains("<script>alert"), path)
            XCTAssertFalse(text.contains("onerror="), path)
            XCTAssertFalse(text.contains("javascript:"), path)
            XCTAssertFalse(text.contains("<iframe"), path)
            XCTAssertFalse(text.contains("<b>tags"), path)
            XCTAssertFalse(text.contains("http://") || text.contains("https://") || text.contains("src=\"//"), "no other host in \(path)")
        }
        let page = files.first { $0.0 == "tickets/ACME-0001.html" }!.1
        XCTAssertTrue(page.contains("Price sync &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") || page.contains("Price sync &lt;script&gt;"), page)
        XCTAssertTrue(page.contains("<strong>bold</strong>"), page)
        XCTAssertTrue(page.contains("Не выставлено (наше время): 30\u{00A0}мин"), page)
        // The subject reads as a sentence and ends with what intake acts on.
        XCTAssertTrue(page.contains("%5Ewa1%20%5Bgitdesk%20dispute%20%5Ewa1%20ACME-0001%20token%3Ds3cr3t0000000000%5D&amp;body="), page)
        // The statement a lead prints is the same page, as inert and as private.
        let statement = try gitdesk("statement", "acme", "--period", "2026-11", "--format", "html").out
        XCTAssertTrue(statement.contains("Fixed &quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"), statement)
        for bad in ["<b>tags", "<script", "CANARY-INTERNAL-NOTE", "987654", "http://", "https://"] { XCTAssertFalse(statement.contains(bad), bad) }
    }

    func testDeterministicIncrementalAndCheck() throws {
        try makeSiteDesk()
        try gitdesk("site", "--out", root + "/a")
        try gitdesk("site", "--out", root + "/b")
        let a = try allBytes(root + "/a/acme-s3cr3t0000000000").sorted { $0.0 < $1.0 }
        let b = try allBytes(root + "/b/acme-s3cr3t0000000000").sorted { $0.0 < $1.0 }
        XCTAssertEqual(a.map(\.0), b.map(\.0))
        XCTAssertTrue(zip(a, b).allSatisfy { $0.1 == $1.1 }, "same commit, same bytes")
        try gitdesk("site", "--out", root + "/a", "--check")
        let betaPage = root + "/a/beta/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: betaPage)[.modificationDate] as! Date
        try write("tickets/ACME/ACME-0001/work.md", try read("tickets/ACME/ACME-0001/work.md") + "- 2026-11-20 alice 1h billable More ^wa3\n")
        try git("commit", "-q", "--no-verify", "-am", "more work", env: ["GIT_AUTHOR_DATE": "2026-11-21T12:00:00+03:00", "GIT_COMMITTER_DATE": "2026-11-21T12:00:00+03:00"])
        let stale = try gitdesk("site", "--out", root + "/a", "--check", code: 1)
        XCTAssertEqual(stale.out, "не актуален: acme-s3cr3t0000000000\n")
        let rebuilt = try gitdesk("site", "--out", root + "/a")
        // One summary line: one site of two rebuilt (beta's page keeps its time below).
        XCTAssertEqual(rebuilt.err.split(separator: "\n").count, 1, rebuilt.err)
        XCTAssertTrue(rebuilt.err.contains("обновлено 1 из 2"), rebuilt.err)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: betaPage)[.modificationDate] as! Date, before)
        try gitdesk("site", "--out", root + "/a", "--check")
    }

    func testOverviewSnapshot() throws {
        try makeSiteDesk()
        try gitdesk("site", "--out", root + "/site", "--client", "acme")
        let html = try String(contentsOfFile: root + "/site/acme-s3cr3t0000000000/index.html", encoding: .utf8)
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/acme-overview.html")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] != nil {
            try html.write(to: snapshot, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(html, try String(contentsOf: snapshot, encoding: .utf8), "run with UPDATE_SNAPSHOTS=1 to accept a change")
    }

    // MARK: Chromium

    private func chromium(_ url: String) throws -> Result {
        try run("/usr/bin/chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr", "--v=0",
                                      "--virtual-time-budget=5000", "--dump-dom", url], in: root)
    }

    private func assertSearchWorks(base: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let overview = try chromium(base + "index.html")
        XCTAssertTrue(overview.out.contains("ACME-0001"), overview.out, file: file, line: line)
        let search = try chromium(base + "search.html?q=synchronisations")
        XCTAssertTrue(search.out.contains("<a href=\"tickets/ACME-0001.html\">ACME-0001: Price sync &lt;script&gt;"), search.out, file: file, line: line)
        XCTAssertTrue(search.out.contains(": 1</p>"), search.out, file: file, line: line)
        for result in [overview, search] {
            for bad in ["Uncaught", "Refused to", "ERR_", "Failed to load"] {
                XCTAssertFalse(result.err.contains(bad), "console: \(result.err)", file: file, line: line)
            }
        }
    }

    func testChromiumOpensTheSiteFromFileAndHTTPAndSearches() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            return XCTFail("chromium is not installed (scripts/install-deps installs it)")
        }
        try makeSiteDesk()
        try gitdesk("site", "--out", root + "/site")
        try assertSearchWorks(base: "file://\(root!)/site/acme-s3cr3t0000000000/")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        let port = Int.random(in: 20_000...40_000)
        server.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root + "/site"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        for _ in 0..<50 where (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/acme-s3cr3t0000000000/index.html")!)) == nil {
            Thread.sleep(forTimeInterval: 0.1)
        }
        try assertSearchWorks(base: "http://127.0.0.1:\(port)/acme-s3cr3t0000000000/")
    }
}
