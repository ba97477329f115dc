import Foundation
import GitdeskCore

/// Prints HTML to PDF through a headless Chromium, where one is installed: the browser's
/// own print engine (A4, the page's `@page` rules and page numbers), no network.
public enum HeadlessChromium {
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The browser on `PATH` (or `GITDESK_CHROMIUM`), nil when there is none.
    public static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["GITDESK_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    /// The PDF of a standalone page (its styles inline; it loads nothing).
    public static func pdf(html: String) throws -> Data {
        guard let browser = executable() else {
            throw DeskError.notFound(.noChromium)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gitdesk-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("statement.html"), output = folder.appendingPathComponent("statement.pdf")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                             "--user-data-dir=" + folder.appendingPathComponent("profile").path, "--no-pdf-header-footer",
                             "--print-to-pdf=" + output.path, page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF".utf8)) else {
            throw DeskError.git(.pdfNotPrinted(browser: browser, status: process.terminationStatus))
        }
        return data
    }
}
